"""The criteria of a catalogue search (POR-k) and the set of published procedures meeting them."""

import dataclasses
import json
from dataclasses import dataclass, fields

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from search.interface import CRITERIA

from ..models import Agency, Field, Procedure, ProcedureAgency, ProcedureChannel, SubjectType

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

    CRITERIA = CRITERIA  # the search interface's criteria (POR-k)

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


def in_ids(ids: list[int]):
    """`pk__in` for a long list of ids: one parameter, not one per id."""
    from django.db import connection
    from django.db.models.expressions import RawSQL

    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(list(ids)),))
    return list(ids)


def procedure_queryset(
    filters: ProcedureFilters, *, skip: str = "", ids: list[int] | None = None
) -> QuerySet[Procedure]:
    """The published procedures meeting every criterion but `skip` (used for facet counts).

    The text `q` goes through the search (POR-k); `ids`, when given, are its result already.
    """
    qs = published_procedures()
    if ids is None and filters.q:
        from search.interface import procedure_text_ids

        ids = procedure_text_ids(filters.q)
    if ids is not None:
        qs = qs.filter(pk__in=in_ids(ids))
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
