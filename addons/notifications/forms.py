from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference
from .sms import sms_enabled


class PreferenceForm(forms.ModelForm):
    """The applicant's channels; SMS only where a gateway is configured."""

    class Meta:
        model = NotificationPreference
        fields = ["email", "sms", "language"]
        widgets = {"language": forms.RadioSelect}
        help_texts = {
            "email": _("Sent to the email address given in each dossier."),
            "sms": _("Sent to the phone number given in each dossier."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not sms_enabled():
            del self.fields["sms"]
