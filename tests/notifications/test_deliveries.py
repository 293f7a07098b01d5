"""Notifications to the applicant through the outbox signal: email and SMS, recorded once per
event, channel and recipient, retried on failure (POR-đ, OSS-9)."""

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from addons.dossiers import services
from addons.notifications.factories import NotificationPreferenceFactory
from addons.notifications.models import Delivery
from addons.notifications.tasks import RETRIES
from tests.notifications.conftest import free_port, publish
from workflows.dossier import act

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def latest(dossier, kind):
    return dossier.events.filter(kind=kind).latest("pk")


def prefer(dossier, **choice):
    NotificationPreferenceFactory(user=dossier.applicant, **choice)


@pytest.fixture
def eager_retries():
    """Eager tasks retry in-process (countdowns skipped) only when errors do not propagate."""
    from portal.celery import app

    saved = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = saved


def test_por_dj_received_notice_by_email_and_sms_in_vietnamese_by_default(received, sms_gateway):
    publish(latest(received, "received"))

    email = Delivery.objects.get(channel="email")
    sms = Delivery.objects.get(channel="sms")
    assert (email.status, sms.status) == ("sent", "sent")
    assert email.language == "vi" and email.recipient == received.applicant_email
    assert email.event.dossier == received and email.sent_at and email.attempts == 1
    assert [m.to for m in mail.outbox] == [[received.applicant_email]]
    assert received.code in mail.outbox[0].subject
    assert received.code in mail.outbox[0].body
    assert f"{received.due_at.astimezone(VN):%H:%M %d/%m/%Y}" in mail.outbox[0].body
    # The gateway got the number in international form and the delivery its message id.
    assert sms_gateway.received[0]["to"] == "+84912345678"
    assert received.code in sms_gateway.received[0]["text"]
    assert sms_gateway.received[0]["reference"] == f"delivery-{sms.pk}"
    assert sms.gateway_id == "gw-1"


def test_por_dj_english_templates_when_the_applicant_prefers_english(received, sms_gateway):
    prefer(received, language="en")
    publish(latest(received, "received"))
    message = mail.outbox[0]
    due = f"{received.due_at.astimezone(VN):%H:%M %d/%m/%Y}"
    assert message.subject == f"Dossier {received.code} received: appointment on {due}"
    assert "Your dossier has been received. The appointment date for the result is" in (
        message.body
    )
    assert sms_gateway.received[0]["text"].startswith(f"Dossier {received.code} has been received")


def test_por_dj_supplement_request_lists_everything_needed(submitted, staff, sms_gateway):
    prefer(submitted, language="en")
    items = ["Bản sao căn cước công dân", "Giấy xác nhận cư trú", "Tờ khai có chữ ký"]
    services.dossier_request_supplement(
        dossier=submitted, actor=staff.clerk, items=items, note="Ảnh chụp bị mờ."
    )
    publish(latest(submitted, "supplement_requested"))
    body = mail.outbox[0].body
    for item in items:
        assert f"  - {item}\n" in body
    assert "Ảnh chụp bị mờ." in body
    assert "3 documents" in sms_gateway.received[0]["text"]


def test_por_dj_payment_requested_with_the_amount(taken, staff):
    prefer(taken, language="en")
    services.dossier_request_payment(
        dossier=taken, actor=staff.specialist, amount=Decimal(150000), description="Lệ phí cấp"
    )
    publish(latest(taken, "payment_requested"))
    assert "Please pay 150,000 VND" in mail.outbox[0].body
    assert "Lệ phí cấp" in mail.outbox[0].body


def test_por_dj_apology_gives_the_new_date(taken, staff):
    prefer(taken, language="en")
    new_due = taken.due_at + timedelta(days=7)
    services.dossier_apologise(
        dossier=taken, actor=staff.specialist, new_due_at=new_due, reason="Chờ xác minh"
    )
    publish(latest(taken, "apology"))
    body = mail.outbox[0].body
    assert "We apologise" in body and "Chờ xác minh" in body
    assert f"New appointment date: {new_due.astimezone(VN):%H:%M %d/%m/%Y}" in body


def test_por_dj_result_ready_and_returned(taken, staff):
    prefer(taken, language="en")
    act(taken, staff.specialist, "complete", expected_step=1)
    act(taken, staff.head, "complete", expected_step=2)
    act(taken, staff.leader, "approve")
    taken.refresh_from_db()
    publish(latest(taken, "approved"))
    services.dossier_return_result(dossier=taken, actor=staff.clerk, method="at_desk")
    publish(latest(taken, "returned"))
    assert [m.subject for m in mail.outbox] == [
        f"Dossier {taken.code}: the result is ready",
        f"Dossier {taken.code}: result returned",
    ]
    assert "(At the desk)" in mail.outbox[1].body


def test_por_dj_refused_carries_the_reason(submitted, staff):
    prefer(submitted, language="en")
    services.dossier_refuse(dossier=submitted, actor=staff.clerk, reason="Sai thẩm quyền")
    publish(latest(submitted, "refused"))
    assert mail.outbox[0].subject == f"Dossier {submitted.code} was not received"
    assert "Reason: Sai thẩm quyền" in mail.outbox[0].body


def test_por_dj_stopped_carries_the_reason(taken, staff):
    prefer(taken, language="en")
    services.dossier_stop(dossier=taken, actor=staff.head, reason="Có tranh chấp")
    publish(latest(taken, "stopped"))
    assert "Processing of your dossier has been stopped." in mail.outbox[0].body
    assert "Reason: Có tranh chấp" in mail.outbox[0].body


def test_por_dj_a_second_dispatch_of_the_same_event_sends_nothing_more(received, sms_gateway):
    event = latest(received, "received")
    publish(event)
    publish(event)
    assert len(mail.outbox) == 1
    assert len(sms_gateway.received) == 1
    assert Delivery.objects.count() == 2


def test_events_without_a_notice_send_nothing(taken, sms_gateway):
    publish(latest(taken, "assigned"))
    assert not Delivery.objects.exists() and not mail.outbox


def test_por_dj_channels_as_the_applicant_chose(received, sms_gateway):
    prefer(received, email=False, sms=True)
    publish(latest(received, "received"))
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["sms"]
    assert not mail.outbox


def test_sms_is_not_offered_without_a_gateway(received, settings):
    settings.SMS_GATEWAY_URL = ""
    publish(latest(received, "received"))
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["email"]


def test_oss_9_sms_refused_by_the_gateway_is_retried_then_sent(
    received, sms_gateway, eager_retries
):
    sms_gateway.script = [500, 503]
    publish(latest(received, "received"))
    sms = Delivery.objects.get(channel="sms")
    assert (sms.status, sms.attempts, sms.gateway_id, sms.error) == ("sent", 3, "gw-1", "")
    assert len(sms_gateway.received) == 1
    # The email went out at the first try and was not sent again by the retries.
    assert Delivery.objects.get(channel="email").attempts == 1 and len(mail.outbox) == 1


def test_oss_9_sms_gateway_unreachable_ends_failed_after_every_retry(
    received, no_sms_gateway, eager_retries
):
    publish(latest(received, "received"))
    sms = Delivery.objects.get(channel="sms")
    assert sms.status == "failed" and sms.attempts == RETRIES + 1
    assert "unreachable" in sms.error and sms.sent_at is None
    assert Delivery.objects.get(channel="email").status == "sent"


def test_sms_refused_for_good_is_not_retried(received, sms_gateway):
    sms_gateway.script = [400]
    publish(latest(received, "received"))
    sms = Delivery.objects.get(channel="sms")
    assert (sms.status, sms.attempts) == ("failed", 1)
    assert "400" in sms.error and not sms_gateway.received


def test_a_phone_number_that_is_not_vietnamese_is_recorded_as_failed(received, sms_gateway):
    type(received).objects.filter(pk=received.pk).update(applicant_phone="12-34")
    publish(latest(received, "received"))
    sms = Delivery.objects.get(channel="sms")
    assert (sms.status, sms.attempts, sms.recipient) == ("failed", 0, "12-34")
    assert "not a Vietnamese phone number" in sms.error
    assert not sms_gateway.received


def test_oss_9_mail_server_down_is_retried_then_recorded_failed(received, settings, eager_retries):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.SMS_GATEWAY_URL = ""
    publish(latest(received, "received"))
    email = Delivery.objects.get(channel="email")
    assert email.status == "failed" and email.attempts == RETRIES + 1
    assert "ConnectionRefusedError" in email.error


def test_the_receiver_raises_when_the_broker_is_down(received, broker_down):
    """The dispatcher then keeps the outbox row and publishes it again later."""
    from kombu.exceptions import OperationalError

    with pytest.raises(OperationalError):
        publish(latest(received, "received"))
    assert not Delivery.objects.exists()


def test_oss_9_email_through_a_real_smtp_server(received, smtp_server, settings):
    settings.SMS_GATEWAY_URL = ""
    publish(latest(received, "received"))
    [(recipients, message)] = smtp_server.messages
    assert recipients == [received.applicant_email]
    assert received.code in message["Subject"]
    assert message["X-Portal-Delivery"] == str(Delivery.objects.get().pk)
    assert received.code in message.get_content()
    assert Delivery.objects.get().status == "sent"


def test_oss_9_a_delivery_left_pending_by_a_stopped_worker_is_sent_by_the_sweep(received, settings):
    """The worker holding the retries stopped: the beat's sweep sends what has been quiet too
    long, leaves what is still being retried, and gives up what is too old to be news."""
    from datetime import datetime

    import time_machine
    from django.utils import timezone

    from addons.notifications.factories import DeliveryFactory
    from addons.notifications.services import deliveries_sweep

    settings.SMS_GATEWAY_URL = ""
    event = latest(received, "received")
    other = received.events.exclude(pk=event.pk).latest("pk")
    start = datetime(2026, 11, 2, 8, 0, tzinfo=VN)
    with time_machine.travel(start, tick=False):
        DeliveryFactory(event=other, recipient="cu@example.vn")
    with time_machine.travel(start + timedelta(days=2), tick=False):
        DeliveryFactory(event=event, recipient=received.applicant_email)
    with time_machine.travel(start + timedelta(days=2, minutes=30), tick=False):
        retrying = DeliveryFactory(event=other, recipient="dang-thu-lai@example.vn")
        Delivery.objects.filter(pk=retrying.pk).update(attempts=2, last_attempt_at=timezone.now())
    with time_machine.travel(start + timedelta(days=2, minutes=50), tick=False):
        outcome = deliveries_sweep()

    rows = {d.recipient: d for d in Delivery.objects.all()}
    assert rows["cu@example.vn"].status == "failed" and "given up" in rows["cu@example.vn"].error
    assert rows[received.applicant_email].status == "sent"
    assert (rows["dang-thu-lai@example.vn"].status, rows["dang-thu-lai@example.vn"].attempts) == (
        "pending",
        2,
    )
    assert [m.to for m in mail.outbox] == [[received.applicant_email]]
    assert outcome == {"requeued": 1, "given_up": 1}
    # A second sweep finds nothing more to do.
    with time_machine.travel(start + timedelta(days=2, minutes=55), tick=False):
        assert deliveries_sweep() == {"requeued": 0, "given_up": 0}
