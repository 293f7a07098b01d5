"""`GET /api/v1/procedures/suggest/?q=`: procedures for what a citizen is still typing (POR-k)."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from addons.catalogue.models import ProcedurePage

from .interface import suggest_procedures

MAX_SUGGESTIONS = 10


@require_GET
def procedure_suggest(request):
    text = request.GET.get("q", "").strip()[:200]
    raw = request.GET.get("limit", "")
    limit = min(int(raw), MAX_SUGGESTIONS) if raw.isdigit() and int(raw) > 0 else 8
    suggestions = suggest_procedures(text, limit=limit) if len(text) >= 2 else []
    pages = {
        page.procedure.code: page
        for page in ProcedurePage.objects.live()
        .filter(procedure__code__in=[s.code for s in suggestions])
        .select_related("procedure")
    }
    return JsonResponse(
        {
            "query": text,
            "suggestions": [
                {
                    "code": s.code,
                    "name": s.name,
                    "highlight": str(s.highlight),
                    "url": pages[s.code].get_url(request) if s.code in pages else "",
                }
                for s in suggestions
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
