"""Reads of the catalogue: the filtered list with facet counts, one procedure, the home fields.

The catalogue index page and `GET /api/v1/procedures/` both call `procedure_search`, so that the
same filters always give the same set. A text `q` goes through the search (`search.interface`).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, JSONField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import JSONObject

from ..models import Agency, DocumentGroup, DocumentItem, Field, Procedure, ProcedureAgency
from .facets import procedure_facets
from .filters import (
    AGENCY_FACET_SIZE,
    CHANNEL_FLAGS,
    HANDLING_ROLES,
    LEVEL_FLAGS,
    MAX_PER_PAGE,
    PER_PAGE,
    ProcedureFilters,
    _agency_q,
    _key_q,
    in_ids,
    procedure_queryset,
    published_procedures,
)
from .listing import listed_procedures

__all__ = [
    "AGENCY_FACET_SIZE",
    "CHANNEL_FLAGS",
    "HANDLING_ROLES",
    "LEVEL_FLAGS",
    "MAX_PER_PAGE",
    "PER_PAGE",
    "ProcedureFilters",
    "SearchResult",
    "_agency_q",
    "_key_q",
    "home_fields",
    "in_ids",
    "procedure_detail",
    "procedure_facets",
    "procedure_queryset",
    "procedure_search",
    "published_procedures",
]


@dataclass
class SearchResult:
    count: int
    page: Any  # django.core.paginator.Page of Procedure
    facets: dict[str, list[dict[str, Any]]]
    backend: str = "database"
    degraded: bool = False  # Elasticsearch did not answer; the database did


# What a list of procedures shows (the catalogue page, the API list): nothing more is read.
LIST_FIELDS = (
    "code",
    "name",
    "online_service",
    "completeness",
    *LEVEL_FLAGS.values(),
    *CHANNEL_FLAGS.values(),
    "field__code",
    "field__external_id",
    "field__name",
    *(
        f"page__{name}"
        for name in ("url_path", "live", "title", "slug", "path", "depth", "locale_id")
    ),
)
AGENCY_FIELDS = ("procedure_id", "role", "agency__name", "agency__identifier", "agency__code")


def _roles_json() -> Subquery:
    """The handling agencies of each procedure as one JSON array, read in the procedure's row."""
    from django.contrib.postgres.aggregates import JSONBAgg

    roles = (
        ProcedureAgency.objects.filter(procedure=OuterRef("pk"), role__in=HANDLING_ROLES)
        .order_by()
        .values("procedure")
        .annotate(
            rows=JSONBAgg(
                JSONObject(
                    id="agency_id",
                    role="role",
                    name="agency__name",
                    identifier="agency__identifier",
                    code="agency__code",
                    external_id="agency__external_id",
                ),
                order_by="id",
            )
        )
        .values("rows")
    )
    return Subquery(roles, output_field=JSONField())


def _with_parts(qs: QuerySet[Procedure]) -> QuerySet[Procedure]:
    qs = qs.select_related("field", "page").only(*LIST_FIELDS)
    if connection.vendor == "postgresql":
        # One round trip for the list and its agencies (the prefetch would be a second one).
        return qs.annotate(handling_json=_roles_json())
    roles = ProcedureAgency.objects.filter(role__in=HANDLING_ROLES).select_related("agency")
    return qs.prefetch_related(
        Prefetch(
            "agency_roles",
            queryset=roles.only(*AGENCY_FIELDS, "agency__external_id"),
            to_attr="handling_roles",
        )
    )


def _parts_loaded(procedures: Iterable[Procedure]) -> list[Procedure]:
    """The procedures of `_with_parts`, each with `handling_roles` as the prefetch gives them."""
    procedures = list(procedures)
    for procedure in procedures:
        rows = getattr(procedure, "handling_json", None)
        if rows is None and hasattr(procedure, "handling_roles"):
            continue
        procedure.handling_roles = [
            ProcedureAgency(
                procedure_id=procedure.pk,
                agency_id=row["id"],
                role=row["role"],
                agency=Agency(
                    pk=row["id"],
                    name=row["name"],
                    identifier=row["identifier"],
                    code=row["code"],
                    external_id=row["external_id"],
                ),
            )
            for row in rows or ()
        ]
    return procedures


def _page_number(page) -> int:
    try:
        return max(int(page), 1)
    except (TypeError, ValueError):
        return 1


def _query(filters: ProcedureFilters, page, per_page: int):
    from search.interface import ProcedureQuery

    return ProcedureQuery(
        text=filters.q,
        **{name: getattr(filters, name) for name in ProcedureFilters.CRITERIA},
        page=_page_number(page),
        per_page=per_page,
    )


def _search_result(query, search, results=None) -> SearchResult:
    """The page of `search(query)` (its `results` when known; a page past the end gives the
    last), its procedures read as the list shows them, each with its hit."""
    results = results or search(query)
    page_obj = Paginator(range(results.total), query.per_page).get_page(query.page)
    if page_obj.number != query.page and results.total:
        query.page = page_obj.number
        results = search(query)
    hits = {hit.pk: hit for hit in results.hits}
    revisions = {pk: hit.revision for pk, hit in hits.items() if hit.revision is not None}
    rows = listed_procedures(list(hits), revisions)
    if rows is None:
        rows = _with_parts(published_procedures().filter(pk__in=list(hits)))
    procedures = {p.pk: p for p in _parts_loaded(rows)}
    page_obj.object_list = []
    for pk, hit in hits.items():
        if pk in procedures:
            procedures[pk].search_hit = hit
            page_obj.object_list.append(procedures[pk])
    return SearchResult(
        count=results.total,
        page=page_obj,
        facets=results.facets,
        backend=results.backend,
        degraded=results.degraded,
    )


def procedure_search(
    filters: ProcedureFilters, *, page: int | str | None = 1, per_page: int = PER_PAGE
) -> SearchResult:
    """The catalogue page and the API: by name without text, best match first with it.

    Text goes through the search interface (POR-k: best match first, with why it matched).
    Criteria alone are answered from the search copies the database backend holds in memory
    (the same rules as `procedure_queryset` and `procedure_facets`, which answer before the
    first indexing).
    """
    from search.backends.database import DatabaseBackend
    from search.interface import search_procedures

    per_page = min(max(int(per_page), 1), MAX_PER_PAGE)
    query = _query(filters, page, per_page)
    if filters.q:
        return _search_result(query, search_procedures)
    backend = DatabaseBackend()
    browsed = backend.browse(query)
    if browsed is not None:
        return _search_result(query, backend.browse, browsed)
    return catalogue_sql(filters, page=page, per_page=per_page)


def catalogue_sql(filters: ProcedureFilters, *, page, per_page: int) -> SearchResult:
    """Criteria without text, by the catalogue's own SQL."""
    qs = _with_parts(procedure_queryset(filters)).order_by("name", "code")
    page_obj = Paginator(qs, per_page).get_page(page)
    page_obj.object_list = _parts_loaded(page_obj.object_list)
    return SearchResult(
        count=page_obj.paginator.count, page=page_obj, facets=procedure_facets(filters)
    )


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
    from search.backends.database import DatabaseBackend
    from search.interface import ProcedureQuery

    from ..models import ProcedureIndexPage

    index = ProcedureIndexPage.objects.live().first()
    if index is None:
        return []
    # The field facet of the whole catalogue counts the same, from the search copies in memory.
    browsed = DatabaseBackend().browse(ProcedureQuery(per_page=1))
    if browsed is not None:
        rows = [(f["name"], f["count"], f["key"]) for f in browsed.facets["field"][:limit]]
    else:
        fields = (
            Field.objects.filter(procedures__page__live=True)
            .annotate(count=Count("procedures", distinct=True))
            .order_by("-count", "name")[:limit]
        )
        rows = [(f.name, f.count, f.key) for f in fields]
    return [
        {"name": name, "count": count, "url": f"{index.url}?field={key}"}
        for name, count, key in rows
    ]
