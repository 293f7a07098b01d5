"""Read-only JSON API of the catalogue (GEN-2): `GET /api/v1/procedures/` and `/<code>/`.

The list takes the same filters as the catalogue page and returns the same set. Its OpenAPI
description is served at `/api/v1/schema/`.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .models import Procedure
from .selectors import (
    HANDLING_ROLES,
    MAX_PER_PAGE,
    PER_PAGE,
    ProcedureFilters,
    procedure_detail,
    procedure_search,
    published_procedures,
)


def _absolute(request, page) -> str:
    return request.build_absolute_uri(page.url) if page is not None else ""


def procedure_summary(request, procedure: Procedure) -> dict:
    roles = getattr(procedure, "handling_roles", None)
    if roles is None:
        roles = procedure.agency_roles.filter(role__in=HANDLING_ROLES).select_related("agency")
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": {"code": procedure.field.key, "name": procedure.field.name}
        if procedure.field
        else None,
        "agencies": [{"key": r.agency.key, "name": r.agency.name, "role": r.role} for r in roles],
        "level": procedure.levels,
        "online_service": procedure.online_service,
        "completeness": procedure.completeness,
        "url": _absolute(request, procedure.page),
    }


def _page_size(request) -> int:
    raw = request.GET.get("page_size", "")
    return min(int(raw), MAX_PER_PAGE) if raw.isdigit() and int(raw) > 0 else PER_PAGE


@require_GET
def procedure_list(request):
    filters = ProcedureFilters.from_query(request.GET)
    if filters.errors:
        return JsonResponse({"errors": filters.errors}, status=400)
    result = procedure_search(filters, page=request.GET.get("page"), per_page=_page_size(request))
    page = result.page
    return JsonResponse(
        {
            "count": result.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [procedure_summary(request, p) for p in page.object_list],
            "facets": result.facets,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _decimal(value):
    return float(value) if value is not None else None


@require_GET
def procedure_detail_view(request, code: str):
    pk = published_procedures().filter(code=code).values_list("pk", flat=True).first()
    if pk is None:
        return JsonResponse(
            {"error": "not_found", "detail": f"No published procedure {code}"}, status=404
        )
    p = procedure_detail(pk)
    body = procedure_summary(request, p)
    body.update(
        {
            "description": p.description,
            "record_type": p.record_type,
            "fields": [{"code": f.key, "name": f.name} for f in p.fields.all()],
            "agencies": [
                {"key": r.agency.key, "name": r.agency.name, "role": r.role}
                for r in p.agency_roles.all()
            ],
            "channels": [
                {
                    "method": c.method,
                    "processing_time": _decimal(c.processing_time),
                    "time_unit": c.time_unit,
                    "description": c.description,
                    "fees": c.fees,
                }
                for c in p.channels.all()
            ],
            "cases": [
                {
                    "code": c.code,
                    "name": c.name,
                    "processing_time": _decimal(c.processing_time),
                    "time_unit": c.time_unit,
                }
                for c in p.cases.all()
            ],
            "steps": p.steps,
            "document_groups": [
                {
                    "name": g.name,
                    "items": [
                        {
                            "code": i.code,
                            "name": i.name,
                            "original_qty": i.original_qty,
                            "copy_qty": i.copy_qty,
                            "required": i.required,
                            "has_electronic_form": i.has_electronic_form,
                            "templates": i.templates,
                        }
                        for i in g.items.all()
                    ],
                }
                for g in p.document_groups.all()
            ],
            "requirements": p.requirements,
            "legal_bases": [{"code": d.code, "name": d.name} for d in p.legal_bases.all()],
            "results": [{"code": r.code, "name": r.name} for r in p.results.all()],
            "subject_types": [{"code": s.code, "name": s.name} for s in p.subject_types.all()],
            "returning_methods": p.returning_methods,
            "channels_offered": p.channels_offered,
            "source_created_at": p.source_created_at,
            "source_updated_at": p.source_updated_at,
        }
    )
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
