"""The forms of the actions on a dossier; each carries what the page showed (step, handler)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from addons.catalogue.models import Agency, DocumentItem
from addons.dossiers.models import Consultation, Fee, ReturnMethod
from addons.dossiers.services.consultations import MAX_CONSULTATION_DAYS
from addons.dossiers.uploads import upload_rules_text

from ..selectors import agency_units
from .fields import MultipleFileField, checked_file


class ActionForm(forms.Form):
    """Every action form gets the dossier (some list its units, items or fees)."""

    def __init__(self, *args, dossier, staff, **kwargs):
        self.dossier = dossier
        self.staff = staff
        super().__init__(*args, **kwargs)


class ConfirmForm(ActionForm):
    pass


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(ActionForm):
    unit = forms.ModelChoiceField(label=_("Handling unit"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = agency_units(self.dossier.agency_id)
        self.fields["unit"].queryset = units
        self.fields["unit"].required = units.exists()


class SupplementForm(ActionForm):
    """Form 02: everything the applicant must add or correct, asked at once."""

    items = forms.MultipleChoiceField(
        label=_("Documents to add or correct"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other = forms.CharField(
        label=_("Other items, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label=_("Note to the applicant"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        items = DocumentItem.objects.filter(group__procedure=self.dossier.procedure_id).order_by(
            "group__order", "order", "pk"
        )
        self.fields["items"].choices = [(str(item.pk), item.name) for item in items]

    def clean(self):
        data = super().clean()
        names = dict(self.fields["items"].choices)
        chosen = [names[pk] for pk in data.get("items", [])]
        other = [line.strip() for line in data.get("other", "").splitlines() if line.strip()]
        data["all_items"] = chosen + other
        if not data["all_items"]:
            raise forms.ValidationError(
                _("List every document the applicant must add or correct, all at once.")
            )
        return data


class SupplementReceivedForm(ActionForm):
    scans = MultipleFileField(label=_("Scans of the documents brought"), required=False)
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scans"].help_text = upload_rules_text()


class TakeForm(ActionForm):
    expected_handler = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AssignForm(TakeForm):
    handler = forms.ModelChoiceField(label=_("Person"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(
            agency_id=self.dossier.agency_id, kind="staff", is_active=True
        )
        if not self.staff.is_leader:  # a unit head assigns within the unit
            people = people.filter(unit_id=self.dossier.unit_id)
        self.fields["handler"].queryset = people.order_by("full_name", "username")


class CompleteForm(ActionForm):
    expected_step = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SendBackForm(ActionForm):
    expected_step = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(ActionForm):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(ActionForm):
    note = forms.CharField(label=_("Reason for refusing"), widget=forms.Textarea(attrs={"rows": 2}))


class ResultFileForm(ActionForm):
    file = forms.FileField(label=_("Result file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_rules_text()

    def clean_file(self):
        return checked_file(self.cleaned_data["file"])


class ReturnResultForm(ActionForm):
    method = forms.ChoiceField(
        label=_("How the result is returned"),
        choices=ReturnMethod.choices,
        widget=forms.RadioSelect,
    )


class ApologyForm(ActionForm):
    """Form 04: the apology and the new appointment date (once)."""

    new_due_at = forms.DateTimeField(
        label=_("New appointment date"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    reason = forms.CharField(
        label=_("Reason for the delay"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PaymentRequestForm(ActionForm):
    amount = forms.DecimalField(
        label=_("Amount (VND)"), min_value=1, max_digits=14, decimal_places=0
    )
    description = forms.CharField(label=_("What it is for"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for channel in self.dossier.procedure.channels.all():
            for fee in channel.fees or []:
                if fee.get("value"):
                    self.initial.setdefault("amount", fee["value"])
                    self.initial.setdefault("description", fee.get("description", ""))


class PaymentConfirmForm(ActionForm):
    fee = forms.ModelChoiceField(label=_("Fee"), queryset=None)
    reference = forms.CharField(label=_("Payment reference"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fee"].queryset = Fee.objects.filter(
            dossier=self.dossier, state=Fee.State.REQUESTED
        )


class ConsultForm(ActionForm):
    """Xin ý kiến: another unit of the agency, or another agency, with a deadline in working days."""

    unit = forms.ModelChoiceField(label=_("Unit or agency to consult"), queryset=None)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    days = forms.IntegerField(
        label=_("Time to answer (working days)"),
        min_value=1,
        max_value=MAX_CONSULTATION_DAYS,
        initial=5,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dossier = self.dossier
        # the agency's own units first, then the other agencies (not their inner units)
        self.fields["unit"].queryset = (
            Agency.objects.filter(is_active=True)
            .filter(models.Q(parent_id=dossier.agency_id) | models.Q(parent__isnull=True))
            .exclude(pk__in=[dossier.agency_id, dossier.unit_id or 0])
            .order_by(
                models.Case(models.When(parent_id=dossier.agency_id, then=0), default=1),
                "name",
            )
        )


class ConsultationWithdrawForm(ActionForm):
    consultation = forms.ModelChoiceField(label=_("Consultation"), queryset=None)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.filter(
            dossier=self.dossier, state=Consultation.State.OPEN
        ).select_related("unit")
        self.fields["consultation"].label_from_instance = lambda c: c.unit.name
