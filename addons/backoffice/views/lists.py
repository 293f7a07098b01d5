"""The staff home, the worklists and the leader's overview (OSS-7, OSS-8)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from addons.accounts.roles import Role
from addons.dossiers.models import Status

from ..access import staff_required
from ..selectors import (
    WORKLISTS,
    agency_overview,
    agency_units,
    open_consultation_count,
    worklist_page,
    worklist_total,
    worklists_for,
)


class WorklistFilter(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"), queryset=None, required=False, empty_label="—"
    )
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, worklist, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [] if worklist.default_status else [("", _("All"))]
        self.fields["status"].choices = everything + [
            (s, Status(s).label) for s in worklist.statuses
        ]
        if worklist.name == "agency":
            self.fields["unit"].queryset = agency_units(agency_id)
        else:
            del self.fields["unit"]

    def value(self, name, default=None):
        if not self.is_valid():
            return default
        return self.cleaned_data.get(name) or default


@staff_required()
def home(request):
    staff = request.staff
    now = timezone.now()
    cards = [(w, worklist_total(staff, w, now=now)) for w in worklists_for(staff)]
    return render(
        request,
        "backoffice/home.html",
        {
            "cards": cards,
            "consultations_open": open_consultation_count(staff),
            "can_receive": staff.is_clerk,
            "can_oversee": staff.is_leader,
            "can_register": staff.has(Role.RECEIVING_CLERK, Role.AGENCY_LEADER),
        },
    )


@staff_required()
def worklist(request, name):
    staff = request.staff
    worklist = WORKLISTS.get(name)
    if worklist is None:
        raise Http404("No such worklist.")
    if worklist not in worklists_for(staff):
        raise PermissionDenied(_("This worklist is not for your role."))
    filters = WorklistFilter(request.GET, worklist=worklist, agency_id=staff.agency_id)
    status = filters.value("status", worklist.default_status)
    unit = filters.value("unit")
    page = worklist_page(
        staff,
        worklist,
        status=status,
        overdue=bool(filters.value("overdue", False)),
        unit_id=unit.pk if unit else None,
        page=filters.value("page", 1),
    )
    kept = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "backoffice/worklist.html",
        {
            "worklist": worklist,
            "filters": filters,
            "page": page,
            "status": status,
            "query_string": urlencode(kept),
            "status_links": [
                (count, urlencode({**kept, "status": count.status}))
                for count in page.counts.values()
            ],
        },
    )


@staff_required(Role.AGENCY_LEADER)
def overview(request):
    return render(
        request,
        "backoffice/overview.html",
        {"overview": agency_overview(request.staff), "now": timezone.now()},
    )
