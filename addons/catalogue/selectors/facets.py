"""Facet counts of the catalogue: every value of every criterion, under all the other criteria."""

from typing import Any

from django.db.models import Count, Q

from ..models import Agency, Field, Procedure, ProcedureChannel, SubjectType
from .filters import (
    AGENCY_FACET_SIZE,
    CHANNEL_FLAGS,
    HANDLING_ROLES,
    LEVEL_FLAGS,
    ProcedureFilters,
    _ids,
    procedure_queryset,
)


def procedure_facets(
    filters: ProcedureFilters, *, ids: list[int] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Counts for every value of every criterion, each counted under all the other criteria.

    `ids` restricts every count to the procedures a text search found (see `procedure_queryset`).
    """
    facets: dict[str, list[dict[str, Any]]] = {}
    if ids is None and filters.q:
        from search.interface import procedure_text_ids

        ids = procedure_text_ids(filters.q)

    def under_others(skip: str):
        return _ids(procedure_queryset(filters, skip=skip, ids=ids))

    rows = (
        Field.objects.filter(procedures__in=under_others("field"))
        .annotate(count=Count("procedures", distinct=True))
        .order_by("-count", "name")
    )
    facets["field"] = [{"key": f.key, "name": f.name, "count": f.count} for f in rows]

    rows = (
        Agency.objects.filter(
            procedure_roles__procedure__in=under_others("agency"),
            procedure_roles__role__in=HANDLING_ROLES,
        )
        .annotate(count=Count("procedure_roles__procedure", distinct=True))
        .order_by("-count", "name")[:AGENCY_FACET_SIZE]
    )
    facets["agency"] = [{"key": a.key, "name": a.name, "count": a.count} for a in rows]

    rows = (
        SubjectType.objects.filter(procedures__in=under_others("subject"))
        .annotate(count=Count("procedures", distinct=True))
        .order_by("-count", "name")
    )
    facets["subject"] = [{"key": s.key, "name": s.name, "count": s.count} for s in rows]

    qs = Procedure.objects.filter(pk__in=under_others("level"))
    counts = qs.aggregate(
        **{level: Count("pk", filter=Q(**{flag: True})) for level, flag in LEVEL_FLAGS.items()}
    )
    facets["level"] = [
        {"key": level, "name": str(Procedure.Level(level).label), "count": counts[level]}
        for level in LEVEL_FLAGS
    ]

    qs = Procedure.objects.filter(pk__in=under_others("channel"))
    counts = qs.aggregate(
        **{m: Count("pk", filter=Q(**{flag: True})) for m, flag in CHANNEL_FLAGS.items()}
    )
    facets["channel"] = [
        {"key": m, "name": str(ProcedureChannel.Method(m).label), "count": counts[m]}
        for m in CHANNEL_FLAGS
    ]

    qs = Procedure.objects.filter(pk__in=under_others("online_service"))
    counts = dict(qs.order_by().values_list("online_service").annotate(n=Count("pk")))
    facets["online_service"] = [
        {"key": value, "name": str(label), "count": counts.get(value, 0)}
        for value, label in Procedure.OnlineService.choices
    ]
    return facets
