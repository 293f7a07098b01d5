"""Writes of the notifications: plan the deliveries of an event, attempt one, set preferences.

A delivery is unique per (event, channel, recipient): planning the same event twice (the outbox
delivers at least once) finds the rows already there, and an attempt locks its row and sends
only while it is pending, so a message is sent once however often the event arrives.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from addons.accounts.roles import Role
from addons.dossiers.models import DossierEvent, StepRecord

from .messages import APPLICANT_TEMPLATES, STAFF_TEMPLATES, message_render
from .models import Channel, Delivery, NotificationPreference
from .sms import SmsError, phone_normalise, send_sms, sms_enabled

logger = logging.getLogger(__name__)


def preference_for(user) -> NotificationPreference:
    """The saved choice, or the default (every channel, Vietnamese) for someone who never chose."""
    if user is None:
        return NotificationPreference()
    found = NotificationPreference.objects.filter(user=user).first()
    return found or NotificationPreference(user=user)


@transaction.atomic
def preference_update(*, user, email: bool, sms: bool, language: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
        user=user
    )
    preference.email, preference.sms, preference.language = email, sms, language
    preference.save()
    return preference


def _applicant_recipients(event) -> list[tuple[str, str, object, str]]:
    """(channel, address, user, language) for the applicant, as they chose."""
    dossier = event.dossier
    user = dossier.applicant
    preference = preference_for(user)
    email = dossier.applicant_email or (user.email if user else "")
    phone = dossier.applicant_phone or (user.phone if user else "")
    found = []
    if preference.email and email:
        found.append((Channel.EMAIL, email.strip(), user, preference.language))
    if preference.sms and phone and sms_enabled():
        found.append((Channel.SMS, phone.strip(), user, preference.language))
    return found


def staff_to_warn(dossier, step_record: StepRecord | None = None) -> list:
    """The handler of the step (or dossier) and the heads of its unit; the agency's leaders when
    the unit has no head (OSS-7)."""
    users = get_user_model().objects.filter(is_active=True)
    handler = (step_record.assignee if step_record else None) or dossier.handler
    unit_id = (step_record.unit_id if step_record else None) or dossier.unit_id
    heads = list(users.filter(groups__name=Role.UNIT_HEAD, unit_id=unit_id)) if unit_id else []
    if not heads:
        heads = list(users.filter(groups__name=Role.AGENCY_LEADER, agency_id=dossier.agency_id))
    found = {}
    for user in ([handler] if handler else []) + heads:
        found.setdefault(user.pk, user)
    return list(found.values())


def _staff_recipients(event) -> list[tuple[str, str, object, str]]:
    record_id = (event.data or {}).get("step_record")
    record = StepRecord.objects.filter(pk=record_id).first() if record_id else None
    found = []
    for user in staff_to_warn(event.dossier, record):
        if not user.email:
            logger.warning("Staff member %s has no email address for a deadline warning", user.pk)
            continue
        found.append((Channel.EMAIL, user.email, user, preference_for(user).language))
    return found


def event_deliveries_plan(event_id: int) -> list[int]:
    """Create the deliveries of the event that do not exist yet; return the ids still pending."""
    event = DossierEvent.objects.select_related("dossier", "dossier__procedure").get(pk=event_id)
    if event.kind in APPLICANT_TEMPLATES:
        recipients = _applicant_recipients(event)
    elif event.kind in STAFF_TEMPLATES:
        recipients = _staff_recipients(event)
    else:
        return []
    for channel, address, user, language in recipients:
        if Delivery.objects.filter(event=event, channel=channel, recipient=address).exists():
            continue
        name = (user.get_full_name() if user else "") or event.dossier.applicant_name
        if event.kind in APPLICANT_TEMPLATES:
            name = event.dossier.applicant_name or name
        message = message_render(event, language=language, recipient_name=name)
        defaults = {
            "user": user,
            "language": language,
            "subject": message.subject if channel == Channel.EMAIL else "",
            "body": message.body if channel == Channel.EMAIL else message.sms,
        }
        if channel == Channel.SMS:
            try:
                address_normalised = phone_normalise(address)
            except ValueError as error:
                # Kept as a failed delivery so that staff see why the applicant got no SMS.
                defaults.update(status=Delivery.State.FAILED, error=str(error))
            else:
                if address_normalised != address:
                    address = address_normalised
                    if Delivery.objects.filter(
                        event=event, channel=channel, recipient=address
                    ).exists():
                        continue
        Delivery.objects.get_or_create(
            event=event, channel=channel, recipient=address, defaults=defaults
        )
    return list(
        Delivery.objects.filter(event=event, status=Delivery.State.PENDING).values_list(
            "pk", flat=True
        )
    )


def _send(delivery: Delivery) -> str:
    """Hand the message over; return the gateway id (empty for email)."""
    if delivery.channel == Channel.SMS:
        return send_sms(delivery.recipient, delivery.body, reference=f"delivery-{delivery.pk}")
    EmailMessage(
        subject=delivery.subject,
        body=delivery.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.recipient],
        headers={"X-Portal-Delivery": str(delivery.pk)},
    ).send()
    return ""


def delivery_attempt(delivery_id: int, *, final: bool = False) -> str:
    """One attempt, under the row's lock: a second worker waits, then finds it sent.

    A failure leaves the delivery pending for the next retry, or failed when `final` (the last
    retry) or when the partner says it will never accept it. Returns the new status.
    """
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.status != Delivery.State.PENDING:
            return delivery.status
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        retryable = True
        try:
            delivery.gateway_id = _send(delivery)
        except SmsError as error:
            delivery.error, retryable = str(error), error.retryable
        except smtplib.SMTPRecipientsRefused as error:
            delivery.error, retryable = f"recipient refused: {error.recipients}", False
        except (smtplib.SMTPException, OSError) as error:
            delivery.error = f"{type(error).__name__}: {error}"
        else:
            delivery.status, delivery.sent_at, delivery.error = (
                Delivery.State.SENT,
                timezone.now(),
                "",
            )
        if delivery.status == Delivery.State.PENDING and (final or not retryable):
            delivery.status = Delivery.State.FAILED
        delivery.save()
        if delivery.status == Delivery.State.FAILED:
            logger.warning("Delivery %s failed for good: %s", delivery.pk, delivery.error)
        return delivery.status


def deliveries_sweep(*, now=None) -> dict:
    """Deliveries left pending with no attempt for a while (the worker holding their retries
    stopped, or the retry was lost with the broker): sent again through their event, or given
    up when too old to be news. Safe to run at any time: an attempt locks its row and sends only
    while it is pending.

    Returns how many events were queued again and how many deliveries were given up.
    """
    from .tasks import RETRIES, event_notify_task

    now = now or timezone.now()
    quiet_since = now - timedelta(seconds=settings.NOTIFICATION_STUCK_AFTER)
    stuck = Delivery.objects.filter(status=Delivery.State.PENDING).filter(
        Q(last_attempt_at__lt=quiet_since)
        | Q(last_attempt_at__isnull=True, created_at__lt=quiet_since)
    )
    too_old = now - timedelta(seconds=settings.NOTIFICATION_GIVE_UP_AFTER)
    given_up = stuck.filter(Q(created_at__lt=too_old) | Q(attempts__gt=RETRIES)).update(
        status=Delivery.State.FAILED,
        error="given up: pending too long without an attempt",
    )
    if given_up:
        logger.warning("%s pending deliveries given up", given_up)
    events = sorted(set(stuck.values_list("event_id", flat=True)))
    for event_id in events:
        event_notify_task.delay(event_id)
    return {"requeued": len(events), "given_up": given_up}
