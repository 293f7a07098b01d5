"""Web hardening (SEC): headers and policy on every kind of page, production settings that pass
`check --deploy`, CSRF on every form, rate limits on the API."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
# What a production service would have: the browser tests' async override is not part of it.
PRODUCTION_ENV = {
    **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "ALLOWED_HOSTS": "dichvucong.example.gov.vn",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_sec_production_settings_pass_check_deploy():
    env = {**PRODUCTION_ENV, "SECRET_KEY": secrets.token_urlsafe(60)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_sec_production_settings_harden_cookies_and_transport():
    env = {**PRODUCTION_ENV, "SECRET_KEY": secrets.token_urlsafe(60)}
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "site",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["True"] * 5, result.stderr


@pytest.mark.parametrize(
    ("path", "strict"),
    [("/", True), ("/accounts/login/", True), ("/admin/login/", False)],
)
def test_sec_security_headers_on_every_kind_of_page(client, db, path, strict):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "object-src 'none'" in policy and "base-uri 'self'" in policy
    assert ("'unsafe-inline'" not in policy) is strict
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


TEMPLATE_DIRS = [ROOT / "site" / "templates", *sorted((ROOT / "addons").glob("*/templates"))]
FORM = re.compile(r"<form\b[^>]*>(.*?)</form>", re.S | re.I)


def test_sec_every_post_form_carries_a_csrf_token():
    missing = []
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*.html"):
            text = template.read_text()
            for match in FORM.finditer(text):
                opening = match.group(0)[: match.group(0).index(">") + 1].lower()
                if 'method="post"' in opening and "{% csrf_token %}" not in match.group(1):
                    missing.append(str(template.relative_to(ROOT)))
    assert not missing, missing


def test_sec_post_without_csrf_token_is_refused(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403


def test_sec_api_is_rate_limited_per_address(client, db, settings):
    settings.API_RATE_LIMIT = settings_limit = 5
    codes = [
        client.get("/api/v1/procedures/", REMOTE_ADDR="192.0.2.50").status_code
        for _ in range(settings_limit + 1)
    ]
    assert codes[:-1] == [200] * settings_limit and codes[-1] == 429
    assert client.get("/api/v1/procedures/", REMOTE_ADDR="192.0.2.51").status_code == 200
