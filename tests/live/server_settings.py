"""Settings of the processes a live test starts (uvicorn, a Celery worker): the test settings on
the test database (DATABASE_URL), with the real Redis channel layer and broker the test names."""

from portal.settings.test import *  # noqa: F403
from portal.settings.test import env
from tests.live.layers import redis_layer

LIVE_REDIS_URL = env.str("LIVE_REDIS_URL")
CHANNEL_LAYERS = redis_layer(LIVE_REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = env.str("LIVE_BROKER_URL", default=LIVE_REDIS_URL)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=PRIVATE_MEDIA_ROOT)  # noqa: F405
# Static files from the apps' folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
