from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import signals
        from .backends.database.dossiers import register_sqlite_fold

        signals.connect()
        connection_created.connect(register_sqlite_fold, dispatch_uid="search_sqlite_fold")
