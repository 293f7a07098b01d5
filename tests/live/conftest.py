"""Live tests: a real Redis channel layer, signed-in websockets, a private Redis to stop."""

import shutil
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import async_to_sync
from django.db import connections
from django.test import Client

from tests.conftest import verified_login
from tests.dossiers import conftest as dossier_fixtures
from tests.services import reachable

from .layers import redis_layer
from .websocket import WebsocketCommunicator

staff = dossier_fixtures.staff
media = dossier_fixtures.media
submitted = dossier_fixtures.submitted
english = dossier_fixtures.english

ORIGIN = "http://testserver"


@pytest.fixture
def redis_channel_layer(settings, redis_url):
    """The channel layer on the test Redis (TEST_REDIS_URL), emptied before the test."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    settings.CHANNEL_LAYERS = redis_layer(redis_url)
    return redis_url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test alone, on a free port, that the test may stop and start.
    The shared Redis is never touched."""

    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not reachable("127.0.0.1", self.port):
            if time.monotonic() > deadline:
                raise RuntimeError("the private redis-server did not start")
            time.sleep(0.05)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def private_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def session_cookie(user, *, staff: bool) -> str:
    """A real session for `user` in the database (with a verified OTP device for staff)."""
    client = Client()
    if staff:
        verified_login(client, user)
    else:
        client.force_login(user)
    return client.cookies["sessionid"].value


def websocket_app():
    """The websocket half of portal.asgi, built now so that it reads the test's ALLOWED_HOSTS."""
    from channels.auth import AuthMiddlewareStack
    from channels.routing import URLRouter
    from channels.security.websocket import AllowedHostsOriginValidator

    from portal.routing import websocket_urlpatterns

    return AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))


def communicator(path: str, cookie: str | None = None, origin: str = ORIGIN):
    headers = [(b"host", b"testserver"), (b"origin", origin.encode())]
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    return WebsocketCommunicator(websocket_app(), path, headers=headers)


def run_async(scenario):
    """Run an async scenario to its end in a thread of its own: Playwright's sync API (tests/e2e)
    leaves an event loop in the main thread, where async_to_sync refuses to run. Its database
    work sees committed data only: the tests that use it are transactional."""

    def target():
        try:
            return async_to_sync(scenario)()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(target).result()


def can_join(path: str, cookie: str | None, origin: str = ORIGIN) -> bool:
    async def attempt():
        socket_ = communicator(path, cookie, origin)
        connected, _code = await socket_.connect(timeout=10)
        if connected:
            await socket_.disconnect()
        return connected

    return run_async(attempt)


@pytest.fixture
def allowed_hosts(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
