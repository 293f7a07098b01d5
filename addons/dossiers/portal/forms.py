"""The forms of the citizen's pages: the applicant block, the e-form built from the procedure
page's fields (POR-d), the agency choice, withdrawal and supplement.

A draft saves whatever is valid: the forms are "lenient" (nothing required) while the applicant
works, and "strict" (the required fields enforced) before review and submission.
"""

import datetime
from decimal import Decimal

from django import forms
from django.core.validators import RegexValidator
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from addons.catalogue.models import ProcedureFormField

Kind = ProcedureFormField.Kind

# ProcedureFormField.prefill -> the applicant value it copies (POR-a).
PREFILL_SOURCES = {
    ProcedureFormField.Prefill.FULL_NAME: "applicant_name",
    ProcedureFormField.Prefill.IDENTITY_NUMBER: "applicant_identity_number",
    ProcedureFormField.Prefill.PHONE: "applicant_phone",
    ProcedureFormField.Prefill.EMAIL: "applicant_email",
    ProcedureFormField.Prefill.ADDRESS: "applicant_address",
}

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 .-]{7,18}$", _("Enter a phone number, for example 0912 345 678.")
)
identity_validator = RegexValidator(
    r"^[0-9][0-9-]{8,13}$",
    _("Enter the 12-digit personal identity number, or the tax code of the organisation."),
)


class PortalForm(forms.Form):
    """Labels stand above their fields, without a trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DraftForm(PortalForm):
    """Required fields are marked in the page but enforced only when `strict`."""

    required_to_submit: tuple[str, ...] = ()
    # The browser must not block "Save draft" on an empty required field.
    use_required_attribute = False

    def __init__(self, *args, strict: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name, form_field in self.fields.items():
            form_field.required_to_submit = name in self.required_to_submit
            form_field.required = strict and form_field.required_to_submit

    def valid_values(self) -> dict:
        """The values that passed validation: a draft keeps them even when others are wrong."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}


class ApplicantForm(DraftForm):
    """Người yêu cầu: pre-filled from the profile and the latest dossier (POR-a)."""

    required_to_submit = (
        "applicant_name",
        "applicant_identity_number",
        "applicant_address",
        "applicant_phone",
    )

    applicant_name = forms.CharField(
        label=_("Full name (or organisation name)"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    applicant_identity_number = forms.CharField(
        label=_("Personal identity number or tax code"),
        max_length=14,
        validators=[identity_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    applicant_address = forms.CharField(
        label=_("Address"),
        max_length=500,
        help_text=_("Where you live (or the organisation's head office)."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    applicant_phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    applicant_email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("We send the notices about your dossier here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    @classmethod
    def data_of(cls, dossier) -> dict:
        return {name: getattr(dossier, name) for name in cls.base_fields}


def _form_field(spec: ProcedureFormField) -> forms.Field:
    common = {"label": spec.label, "help_text": spec.help_text}
    if spec.kind == Kind.TEXTAREA:
        return forms.CharField(max_length=10000, widget=forms.Textarea(attrs={"rows": 5}), **common)
    if spec.kind == Kind.DATE:
        return forms.DateField(
            input_formats=["%Y-%m-%d", "%d/%m/%Y"],
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **common,
        )
    if spec.kind == Kind.NUMBER:
        return forms.DecimalField(**common)
    if spec.kind == Kind.EMAIL:
        return forms.EmailField(**common)
    if spec.kind == Kind.PHONE:
        return forms.CharField(
            max_length=20,
            validators=[phone_validator],
            widget=forms.TextInput(attrs={"type": "tel"}),
            **common,
        )
    if spec.kind == Kind.CHOICE:
        options = [("", _("Choose…")), *((c, c) for c in spec.choice_list)]
        return forms.ChoiceField(choices=options, **common)
    if spec.kind == Kind.CHECKBOX:
        return forms.BooleanField(**common)
    return forms.CharField(max_length=1000, **common)


def _stored(value):
    """A cleaned value as it is kept in `Dossier.form_data` (JSON)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class EForm(DraftForm):
    """Tờ khai: one field per ProcedureFormField, with its help text beside it."""

    prefix = "eform"

    def __init__(self, specs: list[ProcedureFormField], *args, strict: bool = False, **kwargs):
        self.specs = specs
        self.required_to_submit = tuple(s.key for s in specs if s.required)
        self.base_fields = {spec.key: _form_field(spec) for spec in specs}
        super().__init__(*args, strict=strict, **kwargs)

    def values(self) -> dict:
        return {key: _stored(value) for key, value in self.valid_values().items()}

    @staticmethod
    def data_of(specs, form_data: dict) -> dict:
        """Stored values as submitted data, to check a saved draft with a strict form."""
        return {f"eform-{s.key}": form_data.get(s.key, "") for s in specs}


def eform_initial(specs, *, known: dict, earlier: dict, saved: dict | None = None) -> dict:
    """What each field starts with: the draft's value, else the profile (the field's `prefill`),
    else what the applicant gave in an earlier dossier. Long free text describes one request, so
    it is never copied from another.
    """
    initial = {}
    for spec in specs:
        if saved is not None and spec.key in saved:
            initial[spec.key] = saved[spec.key]
        elif spec.prefill in PREFILL_SOURCES:
            initial[spec.key] = known.get(PREFILL_SOURCES[spec.prefill], "")
        elif spec.kind != Kind.TEXTAREA and spec.key in earlier:
            initial[spec.key] = earlier[spec.key]
    return initial


def _shown(spec: ProcedureFormField | None, value) -> str:
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if spec is not None and spec.kind == Kind.DATE and isinstance(value, str):
        parsed = parse_date(value) if value else None
        return date_format(parsed, "d/m/Y") if parsed else value
    return "" if value is None else str(value)


def eform_summary(specs, form_data: dict) -> list[tuple[str, str]]:
    """(label, value) for each answer: configured fields first, then any other stored key."""
    rows = [(spec.label, _shown(spec, form_data.get(spec.key, ""))) for spec in specs]
    known = {spec.key for spec in specs}
    rows += [(key, _shown(None, value)) for key, value in form_data.items() if key not in known]
    return rows


class AgencyForm(PortalForm):
    """Nơi nộp: the receiving agency; preselected (and not asked) when there is only one."""

    agency = forms.ModelChoiceField(
        label=_("Receiving agency"),
        queryset=None,
        empty_label=_("Choose the agency that will receive your dossier"),
        error_messages={"required": _("Choose the agency that will receive your dossier.")},
    )
    use_required_attribute = False

    def __init__(self, agencies, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = agencies
        only = list(agencies[:2])
        self.single = only[0] if len(only) == 1 else None
        if self.single is not None:
            field.initial = self.single.pk
            field.widget = forms.HiddenInput()


class WithdrawForm(PortalForm):
    reason = forms.CharField(
        label=_("Why do you withdraw this dossier?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SupplementForm(PortalForm):
    note = forms.CharField(
        label=_("Message to the agency (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
