"""Production: refuses to start without a secret key, allowed hosts and real services."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CHANNELS_REDIS_URL, DATABASES, REDIS_URL, SECRET_KEY, env

DEBUG = False

_missing = [
    name
    for name, present in [
        ("SECRET_KEY", len(SECRET_KEY) >= 50),
        ("ALLOWED_HOSTS", bool(env.list("ALLOWED_HOSTS", default=[]))),
        ("DATABASE_URL", DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3"),
        ("REDIS_URL", bool(REDIS_URL and CHANNELS_REDIS_URL)),
    ]
    if not present
]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables (see .env.example): "
        + ", ".join(_missing)
        + ". SECRET_KEY must be at least 50 characters."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
