"""Helpers for tests that need a fresh process configured only by environment variables."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Variables that choose a mode; a child process starts without them unless a test sets them.
MODE_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_python(args: list[str], timeout: int = 120, **env: str) -> subprocess.CompletedProcess:
    """Run `python ARGS` from the repository root with `site/` importable and only `env` set."""
    clean = {k: v for k, v in os.environ.items() if k not in MODE_VARIABLES}
    clean["DJANGO_SETTINGS_MODULE"] = "portal.settings.local"
    clean["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "site")])
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
