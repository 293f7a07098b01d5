"""Paying a fee online (OSS-2): off to the gateway, back from it, and its server-to-server notice."""

import logging

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ... import payments as gateway
from ... import services
from ...models import Fee, Payment
from ...services.payments import payment_notified, payment_start
from .. import selectors
from .access import citizen_required

logger = logging.getLogger(__name__)


@citizen_required
@require_POST
def pay(request, uuid, fee_id: int):
    """Start a transaction for the fee and send the browser to the gateway with it, signed."""
    dossier = selectors.own_dossier_or_404(request.user, uuid)
    fee = get_object_or_404(Fee, pk=fee_id, dossier=dossier)
    try:
        payment = payment_start(dossier=dossier, actor=request.user, fee=fee)
    except services.ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("dossiers:detail", uuid=dossier.uuid)
    return redirect(
        gateway.checkout_url(
            reference=payment.reference,
            amount=payment.amount,
            order_info=_("Fee for dossier %(code)s") % {"code": dossier.code},
            return_url=request.build_absolute_uri(reverse("dossiers:payment_return")),
            notify_url=request.build_absolute_uri(reverse("dossiers_api:payment_ipn")),
        )
    )


@citizen_required
@require_GET
def payment_return(request):
    """The browser back from the gateway: say how it went. The notification settles the payment;
    this page only reads it (the parameters are checked all the same)."""
    params = request.GET.dict()
    payment = (
        Payment.objects.filter(reference=params.get("txn_ref", ""), dossier__applicant=request.user)
        .select_related("dossier")
        .first()
    )
    if payment is None or not gateway.verify(params):
        messages.error(request, _("This payment answer is not valid. Nothing was changed."))
        return redirect("dossiers:my_dossiers")
    payment.refresh_from_db()
    if payment.state == Payment.State.PAID:
        messages.success(request, _("Your payment is received. The agency continues its work."))
    elif params.get("response_code") == gateway.PAID:
        messages.info(
            request, _("Your payment is being confirmed by the gateway. Check again in a moment.")
        )
    else:
        messages.warning(request, _("The payment was not completed. You can try again."))
    return redirect("dossiers:detail", uuid=payment.dossier.uuid)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def payment_ipn(request):
    """Server to server: the gateway tells the outcome (IPN). Answered in the gateway's JSON."""
    params = (request.POST if request.method == "POST" else request.GET).dict()
    try:
        code, message = payment_notified(params=params)
    except Exception:  # the gateway must get an answer; it will retry
        logger.exception("Payment notification failed: %s", params.get("txn_ref"))
        code, message = gateway.IPN_UNKNOWN_ERROR
    return JsonResponse({"RspCode": code, "Message": message})
