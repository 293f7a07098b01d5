"""Lockout after repeated failed sign-ins (OSS-6, SEC; acceptance 3), on every sign-in page."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from addons.accounts.factories import StaffFactory, UserFactory
from addons.audit.models import Action, SignInLock
from tests.conftest import sign_in, signed_in, verified_login

PASSWORD = "mat-khau-thu-nghiem"
LOGIN_PAGES = ["/accounts/login/", "/admin/login/", "/django-admin/login/"]


@pytest.fixture(autouse=True)
def _english(english_screens):
    yield


def test_oss_6_ten_failures_lock_the_account_and_are_on_record(client, trail, db):
    user = UserFactory()
    for _ in range(9):
        sign_in(client, "/accounts/login/", user.username, "wrong-password")
    assert not SignInLock.objects.filter(key=user.username).exists()
    response = sign_in(client, "/accounts/login/", user.username, "wrong-password")
    assert "locked until" in response.content.decode()
    # The right password no longer opens the account.
    response = sign_in(client, "/accounts/login/", user.username, PASSWORD)
    assert not signed_in(client)
    assert "This account is locked until" in response.content.decode()

    assert len(trail(action=Action.LOGIN_FAILED, username=user.username)) == 10
    assert len(trail(action=Action.LOCK, username=user.username)) == 1
    refused = trail(action=Action.LOGIN_REFUSED, username=user.username)
    assert len(refused) == 1 and refused[0].address == "203.0.113.7"
    assert not trail(action=Action.LOGIN)


@pytest.mark.parametrize("path", LOGIN_PAGES)
def test_oss_6_lock_applies_to_every_sign_in_page(client, db, settings, path):
    settings.SIGNIN_LOCKOUT_FAILURES = 3
    user = StaffFactory(is_superuser=True, otp=True)
    for _ in range(3):
        sign_in(client, "/accounts/login/", user.username, "wrong")
    response = sign_in(client, path, user.username, PASSWORD)
    assert not signed_in(client)
    assert "This account is locked until" in response.content.decode()


def test_oss_6_lock_expires_after_the_period(client, db, settings):
    settings.SIGNIN_LOCKOUT_FAILURES = 2
    settings.SIGNIN_LOCKOUT_DURATION = 600
    user = UserFactory()
    for _ in range(2):
        sign_in(client, "/accounts/login/", user.username, "wrong")
    sign_in(client, "/accounts/login/", user.username, PASSWORD)
    assert not signed_in(client)
    with time_machine.travel(timezone.now() + timedelta(seconds=601)):
        sign_in(client, "/accounts/login/", user.username, PASSWORD)
        assert signed_in(client)


def test_oss_6_failures_from_one_address_lock_that_address(client, db, settings, trail):
    settings.SIGNIN_LOCKOUT_ADDRESS_FAILURES = 4
    victims = UserFactory.create_batch(4)
    for victim in victims:
        sign_in(client, "/accounts/login/", victim.username, "guess", address="198.51.100.9")
    other = UserFactory()
    response = sign_in(client, "/accounts/login/", other.username, PASSWORD, "198.51.100.9")
    assert not signed_in(client)
    assert "from your network" in response.content.decode()
    assert [e.detail["scope"] for e in trail(action=Action.LOCK)] == ["address"]
    # Another address is not concerned, nor are the accounts themselves.
    sign_in(client, "/accounts/login/", other.username, PASSWORD, address="198.51.100.10")
    assert signed_in(client)


def test_oss_6_success_resets_the_count(client, db, settings):
    settings.SIGNIN_LOCKOUT_FAILURES = 3
    user = UserFactory()
    for _ in range(2):
        sign_in(client, "/accounts/login/", user.username, "wrong")
    sign_in(client, "/accounts/login/", user.username, PASSWORD)
    client.logout()
    for _ in range(2):
        sign_in(client, "/accounts/login/", user.username, "wrong")
    sign_in(client, "/accounts/login/", user.username, PASSWORD)
    assert signed_in(client)


def test_sec_sign_in_and_sign_out_are_on_record(client, db, trail):
    user = UserFactory()
    sign_in(client, "/accounts/login/", user.username, PASSWORD)
    client.post("/accounts/logout/")
    assert [e.action for e in trail()] == [Action.LOGIN, Action.LOGOUT]
    assert trail()[0].actor_id == user.pk and trail()[0].address == "203.0.113.7"


def test_sec_sign_in_posts_are_rate_limited_per_address(client, db, settings):
    settings.SIGNIN_RATE_LIMIT = 3
    settings.SIGNIN_LOCKOUT_ADDRESS_FAILURES = 100
    codes = [sign_in(client, "/accounts/login/", f"nobody{i}", "x").status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.fixture
def administrator(client, db):
    from addons.accounts.roles import Role

    admin = StaffFactory(roles=[Role.ADMINISTRATOR.value], otp=True)
    verified_login(client, admin)
    return admin


def test_oss_6_administrator_locks_and_unlocks_an_account(client, administrator, trail):
    from django.test import Client

    user = UserFactory()
    response = client.post("/admin/audit/locks/lock/", {"username": user.username, "until": ""})
    assert response.status_code == 302
    lock = SignInLock.objects.get(key=user.username)
    assert lock.reason == SignInLock.Reason.ADMINISTRATOR and lock.locked_until is None
    page = client.get("/admin/audit/locks/").content.decode()
    assert f'data-key="{user.username}"' in page

    visitor = Client()
    response = sign_in(visitor, "/accounts/login/", user.username, PASSWORD)
    assert "locked by an administrator" in response.content.decode()
    assert not signed_in(visitor)

    assert client.post(f"/admin/audit/locks/{lock.pk}/unlock/").status_code == 302
    sign_in(visitor, "/accounts/login/", user.username, PASSWORD)
    assert signed_in(visitor)
    actions = [e.action for e in trail() if e.action in (Action.LOCK, Action.UNLOCK)]
    assert actions == [Action.LOCK, Action.UNLOCK]
    assert trail(action=Action.UNLOCK)[0].actor_id == administrator.pk


def test_oss_6_only_administrators_manage_locks(client, db):
    clerk = StaffFactory(roles=["Cán bộ một cửa"], otp=True)
    verified_login(client, clerk)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    for response in (
        client.get("/admin/audit/locks/"),
        client.post("/admin/audit/locks/lock/", {"username": "x"}),
    ):
        assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    assert not SignInLock.objects.exists()


def test_oss_6_an_administrators_lock_ends_the_accounts_open_sessions(client, administrator, trail):
    """Signed in on two browsers, the locked account is signed out of both at once; another
    user's session is left alone."""
    from django.test import Client

    from addons.accounts.models import SignedInSession

    user, other = UserFactory(), UserFactory()
    browsers = [Client(), Client()]
    for browser in browsers:
        sign_in(browser, "/accounts/login/", user.username, PASSWORD)
        assert signed_in(browser)
    bystander = Client()
    sign_in(bystander, "/accounts/login/", other.username, PASSWORD)
    assert SignedInSession.objects.filter(user=user).count() == 2

    client.post("/admin/audit/locks/lock/", {"username": user.username.upper(), "until": ""})

    for browser in browsers:
        assert not signed_in(browser)
        response = browser.get("/ho-so-cua-toi/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert signed_in(bystander)
    assert not SignedInSession.objects.filter(user=user).exists()
    assert trail(action=Action.LOCK)[0].detail["sessions_ended"] == 2


def test_oss_6_a_lock_after_failures_does_not_sign_the_owner_out(client, db):
    """Whoever guesses at a password locks the account against new sign-ins, but cannot end the
    owner's session."""
    from django.test import Client

    user = UserFactory()
    owner = Client()
    sign_in(owner, "/accounts/login/", user.username, PASSWORD)
    for _ in range(10):
        sign_in(client, "/accounts/login/", user.username, "wrong-password", "198.51.100.9")
    assert SignInLock.objects.filter(key=user.username).exists()
    assert signed_in(owner)


def test_sec_signed_in_sessions_are_forgotten_when_they_end(client, db):
    from django.contrib.sessions.models import Session

    from addons.accounts.models import SignedInSession

    user = UserFactory()
    sign_in(client, "/accounts/login/", user.username, PASSWORD)
    assert SignedInSession.objects.filter(user=user).count() == 1
    client.post("/accounts/logout/")
    assert not SignedInSession.objects.filter(user=user).exists()
    # A session that expired (cleared by `clearsessions`) is forgotten at the next sign-in.
    sign_in(client, "/accounts/login/", user.username, PASSWORD)
    Session.objects.all().delete()
    client.cookies.clear()
    sign_in(client, "/accounts/login/", user.username, PASSWORD)
    assert SignedInSession.objects.filter(user=user).count() == 1
