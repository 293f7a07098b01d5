from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page


def search(request):
    """Tìm kiếm: site-wide search over published pages, with the best procedures of the
    catalogue's search (POR-k) first."""
    query = request.GET.get("q", "").strip()
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    page_obj = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "pages/search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "query_string": f"q={query}" if query else "",
            **_procedures_found(query),
        },
    )


def _procedures_found(query: str, *, shown: int = 5) -> dict:
    """The first procedures the search interface finds for `query`, with their pages."""
    from addons.catalogue.models import ProcedureIndexPage, ProcedurePage
    from search.interface import ProcedureQuery, search_procedures

    if not query:
        return {}
    results = search_procedures(ProcedureQuery(text=query[:200], per_page=shown))
    pages = {
        page.procedure_id: page
        for page in ProcedurePage.objects.live().filter(
            procedure_id__in=[hit.pk for hit in results.hits]
        )
    }
    index = ProcedureIndexPage.objects.live().first()
    return {
        "procedures": [(hit, pages[hit.pk]) for hit in results.hits if hit.pk in pages],
        "procedures_total": results.total,
        "catalogue_url": index.url if index else "",
    }
