from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from addons.catalogue.importing import CatalogueImportError, ImportReport, catalogue_import


class Command(BaseCommand):
    help = (
        "Import the national catalogue of administrative procedures from a folder in the format "
        "of the National Public Service Portal (catalog.jsonl, details/<code>.json, "
        "provinces.json). Safe to rerun: unchanged records are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="folder holding catalog.jsonl")
        parser.add_argument(
            "--limit", type=int, default=None, help="import at most this many records"
        )

    def handle(self, *args, path, limit, **options):
        try:
            report = catalogue_import(path=path, limit=limit, on_progress=self.progress)
        except CatalogueImportError as exc:
            raise CommandError(str(exc)) from exc
        self.summary(report)
        if report.failures:
            raise CommandError(
                _("%(count)d record(s) could not be imported; the others were.")
                % {"count": report.failed}
            )

    def progress(self, report: ImportReport) -> None:
        self.stdout.write(
            _("%(count)d records read: %(counts)s")
            % {"count": report.read, "counts": report.counts()}
        )

    def summary(self, report: ImportReport) -> None:
        self.stdout.write(
            _("Provinces: %(created)d created, %(updated)d updated.")
            % {"created": report.provinces_created, "updated": report.provinces_updated}
        )
        for origin, warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"{origin}: {warning}"))
        for origin, reason in report.failures:
            self.stderr.write(
                _("Failed: %(origin)s: %(reason)s") % {"origin": origin, "reason": reason}
            )
        line = _("Import finished in %(seconds).1f s: %(counts)s.") % {
            "seconds": report.seconds,
            "counts": report.counts(),
        }
        self.stdout.write(self.style.SUCCESS(line) if not report.failures else line)
        if not report.changed and not report.failures:
            self.stdout.write(_("Nothing changed: every record is as the last import left it."))
