"""Portal views of the catalogue."""

from django.utils.translation import gettext_lazy as _

from .selectors import ProcedureFilters, procedure_search

CRITERIA_LABELS = {
    "field": _("Field"),
    "agency": _("Agency"),
    "level": _("Level"),
    "channel": _("Channel"),
    "online_service": _("Online service"),
    "subject": _("Applicant"),
}


def catalogue_context(request, *, index):
    """Context of the catalogue index page: the filter form, the results, facets and active filters."""
    filters = ProcedureFilters.from_query(request.GET)
    result = procedure_search(filters, page=request.GET.get("page"))
    criteria = []
    for name, label in CRITERIA_LABELS.items():
        options = result.facets.get(name, [])
        selected = getattr(filters, name)
        selected_name = next((o["name"] for o in options if o["key"] == selected), selected)
        remaining = request.GET.copy()
        for key in (name, "page"):
            remaining.pop(key, None)
        criteria.append(
            {
                "name": name,
                "label": label,
                "options": options,
                "selected": selected,
                "selected_name": selected_name,
                "remove_url": f"?{remaining.urlencode()}",
            }
        )
    return {"filters": filters, "result": result, "criteria": criteria}
