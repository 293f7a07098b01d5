"""The SMS gateway adapter: one configurable HTTP gateway.

Protocol (what a provider's gateway, or the local server of the tests, must speak):

    POST {SMS_GATEWAY_URL}
    Authorization: Bearer {SMS_GATEWAY_TOKEN}
    Content-Type: application/json
    {"to": "+84912345678", "text": "...", "reference": "..."}

    2xx {"id": "<gateway message id>"}    accepted
    anything else                          refused: `SmsError` with the status and body
"""

import json
import urllib.error
import urllib.request

from django.conf import settings


class SmsError(Exception):
    """The gateway did not accept the message (or could not be reached)."""


def send_sms(to: str, text: str, reference: str = "") -> str:
    """Hand one message to the gateway; return the gateway's message id."""
    url = getattr(settings, "SMS_GATEWAY_URL", "")
    if not url:
        raise SmsError("SMS_GATEWAY_URL is not configured")
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
            payload = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise SmsError(f"gateway refused: {error.code} {error.read()[:200]!r}") from error
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise SmsError(f"gateway unreachable: {error}") from error
    return str(payload.get("id", ""))
