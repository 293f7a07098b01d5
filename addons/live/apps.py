from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    """Trực tuyến: the outbox of dossier events, websockets and messages with applicants."""

    name = "addons.live"
    label = "live"
    verbose_name = _("Live updates and messages")
