from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """Một cửa: the staff surface where dossiers are received, processed and returned."""

    name = "addons.backoffice"
    label = "backoffice"
    verbose_name = _("Back office")
