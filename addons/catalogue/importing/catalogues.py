"""The shared catalogues during an import: every entry held in memory, created or updated on demand.

An entry is found by its national id (`external_id`). A record that names an entry without an id (the
agencies and subject types of a summary) finds it by its exact name, or creates it; an entry created
that way adopts the national id when a full record later names it with one.
"""

from typing import Any

from ..models import AdministrativeUnit, Agency, Field, LegalDocument, ResultType, SubjectType
from .naming import agency_kind
from .records import AgencyEntry, Entry


class EntryCache:
    """One model's entries by national id and by name, loaded once per run."""

    def __init__(self, model: type):
        self.model = model
        self.load()

    def load(self) -> None:
        self.by_external_id: dict[str, Any] = {}
        self.by_name: dict[str, Any] = {}
        self.without_id: dict[str, Any] = {}
        for entry in self.model.objects.order_by("pk"):
            self.add(entry)

    def add(self, entry) -> None:
        if entry.external_id:
            self.by_external_id[entry.external_id] = entry
        else:
            self.without_id.setdefault(entry.name, entry)
        self.by_name.setdefault(entry.name, entry)

    def get(self, ref: Entry, **create_fields):
        if not ref.external_id:
            entry = self.by_name.get(ref.name)
            if entry is None:
                entry = self.model.objects.create(name=ref.name, code=ref.code, **create_fields)
                self.add(entry)
            return entry
        entry = self.by_external_id.get(ref.external_id)
        changed = {}
        if entry is None:
            entry = self.without_id.pop(ref.name, None)
            if entry is None:
                entry = self.model.objects.create(
                    name=ref.name, code=ref.code, external_id=ref.external_id, **create_fields
                )
                self.add(entry)
                return entry
            entry.external_id = changed["external_id"] = ref.external_id
        if entry.name != ref.name:
            entry.name = changed["name"] = ref.name
        if ref.code and entry.code != ref.code:
            entry.code = changed["code"] = ref.code
        if changed:
            self.model.objects.filter(pk=entry.pk).update(**changed)
            self.add(entry)
        return entry


class Catalogues:
    """The caches of one run. After a failed record they are reloaded: its rows were rolled back."""

    def __init__(self):
        self.fields = EntryCache(Field)
        self.subject_types = EntryCache(SubjectType)
        self.results = EntryCache(ResultType)
        self.legal_bases = EntryCache(LegalDocument)
        self.agencies = EntryCache(Agency)

    def reload(self) -> None:
        for cache in (
            self.fields,
            self.subject_types,
            self.results,
            self.legal_bases,
            self.agencies,
        ):
            cache.load()

    def agency(self, ref: AgencyEntry) -> Agency:
        kind = Agency.Kind.GROUP if ref.is_group else agency_kind(ref.name)
        return self.agencies.get(ref, kind=kind)


def provinces_update(rows: list[dict[str, Any]]) -> tuple[int, int]:
    """Create or update the provinces (found by national id, else by code): (created, updated)."""
    Level = AdministrativeUnit.Level
    units = list(AdministrativeUnit.objects.filter(level=Level.PROVINCE))
    by_id = {unit.external_id: unit for unit in units if unit.external_id}
    by_code = {unit.code: unit for unit in units if unit.code}
    created = updated = 0
    for row in rows:
        external_id, code, name = (str(row.get(key) or "") for key in ("id", "code", "name"))
        if not (code and name):
            continue
        unit = by_id.get(external_id) or by_code.get(code)
        if unit is None:
            AdministrativeUnit.objects.create(
                level=Level.PROVINCE, code=code, name=name, external_id=external_id or None
            )
            created += 1
        elif (unit.code, unit.name, unit.external_id) != (code, name, external_id or None):
            unit.code, unit.name, unit.external_id = code, name, external_id or None
            unit.save(update_fields=["code", "name", "external_id"])
            updated += 1
    return created, updated
