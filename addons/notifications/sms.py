"""The SMS gateway adapter: one configurable HTTP gateway.

Protocol (what a provider's gateway, or the local server of the tests, must speak):

    POST {SMS_GATEWAY_URL}
    Authorization: Bearer {SMS_GATEWAY_TOKEN}
    Content-Type: application/json
    {"to": "+84912345678", "text": "...", "reference": "..."}

    2xx {"id": "<gateway message id>"}    accepted
    anything else                          refused: `SmsError` with the status and body

A 4xx answer (other than 408 and 429) means the gateway will never take this message (a bad
number, a bad token): `SmsError.retryable` is false and the caller should not try again.
"""

import json
import re
import urllib.error
import urllib.request

from django.conf import settings

# Vietnamese numbers: 0 or +84 / 84, then 9 digits (mobile) or 9-10 digits (landline).
_PHONE = re.compile(r"^(?:\+?84|0)(\d{9,10})$")


class SmsError(Exception):
    """The gateway did not accept the message (or could not be reached)."""

    def __init__(self, message: str, *, retryable: bool = True):
        super().__init__(message)
        self.retryable = retryable


def sms_enabled() -> bool:
    return bool(getattr(settings, "SMS_GATEWAY_URL", ""))


def phone_normalise(raw: str) -> str:
    """`0912 345 678`, `+84-912-345-678` and `84912345678` all give `+84912345678`.

    Raises `ValueError` for anything that is not a Vietnamese number.
    """
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    match = _PHONE.match(digits)
    if not match:
        raise ValueError(f"not a Vietnamese phone number: {raw!r}")
    return f"+84{match.group(1)}"


def send_sms(to: str, text: str, reference: str = "") -> str:
    """Hand one message to the gateway; return the gateway's message id."""
    url = getattr(settings, "SMS_GATEWAY_URL", "")
    if not url:
        raise SmsError("SMS_GATEWAY_URL is not configured", retryable=False)
    body = json.dumps({"to": to, "text": text, "reference": reference}).encode()
    request = urllib.request.Request(  # noqa: S310 (the URL is an administrator's setting)
        url,
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {getattr(settings, 'SMS_GATEWAY_TOKEN', '')}",
            "Content-Type": "application/json",
        },
    )
    timeout = getattr(settings, "SMS_GATEWAY_TIMEOUT", 10)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310  # nosec B310
            answer = response.read()
    except urllib.error.HTTPError as error:
        retryable = not (400 <= error.code < 500) or error.code in (408, 429)
        raise SmsError(
            f"gateway refused: {error.code} {error.read()[:200]!r}", retryable=retryable
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise SmsError(f"gateway unreachable: {error}") from error
    # Accepted: a body without an id leaves nothing to trace, but the message must not be resent.
    try:
        payload = json.loads(answer or b"{}")
    except ValueError:
        return ""
    return str(payload.get("id", "")) if isinstance(payload, dict) else ""
