"""A small payment gateway on a local port, speaking the protocol of `addons.dossiers.payments`:
it checks the signed request, notifies the portal server to server (IPN), then sends the browser
back to the portal, each message signed with the shared secret."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit
from urllib.request import urlopen

from addons.dossiers.payments import SIGNATURE, sign, verify

SECRET = "bi-mat-chung-voi-cong-thanh-toan"  # noqa: S105
MERCHANT = "SOTUPHAP01"
NOWHERE = "http://127.0.0.1:9/pay"  # tests that never send the browser on


def gateway_configured(settings, url: str = NOWHERE):
    """The portal's settings for the gateway at `url`, with the tests' secret and merchant."""
    settings.PAYMENT_GATEWAY_URL = url
    settings.PAYMENT_GATEWAY_SECRET = SECRET
    settings.PAYMENT_MERCHANT_ID = MERCHANT
    return settings


class FakeGateway:
    def __init__(self, secret: str, *, outcome: str = "00", amount_delta: int = 0):
        self.secret = secret
        self.outcome = outcome  # the response code the "applicant" ends with
        self.amount_delta = amount_delta  # a gateway that reports another amount
        self.requests: list[dict] = []
        self.ipn_answers: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/pay"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def notice(self, request: dict, *, transaction_no: str = "14512345") -> dict:
        params = {
            "merchant": request["merchant"],
            "txn_ref": request["txn_ref"],
            "amount": str(int(request["amount"]) + self.amount_delta),
            "response_code": self.outcome,
            "transaction_no": transaction_no,
            "pay_date": "20261130101500",
        }
        params[SIGNATURE] = sign(params, self.secret)
        return params

    def notify(self, request: dict, params: dict) -> dict:
        with urlopen(f"{request['notify_url']}?{urlencode(params)}", timeout=10) as response:  # noqa: S310
            return json.loads(response.read())

    def _handler(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                request = dict(parse_qsl(urlsplit(self.path).query))
                if not verify(request, gateway.secret):
                    self.send_response(400)
                    self.end_headers()
                    self.wfile.write(b"invalid signature")
                    return
                gateway.requests.append(request)
                params = gateway.notice(request)
                gateway.ipn_answers.append(gateway.notify(request, params))
                self.send_response(302)
                self.send_header("Location", f"{request['return_url']}?{urlencode(params)}")
                self.end_headers()

        return Handler
