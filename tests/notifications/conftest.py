"""Notification fixtures: a local SMS gateway speaking the adapter's protocol, dossiers in work,
and a way to publish an event exactly as the outbox dispatcher does."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from addons.live.signals import outbox_published
from tests.backoffice import conftest as backoffice_fixtures
from tests.dossiers import conftest as dossier_fixtures

staff = dossier_fixtures.staff
media = dossier_fixtures.media
submitted = dossier_fixtures.submitted
english = dossier_fixtures.english
received = backoffice_fixtures.received
taken = backoffice_fixtures.taken
signed_in = backoffice_fixtures.signed_in


def publish(event) -> None:
    """What the dispatcher does for one outbox row; a receiver's failure is raised here."""
    for _receiver, result in outbox_published.send_robust(sender=None, event=event):
        if isinstance(result, Exception):
            raise result


class SmsGateway:
    """A gateway on 127.0.0.1: answers each POST with the next scripted status (200 when the
    script is empty) and keeps what it received."""

    def __init__(self):
        self.received: list[dict] = []
        self.script: list[int] = []
        self.token = "gateway-secret"
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                status = gateway.script.pop(0) if gateway.script else 200
                if self.headers.get("Authorization") != f"Bearer {gateway.token}":
                    status = 401
                if status == 200:
                    gateway.received.append(body)
                    answer = {"id": f"gw-{len(gateway.received)}"}
                else:
                    answer = {"error": "temporarily unavailable" if status >= 500 else "refused"}
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sms_gateway(settings):
    gateway = SmsGateway()
    settings.SMS_GATEWAY_URL = gateway.url
    settings.SMS_GATEWAY_TOKEN = gateway.token
    settings.SMS_GATEWAY_TIMEOUT = 5
    yield gateway
    gateway.close()


@pytest.fixture
def no_sms_gateway(settings):
    """An SMS gateway address where nothing listens."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{port}/sms"
    settings.SMS_GATEWAY_TIMEOUT = 2
    return settings.SMS_GATEWAY_URL
