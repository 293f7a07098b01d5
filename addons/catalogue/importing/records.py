"""From a normalised source record to `ProcedureRecord`: the values and parts to write.

Parsing is pure (no database) and strict about types: a field of the wrong type fails the record with
a message naming the field. Text longer than its column is cut and reported as a warning.
"""

from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from django.utils.translation import gettext as _

from ..models import (
    Agency,
    DocumentGroup,
    DocumentItem,
    Field,
    LegalDocument,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureChannel,
    ResultType,
    SubjectType,
)
from ..models.procedures import TimeUnit
from .naming import levels_from_agencies
from .reader import Reader
from .source import RecordError, SourceRecord

Role = ProcedureAgency.Role
Method = ProcedureChannel.Method
AGENCY_ROLES = [
    ("Executing", Role.EXECUTING),
    ("Authority", Role.COMPETENT),
    ("Authorized", Role.AUTHORIZED),
    ("Coordinating", Role.COORDINATING),
]


@dataclass
class Entry:
    """A shared catalogue entry named by a record; `external_id` is the national id, if given."""

    name: str
    external_id: str = ""
    code: str = ""


@dataclass
class AgencyEntry(Entry):
    role: str = Role.EXECUTING
    is_group: bool = False


@dataclass
class ProcedureRecord:
    values: dict[str, Any]
    fields: list[Entry] = field(default_factory=list)
    subject_types: list[Entry] = field(default_factory=list)
    results: list[Entry] = field(default_factory=list)
    legal_bases: list[Entry] = field(default_factory=list)
    agencies: list[AgencyEntry] = field(default_factory=list)
    channels: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    document_groups: list[tuple[dict[str, Any], list[dict[str, Any]]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Parser:
    def __init__(self, source: SourceRecord):
        self.source = source
        self.record = ProcedureRecord(values={})
        self.r = Reader(source.data)

    def fit(self, value: str, model: type, field_name: str) -> str:
        """The value cut to its column, with a warning when it did not fit."""
        limit = model._meta.get_field(field_name).max_length
        if len(value) <= limit:
            return value
        self.record.warnings.append(
            _("%(model)s %(field)s cut to %(limit)d characters")
            % {
                "model": model._meta.verbose_name,
                "field": model._meta.get_field(field_name).verbose_name,
                "limit": limit,
            }
        )
        return value[: limit - 1].rstrip() + "…"

    def entry(self, item: Reader, model: type) -> Entry:
        return Entry(
            name=self.fit(item.text("name"), model, "name"),
            external_id=item.external_id("id"),
            code=self.fit(item.text("code"), model, "code"),
        )

    def entries(self, key: str, model: type) -> list[Entry]:
        return [self.entry(item, model) for item in self.r.objects(key) if item.text("name")]

    def agency(self, name: str, **kwargs) -> AgencyEntry:
        return AgencyEntry(name=self.fit(name, Agency, "name"), **kwargs)

    def common_values(self) -> dict[str, Any]:
        code = self.source.code
        if len(code) > Procedure._meta.get_field("code").max_length:
            raise RecordError(_("the code %(code)s is too long") % {"code": code})
        name = self.r.text("name")
        if not name:
            raise RecordError(_("the record has no name"))
        return {
            "code": code,
            "external_id": self.r.external_id("id"),
            "name": self.fit(name, Procedure, "name"),
            "record_type": self.fit(self.r.text("type"), Procedure, "record_type"),
            "state": self.fit(self.r.text("state"), Procedure, "state"),
            "completeness": self.source.completeness,
        }

    def summary(self) -> ProcedureRecord:
        record, r = self.record, self.r
        record.values = self.common_values()
        names, ids = r.texts("categories"), r.ids("categoryIds")
        record.fields = [
            Entry(name=self.fit(name, Field, "name"), external_id=external_id)
            for name, external_id in zip_longest(names, ids, fillvalue="")
            if name
        ]
        record.subject_types = [
            Entry(name=self.fit(name, SubjectType, "name"))
            for name in r.texts("formalityTargetType")
            if name
        ]
        departments = [name for name in r.texts("departments") if name]
        record.agencies = [self.agency(name) for name in departments]
        self.promulgating(r.text("departmentPromulgate"), "")
        levels = levels_from_agencies(departments)
        # A summary says nothing of channels, steps or documents: they are unknown, not kept.
        record.values.update(
            description="",
            level_ministry=Procedure.Level.MINISTRY in levels,
            level_province=Procedure.Level.PROVINCE in levels,
            level_commune=Procedure.Level.COMMUNE in levels,
            level_inferred=True,
            is_vertical=False,
            online_service=Procedure.OnlineService.NONE,
            has_online=False,
            has_postal=False,
            has_direct=False,
            offline_only=False,
            steps=[],
            requirements="",
            returning_methods=[],
            decision={},
            source_created_at=None,
            source_updated_at=None,
        )
        return record

    def promulgating(self, name: str, code: str) -> None:
        if name:
            self.record.agencies.append(
                self.agency(
                    name,
                    external_id=self.r.external_id("departmentPromulgateId"),
                    code=self.fit(code, Agency, "code"),
                    role=Role.PROMULGATING,
                )
            )

    def full(self) -> ProcedureRecord:
        record, r = self.record, self.r
        record.values = self.common_values()
        record.fields = self.entries("categoriesDetails", Field)
        category = Reader(r.value("category", dict), "category")
        if category.text("name"):  # the primary field, first
            primary = self.entry(category, Field)
            key = primary.external_id or primary.name
            others = [e for e in record.fields if (e.external_id or e.name) != key]
            record.fields = [primary, *others]
        record.subject_types = self.entries("subjectTypesDetails", SubjectType)
        record.results = self.entries("resultsDetails", ResultType)
        record.legal_bases = self.entries("legalBasisesDetails", LegalDocument)
        for suffix, role in AGENCY_ROLES:
            for key, is_group in [(f"departments{suffix}", False), (f"unitGroups{suffix}", True)]:
                record.agencies += [
                    self.agency(
                        item.text("name"),
                        external_id=item.external_id("id"),
                        code=self.fit(item.text("code"), Agency, "code"),
                        role=role,
                        is_group=is_group,
                    )
                    for item in r.objects(key)
                    if item.text("name")
                ]
        self.promulgating(r.text("departmentPromulgateName"), r.text("departmentPromulgateCode"))
        self.channels()
        self.cases()
        self.document_groups()
        methods = {channel["method"] for channel in record.channels}
        if r.flag("isFullProcess"):
            online_service = Procedure.OnlineService.FULL
        elif Method.ONLINE in methods:
            online_service = Procedure.OnlineService.PARTIAL
        else:
            online_service = Procedure.OnlineService.NONE
        record.values.update(
            description=r.text("description"),
            level_ministry=r.flag("isMinistry"),
            level_province=r.flag("isProvince"),
            level_commune=r.flag("isWard"),
            level_inferred=False,
            is_vertical=r.flag("isVertical"),
            online_service=online_service,
            has_online=Method.ONLINE in methods,
            has_postal=Method.POSTAL in methods,
            has_direct=Method.DIRECT in methods,
            offline_only=r.flag("isOfflineOnly"),
            steps=[
                {"name": step.text("name"), "description": step.text("description")}
                for step in r.objects("executionSteps")
            ],
            requirements=r.text("requirementsAndConditions"),
            returning_methods=r.value("returningMethods", list),
            decision=r.value("procedureProposal", dict),
            source_created_at=r.epoch("createdAt"),
            source_updated_at=r.epoch("updatedAt"),
        )
        return record

    def channels(self) -> None:
        for order, method in enumerate(self.r.objects("executionMethods")):
            submission = method.text("submissionMethod")
            if submission not in Method.values:
                raise RecordError(
                    _("%(field)s: unknown submission method %(value)s")
                    % {"field": method.name("submissionMethod"), "value": submission or '""'}
                )
            amount, in_words = method.time("processingTime")
            unit = method.text("processingTimeUnit")
            self.record.channels.append(
                {
                    "method": submission,
                    "processing_time": amount,
                    "time_unit": unit if unit in TimeUnit.values else "",
                    "description": "\n".join(filter(None, [in_words, method.text("description")])),
                    "fees": [
                        {
                            "type": fee.text("type"),
                            "value": fee.number("value"),
                            "description": fee.text("description"),
                        }
                        for fee in method.objects("fees")
                    ],
                    "order": order,
                }
            )

    def cases(self) -> None:
        for order, case in enumerate(self.r.objects("cases")):
            day = Reader(case.value("processingDay", dict), case.name("processingDay"))
            unit = day.text("type")
            self.record.cases.append(
                {
                    "code": self.fit(case.text("code"), ProcedureCase, "code"),
                    "name": self.fit(case.text("name"), ProcedureCase, "name"),
                    "processing_time": day.time("qty")[0],
                    "time_unit": unit if unit in TimeUnit.values else "",
                    "order": order,
                }
            )

    def document_groups(self) -> None:
        for order, group in enumerate(self.r.objects("executionCases")):
            items = [
                {
                    "code": self.fit(item.text("code"), DocumentItem, "code"),
                    "name": item.text("name"),
                    "original_qty": item.quantity("originalQty"),
                    "copy_qty": item.quantity("copyQty"),
                    "required": item.flag("required"),
                    "has_electronic_form": item.flag("hasElectronicForm"),
                    "templates": [
                        {"file_name": file.text("fileName"), "path": file.text("filePath")}
                        for file in item.objects("attachments")
                    ],
                    "order": position,
                }
                for position, item in enumerate(group.objects("profileComponents"))
            ]
            name = self.fit(group.text("name"), DocumentGroup, "name")
            self.record.document_groups.append(({"name": name, "order": order}, items))


def procedure_record(source: SourceRecord) -> ProcedureRecord:
    """What to write for this source record; raises RecordError when it cannot be imported."""
    parser = Parser(source)
    if source.completeness == Procedure.Completeness.FULL:
        return parser.full()
    return parser.summary()
