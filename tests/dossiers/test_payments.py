"""Online payment of fees (OSS-2 "fees including online payment"): the signed request to the
gateway, its server-to-server notification verified (signature, amount, merchant) and settled once,
the browser's return; against a small local server that plays the gateway."""

import hashlib
import hmac
from decimal import Decimal
from urllib.error import HTTPError
from urllib.parse import parse_qsl, urlsplit
from urllib.request import HTTPRedirectHandler, build_opener

import pytest
from django.urls import reverse

from addons.dossiers import payments, services
from addons.dossiers.models import Fee, Payment, Status
from tests.dossiers.gateway import MERCHANT, SECRET, FakeGateway, gateway_configured
from workflows.dossier import act

IPN = "/api/v1/dossiers/payments/ipn/"


@pytest.fixture
def gateway_settings(settings):
    return gateway_configured(settings)


@pytest.fixture
def owing(submitted, staff):
    """Being processed, a fee of 200,000 VND asked of the applicant (status 6)."""
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    services.dossier_assign(
        dossier=submitted,
        actor=staff.specialist,
        handler=staff.specialist,
        expected_handler_id=None,
    )
    services.dossier_request_payment(
        dossier=submitted, actor=staff.specialist, amount=Decimal(200000), description="Lệ phí"
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.PAYMENT_REQUESTED and submitted.national_status_code == 6
    return submitted


def start(client, dossier):
    client.force_login(dossier.applicant)
    fee = dossier.fees.get()
    return client.post(reverse("dossiers:pay", args=[dossier.uuid, fee.pk]))


def notice(payment, **changes) -> dict:
    params = {
        "merchant": MERCHANT,
        "txn_ref": payment.reference,
        "amount": str(int(payment.amount)),
        "response_code": "00",
        "transaction_no": "14512345",
        "pay_date": "20261130101500",
    }
    params.update(changes)
    params["signature"] = payments.sign(params, SECRET)
    return params


def test_OSS_2_the_signature_is_hmac_sha256_over_the_sorted_parameters():
    params = {"b": "2", "a": "một hai", "empty": "", "signature": "ignored"}
    assert payments.canonical(params) == "a=m%E1%BB%99t+hai&b=2"
    expected = hmac.new(b"k", b"a=m%E1%BB%99t+hai&b=2", hashlib.sha256).hexdigest()
    assert payments.sign(params, "k") == expected
    assert payments.verify({**params, "signature": payments.sign(params, "k")}, "k")
    assert not payments.verify({**params, "b": "3", "signature": payments.sign(params, "k")}, "k")
    assert not payments.verify({"a": "1"}, "k")


@pytest.mark.django_db
def test_OSS_2_the_applicant_is_sent_to_the_gateway_with_a_signed_request(
    client, owing, gateway_settings
):
    response = start(client, owing)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "http://127.0.0.1:9/pay"
    request = dict(parse_qsl(location.query))
    payment = Payment.objects.get()
    assert request["merchant"] == MERCHANT and request["txn_ref"] == payment.reference
    assert request["amount"] == "200000" and owing.code in request["order_info"]
    assert request["notify_url"].endswith(IPN)
    assert payments.verify(request, SECRET)
    assert (payment.state, payment.payer, payment.fee) == (
        Payment.State.PENDING,
        owing.applicant,
        owing.fees.get(),
    )


@pytest.mark.django_db
def test_OSS_2_without_a_gateway_the_fee_is_paid_at_the_desk(client, owing, settings):
    settings.PAYMENT_GATEWAY_URL = ""
    client.force_login(owing.applicant)
    html = client.get(reverse("dossiers:detail", args=[owing.uuid])).content.decode()
    assert 'data-testid="pay-online"' not in html and 'data-state="requested"' in html
    assert "200.000 đ" in html  # grouped the Vietnamese way
    response = start(client, owing)
    assert response.status_code == 302 and response["Location"].endswith(f"/{owing.uuid}/")
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_OSS_2_another_person_cannot_pay_or_start_a_payment_for_the_dossier(
    client, owing, gateway_settings, citizen
):
    client.force_login(citizen)
    fee = owing.fees.get()
    assert client.post(reverse("dossiers:pay", args=[owing.uuid, fee.pk])).status_code == 404
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_OSS_2_a_verified_notification_confirms_the_fee_once(client, owing, gateway_settings):
    start(client, owing)
    payment = Payment.objects.get()
    params = notice(payment)

    answer = client.get(IPN, params).json()
    assert answer == {"RspCode": "00", "Message": "Confirm Success"}
    owing.refresh_from_db()
    fee = owing.fees.get()
    assert owing.status == Status.PROCESSING
    assert (fee.state, fee.reference) == (Fee.State.PAID, "14512345")
    event = owing.events.get(kind="paid")
    assert event.actor is None and event.data["gateway"] is True

    # the gateway retries: the same notice again changes nothing
    assert client.get(IPN, params).json()["RspCode"] == "02"
    assert client.post(IPN, params).json()["RspCode"] == "02"
    assert owing.events.filter(kind="paid").count() == 1
    payment.refresh_from_db()
    assert (payment.state, payment.transaction_no) == (Payment.State.PAID, "14512345")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"signature": "0" * 64}, "97"),
        ({"amount": "20000"}, "04"),
        ({"txn_ref": "999-unknown"}, "01"),
        ({"merchant": "OTHER"}, "01"),
    ],
    ids=["forged signature", "other amount", "unknown transaction", "other merchant"],
)
def test_OSS_2_a_notification_that_does_not_check_out_changes_nothing(
    client, owing, gateway_settings, change, code
):
    start(client, owing)
    payment = Payment.objects.get()
    params = notice(payment, **{k: v for k, v in change.items() if k != "signature"})
    params.update({k: v for k, v in change.items() if k == "signature"})
    assert client.get(IPN, params).json()["RspCode"] == code
    owing.refresh_from_db()
    assert owing.status == Status.PAYMENT_REQUESTED
    assert owing.fees.get().state == Fee.State.REQUESTED
    assert Payment.objects.get().state == Payment.State.PENDING


@pytest.mark.django_db
def test_OSS_2_a_payment_given_up_at_the_gateway_leaves_the_fee_owed(
    client, owing, gateway_settings
):
    start(client, owing)
    payment = Payment.objects.get()
    assert client.get(IPN, notice(payment, response_code="24")).json()["RspCode"] == "00"
    payment.refresh_from_db()
    assert (payment.state, payment.response_code) == (Payment.State.FAILED, "24")
    owing.refresh_from_db()
    assert owing.status == Status.PAYMENT_REQUESTED
    # the applicant may try again with a new transaction
    assert start(client, owing).status_code == 302
    assert Payment.objects.filter(state=Payment.State.PENDING).count() == 1


@pytest.mark.django_db
def test_OSS_2_the_return_page_shows_but_does_not_settle(client, owing, gateway_settings):
    start(client, owing)
    payment = Payment.objects.get()
    back = client.get(reverse("dossiers:payment_return"), notice(payment))
    assert back.status_code == 302 and back["Location"].endswith(f"/{owing.uuid}/")
    assert Payment.objects.get().state == Payment.State.PENDING  # only the IPN settles
    forged = {**notice(payment), "amount": "1"}
    assert client.get(reverse("dossiers:payment_return"), forged)["Location"].endswith(
        reverse("dossiers:my_dossiers")
    )


class NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.django_db(transaction=True)
def test_OSS_2_a_round_trip_through_a_local_gateway(client, live_server, owing, settings):
    """The browser goes to the gateway; the gateway notifies the live portal over HTTP, then
    sends the browser back; the dossier goes on with the fee paid."""
    host = urlsplit(live_server.url).netloc
    with FakeGateway(SECRET) as gateway:
        gateway_configured(settings, gateway.url)
        client.force_login(owing.applicant)
        fee = owing.fees.get()
        to_gateway = client.post(reverse("dossiers:pay", args=[owing.uuid, fee.pk]), HTTP_HOST=host)
        assert to_gateway["Location"].startswith(gateway.url)

        with pytest.raises(HTTPError) as redirect:  # the gateway answers 302 to the browser
            build_opener(NoRedirect).open(to_gateway["Location"], timeout=20)
        assert redirect.value.code == 302
        back = urlsplit(redirect.value.headers["Location"])

        assert gateway.ipn_answers == [{"RspCode": "00", "Message": "Confirm Success"}]
        assert back.netloc == host and back.path == reverse("dossiers:payment_return")
        shown = client.get(f"{back.path}?{back.query}", follow=True)
        assert 'data-state="paid"' in shown.content.decode()

        # a tampered request never reaches the notification
        tampered = to_gateway["Location"].replace("amount=200000", "amount=2000")
        with pytest.raises(HTTPError) as refused:
            build_opener(NoRedirect).open(tampered, timeout=20)
        assert refused.value.code == 400

    owing.refresh_from_db()
    assert owing.status == Status.PROCESSING
    assert owing.fees.get().state == Fee.State.PAID
    assert Payment.objects.get().state == Payment.State.PAID
