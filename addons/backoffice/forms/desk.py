"""The desk reception form (OSS-2, OSS-4): the applicant, the channel, the unit and the scans."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from addons.catalogue.models import DocumentItem, Procedure
from addons.dossiers.models import Channel
from addons.dossiers.uploads import upload_rules_text

from ..selectors import agency_units
from .fields import MultipleFileField, checked_file

APPLICANT_FIELDS = (
    "applicant_name",
    "applicant_identity_number",
    "applicant_address",
    "applicant_phone",
    "applicant_email",
)


class ProcedureSearchForm(forms.Form):
    q = forms.CharField(label=_("Procedure code or name"), max_length=200)


class IdentitySearchForm(forms.Form):
    identity = forms.CharField(label=_("Identity number or tax code"), max_length=14)


class DeskReceptionForm(forms.Form):
    """A walk-in or postal dossier, typed at the desk; one scan field per required document."""

    procedure = forms.ModelChoiceField(queryset=Procedure.objects.all(), widget=forms.HiddenInput)
    applicant_user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(kind__in=["person", "organisation"]),
        required=False,
        widget=forms.HiddenInput,
    )
    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[(Channel.DIRECT, _("At the desk")), (Channel.POSTAL, _("By post"))],
        initial=Channel.DIRECT,
        widget=forms.RadioSelect,
    )
    applicant_name = forms.CharField(label=_("Applicant name"), max_length=255)
    applicant_identity_number = forms.CharField(
        label=_("Identity number or tax code"), max_length=14, required=False
    )
    applicant_address = forms.CharField(label=_("Address"), max_length=500, required=False)
    applicant_phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    applicant_email = forms.EmailField(label=_("Email"), required=False)
    submitter_name = forms.CharField(
        label=_("Brought by (if not the applicant)"), max_length=255, required=False
    )
    request = forms.CharField(
        label=_("Content of the request"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    unit = forms.ModelChoiceField(label=_("Handling unit"), queryset=None)
    other_scans = MultipleFileField(label=_("Other scanned papers"), required=False)

    def __init__(self, *args, procedure: Procedure, agency_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.initial.setdefault("procedure", procedure.pk)
        units = agency_units(agency_id)
        self.fields["unit"].queryset = units
        self.fields["unit"].required = units.exists()
        self.items = list(
            DocumentItem.objects.filter(group__procedure=procedure).order_by(
                "group__order", "order", "pk"
            )
        )
        for item in self.items:
            self.fields[f"scan_{item.pk}"] = forms.FileField(
                label=item.name, required=False, help_text=_("Scan of the paper brought")
            )
        self.fields["other_scans"].help_text = upload_rules_text()

    def clean(self):
        data = super().clean()
        for item in self.items:
            checked_file(data.get(f"scan_{item.pk}"))
        if data.get("procedure") and data["procedure"].pk != self.procedure.pk:
            raise forms.ValidationError(_("The procedure changed; start again."))
        return data

    def scan_fields(self):
        return [self[f"scan_{item.pk}"] for item in self.items]

    def scans(self) -> list[tuple[DocumentItem | None, object]]:
        """(required document, file) for every file given."""
        given = [(item, self.cleaned_data.get(f"scan_{item.pk}")) for item in self.items]
        given += [(None, f) for f in self.cleaned_data["other_scans"]]
        return [(item, f) for item, f in given if f]

    def applicant(self) -> dict[str, str]:
        data = {name: self.cleaned_data[name] for name in APPLICANT_FIELDS}
        if self.cleaned_data["submitter_name"]:
            data["submitter_name"] = self.cleaned_data["submitter_name"]
        return data
