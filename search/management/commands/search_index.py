import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from search.indexing import procedures_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search's copy of the catalogue: the database backend's entries and, when "
        "ELASTICSEARCH_URL is set, the Elasticsearch index (built under a new name, then swapped "
        "in). The catalogue stays the truth; this can run at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="rewrite every procedure's copy (required)"
        )
        parser.add_argument(
            "--no-elasticsearch",
            action="store_true",
            help="rewrite only the database backend's entries",
        )

    def handle(self, *args, rebuild, no_elasticsearch, **options):
        if not rebuild:
            self.stderr.write(_("Nothing to do: pass --rebuild."))
            return
        started = time.monotonic()
        use_es = bool(settings.ELASTICSEARCH_URL) and not no_elasticsearch
        count = procedures_rebuild(elasticsearch=use_es, progress=self.progress)
        self.stdout.write(
            self.style.SUCCESS(
                _("Indexed %(count)d procedures in %(seconds).1f s (%(backends)s).")
                % {
                    "count": count,
                    "seconds": time.monotonic() - started,
                    "backends": "database, elasticsearch" if use_es else "database",
                }
            )
        )

    def progress(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        self.stdout.write(
            _("%(percent)3d%% %(done)d/%(total)d procedures")
            % {"percent": percent, "done": done, "total": total}
        )
