"""Sign-in forms that say plainly when an account or an address is locked (OSS-6, SEC)."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .models import SignInLock


def lock_message(lock: SignInLock) -> str:
    if lock.locked_until is None:
        return _(
            "This account is locked by an administrator. Contact the agency's administrator "
            "to unlock it."
        )
    until = date_format(timezone.localtime(lock.locked_until), "H:i d/m/Y")
    if lock.scope == SignInLock.Scope.ADDRESS:
        return _(
            "Too many failed sign-ins from your network. Sign-in is locked until %(until)s."
        ) % {"until": until}
    return _(
        "Too many failed sign-ins. This account is locked until %(until)s. Try again then, "
        "or ask the administrator to unlock it."
    ) % {"until": until}


class LockAwareMixin:
    """Django's forms answer every refusal with "wrong password": a lock gets its own message."""

    def get_invalid_login_error(self):
        lock = getattr(self.request, "signin_lock", None)
        if lock is not None:
            return ValidationError(lock_message(lock), code="locked")
        return super().get_invalid_login_error()


class SignInForm(LockAwareMixin, AuthenticationForm):
    pass


class AdminSignInForm(LockAwareMixin, AdminAuthenticationForm):
    pass


class WagtailSignInForm(LockAwareMixin, WagtailLoginForm):
    pass


class LockForm(forms.Form):
    """An administrator locks an account (until unlocked, or until a date)."""

    username = forms.CharField(label=gettext_lazy("Sign-in name"), max_length=150)
    until = forms.DateTimeField(
        label=gettext_lazy("Locked until"),
        required=False,
        help_text=gettext_lazy("Leave empty to lock until an administrator unlocks it."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
