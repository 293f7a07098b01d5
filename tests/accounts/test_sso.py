"""Centralised sign-in through OpenID Connect against a local provider (GEN-6, POR-e, OSS-6)."""

import base64
import json
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth import user_logged_in, user_login_failed
from django.contrib.messages import get_messages

from addons.accounts.factories import StaffFactory, UserFactory
from addons.accounts.models import ExternalIdentity, User
from tests.conftest import totp_now

CITIZEN_CLAIMS = {"identity_number": "citizen_id"}


@pytest.fixture
def citizens_op(local_op, settings):
    settings.OIDC_PROVIDERS = [
        local_op.setting(
            "testid", audience="citizens", trust_identity_number=True, claims=CITIZEN_CLAIMS
        )
    ]
    return local_op


@pytest.fixture
def signals():
    seen = {"in": [], "failed": []}

    def on_in(sender, request, user, **kwargs):
        seen["in"].append(user)

    def on_failed(sender, credentials, request=None, **kwargs):
        seen["failed"].append(credentials)

    user_logged_in.connect(on_in)
    user_login_failed.connect(on_failed)
    yield seen
    user_logged_in.disconnect(on_in)
    user_login_failed.disconnect(on_failed)


def to_provider_and_back(client, op, name="testid", next_url="", state=None):
    """Start at the portal, let the provider answer as a browser would, return the callback."""
    start = client.get(f"/sso/{name}/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start.content
    assert start["Location"].startswith(f"{op.issuer}/authorize?")
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["nonce"][0] and query["state"][0]
    back = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302
    callback = urlparse(back.headers["Location"])
    params = parse_qs(callback.query)
    if state is not None:
        params["state"] = [state]
    return client.get(callback.path, {k: v[0] for k, v in params.items()})


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def message_texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_gen_6_sign_in_page_shows_the_providers_and_local_sign_in_keeps_working(
    client, citizens_op
):
    page = client.get("/accounts/login/")
    html = page.content.decode()
    assert 'href="/sso/testid/"' in html
    assert 'name="password"' in html
    user = UserFactory(username="local-person")
    response = client.post(
        "/accounts/login/", {"username": "local-person", "password": "mat-khau-thu-nghiem"}
    )
    assert response.status_code == 302
    assert signed_in_user(client) == user


@pytest.mark.django_db
def test_gen_6_por_e_a_first_sign_in_creates_a_citizen_account(client, citizens_op, signals):
    citizens_op.next_claims = {
        "sub": "vneid-0001",
        "name": "Trần Thị Bình",
        "email": "binh@example.vn",
        "email_verified": True,
        "citizen_id": "001088000111",
    }
    response = to_provider_and_back(client, citizens_op)
    assert response.status_code == 302 and response["Location"] == "/"
    user = signed_in_user(client)
    assert user is not None
    assert (user.kind, user.full_name, user.identity_number) == (
        User.Kind.PERSON,
        "Trần Thị Bình",
        "001088000111",
    )
    assert user.identity_verified_at and user.email_verified_at
    assert not user.has_usable_password()
    assert ExternalIdentity.objects.get(provider="testid", subject="vneid-0001").user == user
    assert signals["in"] == [user]
    # The code was redeemed with its PKCE verifier and the client's secret.
    assert citizens_op.token_requests[0]["code_verifier"]

    client.logout()
    to_provider_and_back(client, citizens_op)
    assert signed_in_user(client) == user
    assert User.objects.filter(identity_number="001088000111").count() == 1


@pytest.mark.django_db
def test_gen_6_links_an_existing_account_by_verified_identity_number(client, citizens_op):
    existing = UserFactory(identity_number="001088000222", email="old@example.vn")
    citizens_op.next_claims = {"sub": "vneid-0002", "citizen_id": "001088000222", "name": "X"}
    to_provider_and_back(client, citizens_op)
    assert signed_in_user(client) == existing
    link = ExternalIdentity.objects.get(subject="vneid-0002")
    assert (link.user, link.linked_by) == (existing, "identity_number")
    existing.refresh_from_db()
    assert existing.identity_verified_at is not None


@pytest.mark.django_db
def test_gen_6_a_self_declared_identity_number_is_not_enough_to_link(client, citizens_op):
    squatter = UserFactory(identity_number="001088000333", self_registered=True)
    citizens_op.next_claims = {"sub": "vneid-0003", "citizen_id": "001088000333"}
    to_provider_and_back(client, citizens_op)
    user = signed_in_user(client)
    assert user is not None and user != squatter


@pytest.mark.django_db
def test_gen_6_identity_numbers_of_an_untrusted_provider_are_ignored(client, local_op, settings):
    settings.OIDC_PROVIDERS = [local_op.setting("other", claims=CITIZEN_CLAIMS)]
    existing = UserFactory(identity_number="001088000444")
    local_op.next_claims = {"sub": "o-1", "citizen_id": "001088000444"}
    to_provider_and_back(client, local_op, name="other")
    user = signed_in_user(client)
    assert user != existing and user.identity_number == ""


@pytest.mark.django_db
@pytest.mark.parametrize("verified", [False, True], ids=["unverified", "verified"])
def test_gen_6_links_by_email_only_when_the_provider_verified_it(client, citizens_op, verified):
    existing = UserFactory(email="same@example.vn", identity_number="")
    citizens_op.next_claims = {
        "sub": f"e-{verified}",
        "email": "Same@Example.vn",
        "email_verified": verified,
    }
    to_provider_and_back(client, citizens_op)
    user = signed_in_user(client)
    assert (user == existing) is verified
    if not verified:
        assert not user.email_verified_at


@pytest.mark.django_db
def test_gen_6_a_citizen_provider_never_links_a_staff_account(client, citizens_op):
    staff = StaffFactory(identity_number="001088000555", email="staff@example.gov.vn")
    citizens_op.next_claims = {
        "sub": "c-staff",
        "citizen_id": "001088000555",
        "email": "staff@example.gov.vn",
        "email_verified": True,
    }
    to_provider_and_back(client, citizens_op)
    user = signed_in_user(client)
    assert user != staff
    assert user.kind == User.Kind.PERSON and not user.is_staff


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tamper", "words"),
    [
        ("nonce", "not issued for it"),
        ("signature", "invalid signature"),
        ("issuer", "not issued by the expected identity provider"),
        ("audience", "not issued for this portal"),
        ("audience_azp", "not issued for this portal"),
        ("expired", "expired"),
    ],
)
def test_gen_6_a_forged_or_stale_token_is_refused_with_a_clear_message(
    client, citizens_op, signals, english, tamper, words
):
    citizens_op.next_claims = {"sub": f"t-{tamper}", "name": "Mallory"}
    citizens_op.tamper = tamper
    response = to_provider_and_back(client, citizens_op)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert signed_in_user(client) is None
    assert not ExternalIdentity.objects.filter(subject=f"t-{tamper}").exists()
    assert any(words in text for text in message_texts(response)), message_texts(response)
    assert signals["failed"] and signals["failed"][0]["oidc_provider"] == "testid"


@pytest.mark.django_db
def test_gen_6_a_wrong_state_is_refused(client, citizens_op, signals, english):
    citizens_op.next_claims = {"sub": "s-1"}
    response = to_provider_and_back(client, citizens_op, state="forged-state")
    assert signed_in_user(client) is None
    assert any("state did not match" in text for text in message_texts(response))
    assert signals["failed"][0]["reason"] == "bad_state"


@pytest.mark.django_db
def test_gen_6_an_unknown_provider_is_not_found(client, citizens_op):
    assert client.get("/sso/nobody/").status_code == 404


@pytest.fixture
def staff_op(local_op, settings):
    settings.OIDC_PROVIDERS = [local_op.setting("staffid", label="Staff ID", audience="staff")]
    return local_op


@pytest.mark.django_db
def test_gen_6_oss_6_staff_signing_in_through_the_provider_still_need_their_otp_device(
    client, staff_op
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    staff = StaffFactory(is_superuser=True, email="canbo@example.gov.vn", otp=True)
    staff_op.next_claims = {
        "sub": "staff-1",
        "email": "canbo@example.gov.vn",
        "email_verified": True,
    }
    response = to_provider_and_back(client, staff_op, name="staffid", next_url="/admin/")
    assert response["Location"] == "/admin/"
    assert signed_in_user(client) == staff

    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"].startswith("/accounts/otp/?next=")
    device = TOTPDevice.objects.get(user=staff)
    verified = client.post("/accounts/otp/", {"token": totp_now(device), "next": "/admin/"})
    assert verified["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_gen_6_a_staff_provider_never_creates_accounts(client, staff_op, english):
    staff_op.next_claims = {
        "sub": "staff-x",
        "email": "unknown@example.gov.vn",
        "email_verified": True,
    }
    response = to_provider_and_back(client, staff_op, name="staffid")
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="unknown@example.gov.vn").exists()
    assert any("No staff account matches" in t for t in message_texts(response))


@pytest.mark.django_db
def test_gen_6_a_staff_provider_needs_a_verified_email(client, staff_op):
    StaffFactory(email="canbo2@example.gov.vn")
    staff_op.next_claims = {
        "sub": "staff-2",
        "email": "canbo2@example.gov.vn",
        "email_verified": False,
    }
    to_provider_and_back(client, staff_op, name="staffid")
    assert signed_in_user(client) is None


@pytest.mark.django_db
def test_gen_6_a_locked_account_cannot_sign_in_through_the_provider(client, citizens_op):
    locked = UserFactory(identity_number="001088000666", is_active=False)
    ExternalIdentity.objects.create(
        user=locked, provider="testid", subject="l-1", linked_by="email"
    )
    citizens_op.next_claims = {"sub": "l-1"}
    to_provider_and_back(client, citizens_op)
    assert signed_in_user(client) is None


@pytest.mark.django_db
def test_gen_6_an_account_under_a_sign_in_lock_cannot_sign_in_through_the_provider(
    client, citizens_op
):
    """OSS-6: the lock an administrator (or ten failures) put on an account holds for SSO too."""
    from django.contrib.messages import get_messages

    from addons.audit.forms import lock_message
    from addons.audit.models import SignInLock
    from addons.audit.services import lock_create

    user = UserFactory()
    ExternalIdentity.objects.create(user=user, provider="testid", subject="k-1", linked_by="email")
    lock = lock_create(
        scope=SignInLock.Scope.ACCOUNT,
        key=user.get_username(),
        reason=SignInLock.Reason.ADMINISTRATOR,
    )
    citizens_op.next_claims = {"sub": "k-1"}
    response = to_provider_and_back(client, citizens_op)
    assert signed_in_user(client) is None
    assert [str(m) for m in get_messages(response.wsgi_request)] == [lock_message(lock)]


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ({"client_id": "x", "issuer": "https://id.example"}, "lacks 'name'"),
        ({"name": "a", "client_id": "x"}, "issuer or discovery_url"),
        ({"name": "a", "client_id": "x", "issuer": "https://i", "audience": "all"}, "audience"),
        ({"name": "a", "client_id": "x", "issuer": "https://i", "scopes": "email"}, "openid"),
    ],
)
def test_gen_6_a_wrong_provider_setting_fails_the_system_check(settings, entry, words):
    from addons.accounts.sso.providers import check_providers

    settings.OIDC_PROVIDERS = [entry]
    errors = check_providers()
    assert len(errors) == 1 and words in errors[0].msg


def test_gen_6_the_client_secret_stays_out_of_logs(local_op, settings):
    from addons.accounts.sso.providers import providers_all

    settings.OIDC_PROVIDERS = [local_op.setting()]
    assert local_op.client_secret not in repr(providers_all())


@pytest.mark.django_db
def test_gen_6_signing_out_after_a_provider_sign_in_signs_out_at_the_provider_too(
    client, citizens_op
):
    """Single sign-out: the portal session ends, then the browser goes to the provider's end
    session endpoint with the ID token it signed in with, and the provider sends it back."""
    citizens_op.next_claims = {"sub": "vneid-0009", "name": "Phạm Văn Đức"}
    to_provider_and_back(client, citizens_op)
    assert signed_in_user(client) is not None

    response = client.post("/accounts/logout/")
    assert signed_in_user(client) is None
    assert response.status_code == 302
    assert response["Location"].startswith(f"{citizens_op.issuer}/logout?")
    back = requests.get(response["Location"], allow_redirects=False, timeout=5)
    assert back.headers["Location"] == "http://testserver/"
    [logout] = citizens_op.logouts
    assert logout["client_id"] == citizens_op.client_id
    # The hint is the ID token the provider issued for this sign-in.
    issued = logout["id_token_hint"].split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(issued + "=" * (-len(issued) % 4)))
    assert claims["sub"] == "vneid-0009" and claims["aud"] == citizens_op.client_id


@pytest.mark.django_db
def test_gen_6_a_local_sign_in_or_a_provider_without_sign_out_ends_at_the_portal(
    client, local_op, settings
):
    local_op.offers_logout = False
    settings.OIDC_PROVIDERS = [local_op.setting("nologout")]
    local_op.next_claims = {"sub": "x-1", "email": "x1@example.vn", "email_verified": True}
    to_provider_and_back(client, local_op, name="nologout")
    assert signed_in_user(client) is not None
    response = client.post("/accounts/logout/")
    assert (response.status_code, response["Location"]) == (302, "/")

    UserFactory(username="local-person")
    client.post("/accounts/login/", {"username": "local-person", "password": "mat-khau-thu-nghiem"})
    response = client.post("/accounts/logout/")
    assert (response.status_code, response["Location"]) == (302, "/")
    assert signed_in_user(client) is None and not local_op.logouts
