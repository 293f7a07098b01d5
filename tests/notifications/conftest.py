"""Notification fixtures: a local SMS gateway speaking the adapter's protocol, dossiers in work,
and a way to publish an event exactly as the outbox dispatcher does."""

import json
import socket
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


def free_port() -> int:
    """A local TCP port where nothing listens (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def no_sms_gateway(settings):
    """An SMS gateway address where nothing listens."""
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{free_port()}/sms"
    settings.SMS_GATEWAY_TIMEOUT = 2
    return settings.SMS_GATEWAY_URL


class SmtpServer:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps the messages it accepts."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list = []
        server = self

        class Handler:
            async def handle_DATA(self, _server, _session, envelope):
                from email import message_from_bytes, policy

                message = message_from_bytes(envelope.content, policy=policy.default)
                server.messages.append((envelope.rcpt_tos, message))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        self.url = f"smtp://127.0.0.1:{self.port}"

    def close(self):
        self.controller.stop()


@pytest.fixture
def smtp_server(settings):
    server = SmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.close()


def connections_reset(app) -> None:
    """Forget the app's pools so that the next publish connects to the broker configured now
    (`app.close()` keeps an idle pool; closing would break kombu's shared producer pools)."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Celery publishing for real, to a Redis port where nothing listens."""
    from portal.celery import app

    port = free_port()
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    connections_reset(app)
    app.conf.task_always_eager, app.conf.broker_url = False, f"redis://127.0.0.1:{port}/0"
    yield
    connections_reset(app)
    app.conf.task_always_eager, app.conf.broker_url = saved


@pytest.fixture
def real_broker(redis_url):
    """Celery publishing to the test Redis database, as in production."""
    from portal.celery import app

    saved = (app.conf.task_always_eager, app.conf.broker_url)
    connections_reset(app)
    app.conf.task_always_eager, app.conf.broker_url = False, redis_url
    yield app
    connections_reset(app)
    app.conf.task_always_eager, app.conf.broker_url = saved
