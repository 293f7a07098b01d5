"""The statistics page in the Wagtail admin: visits per day and top pages, as a table or CSV."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import selectors
from .forms import PeriodForm

PERMISSION = "analytics.view_statistics"


def statistics(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = PeriodForm(
        request.GET if "start" in request.GET else None, initial=PeriodForm.initial_period()
    )
    period = form.cleaned_data if form.is_bound and form.is_valid() else PeriodForm.initial_period()
    days = selectors.visits_per_day(start=period["start"], end=period["end"])
    pages = selectors.top_pages(start=period["start"], end=period["end"])
    export = request.GET.get("export")
    if export in ("days", "pages") and not form.errors:
        return _csv(export, period, days, pages)
    return render(
        request,
        "analytics/statistics.html",
        {
            "form": form,
            "period": period,
            "days": days,
            "pages": pages,
            "total": sum(d.visits for d in days),
            "page_title": _("Access statistics"),
            "header_icon": "table",
            "query": request.GET.urlencode() if form.is_bound else "",
        },
    )


def _csv(export: str, period: dict, days, pages) -> HttpResponse:
    name = f"{export}-{period['start']:%Y%m%d}-{period['end']:%Y%m%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="visits-{name}"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response)
    if export == "days":
        writer.writerow([_("Day"), _("Visits"), _("Signed in"), _("Anonymous")])
        writer.writerows([d.day.isoformat(), d.visits, d.signed_in, d.anonymous] for d in days)
    else:
        writer.writerow([_("Page"), _("Visits")])
        writer.writerows(pages)
    return response
