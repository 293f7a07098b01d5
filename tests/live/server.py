"""A real ASGI server for browser tests and benchmarks: uvicorn in a subprocess, serving the test
database with the Redis channel layer, as `make serve` would in production."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the server process needs the PostgreSQL test database")
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def server_env(redis_url: str, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.live.server_settings",
        "LIVE_REDIS_URL": redis_url,
        "DATABASE_URL": test_database_url(),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
        **extra,
    }


class AsgiServer:
    def __init__(self, redis_url: str, *, log_path: Path, **extra_env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "uvicorn",
                "portal.asgi:application",
                "--app-dir",
                "site",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-access-log",
                "--ws-max-queue",
                "64",
                "--backlog",
                "4096",
            ],
            cwd=ROOT,
            env=server_env(redis_url, **extra_env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.log_path = log_path
        self._wait()

    def _wait(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited:\n{self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2):  # noqa: S310
                    return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"uvicorn did not answer:\n{self.log_path.read_text()}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture
def asgi_server(redis_channel_layer, tmp_path, media):
    """uvicorn on a free port, its channel layer on TEST_REDIS_URL, the test's private media."""
    server = AsgiServer(redis_channel_layer, log_path=tmp_path / "uvicorn.log")
    yield server
    server.stop()
