from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_PERIOD_DAYS = 366


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def initial_period(cls) -> dict:
        today = timezone.localdate()
        return {"start": today - timedelta(days=29), "end": today}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                raise ValidationError(_("The start of the period is after its end."))
            if (end - start).days >= MAX_PERIOD_DAYS:
                raise ValidationError(_("Choose a period of at most one year."))
        return data
