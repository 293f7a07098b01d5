from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "addons.analytics"
    label = "analytics"
    verbose_name = _("Access statistics")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from addons.accounts.signals import ensure_roles_after_migrate

        # The statistics permission exists only once this app has migrated.
        post_migrate.connect(ensure_roles_after_migrate, sender=self)
