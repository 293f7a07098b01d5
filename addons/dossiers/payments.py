"""The payment gateway adapter (OSS-2 "fees including online payment").

The protocol is the one VNPay and the national PaymentPlatform share in substance:

1. The portal sends the applicant's browser to `PAYMENT_GATEWAY_URL` with the request parameters
   (`merchant`, `txn_ref`, `amount` in VND, `order_info`, `return_url`, `notify_url`,
   `created_at`) and `signature`.
2. When the applicant has paid (or given up) the gateway calls `notify_url` server to server (the
   IPN) with `merchant`, `txn_ref`, `amount`, `response_code` ("00": paid), `transaction_no`,
   `pay_date` and `signature`; the portal answers JSON `{"RspCode": ..., "Message": ...}` and the
   gateway retries until it gets an answer. Only this notification settles a payment.
3. The gateway sends the browser back to `return_url` with the same signed parameters; that page
   only shows the outcome.

`signature` is the hex HMAC-SHA256, with `PAYMENT_GATEWAY_SECRET` as key, of the other parameters
sorted by name and joined as `name=value&...` with form-encoded values; empty values are left out.
"""

import hashlib
import hmac
from urllib.parse import quote_plus, urlencode

from django.conf import settings
from django.utils import timezone

SIGNATURE = "signature"
PAID = "00"

# The IPN answers the gateway expects (VNPay's codes).
IPN_OK = ("00", "Confirm Success")
IPN_UNKNOWN_ORDER = ("01", "Order not found")
IPN_ALREADY_CONFIRMED = ("02", "Order already confirmed")
IPN_INVALID_AMOUNT = ("04", "Invalid amount")
IPN_INVALID_SIGNATURE = ("97", "Invalid signature")
IPN_UNKNOWN_ERROR = ("99", "Unknown error")


class GatewayNotConfigured(RuntimeError):
    """No gateway URL, secret or merchant code: fees are paid at the desk."""


def configured() -> bool:
    return bool(
        settings.PAYMENT_GATEWAY_URL
        and settings.PAYMENT_GATEWAY_SECRET
        and settings.PAYMENT_MERCHANT_ID
    )


def canonical(params: dict) -> str:
    return "&".join(
        f"{name}={quote_plus(str(value))}"
        for name, value in sorted(params.items())
        if name != SIGNATURE and value not in ("", None)
    )


def sign(params: dict, secret: str | None = None) -> str:
    key = (secret if secret is not None else settings.PAYMENT_GATEWAY_SECRET).encode()
    return hmac.new(key, canonical(params).encode(), hashlib.sha256).hexdigest()


def verify(params: dict, secret: str | None = None) -> bool:
    given = str(params.get(SIGNATURE, ""))
    return bool(given) and hmac.compare_digest(given.lower(), sign(params, secret))


def checkout_url(
    *, reference: str, amount, order_info: str, return_url: str, notify_url: str
) -> str:
    """Where to send the applicant's browser to pay, with the signed request."""
    if not configured():
        raise GatewayNotConfigured(
            "PAYMENT_GATEWAY_URL, _SECRET and PAYMENT_MERCHANT_ID are needed"
        )
    params = {
        "merchant": settings.PAYMENT_MERCHANT_ID,
        "txn_ref": reference,
        "amount": str(int(amount)),
        "order_info": order_info,
        "return_url": return_url,
        "notify_url": notify_url,
        "created_at": timezone.localtime().strftime("%Y%m%d%H%M%S"),
    }
    params[SIGNATURE] = sign(params)
    separator = "&" if "?" in settings.PAYMENT_GATEWAY_URL else "?"
    return f"{settings.PAYMENT_GATEWAY_URL}{separator}{urlencode(params)}"
