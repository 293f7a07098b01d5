"""Forgotten and changed passwords: a link by email or text message, one answer for every name,
the link working once, every other session ended (SEC, POR-n)."""

import re

import pytest
from django.core import mail
from django.test import Client

from addons.accounts.factories import UserFactory
from addons.accounts.models import SignedInSession, User
from addons.audit.models import Action
from tests.conftest import sign_in, signed_in

OLD = "mat-khau-thu-nghiem"
NEW = "Ba-con-meo-tren-mai-nha"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    yield


def link_path(text: str) -> str:
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/\S+/", text).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_sec_a_forgotten_password_is_reset_through_the_emailed_link(client, trail):
    user = UserFactory(email="lan@example.vn")
    elsewhere = Client()
    sign_in(elsewhere, "/accounts/login/", user.username, OLD)
    assert signed_in(elsewhere)
    assert "/accounts/password/reset/" in client.get("/accounts/login/").content.decode()

    response = client.post("/accounts/password/reset/", {"account": "LAN@example.vn"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    assert mail.outbox[0].subject == "Set a new password"  # in the language of the page
    path = link_path(mail.outbox[0].body)

    form = client.get(path, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/complete/"
    user.refresh_from_db()
    assert user.check_password(NEW)
    # The browser still signed in with the old password is out; the link works once.
    assert not signed_in(elsewhere)
    assert not SignedInSession.objects.filter(user=user).exists()
    again = client.get(path, follow=True)
    assert 'data-testid="invalid-link"' in again.content.decode()
    assert [e.action for e in trail(actor=user) if e.action == Action.PASSWORD_RESET]
    requested = trail(action=Action.PASSWORD_RESET_REQUESTED)
    assert requested[0].detail == {"sent": True}


def test_sec_an_account_with_only_a_phone_gets_the_link_by_text_message(client, sms_gateway):
    user = UserFactory(username="+84912345678", email="", phone="+84912345678")
    client.post("/accounts/password/reset/", {"account": "0912 345 678"})
    assert [m["to"] for m in sms_gateway.messages] == ["+84912345678"]
    assert not mail.outbox
    form = client.get(link_path(sms_gateway.messages[0]["text"]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_sec_the_answer_is_the_same_whether_or_not_an_account_matches(client):
    UserFactory(email="lan@example.vn")
    answers = [
        client.post("/accounts/password/reset/", {"account": name})
        for name in ("lan@example.vn", "nobody@example.vn", "0900000000")
    ]
    assert {(r.status_code, r["Location"]) for r in answers} == {
        (302, "/accounts/password/reset/sent/")
    }
    assert len(mail.outbox) == 1


def test_sec_a_weak_password_or_a_forged_link_is_refused(client):
    user = UserFactory()
    client.post("/accounts/password/reset/", {"account": user.email})
    form = client.get(link_path(mail.outbox[0].body), follow=True)
    weak = client.post(form.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200 and "too short" in weak.content.decode()
    forged = client.get(link_path(mail.outbox[0].body)[:-6] + "xxxxx/", follow=True)
    assert 'data-testid="invalid-link"' in forged.content.decode()
    user.refresh_from_db()
    assert user.check_password(OLD)


def test_sec_reset_requests_are_limited_per_account_and_per_address(client, settings):
    user = UserFactory()
    for _ in range(5):
        client.post("/accounts/password/reset/", {"account": user.email})
    assert len(mail.outbox) == 3  # per account and hour
    for i in range(6):  # ten from one address in an hour, then no more
        response = client.post("/accounts/password/reset/", {"account": f"x{i}@example.vn"})
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()


def test_sec_a_signed_in_person_changes_their_password_and_their_other_sessions_end(client, trail):
    user = UserFactory()
    elsewhere = Client()
    sign_in(elsewhere, "/accounts/login/", user.username, OLD)
    sign_in(client, "/accounts/login/", user.username, OLD)
    wrong = client.post(
        "/accounts/password/change/",
        {"old_password": "sai", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200 and not User.objects.get(pk=user.pk).check_password(NEW)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert signed_in(client) and not signed_in(elsewhere)
    assert client.get("/ho-so-cua-toi/").status_code == 200
    assert list(
        SignedInSession.objects.filter(user=user).values_list("session_key", flat=True)
    ) == [client.session.session_key]
    assert trail(action=Action.PASSWORD_CHANGE)[0].detail == {"sessions_ended": 1}


def test_sec_the_link_is_written_in_the_language_of_the_page_that_asked(client):
    """Asked from the Vietnamese page (the default), the message is in Vietnamese."""
    from django.test import override_settings
    from django.urls import clear_url_caches
    from django.utils import translation

    user = UserFactory()
    with override_settings(LANGUAGE_CODE="vi"), translation.override("vi"):
        clear_url_caches()
        client.post("/accounts/password/reset/", {"account": user.email})
    clear_url_caches()
    assert mail.outbox[0].subject == "Đặt mật khẩu mới"
    assert "Mở liên kết này" in mail.outbox[0].body
