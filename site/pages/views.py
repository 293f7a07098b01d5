from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page


def search(request):
    """Tìm kiếm: site-wide search over published pages."""
    query = request.GET.get("q", "").strip()
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    page_obj = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "pages/search.html",
        {"query": query, "page_obj": page_obj, "query_string": f"q={query}" if query else ""},
    )
