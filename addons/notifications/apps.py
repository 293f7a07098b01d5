from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "addons.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from addons.live.signals import outbox_published

        from .receivers import event_published

        outbox_published.connect(event_published, dispatch_uid="notifications.event_published")
