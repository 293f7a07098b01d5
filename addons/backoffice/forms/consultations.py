"""The consulted unit's answer to a consultation (OSS-2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from addons.dossiers.uploads import allowed_extensions, upload_rules_text

from .fields import checked_file


class ConsultationAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))
    attachment = forms.FileField(label=_("Attached document"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attachment"]
        field.help_text = upload_rules_text()
        field.widget.attrs["accept"] = ",".join(allowed_extensions())

    def clean_attachment(self):
        return checked_file(self.cleaned_data.get("attachment"))
