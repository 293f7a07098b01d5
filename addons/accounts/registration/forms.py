from django import forms
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from ..models import User
from .services import phone_normalise

digits_12 = RegexValidator(r"^\d{12}$", _("Enter the 12 digits of the identity number."))
tax_code_validator = RegexValidator(
    r"^\d{10}(-\d{3})?$", _("Enter a tax code of 10 digits, or 10 digits, a dash and 3 digits.")
)


class RegistrationForm(forms.Form):
    """Đăng ký tài khoản: a citizen or an organisation, with an email address or a phone number."""

    kind = forms.ChoiceField(
        label=_("I register as"),
        choices=[
            (User.Kind.PERSON, _("A citizen")),
            (User.Kind.ORGANISATION, _("An organisation or business")),
        ],
        widget=forms.RadioSelect,
        initial=User.Kind.PERSON,
    )
    full_name = forms.CharField(label=_("Full name"), max_length=255, required=False)
    identity_number = forms.CharField(
        label=_("Personal identity number"),
        max_length=12,
        required=False,
        validators=[digits_12],
        help_text=_("Optional. It is confirmed when you sign in once through VNeID."),
    )
    organisation_name = forms.CharField(label=_("Business name"), max_length=255, required=False)
    tax_code = forms.CharField(
        label=_("Tax code"), max_length=14, required=False, validators=[tax_code_validator]
    )
    representative_name = forms.CharField(
        label=_("Legal representative"), max_length=255, required=False
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=20,
        required=False,
        help_text=_("Give an email address, a phone number, or both. We send a code to verify it."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=" ".join(str(t) for t in password_validators_help_texts()) or None,
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return ""
        phone = phone_normalise(raw)
        if not phone:
            raise ValidationError(_("Enter a Vietnamese mobile number, for example 0912 345 678."))
        if (
            User.objects.filter(phone=phone).exists()
            or User.objects.filter(username=phone).exists()
        ):
            raise ValidationError(_("An account already uses this phone number. Sign in instead."))
        return phone

    def clean_email(self) -> str:
        email = self.cleaned_data.get("email", "").strip().lower()
        if email and (
            User.objects.filter(email__iexact=email).exists()
            or User.objects.filter(username__iexact=email).exists()
        ):
            raise ValidationError(_("An account already uses this email address. Sign in instead."))
        return email

    def clean(self):
        data = super().clean()
        if (
            not data.get("email")
            and not data.get("phone")
            and not self.has_error("email")
            and not self.has_error("phone")
        ):
            self.add_error("email", _("Give an email address or a phone number."))
        if data.get("kind") == User.Kind.ORGANISATION:
            for field in ("organisation_name", "tax_code", "representative_name"):
                if not data.get(field) and not self.has_error(field):
                    self.add_error(field, _("This field is required for an organisation."))
        elif not data.get("full_name"):
            self.add_error("full_name", _("This field is required."))
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            probe = User(
                username=data.get("email") or data.get("phone") or "",
                email=data.get("email", ""),
                full_name=data.get("full_name") or data.get("representative_name", ""),
                identity_number=data.get("identity_number", ""),
            )
            try:
                validate_password(password1, user=probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
