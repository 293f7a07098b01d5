"""Writes of registration: create the account, issue and check verification codes (POR-n)."""

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from addons.notifications.sms import SmsError, send_sms

from ..models import ContactVerification, User

CODE_DIGITS = 6
PHONE_RE = re.compile(r"^(?:\+84|84|0)([35789]\d{8})$")


class VerificationError(Exception):
    """The code was not accepted; the message is for the person."""


def phone_normalise(raw: str) -> str:
    """'0912 345 678' or '+84912345678' -> '+84912345678'; '' when it is not a Vietnamese mobile."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    match = PHONE_RE.match(digits)
    return f"+84{match.group(1)}" if match else ""


def _digest(value: str, purpose: str) -> str:
    return salted_hmac(f"accounts.verification.{purpose}", value).hexdigest()


@transaction.atomic
def account_register(
    *,
    kind: str,
    password: str,
    email: str = "",
    phone: str = "",
    full_name: str = "",
    identity_number: str = "",
    organisation_name: str = "",
    tax_code: str = "",
    representative_name: str = "",
) -> User:
    """Create a self-registered citizen or organisation account; it signs in with its email or
    phone number (its username) and must verify one of them before it can submit a dossier."""
    if kind not in (User.Kind.PERSON, User.Kind.ORGANISATION):
        raise ValueError(f"cannot self-register a {kind} account")
    user = User(
        username=(email or phone).lower(),
        kind=kind,
        email=email.lower(),
        phone=phone,
        full_name=full_name or representative_name,
        identity_number=identity_number,
        organisation_name=organisation_name,
        tax_code=tax_code,
        representative_name=representative_name,
        self_registered=True,
    )
    user.set_password(password)
    user.save()
    return user


def verification_issue(*, user: User, channel: str) -> ContactVerification:
    """Send a fresh code (and, by email, a link) to the user's email or phone.

    Earlier codes of the same channel stop working. Raises `VerificationError` when the message
    cannot be sent; the account stays, and the person may ask again or use the other channel.
    """
    destination = user.email if channel == ContactVerification.Channel.EMAIL else user.phone
    if not destination:
        raise VerificationError(_("There is no address to send a code to."))
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    link_token = secrets.token_urlsafe(32) if channel == ContactVerification.Channel.EMAIL else ""
    now = timezone.now()
    with transaction.atomic():
        ContactVerification.objects.filter(
            user=user, channel=channel, verified_at__isnull=True
        ).update(expires_at=now)
        verification = ContactVerification.objects.create(
            user=user,
            channel=channel,
            destination=destination,
            code_hash=_digest(code, "code"),
            link_hash=_digest(link_token, "link") if link_token else "",
            expires_at=now + timedelta(seconds=settings.VERIFICATION_CODE_TTL),
        )
    minutes = settings.VERIFICATION_CODE_TTL // 60
    if channel == ContactVerification.Channel.EMAIL:
        link = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
            "accounts:verify_link", args=[verification.pk, link_token]
        )
        send_mail(
            _("Your verification code"),
            _(
                "Your verification code is %(code)s. It is valid for %(minutes)s minutes.\n\n"
                "Or open this link: %(link)s\n\nIf you did not register, ignore this message."
            )
            % {"code": code, "minutes": minutes, "link": link},
            None,
            [destination],
        )
    else:
        try:
            send_sms(
                destination,
                _("Your verification code is %(code)s (valid %(minutes)s minutes).")
                % {"code": code, "minutes": minutes},
                reference=f"verification-{verification.pk}",
            )
        except SmsError as error:
            raise VerificationError(
                _("The text message could not be sent. Try again later or verify by email.")
            ) from error
    return verification


def _verified(verification: ContactVerification) -> User:
    now = timezone.now()
    verification.verified_at = now
    verification.save(update_fields=["verified_at", "attempts"])
    user = verification.user
    field = (
        "email_verified_at"
        if verification.channel == ContactVerification.Channel.EMAIL
        else "phone_verified_at"
    )
    setattr(user, field, now)
    user.save(update_fields=[field])
    return user


def verification_check_code(*, user: User, code: str) -> User:
    """Accept the latest live code of either channel; each wrong try uses up one attempt (the
    attempt is committed before the refusal is raised)."""
    verified, error = _code_attempt(user=user, code=code)
    if error:
        raise VerificationError(error)
    return verified


@transaction.atomic
def _code_attempt(*, user: User, code: str) -> tuple[User | None, str]:
    verification = (
        ContactVerification.objects.select_for_update()
        .filter(user=user, verified_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if verification is None:
        return None, _("This code has expired. Ask for a new one.")
    if verification.attempts >= settings.VERIFICATION_MAX_ATTEMPTS:
        return None, _("Too many wrong codes. Ask for a new one.")
    verification.attempts += 1
    if not constant_time_compare(_digest(code.strip(), "code"), verification.code_hash):
        verification.save(update_fields=["attempts"])
        left = settings.VERIFICATION_MAX_ATTEMPTS - verification.attempts
        if left <= 0:
            return None, _("Too many wrong codes. Ask for a new one.")
        return None, _("This code is not right. %(left)s tries left.") % {"left": left}
    return _verified(verification), ""


@transaction.atomic
def verification_check_link(*, verification_id: int, token: str) -> User:
    verification = (
        ContactVerification.objects.select_for_update()
        .select_related("user")
        .filter(pk=verification_id, verified_at__isnull=True)
        .first()
    )
    if (
        verification is None
        or not verification.link_hash
        or verification.expires_at <= timezone.now()
        or not constant_time_compare(_digest(token, "link"), verification.link_hash)
    ):
        raise VerificationError(_("This link has expired or was already used. Ask for a new code."))
    return _verified(verification)
