"""File fields that apply the dossier upload rules when the form is validated."""

from django import forms

from addons.dossiers.uploads import check_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked like a single upload."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        single = super().clean
        return [checked_file(single(f, initial)) for f in files]


def checked_file(uploaded):
    """The upload rules (type by content, size) as a form error before anything is stored."""
    if uploaded:
        check_upload(uploaded)
    return uploaded
