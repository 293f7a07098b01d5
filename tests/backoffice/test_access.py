"""Every back-office page needs a verified staff member of the agency (GEN-6, OSS-6, OSS-8)."""

import pytest
from django.urls import reverse

from addons.accounts.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("backoffice:home", ()),
    ("backoffice:worklist", ("mine",)),
    ("backoffice:worklist", ("unit",)),
    ("backoffice:worklist", ("desk",)),
    ("backoffice:worklist", ("approvals",)),
    ("backoffice:worklist", ("agency",)),
    ("backoffice:overview", ()),
    ("backoffice:receive", ()),
    ("backoffice:register", ()),
]


def _dossier_urls(dossier):
    document = dossier.documents.get()
    return [
        reverse("backoffice:dossier", args=[dossier.pk]),
        reverse("backoffice:document", args=[document.pk]),
    ]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_GEN_6_anonymous_is_sent_to_the_login(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/backoffice/")


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_GEN_6_a_citizen_is_refused(client, name, args):
    client.force_login(UserFactory())
    assert client.get(reverse(name, args=args)).status_code == 403


def test_GEN_6_staff_without_a_verified_device_must_verify(client, staff):
    client.force_login(staff.leader)  # signed in with a password only
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/otp/")


def test_GEN_6_a_staff_member_without_a_dossier_role_is_refused(signed_in, staff):
    editor = StaffFactory(agency=staff.agency, roles=["Biên tập viên"], otp=True)
    assert signed_in(editor).get(reverse("backoffice:home")).status_code == 403


def test_GEN_6_the_dossier_page_and_its_files_need_a_login(client, submitted):
    for url in _dossier_urls(submitted):
        assert client.get(url).status_code == 302
        client.force_login(submitted.applicant)  # the applicant is a citizen here
        assert client.get(url).status_code == 403
        client.logout()


def test_OSS_8_staff_of_another_agency_get_404_and_do_not_see_it_listed(
    signed_in, submitted, received, other_agency, staff
):
    for user in (other_agency.clerk, other_agency.leader, other_agency.specialist):
        client = signed_in(user)
        for url in _dossier_urls(submitted):
            assert client.get(url).status_code == 404, (user, url)
    client = signed_in(other_agency.leader)
    for name in ("desk", "agency", "approvals"):
        page = client.get(reverse("backoffice:worklist", args=[name]), {"status": "processing"})
        assert page.status_code == 200
        assert submitted.code not in page.content.decode()
    # the same lists of the dossier's own agency do show it
    page = signed_in(staff.leader).get(reverse("backoffice:worklist", args=["agency"]))
    assert submitted.code in page.content.decode()


def test_OSS_8_a_specialist_sees_their_unit_and_not_another_unit(signed_in, received, staff):
    from addons.catalogue.factories import UnitFactory

    url = reverse("backoffice:dossier", args=[received.pk])
    assert signed_in(staff.specialist).get(url).status_code == 200
    elsewhere = StaffFactory(
        agency=staff.agency,
        unit=UnitFactory(parent=staff.agency),
        roles=["Chuyên viên"],
        otp=True,
    )
    assert signed_in(elsewhere).get(url).status_code == 404


def test_OSS_8_lists_are_given_by_role(signed_in, staff):
    clerk = signed_in(staff.clerk)
    assert clerk.get(reverse("backoffice:worklist", args=["desk"])).status_code == 200
    assert clerk.get(reverse("backoffice:worklist", args=["approvals"])).status_code == 403
    assert clerk.get(reverse("backoffice:overview")).status_code == 403
    specialist = signed_in(staff.specialist)
    assert specialist.get(reverse("backoffice:worklist", args=["unit"])).status_code == 200
    assert specialist.get(reverse("backoffice:worklist", args=["desk"])).status_code == 403
    assert specialist.get(reverse("backoffice:receive")).status_code == 403
    assert specialist.get(reverse("backoffice:register")).status_code == 403
    leader = signed_in(staff.leader)
    assert leader.get(reverse("backoffice:overview")).status_code == 200
    assert leader.get(reverse("backoffice:worklist", args=["nonsense"])).status_code == 404
