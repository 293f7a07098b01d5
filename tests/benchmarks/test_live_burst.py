"""Benchmark of live updates (`make bench`; PostgreSQL and Redis), acceptance 4 of issue 6.

LIVE_CLIENTS (default 100; 1000 for the acceptance figure) applicants each keep a websocket open
on their dossier's page, all on one uvicorn process with the Redis channel layer. One transaction
then commits a status change on every dossier at once (a busy desk, a batch job). Measured: that
every client gets its message (none dropped by the layer's capacity), p50/p95 from commit to
arrival, the time for the whole burst, and the server's memory. Baseline in the same run: the
same freshness by polling the lookup API every 2 s: the requests per second the server must bear,
and the CPU one such request costs, measured by polling the server for a few seconds.
"""

import asyncio
import os
import statistics
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction

from addons.accounts.models import User
from addons.catalogue.factories import AgencyFactory, ProcedureFactory
from addons.dossiers.models import Dossier, Status
from addons.dossiers.services.common import set_status
from addons.live.models import OutboxEntry
from tests.live.conftest import media, redis_channel_layer  # noqa: F401 (fixtures)
from tests.live.server import AsgiServer

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=True)]
CLIENTS = int(os.environ.get("LIVE_CLIENTS", "100"))
POLL_SECONDS = 2
POLL_MEASURE_SECONDS = float(os.environ.get("LIVE_POLL_MEASURE_SECONDS", "8"))
TICKS = os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def applicants_with_dossiers(n: int) -> list[tuple[Dossier, str]]:
    agency = AgencyFactory(identifier="000.00.18.H37", name="Sở Tư pháp")
    procedure = ProcedureFactory(parts__agency=agency)
    password = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"bench{i}", kind=User.Kind.PERSON, password=password) for i in range(n)
    )
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            procedure=procedure,
            agency=agency,
            applicant=user,
            submitter=user,
            status=Status.PROCESSING,
            code=f"000.00.18.H37-261128-{i:04d}",
            applicant_name=f"Bench {i}",
        )
        for i, user in enumerate(users)
    )
    rows = []
    for user, dossier in zip(users, dossiers, strict=True):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        rows.append((dossier, session.session_key))
    return rows


class Clients:
    """N websocket clients in one asyncio loop (its own thread), recording when messages land."""

    def __init__(self, server: AsgiServer, rows):
        self.server = server
        self.rows = rows
        self.arrivals: dict[int, float] = {}
        self.connected = 0
        self.failed = 0
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.stop_event = None
        self.expected_kind = "payment_requested"

    def run(self, coro, timeout=600):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    async def _client(self, dossier, session_key, ready):
        from websockets.asyncio.client import connect

        uri = self.server.url.replace("http", "ws") + f"/ws/dossiers/{dossier.uuid}/"
        try:
            async with connect(
                uri,
                additional_headers={"Cookie": f"sessionid={session_key}"},
                origin=self.server.url,
                open_timeout=120,
                ping_interval=None,
                max_queue=None,
            ) as socket:
                self.connected += 1
                ready.release()
                async for raw in socket:
                    if f'"{self.expected_kind}"' in raw:
                        self.arrivals[dossier.pk] = time.time()
        except Exception:
            self.failed += 1
            ready.release()

    async def _connect_all(self, batch: int = 100):
        self.tasks = []
        for start in range(0, len(self.rows), batch):
            ready = asyncio.Semaphore(0)
            chunk = self.rows[start : start + batch]
            for dossier, key in chunk:
                self.tasks.append(asyncio.create_task(self._client(dossier, key, ready)))
            for _ in chunk:
                await ready.acquire()

    def connect_all(self):
        self.run(self._connect_all())

    async def _close(self):
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    def close(self):
        self.run(self._close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


def burst(rows) -> float:
    """Commit one status change on every dossier in one transaction; return the commit instant
    (the first after-commit callback, registered before the events' dispatch)."""
    committed = {}
    with transaction.atomic():
        transaction.on_commit(lambda: committed.setdefault("at", time.time()))
        for dossier, _key in rows:
            set_status(dossier, Status.PAYMENT_REQUESTED, "payment_requested")
    return committed["at"]


def poll_cost(server: AsgiServer, rows, seconds: float) -> tuple[float, float, float]:
    """Poll the lookup API as the applicants' pages would, back to back from 8 threads, for
    `seconds`: (requests per second achieved, server CPU seconds per request, p95 ms)."""
    stop_at = time.monotonic() + seconds
    latencies = []

    def worker(offset):
        i = offset
        while time.monotonic() < stop_at:
            dossier, key = rows[i % len(rows)]
            request = urllib.request.Request(  # noqa: S310
                f"{server.url}/api/v1/dossiers/lookup/?code={dossier.code}",
                headers={
                    "Cookie": f"sessionid={key}",
                    # each applicant from its own address, as behind the reverse proxy
                    "X-Forwarded-For": f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}",
                },
            )
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                assert response.status == 200
                response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            i += 8

    cpu_before = cpu_seconds(server.process.pid)
    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(worker, range(8)))
    elapsed = time.monotonic() - started
    cpu = cpu_seconds(server.process.pid) - cpu_before
    latencies.sort()
    count = len(latencies)
    return count / elapsed, cpu / count, latencies[int(count * 0.95) - 1]


def test_live_burst_every_message_arrives_beside_polling(redis_channel_layer, media, tmp_path):  # noqa: F811
    rows = applicants_with_dossiers(CLIENTS)
    server = AsgiServer(
        redis_channel_layer,
        log_path=tmp_path / "uvicorn.log",
    )
    clients = Clients(server, rows)
    try:
        rss_idle = rss_mb(server.process.pid)
        started = time.monotonic()
        clients.connect_all()
        connect_s = time.monotonic() - started
        assert clients.failed == 0, (tmp_path / "uvicorn.log").read_text()[-3000:]
        assert clients.connected == CLIENTS
        rss_connected = rss_mb(server.process.pid)
        cpu_before = cpu_seconds(server.process.pid)

        committed_at = burst(rows)
        dispatch_ms = (time.time() - committed_at) * 1000  # the dispatch runs after commit
        deadline = time.time() + 60
        while len(clients.arrivals) < CLIENTS and time.time() < deadline:
            time.sleep(0.05)
        rss_after = rss_mb(server.process.pid)
        burst_cpu = cpu_seconds(server.process.pid) - cpu_before
        delays = sorted((at - committed_at) * 1000 for at in clients.arrivals.values())
        missing = CLIENTS - len(delays)
        assert not OutboxEntry.objects.filter(published_at=None).exists()

        poll_rate, cpu_per_request, poll_p95 = poll_cost(server, rows, POLL_MEASURE_SECONDS)
    finally:
        clients.close()
        server.stop()

    required = CLIENTS / POLL_SECONDS
    print(
        f"\n\nLive burst: {CLIENTS} websocket clients on one uvicorn process, {os.cpu_count()} CPUs"
    )
    print(f"  connect all clients                  {connect_s:8.2f} s")
    print(
        f"  messages arrived                     {len(delays):8d} of {CLIENTS} (missing {missing})"
    )
    if delays:
        print(f"  commit -> arrival p50                {statistics.median(delays):8.1f} ms")
        print(
            f"  commit -> arrival p95                {delays[int(len(delays) * 0.95) - 1]:8.1f} ms"
        )
        print(f"  whole burst (commit -> last)         {delays[-1]:8.1f} ms")
    print(f"  dispatch (publisher, after commit)   {dispatch_ms:8.1f} ms")
    print(f"  server CPU for the burst             {burst_cpu:8.2f} s")
    print(
        f"  server RSS idle / connected / after  {rss_idle:6.0f} / {rss_connected:.0f} / {rss_after:.0f} MB"
    )
    print("Baseline: the same freshness by polling the lookup API every 2 s")
    print(f"  requests per second to bear          {required:8.0f} req/s")
    print(f"  measured: achieved {poll_rate:.0f} req/s, p95 {poll_p95:.1f} ms")
    print(f"  server CPU per request               {cpu_per_request * 1000:8.2f} ms")
    print(
        f"  CPU cores needed to bear it          {required * cpu_per_request:8.2f} cores (always)"
    )
    assert missing == 0, f"{missing} clients never got their message"
