"""Portal views of the catalogue."""


def catalogue_context(request, *, index):
    """Context of the catalogue index page: filters, results and facets."""
    from .selectors import ProcedureFilters, procedure_search

    filters = ProcedureFilters.from_query(request.GET)
    result = procedure_search(filters, page=request.GET.get("page"))
    return {"filters": filters, "result": result}
