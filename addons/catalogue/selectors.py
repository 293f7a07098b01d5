"""Reads of the catalogue: the filtered list with facet counts, one procedure, the home fields.

The catalogue index page and `GET /api/v1/procedures/` both call `procedure_search`, so that the
same filters always give the same set.
"""

import dataclasses
from dataclasses import dataclass, fields
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from .models import (
    Agency,
    DocumentGroup,
    DocumentItem,
    Field,
    Procedure,
    ProcedureAgency,
    ProcedureChannel,
    SubjectType,
)

HANDLING_ROLES = [
    ProcedureAgency.Role.EXECUTING,
    ProcedureAgency.Role.COMPETENT,
    ProcedureAgency.Role.AUTHORIZED,
]
LEVEL_FLAGS = {
    Procedure.Level.MINISTRY: "level_ministry",
    Procedure.Level.PROVINCE: "level_province",
    Procedure.Level.COMMUNE: "level_commune",
}
CHANNEL_FLAGS = {
    ProcedureChannel.Method.ONLINE: "has_online",
    ProcedureChannel.Method.POSTAL: "has_postal",
    ProcedureChannel.Method.DIRECT: "has_direct",
}
PER_PAGE = 20
MAX_PER_PAGE = 100
AGENCY_FACET_SIZE = 30


@dataclass
class ProcedureFilters:
    """The criteria of a catalogue search (POR-k). Empty strings mean "any"."""

    q: str = ""
    field: str = ""
    agency: str = ""
    level: str = ""
    channel: str = ""
    online_service: str = ""
    subject: str = ""
    errors: dict[str, str] = dataclasses.field(default_factory=dict, compare=False)

    CRITERIA = ("field", "agency", "level", "channel", "online_service", "subject")

    @classmethod
    def from_query(cls, params) -> "ProcedureFilters":
        """Read the criteria from a query string; an unknown value is reported, not ignored."""
        values = {f.name: params.get(f.name, "").strip() for f in fields(cls) if f.name != "errors"}
        filters = cls(**values)
        choices = {
            "level": set(LEVEL_FLAGS),
            "channel": set(CHANNEL_FLAGS),
            "online_service": set(Procedure.OnlineService.values),
        }
        for name, allowed in choices.items():
            value = getattr(filters, name)
            if value and value not in allowed:
                filters.errors[name] = _("Unknown value %(value)s; use one of: %(allowed)s") % {
                    "value": value,
                    "allowed": ", ".join(sorted(allowed)),
                }
        return filters

    def without(self, name: str) -> "ProcedureFilters":
        return ProcedureFilters(**{**self.as_dict(), name: ""})

    def as_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "errors"}

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.as_dict().items() if v}


def _key_q(prefix: str, key: str) -> Q:
    """Match a catalogue entry by the key the filters use: code, national id, or primary key."""
    q = Q(**{f"{prefix}code": key}) | Q(**{f"{prefix}external_id": key})
    if key.isdigit():
        q |= Q(**{f"{prefix}pk": int(key)})
    return q


def _agency_q(key: str) -> Q:
    q = Q(identifier=key) | Q(code=key) | Q(external_id=key)
    if key.isdigit():
        q |= Q(pk=int(key))
    return q


def published_procedures() -> QuerySet[Procedure]:
    """Procedures whose page is live: what the public catalogue shows."""
    return Procedure.objects.filter(page__live=True)


def procedure_queryset(filters: ProcedureFilters, *, skip: str = "") -> QuerySet[Procedure]:
    """The published procedures meeting every criterion but `skip` (used for facet counts)."""
    qs = published_procedures()
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(code__icontains=filters.q))
    if filters.field and skip != "field":
        qs = qs.filter(fields__in=Field.objects.filter(_key_q("", filters.field)))
    if filters.agency and skip != "agency":
        qs = qs.filter(
            agency_roles__role__in=HANDLING_ROLES,
            agency_roles__agency__in=Agency.objects.filter(_agency_q(filters.agency)),
        )
    if filters.subject and skip != "subject":
        qs = qs.filter(subject_types__in=SubjectType.objects.filter(_key_q("", filters.subject)))
    if filters.level in LEVEL_FLAGS and skip != "level":
        qs = qs.filter(**{LEVEL_FLAGS[filters.level]: True})
    if filters.channel in CHANNEL_FLAGS and skip != "channel":
        qs = qs.filter(**{CHANNEL_FLAGS[filters.channel]: True})
    if filters.online_service in Procedure.OnlineService.values and skip != "online_service":
        qs = qs.filter(online_service=filters.online_service)
    return qs.distinct() if (filters.field or filters.agency or filters.subject) else qs


def _ids(qs: QuerySet[Procedure]):
    return qs.order_by().values("pk")


def procedure_facets(filters: ProcedureFilters) -> dict[str, list[dict[str, Any]]]:
    """Counts for every value of every criterion, each counted under all the other criteria."""
    facets: dict[str, list[dict[str, Any]]] = {}

    ids = _ids(procedure_queryset(filters, skip="field"))
    rows = (
        Field.objects.filter(procedures__in=ids)
        .annotate(count=Count("procedures", distinct=True))
        .order_by("-count", "name")
    )
    facets["field"] = [{"key": f.key, "name": f.name, "count": f.count} for f in rows]

    ids = _ids(procedure_queryset(filters, skip="agency"))
    rows = (
        Agency.objects.filter(
            procedure_roles__procedure__in=ids, procedure_roles__role__in=HANDLING_ROLES
        )
        .annotate(count=Count("procedure_roles__procedure", distinct=True))
        .order_by("-count", "name")[:AGENCY_FACET_SIZE]
    )
    facets["agency"] = [{"key": a.key, "name": a.name, "count": a.count} for a in rows]

    ids = _ids(procedure_queryset(filters, skip="subject"))
    rows = (
        SubjectType.objects.filter(procedures__in=ids)
        .annotate(count=Count("procedures", distinct=True))
        .order_by("-count", "name")
    )
    facets["subject"] = [{"key": s.key, "name": s.name, "count": s.count} for s in rows]

    qs = Procedure.objects.filter(pk__in=_ids(procedure_queryset(filters, skip="level")))
    counts = qs.aggregate(
        **{level: Count("pk", filter=Q(**{flag: True})) for level, flag in LEVEL_FLAGS.items()}
    )
    facets["level"] = [
        {"key": level, "name": str(Procedure.Level(level).label), "count": counts[level]}
        for level in LEVEL_FLAGS
    ]

    qs = Procedure.objects.filter(pk__in=_ids(procedure_queryset(filters, skip="channel")))
    counts = qs.aggregate(
        **{m: Count("pk", filter=Q(**{flag: True})) for m, flag in CHANNEL_FLAGS.items()}
    )
    facets["channel"] = [
        {"key": m, "name": str(ProcedureChannel.Method(m).label), "count": counts[m]}
        for m in CHANNEL_FLAGS
    ]

    qs = Procedure.objects.filter(pk__in=_ids(procedure_queryset(filters, skip="online_service")))
    counts = dict(qs.order_by().values_list("online_service").annotate(n=Count("pk")))
    facets["online_service"] = [
        {"key": value, "name": str(label), "count": counts.get(value, 0)}
        for value, label in Procedure.OnlineService.choices
    ]
    return facets


@dataclass
class SearchResult:
    count: int
    page: Any  # django.core.paginator.Page of Procedure
    facets: dict[str, list[dict[str, Any]]]


def procedure_search(
    filters: ProcedureFilters, *, page: int | str | None = 1, per_page: int = PER_PAGE
) -> SearchResult:
    qs = (
        procedure_queryset(filters)
        .select_related("field", "page")
        .prefetch_related(
            Prefetch(
                "agency_roles",
                queryset=ProcedureAgency.objects.filter(role__in=HANDLING_ROLES).select_related(
                    "agency"
                ),
                to_attr="handling_roles",
            )
        )
        .order_by("name", "code")
    )
    paginator = Paginator(qs, min(max(int(per_page), 1), MAX_PER_PAGE))
    page_obj = paginator.get_page(page)
    return SearchResult(count=paginator.count, page=page_obj, facets=procedure_facets(filters))


def procedure_detail(pk: int) -> Procedure:
    """One procedure with every part of its record loaded."""
    return (
        Procedure.objects.select_related("field")
        .prefetch_related(
            "fields",
            "channels",
            "cases",
            "legal_bases",
            "results",
            "subject_types",
            Prefetch(
                "document_groups",
                queryset=DocumentGroup.objects.prefetch_related(
                    Prefetch("items", queryset=DocumentItem.objects.order_by("order"))
                ),
            ),
            Prefetch("agency_roles", queryset=ProcedureAgency.objects.select_related("agency")),
        )
        .get(pk=pk)
    )


def home_fields(limit: int = 24) -> list[dict[str, Any]]:
    """Fields with published procedures, most procedures first, linked to the filtered catalogue."""
    from .models import ProcedureIndexPage

    index = ProcedureIndexPage.objects.live().first()
    if index is None:
        return []
    rows = (
        Field.objects.filter(procedures__page__live=True)
        .annotate(count=Count("procedures", distinct=True))
        .order_by("-count", "name")[:limit]
    )
    return [{"name": f.name, "count": f.count, "url": f"{index.url}?field={f.key}"} for f in rows]
