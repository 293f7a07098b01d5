"""Settings shared by every mode. This is the only module that reads environment variables.

Every variable read here is listed with its meaning in `.env.example`. Without any variable you get
the embedded default: SQLite under `var/`, local-memory cache, in-memory channel layer, eager Celery
and the database search backend. `DATABASE_URL`, `REDIS_URL` and `ELASTICSEARCH_URL` switch to the
production pieces.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # site/
BASE_DIR = SITE_DIR.parent  # the repository root
PROJECT_DIR = SITE_DIR

env = environ.Env()
env.smart_cast = False

VAR_DIR = Path(env.str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL

# --- Applications -------------------------------------------------------------------------------

INSTALLED_APPS = [
    # project
    "portal",
    "pages",
    "addons.accounts",
    "addons.catalogue",
    "addons.workcalendar",
    "addons.dossiers",
    "addons.backoffice",
    "addons.live",
    "addons.notifications",
    "addons.audit",
    "addons.analytics",
    "search",
    "workflows",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # staff two-factor authentication
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # runtime
    "channels",
    "viewflow",
    "viewflow.workflow",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "portal.errors.ErrorPageMiddleware",  # first: its process_exception runs last
    "django.middleware.security.SecurityMiddleware",
    "portal.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "addons.analytics.middleware.AccessLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "addons.audit.context.AuditContextMiddleware",
    "portal.ratelimit.RateLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "addons.accounts.middleware.StaffOTPRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "addons.accounts.session.SessionIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data stores --------------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while a worker or an import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # The worklist indexes cover extra columns on PostgreSQL; SQLite builds them without.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    # The portal runs under an ASGI server, where each request's synchronous code runs in a
    # thread of its own: persistent connections (CONN_MAX_AGE) would pile up one per thread until
    # PostgreSQL refuses clients (seen with 1,000 websocket clients), and a new connection per
    # request costs about 5 ms. So each process keeps a pool (psycopg_pool): a request borrows a
    # connection and gives it back at its end; past DATABASE_POOL_MAX_SIZE, requests wait (up to
    # DATABASE_POOL_TIMEOUT seconds). DATABASE_POOL=false turns it off (behind PgBouncer in
    # transaction mode, say), with a connection per request again.
    if env.bool("DATABASE_POOL", default=True):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=2),
            "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=20),
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
    # With the pool, a connection the server ended (a restart, a failover) is replaced as it is
    # lent, not handed to a request that would fail on it.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")


def _redis_db(url: str, db: int) -> str:
    """The same Redis server, another database: broker, channel layer and cache stay apart."""
    base, _, last = url.rstrip("/").rpartition("/")
    return f"{base}/{db}" if last.isdigit() else f"{url.rstrip('/')}/{db}"


CELERY_BROKER_URL = env.str(
    "CELERY_BROKER_URL", default=_redis_db(REDIS_URL, 0) if REDIS_URL else "memory://"
)
CHANNELS_REDIS_URL = env.str(
    "CHANNELS_REDIS_URL", default=_redis_db(REDIS_URL, 1) if REDIS_URL else ""
)
CACHE_URL = env.str("CACHE_URL", default=_redis_db(REDIS_URL, 2) if REDIS_URL else "locmemcache://")

if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": env.cache_url_config(CACHE_URL)}

if CHANNELS_REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py's 5 s read timeout kills idle subscribers: no timeout for the layer.
                # Handshake bursts need more than redis-py's pool of 100 connections.
                "hosts": [
                    {
                        "address": CHANNELS_REDIS_URL,
                        "socket_timeout": None,
                        "socket_connect_timeout": 2,
                        "max_connections": env.int("CHANNELS_MAX_CONNECTIONS", default=2000),
                    }
                ],
                "capacity": env.int("CHANNELS_CAPACITY", default=1000),
                "expiry": 60,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Celery -------------------------------------------------------------------------------------

CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Days a published outbox row is kept (addons.live); pending rows are kept until published.
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=7)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Outbox rows left pending while Redis or the broker was down (addons.live).
    "live-outbox-dispatch": {"task": "addons.live.tasks.outbox_dispatch_task", "schedule": 30.0},
    "live-outbox-prune": {"task": "addons.live.tasks.outbox_prune_task", "schedule": 86400.0},
    # Deadline warnings to staff and the form 04 reminder (addons.notifications).
    "notifications-deadlines": {
        "task": "addons.notifications.tasks.deadlines_scan_task",
        "schedule": env.float("DEADLINE_SCAN_SECONDS", default=600.0),
    },
    # Deliveries left pending by a worker that stopped between retries.
    "notifications-sweep": {
        "task": "addons.notifications.tasks.deliveries_sweep_task",
        "schedule": 600.0,
    },
}
# A pending delivery with no attempt for this long is sent again (its retries are at most 32
# minutes apart); one pending for this long since it was made is given up, too late to be news.
NOTIFICATION_STUCK_AFTER = env.int("NOTIFICATION_STUCK_AFTER", default=45 * 60)
NOTIFICATION_GIVE_UP_AFTER = env.int("NOTIFICATION_GIVE_UP_AFTER", default=24 * 3600)

# --- Search -------------------------------------------------------------------------------------

ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="portal")
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=2.0)
SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "database"

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Accounts and staff two-factor authentication -----------------------------------------------

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email", "phone")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# URL prefixes of every staff surface: a signed-in staff member needs a verified OTP device there.
STAFF_URL_PREFIXES = ("/admin/", "/django-admin/", "/backoffice/")
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Cổng Dịch vụ công")
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
# A link to set a new password works this long (and only until the password changes).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=2 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Lockout (OSS-6, SEC): the first backend refuses every sign-in path while a lock holds.
WAGTAILADMIN_USER_LOGIN_FORM = "addons.audit.forms.WagtailSignInForm"
SIGNIN_LOCKOUT_FAILURES = env.int("SIGNIN_LOCKOUT_FAILURES", default=10)
SIGNIN_LOCKOUT_ADDRESS_FAILURES = env.int("SIGNIN_LOCKOUT_ADDRESS_FAILURES", default=30)
SIGNIN_LOCKOUT_WINDOW = env.int("SIGNIN_LOCKOUT_WINDOW", default=15 * 60)
SIGNIN_LOCKOUT_DURATION = env.int("SIGNIN_LOCKOUT_DURATION", default=30 * 60)
# Requests per address and minute: sign-in form posts, and the API.
SIGNIN_RATE_LIMIT = env.int("SIGNIN_RATE_LIMIT", default=20)
API_RATE_LIMIT = env.int("API_RATE_LIMIT", default=120)

# --- Security headers (SEC) ----------------------------------------------------------------------

# The portal and the back office: our own scripts and styles only, nothing inline.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# The Wagtail and Django admins need inline scripts and styles, and previews in frames.
CSP_ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
CONTENT_SECURITY_POLICY_ADMIN = {
    "default-src": "'self'",
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "frame-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}
CONTENT_SECURITY_POLICY_REPORT_ONLY = env.bool("CONTENT_SECURITY_POLICY_REPORT_ONLY", default=False)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Centralised sign-in, registration, idle sessions (GEN-6, POR-e, POR-n, OSS-6) --------------

# The lockout backend (addons.audit) replaces ModelBackend and comes first; OIDC after it.
AUTHENTICATION_BACKENDS = [
    "addons.audit.backends.LockoutModelBackend",
    "addons.accounts.sso.backends.OIDCBackend",
]
# OpenID Connect providers, a JSON list (format in addons/accounts/sso/providers.py).
OIDC_PROVIDERS = env.json("OIDC_PROVIDERS", default=[])
OIDC_HTTP_TIMEOUT = env.float("OIDC_HTTP_TIMEOUT", default=10.0)
# Seconds without a request after which a session ends; staff sessions end sooner.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_IDLE_TIMEOUT_STAFF = env.int("SESSION_IDLE_TIMEOUT_STAFF", default=15 * 60)
# Registration: a verification code lives this many seconds and allows this many wrong tries.
VERIFICATION_CODE_TTL = env.int("VERIFICATION_CODE_TTL", default=15 * 60)
VERIFICATION_MAX_ATTEMPTS = 5

# --- Access logs and statistics (POR-o) ---------------------------------------------------------

ACCESS_LOG_ENABLED = env.bool("ACCESS_LOG_ENABLED", default=True)
# Days a visit keeps its client address; then the address is erased (the visit stays counted).
ACCESS_LOG_ADDRESS_DAYS = env.int("ACCESS_LOG_ADDRESS_DAYS", default=30)
ACCESS_LOG_EXCLUDE_PREFIXES = ("/static/", "/media/", "/healthz", "/favicon.ico")
CELERY_BEAT_SCHEDULE["access-log-maintain"] = {
    "task": "addons.analytics.tasks.access_log_maintain_task",
    "schedule": 3600,
}

# --- Internationalisation -----------------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

# --- Static and media ---------------------------------------------------------------------------

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Dossier documents and results: never served as media; only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Virus scanning of uploads through clamd: tcp://host:3310 or unix:///run/clamav/clamd.ctl.
CLAMAV_URL = env.str("CLAMAV_URL", default="")
CLAMAV_TIMEOUT = env.float("CLAMAV_TIMEOUT", default=30.0)

# --- Wagtail ------------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = env.str("PORTAL_SITE_NAME", default="Cổng Dịch vụ công")
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip", "txt"]
WAGTAILADMIN_USER_FORM_EXTRA_FIELDS = []
# No Gravatar: staff e-mail hashes stay here, and the admin's policy allows no outside images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Mail ---------------------------------------------------------------------------------------

globals().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Cổng Dịch vụ công <noreply@localhost>")

# SMS gateway (addons.notifications.sms): an HTTP endpoint; unset means SMS is not offered.
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env.str("SMS_GATEWAY_TOKEN", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=10.0)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Deadline warnings (addons.notifications.deadlines): working hours ahead of a step's or a
# dossier's deadline, and ahead of the last moment to issue form 04.
DEADLINE_WARNING_HOURS = env.float("DEADLINE_WARNING_HOURS", default=8.0)
APOLOGY_REMINDER_HOURS = env.float("APOLOGY_REMINDER_HOURS", default=8.0)

# Online payment of fees (addons.dossiers.payments): the gateway's payment page, the secret shared
# with it for the HMAC-SHA256 signatures, and our merchant code there; unset means no online payment.
PAYMENT_GATEWAY_URL = env.str("PAYMENT_GATEWAY_URL", default="")
PAYMENT_GATEWAY_SECRET = env.str("PAYMENT_GATEWAY_SECRET", default="")
PAYMENT_MERCHANT_ID = env.str("PAYMENT_MERCHANT_ID", default="")

# --- Logging ------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
    },
}
