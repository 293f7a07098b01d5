"""The embedded default of `make run`: one process, SQLite, nothing else to install."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
# A development-only key; production refuses to start without its own (see production.py).
SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-development-key-never-use-in-production")  # noqa: S105
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

VAR_DIR.mkdir(parents=True, exist_ok=True)
