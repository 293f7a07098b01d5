"""Sessions end after a period without activity, sooner for staff (GEN-6, OSS-6)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from addons.accounts.factories import StaffFactory, UserFactory
from tests.conftest import verified_login


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def timeouts(settings):
    settings.SESSION_IDLE_TIMEOUT = 1800
    settings.SESSION_IDLE_TIMEOUT_STAFF = 600
    return settings


@pytest.mark.django_db
def test_gen_6_a_citizen_session_survives_activity_and_ends_after_idling(client, timeouts):
    client.force_login(UserFactory())
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/accounts/login/")
    # Active every 20 minutes: still signed in after an hour.
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            client.get("/tra-cuu-ho-so/")
        assert signed_in(client)
    with time_machine.travel(start + timedelta(minutes=60 + 31), tick=False):
        response = client.get("/ho-so-cua-toi/")
    assert not signed_in(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.django_db
def test_gen_6_staff_sessions_end_sooner(client, timeouts):
    staff = StaffFactory(is_superuser=True)
    verified_login(client, staff)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=9), tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=9 + 11), tick=False):
        response = client.get("/admin/")
    assert not signed_in(client)
    assert response.status_code == 302

    citizen_client = client.__class__()
    citizen_client.force_login(UserFactory())
    with time_machine.travel(start, tick=False):
        citizen_client.get("/tra-cuu-ho-so/")
    with time_machine.travel(start + timedelta(minutes=11), tick=False):
        citizen_client.get("/tra-cuu-ho-so/")
    assert signed_in(citizen_client)
