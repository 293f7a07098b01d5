from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "addons.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth import user_logged_in, user_logged_out
        from django.core.checks import register
        from django.db.models.signals import post_migrate

        from .session import session_signed_in, session_signed_out
        from .signals import ensure_roles_after_migrate
        from .sso.providers import check_providers

        register(check_providers)

        post_migrate.connect(ensure_roles_after_migrate, sender=self)
        user_logged_in.connect(session_signed_in, dispatch_uid="accounts_session_signed_in")
        user_logged_out.connect(session_signed_out, dispatch_uid="accounts_session_signed_out")
