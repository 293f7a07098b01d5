"""Form 06, Sổ theo dõi hồ sơ: the agency's dossiers received in a period, on screen and as CSV."""

from datetime import date

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from addons.accounts.roles import Role
from addons.audit.services import export_record

from ..access import staff_required

MAX_DAYS = 366
SHOWN_ROWS = 500


class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if start > end:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (end - start).days >= MAX_DAYS:
                raise forms.ValidationError(_("Choose a period of at most one year."))
        return data


def _period(request) -> tuple[PeriodForm, date, date]:
    today = timezone.localdate()
    default = (today.replace(day=1), today)
    form = PeriodForm(request.GET or None, initial={"date_from": default[0], "date_to": default[1]})
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    return form, *default


@staff_required(Role.RECEIVING_CLERK, Role.AGENCY_LEADER)
def register_page(request):
    from addons.dossiers.forms import REGISTER_HEADER, register_rows

    form, start, end = _period(request)
    rows = register_rows(request.user.agency, start, end) if not form.errors else []
    return render(
        request,
        "backoffice/register.html",
        {
            "form": form,
            "date_from": start,
            "date_to": end,
            "header": REGISTER_HEADER,
            "rows": rows[:SHOWN_ROWS],
            "total": len(rows),
            "truncated": len(rows) > SHOWN_ROWS,
            "export_query": f"date_from={start:%Y-%m-%d}&date_to={end:%Y-%m-%d}",
        },
        status=400 if form.errors else 200,
    )


@staff_required(Role.RECEIVING_CLERK, Role.AGENCY_LEADER)
def register_export(request, fmt: str):
    """The register as CSV (UTF-8 with a byte-order mark, for Excel) or as the A4 PDF."""
    from addons.dossiers.forms import register_csv, register_pdf

    exporters = {
        "csv": (register_csv, "text/csv; charset=utf-8"),
        "pdf": (register_pdf, "application/pdf"),
    }
    if fmt not in exporters:
        raise Http404("No such format.")
    form, start, end = _period(request)
    if form.errors:
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    export, content_type = exporters[fmt]
    response = HttpResponse(export(request.user.agency, start, end), content_type=content_type)
    export_record(
        request,
        what="dossiers.register",
        format=fmt,
        agency=request.user.agency_id,
        date_from=start.isoformat(),
        date_to=end.isoformat(),
    )
    name = f"so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
