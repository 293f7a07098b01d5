"""The connection pool of a real server process: many requests at once share a few PostgreSQL
connections and wait their turn, none is refused (the portal under load, issue 6's finding)."""

import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from .server import AsgiServer

pytestmark = pytest.mark.django_db(transaction=True)
MAX_SIZE = 3


def server_connections() -> int:
    """Connections to the test database other than this test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_requests_share_the_pool_and_none_is_refused(redis_channel_layer, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the pool is PostgreSQL's")
    before = server_connections()
    server = AsgiServer(
        redis_channel_layer,
        log_path=tmp_path / "uvicorn.log",
        DATABASE_POOL_MAX_SIZE=str(MAX_SIZE),
        DATABASE_POOL_MIN_SIZE="1",
    )
    seen, done = [], threading.Event()

    def watch():
        while not done.is_set():
            seen.append(server_connections() - before)
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    try:
        watcher.start()
        pages = [f"{server.url}/thu-tuc-hanh-chinh/?q=khai+sinh+{i}" for i in range(60)]
        with ThreadPoolExecutor(max_workers=20) as executor:
            statuses = list(executor.map(get, pages))
        done.set()
        watcher.join()
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=10) as response:  # noqa: S310
            pool = json.load(response)["checks"]["database"]["pool"]
        # The database ends the server's connections (a restart, a failover): the pool replaces
        # them as it lends them, and no request fails on one.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            ended = cursor.fetchone()[0]
        after = [get(f"{server.url}/thu-tuc-hanh-chinh/?q=sau+{i}") for i in range(2 * MAX_SIZE)]
    finally:
        done.set()
        server.stop()
    # Every request answered (the empty catalogue has no such page: 404, from the database).
    assert set(statuses) == {404}
    assert 1 <= max(seen) <= MAX_SIZE
    assert pool["max_size"] == MAX_SIZE and pool["size"] <= MAX_SIZE and pool["waiting"] == 0
    assert ended >= 1 and set(after) == {404}
