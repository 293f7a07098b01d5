"""Dossier search for staff (OSS-4): the search of `search.dossiers`, within what they may open."""

from django import forms
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from addons.dossiers.models import Status
from search.dossiers import DossierQuery, search_dossiers

from ..access import staff_required

DATE = forms.DateInput(attrs={"type": "date"})


class DossierSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Code, applicant name or identity number"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autofocus": True}),
    )
    procedure = forms.CharField(
        label=gettext_lazy("Procedure (code or name)"), required=False, max_length=200
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    received_from = forms.DateField(
        label=gettext_lazy("Received from"), required=False, widget=DATE
    )
    received_to = forms.DateField(label=gettext_lazy("Received until"), required=False, widget=DATE)
    due_from = forms.DateField(label=gettext_lazy("Appointment from"), required=False, widget=DATE)
    due_to = forms.DateField(label=gettext_lazy("Appointment until"), required=False, widget=DATE)
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All"))] + [
            (value, label) for value, label in Status.choices if value != Status.DRAFT
        ]

    def clean(self):
        data = super().clean()
        for start, end in (("received_from", "received_to"), ("due_from", "due_to")):
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(end, _("The period ends before it starts."))
        return data

    def query(self) -> DossierQuery:
        data = self.cleaned_data
        return DossierQuery(
            text=data["q"],
            procedure=data["procedure"],
            status=data["status"],
            received_from=data["received_from"],
            received_to=data["received_to"],
            due_from=data["due_from"],
            due_to=data["due_to"],
            page=data["page"] or 1,
        )


@staff_required()
def dossier_search(request):
    form = DossierSearchForm(request.GET)
    asked = any(v for k, v in request.GET.items() if k != "page")
    results = None
    if asked and form.is_valid():
        results = search_dossiers(request.staff, form.query())
    kept = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "backoffice/search.html",
        {"form": form, "results": results, "query_string": urlencode(kept)},
        status=400 if asked and form.errors else 200,
    )
