from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkCalendarConfig(AppConfig):
    name = "addons.workcalendar"
    label = "workcalendar"
    verbose_name = _("Working calendar")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the cache invalidation)
