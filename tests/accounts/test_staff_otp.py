"""Every staff surface needs a verified OTP device (issue 2, GEN-6, SEC strong staff
authentication); enrolment works alone."""

import re
import time

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from addons.accounts.factories import StaffFactory, UserFactory
from tests.conftest import totp_now, verified_login

STAFF_SURFACES = ["/admin/", "/django-admin/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_SURFACES)
def test_GEN_6_anonymous_is_sent_to_the_surface_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_SURFACES)
def test_GEN_6_staff_without_a_device_must_enrol_first(client, url):
    user = StaffFactory(is_superuser=True)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/otp/enrol/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_SURFACES)
def test_GEN_6_staff_with_an_unverified_device_must_verify(client, url):
    user = StaffFactory(is_superuser=True, otp=True)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/otp/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_SURFACES)
def test_GEN_6_verified_staff_reach_the_surface(client, url):
    user = StaffFactory(is_superuser=True)
    verified_login(client, user)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_SURFACES)
def test_GEN_6_a_citizen_is_refused_at_staff_surfaces(client, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_GEN_6_a_staff_member_enrols_alone_and_then_reaches_the_admin(client):
    user = StaffFactory(is_superuser=True)
    client.force_login(user)

    page = client.get("/accounts/otp/enrol/?next=/admin/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed

    wrong = client.post("/accounts/otp/enrol/", {"token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    time.sleep(1.1)  # django-otp throttles the next try for a second after a failure

    done = client.post("/accounts/otp/enrol/", {"token": totp_now(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(r"<code>(\d{8})</code>", done.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_GEN_6_a_backup_code_verifies_once(client):
    from addons.accounts.services import backup_codes_issue

    user = StaffFactory(is_superuser=True, otp=True)
    code = backup_codes_issue(user)[0]

    client.force_login(user)
    response = client.post("/accounts/otp/", {"token": code, "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    client.logout()
    client.force_login(user)
    again = client.post("/accounts/otp/", {"token": code, "next": "/admin/"})
    assert again.status_code == 200
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_GEN_6_verify_refuses_an_outside_next_url(client):
    user = StaffFactory(is_superuser=True, otp=True)
    client.force_login(user)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(
        "/accounts/otp/", {"token": totp_now(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"
