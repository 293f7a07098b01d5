"""The staff home: the lists each role has, with their counts (OSS-8)."""

import re

import pytest
from django.urls import reverse

from addons.dossiers.models import Status
from tests.backoffice.conftest import listed

pytestmark = pytest.mark.django_db


def cards(html: str) -> dict[str, int]:
    return {
        name: int(count)
        for name, count in re.findall(
            r'data-list="(\w+)">.*?<span class="count-big">(\d+)</span>', html, re.S
        )
    }


def test_OSS_8_each_role_sees_its_lists_with_counts(signed_in, staff):
    listed(staff, status=Status.SUBMITTED)
    listed(staff, status=Status.SUBMITTED)
    listed(staff, status=Status.RESULT_READY)
    listed(staff, unit=staff.unit)
    listed(staff, unit=staff.unit, handler=staff.specialist)
    listed(staff, status=Status.AWAITING_APPROVAL, unit=staff.unit)

    clerk = signed_in(staff.clerk).get(reverse("backoffice:home")).content.decode()
    assert cards(clerk) == {"mine": 0, "desk": 2}
    assert reverse("backoffice:receive") in clerk and reverse("backoffice:overview") not in clerk

    specialist = signed_in(staff.specialist).get(reverse("backoffice:home")).content.decode()
    assert cards(specialist) == {"mine": 1, "unit": 1}
    assert reverse("backoffice:register") not in specialist

    leader = signed_in(staff.leader).get(reverse("backoffice:home")).content.decode()
    assert cards(leader) == {"mine": 0, "desk": 2, "approvals": 1, "agency": 6}
    assert reverse("backoffice:overview") in leader and reverse("backoffice:register") in leader
