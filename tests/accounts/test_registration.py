"""Registration of citizens and organisations with email or phone verification (POR-n)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from addons.accounts.models import ContactVerification, User

STRONG = "Ba-con-meo-tren-mai-nha"


def citizen_form(**overrides) -> dict:
    return {
        "kind": "person",
        "full_name": "Lê Văn Cường",
        "identity_number": "079090001234",
        "email": "cuong@example.vn",
        "phone": "",
        "password1": STRONG,
        "password2": STRONG,
        **overrides,
    }


def code_in(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


@pytest.mark.django_db
def test_por_n_a_citizen_registers_by_email_and_verifies_with_the_code(client):
    response = client.post("/accounts/register/", citizen_form())
    assert response.status_code == 302 and response["Location"] == "/accounts/verify/"
    user = User.objects.get(username="cuong@example.vn")
    assert user.self_registered and not user.is_contact_verified and not user.can_submit_dossiers
    assert client.session["_auth_user_id"] == str(user.pk)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["cuong@example.vn"]
    code = code_in(mail.outbox[0].body)
    # The code itself is never stored.
    assert code not in ContactVerification.objects.get(user=user).code_hash

    assert client.get("/accounts/verify/").status_code == 200
    done = client.post("/accounts/verify/", {"code": code})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.email_verified_at is not None and user.can_submit_dossiers


@pytest.mark.django_db
def test_por_n_the_emailed_link_verifies_once(client):
    client.post("/accounts/register/", citizen_form())
    link = re.search(r"https?://\S+/accounts/verify/\S+", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    first = client.get(f"/{path}")
    assert first.status_code == 302
    assert User.objects.get(username="cuong@example.vn").email_verified_at is not None
    again = client.get(f"/{path}")
    assert again["Location"] == "/accounts/login/"


@pytest.mark.django_db
def test_por_n_an_organisation_registers_by_phone_and_verifies_by_sms(client, sms_gateway):
    form = {
        "kind": "organisation",
        "organisation_name": "Công ty TNHH Sao Mai",
        "tax_code": "0312345678",
        "representative_name": "Phạm Thị Dung",
        "email": "",
        "phone": "0912 345 678",
        "password1": STRONG,
        "password2": STRONG,
    }
    response = client.post("/accounts/register/", form)
    assert response.status_code == 302
    user = User.objects.get(username="+84912345678")
    assert (user.kind, user.tax_code, user.representative_name) == (
        User.Kind.ORGANISATION,
        "0312345678",
        "Phạm Thị Dung",
    )
    assert [m["to"] for m in sms_gateway.messages] == ["+84912345678"]
    code = code_in(sms_gateway.messages[0]["text"])
    client.post("/accounts/verify/", {"code": code})
    user.refresh_from_db()
    assert user.phone_verified_at is not None


@pytest.mark.django_db
def test_por_n_an_organisation_needs_its_tax_code_and_representative(client, english):
    form = citizen_form(kind="organisation", full_name="", organisation_name="Sao Mai")
    response = client.post("/accounts/register/", form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"tax_code", "representative_name"}
    assert not User.objects.filter(username="cuong@example.vn").exists()


@pytest.mark.django_db
def test_por_n_a_gateway_refusal_keeps_the_account_and_says_so(client, sms_gateway, english):
    sms_gateway.fail_with = 503
    response = client.post(
        "/accounts/register/", citizen_form(email="", phone="0987654321"), follow=True
    )
    assert User.objects.filter(username="+84987654321").exists()
    assert "could not be sent" in response.content.decode()
    sms_gateway.fail_with = 0
    client.post("/accounts/verify/", {"channel": "sms"})
    assert len(sms_gateway.messages) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password",
    ["Ngan9kyt", "password1234", "20261128123456", "cuong@example.vn1"],
    ids=["too-short", "common", "numeric", "similar"],
)
def test_por_n_the_password_policy_refuses_weak_passwords(client, password):
    response = client.post(
        "/accounts/register/", citizen_form(password1=password, password2=password)
    )
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert not User.objects.filter(username="cuong@example.vn").exists()


@pytest.mark.django_db
def test_por_n_email_or_phone_is_required_and_may_not_be_taken(client):
    response = client.post("/accounts/register/", citizen_form(email="", phone=""))
    assert "email" in response.context["form"].errors
    client.post("/accounts/register/", citizen_form())
    client.logout()
    again = client.post("/accounts/register/", citizen_form(email="CUONG@example.vn"))
    assert "email" in again.context["form"].errors
    assert User.objects.filter(email="cuong@example.vn").count() == 1


@pytest.mark.django_db
def test_por_n_wrong_codes_are_limited(client, settings, english):
    client.post("/accounts/register/", citizen_form())
    code = code_in(mail.outbox[0].body)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for left in range(settings.VERIFICATION_MAX_ATTEMPTS - 1, 0, -1):
        page = client.post("/accounts/verify/", {"code": wrong})
        assert f"{left} tries left" in page.content.decode()
    client.post("/accounts/verify/", {"code": wrong})
    last = client.post("/accounts/verify/", {"code": code})
    assert "Too many wrong codes" in last.content.decode()
    assert User.objects.get(username="cuong@example.vn").email_verified_at is None


@pytest.mark.django_db
def test_por_n_codes_expire(client, settings, english):
    client.post("/accounts/register/", citizen_form())
    code = code_in(mail.outbox[0].body)
    later = timezone.now() + timedelta(seconds=settings.VERIFICATION_CODE_TTL + 1)
    with time_machine.travel(later):
        page = client.post("/accounts/verify/", {"code": code})
    assert "expired" in page.content.decode()
    assert User.objects.get(username="cuong@example.vn").email_verified_at is None


@pytest.mark.django_db
def test_por_n_a_new_code_replaces_the_old_one_and_sending_is_limited(client, english):
    client.post("/accounts/register/", citizen_form())
    old = code_in(mail.outbox[0].body)
    client.post("/accounts/verify/", {"channel": "email"})
    client.post("/accounts/verify/", {"channel": "email"})
    assert len(mail.outbox) == 3
    blocked = client.post("/accounts/verify/", {"channel": "email"}, follow=True)
    assert len(mail.outbox) == 3
    assert "Too many codes" in blocked.content.decode()
    page = client.post("/accounts/verify/", {"code": old})
    if old != code_in(mail.outbox[-1].body):
        assert "not right" in page.content.decode()


@pytest.mark.django_db
def test_por_n_registration_is_rate_limited_per_address(client):
    for n in range(10):
        client.post("/accounts/register/", citizen_form(email=f"p{n}@example.vn"))
        client.logout()
    assert client.get("/accounts/register/").status_code == 200  # reading the form is free
    refused = client.post("/accounts/register/", citizen_form(email="p10@example.vn"))
    assert refused.status_code == 429
    assert not User.objects.filter(email="p10@example.vn").exists()


@pytest.mark.django_db
def test_por_n_an_unverified_account_cannot_submit_a_dossier(media, english):
    from addons.dossiers import services
    from addons.dossiers.factories import DossierFactory
    from addons.dossiers.models import Status
    from tests.dossiers.conftest import pdf

    dossier = DossierFactory(applicant__self_registered=True)
    services.document_add(dossier=dossier, actor=dossier.applicant, uploaded=pdf())
    with pytest.raises(services.ServiceError, match="Verify your email address"):
        services.dossier_submit(dossier=dossier, actor=dossier.applicant)
    dossier.refresh_from_db()
    assert dossier.status == Status.DRAFT

    applicant = dossier.applicant
    applicant.email_verified_at = timezone.now()
    applicant.save()
    services.dossier_submit(dossier=dossier, actor=applicant)
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
