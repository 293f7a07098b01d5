"""`/healthz` reports each runtime piece truthfully (issue 2, acceptance 3)."""

import json

import pytest

from tests.utils import run_python

UNUSED_PORT = "127.0.0.1:1"


def healthz_in_subprocess(**env) -> tuple[int, dict]:
    """Call /healthz in a fresh process configured only by environment variables."""
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'code': r.status_code, 'body': r.json()}))"
    )
    result = run_python(["-c", code], ALLOWED_HOSTS="testserver", **env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return found["code"], found["body"]


@pytest.mark.django_db
def test_healthz_reports_every_piece(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "broker", "search"}
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["search"]["backend"] == "database"


def test_healthz_is_503_when_the_database_is_down(tmp_path):
    code, body = healthz_in_subprocess(DATABASE_URL=f"postgres://postgres@{UNUSED_PORT}/nothing")
    assert code == 503
    assert body["status"] == "down"
    assert body["checks"]["database"]["status"] == "down"
    assert body["checks"]["cache"]["status"] == "ok"


def test_healthz_says_so_when_redis_is_down(tmp_path):
    code, body = healthz_in_subprocess(
        PORTAL_VAR_DIR=str(tmp_path), REDIS_URL=f"redis://{UNUSED_PORT}/0"
    )
    assert code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"
    for piece in ("cache", "channel_layer", "broker"):
        assert body["checks"][piece]["status"] == "down", piece


def test_healthz_with_real_redis_reports_it_up(tmp_path, redis_url):
    base = redis_url.rsplit("/", 1)[0]
    code, body = healthz_in_subprocess(PORTAL_VAR_DIR=str(tmp_path), REDIS_URL=f"{base}/10")
    assert code == 200, body
    assert body["checks"]["cache"] == {
        **body["checks"]["cache"],
        "status": "ok",
        "backend": "RedisCache",
    }
    assert body["checks"]["channel_layer"]["backend"] == "RedisChannelLayer"
    assert body["checks"]["channel_layer"]["status"] == "ok"
    assert body["checks"]["broker"]["status"] == "ok"


def test_healthz_says_search_is_degraded_when_elasticsearch_does_not_answer(tmp_path):
    code, body = healthz_in_subprocess(
        PORTAL_VAR_DIR=str(tmp_path), ELASTICSEARCH_URL=f"http://{UNUSED_PORT}"
    )
    assert code == 200
    assert body["checks"]["search"]["status"] == "degraded"
    assert body["checks"]["search"]["backend"] == "database"
