from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "addons.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from django.contrib import admin

        from . import receivers  # noqa: F401  (connects the signal receivers)
        from .forms import AdminSignInForm

        # The Django admin's sign-in page shows the lockout message too.
        admin.site.login_form = AdminSignInForm
