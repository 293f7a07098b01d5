"""The national catalogue import: `catalogue_import(path=...)` reads a DVCQG folder and writes it.

Records are written in batches of `BATCH_SIZE`, one transaction a batch, each record in its own
savepoint: a record that fails is rolled back alone and reported, the others are imported. A record
whose fingerprint is the one stored by the last import is skipped without a write.
"""

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.signal_handlers import disable_reference_index_auto_update

from ..models import (
    DocumentGroup,
    DocumentItem,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureChannel,
)
from .catalogues import Catalogues, provinces_update
from .pages import PagePublisher
from .records import ProcedureRecord, procedure_record
from .source import PROVINCES_FILE, DvcqgFolder, RecordError, SourceRecord, fingerprint

BATCH_SIZE = 500
M2M_FIELDS = ("fields", "subject_types", "results", "legal_bases")


@dataclass
class ImportReport:
    """What a run did: counts of records, failures and warnings as (file and line, reason)."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    provinces_created: int = 0
    provinces_updated: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def changed(self) -> bool:
        return bool(
            self.created or self.updated or self.provinces_created or self.provinces_updated
        )

    def counts(self) -> str:
        return _(
            "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(failed)d failed"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
        }


class ProcedureWriter:
    """Writes one procedure record with its parts and its page."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.catalogues = Catalogues()
        self.pages = PagePublisher()
        self.now = timezone.now()
        self.existing = {
            code: (pk, source_hash, completeness)
            for code, pk, source_hash, completeness in Procedure.objects.values_list(
                "code", "pk", "source_hash", "completeness"
            )
        }

    def write(self, source: SourceRecord) -> None:
        self.report.read += 1
        if source.error:
            self.report.failures.append((source.origin, source.error))
            return
        source_hash = fingerprint(source)
        pk, stored_hash, completeness = self.existing.get(source.code, (None, "", ""))
        # A summary never replaces a full record: a folder without that detail file says nothing new.
        summary_of_full = (
            source.completeness == Procedure.Completeness.SUMMARY
            and completeness == Procedure.Completeness.FULL
        )
        if stored_hash == source_hash or summary_of_full:
            self.report.unchanged += 1
            return
        try:
            record = procedure_record(source)
        except RecordError as exc:
            self.report.failures.append((source.origin, str(exc)))
            return
        try:
            with transaction.atomic():
                procedure = self.save(pk, record, source_hash)
        except Exception as exc:  # whatever goes wrong is this record's: report it, go on
            self.report.failures.append((source.origin, str(exc) or type(exc).__name__))
            self.catalogues.reload()  # entries it created were rolled back with it
            return
        self.existing[source.code] = (procedure.pk, source_hash, source.completeness)
        self.report.warnings += [(source.origin, warning) for warning in record.warnings]
        if pk is None:
            self.report.created += 1
        else:
            self.report.updated += 1

    def save(self, pk: int | None, record: ProcedureRecord, source_hash: str) -> Procedure:
        values = {**record.values, "source_hash": source_hash, "imported_at": self.now}
        values["field"] = self.catalogues.fields.get(record.fields[0]) if record.fields else None
        if pk is None:
            procedure = Procedure.objects.create(**values)
        else:
            # save(), not update(): receivers of post_save (the search index) follow the change.
            procedure = Procedure(pk=pk, **values)
            procedure.save(update_fields=list(values))
            for model in (ProcedureAgency, ProcedureChannel, ProcedureCase, DocumentGroup):
                model.objects.filter(procedure=procedure).delete()
            for name in M2M_FIELDS:
                getattr(Procedure, name).through.objects.filter(procedure=procedure).delete()
        self.save_parts(procedure, record)
        if pk is None:
            self.pages.create(procedure)
        else:
            self.pages.retitle(procedure)
        return procedure

    def save_parts(self, procedure: Procedure, record: ProcedureRecord) -> None:
        caches = self.catalogues
        related = {
            "fields": [caches.fields.get(entry) for entry in record.fields],
            "subject_types": [caches.subject_types.get(entry) for entry in record.subject_types],
            "results": [caches.results.get(entry) for entry in record.results],
            "legal_bases": [caches.legal_bases.get(entry) for entry in record.legal_bases],
        }
        for name in M2M_FIELDS:
            m2m = Procedure._meta.get_field(name)
            through, target = m2m.remote_field.through, f"{m2m.m2m_reverse_field_name()}_id"
            through.objects.bulk_create(
                through(procedure=procedure, **{target: entry_id})
                for entry_id in dict.fromkeys(entry.pk for entry in related[name])
            )
        roles = dict.fromkeys((caches.agency(ref).pk, ref.role) for ref in record.agencies)
        ProcedureAgency.objects.bulk_create(
            ProcedureAgency(procedure=procedure, agency_id=agency_id, role=role)
            for agency_id, role in roles
        )
        ProcedureChannel.objects.bulk_create(
            ProcedureChannel(procedure=procedure, **values) for values in record.channels
        )
        ProcedureCase.objects.bulk_create(
            ProcedureCase(procedure=procedure, **values) for values in record.cases
        )
        groups = DocumentGroup.objects.bulk_create(
            DocumentGroup(procedure=procedure, **values)
            for values, _items in record.document_groups
        )
        DocumentItem.objects.bulk_create(
            DocumentItem(group=group, **values)
            for group, (_values, items) in zip(groups, record.document_groups, strict=True)
            for values in items
        )


def _batches(records: Iterator[SourceRecord], limit: int | None) -> Iterator[list[SourceRecord]]:
    records = islice(records, limit)
    while batch := list(islice(records, BATCH_SIZE)):
        yield batch


def catalogue_import(
    *,
    path: Path | str,
    limit: int | None = None,
    on_progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import a DVCQG folder: provinces, shared catalogues, procedures and their pages.

    `on_progress` is called after every batch of `BATCH_SIZE` records with the report so far.
    Raises CatalogueImportError when the folder cannot be imported at all.
    """
    started = time.monotonic()
    folder = DvcqgFolder(path)
    report = ImportReport()
    # The reference index has nothing to record for imported rows (see pages.py); an editor's
    # publish indexes the page then.
    with disable_reference_index_auto_update():
        with transaction.atomic():
            rows, error = folder.provinces()
            if error:
                report.failures.append((PROVINCES_FILE, error))
            report.provinces_created, report.provinces_updated = provinces_update(rows)
            writer = ProcedureWriter(report)
        for batch in _batches(folder.records(), limit):
            with transaction.atomic():
                writer.pages.batch_begin()
                for source in batch:
                    writer.write(source)
                writer.pages.batch_end()
            report.seconds = time.monotonic() - started
            if on_progress:
                on_progress(report)
    report.seconds = time.monotonic() - started
    return report
