"""Paying a fee online (OSS-2): the applicant starts a payment, the gateway's notification settles
it and confirms the fee through `dossier_confirm_payment`."""

import logging
import secrets
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import payments as gateway
from ..models import Dossier, Fee, Payment, Status
from .common import ConflictError, ServiceError, expect_status, locked, require_applicant
from .processing import dossier_confirm_payment

logger = logging.getLogger(__name__)


@transaction.atomic
def payment_start(*, dossier: Dossier, actor, fee: Fee) -> Payment:
    """Thanh toán trực tuyến: a new transaction for a fee the agency asked for."""
    dossier = locked(dossier)
    require_applicant(actor, dossier)
    expect_status(dossier, Status.PAYMENT_REQUESTED)
    if not gateway.configured():
        raise ServiceError(_("Online payment is not available; pay at the one-stop desk."))
    fee = Fee.objects.select_for_update().get(pk=fee.pk, dossier=dossier)
    if fee.state != Fee.State.REQUESTED:
        raise ConflictError(_("This fee is already settled."))
    return Payment.objects.create(
        dossier=dossier,
        fee=fee,
        amount=fee.amount,
        payer=actor,
        reference=f"{dossier.pk}-{secrets.token_hex(8)}",
    )


def _amount(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@transaction.atomic
def payment_notified(*, params: dict) -> tuple[str, str]:
    """The gateway's notification (IPN): verified, then settled once; the answer the gateway wants.

    Repeated notifications (the gateway retries until it gets an answer) change nothing more.
    """
    if not gateway.verify(params):
        return gateway.IPN_INVALID_SIGNATURE
    payment = (
        Payment.objects.select_for_update()
        .select_related("fee")
        .filter(reference=str(params.get("txn_ref", "")))
        .first()
    )
    if payment is None or str(params.get("merchant", "")) != settings.PAYMENT_MERCHANT_ID:
        return gateway.IPN_UNKNOWN_ORDER
    if _amount(params.get("amount")) != payment.amount:
        return gateway.IPN_INVALID_AMOUNT
    if payment.state != Payment.State.PENDING:
        return gateway.IPN_ALREADY_CONFIRMED
    payment.response_code = str(params.get("response_code", ""))[:10]
    payment.transaction_no = str(params.get("transaction_no", ""))[:60]
    payment.settled_at = timezone.now()
    if payment.response_code != gateway.PAID:
        payment.state = Payment.State.FAILED
        payment.save()
        return gateway.IPN_OK
    payment.state = Payment.State.PAID
    payment.save()
    try:
        with transaction.atomic():
            dossier_confirm_payment(
                dossier=payment.dossier,
                actor=None,
                fee=payment.fee,
                reference=payment.transaction_no or payment.reference,
                by_gateway=True,
            )
    except ServiceError:
        # Paid, but the fee was settled otherwise meanwhile (at the desk): kept for the refund.
        logger.warning("Payment %s arrived for a fee already settled", payment.reference)
    return gateway.IPN_OK
