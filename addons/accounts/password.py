"""Quên mật khẩu: a person who forgot their password gets a link to set a new one, by email, or
by text message when the account has only a phone number; a signed-in person changes theirs.

The link carries Django's password reset token: it stops working once the password changes or
the account signs in, and after `PASSWORD_RESET_TIMEOUT`. The request page says the same whether
or not an account matched, and as fast (the message goes out from a Celery task), so it tells
nobody which addresses have accounts. A new password ends every other session the account had
open.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from addons.audit.models import Action
from addons.audit.services import audit_record
from addons.notifications.sms import SmsError, send_sms
from portal.ratelimit import client_address, hit

from .models import User
from .registration.services import phone_normalise
from .session import session_track, sessions_end
from .tasks import password_reset_send_task

logger = logging.getLogger(__name__)

# Requests in an hour, per address and per account: enough to try again, too few to flood anyone.
REQUESTS_PER_ADDRESS = 10
REQUESTS_PER_ACCOUNT = 3
WINDOW = 3600


class ResetRequestForm(forms.Form):
    account = forms.CharField(
        label=gettext_lazy("Email or phone number"),
        max_length=254,
        help_text=gettext_lazy("The one you sign in with."),
    )


def account_find(name: str) -> User | None:
    """The active account signing in with `name` (its username), or holding it as its email or
    phone number; None when there is none, or more than one."""
    name = name.strip()
    phone = phone_normalise(name)
    matches = Q(username__iexact=name) | Q(email__iexact=name)
    if phone:
        matches |= Q(phone=phone) | Q(username=phone)
    found = list(User.objects.filter(matches, is_active=True)[:2])
    if len(found) != 1 or not found[0].has_usable_password():
        return None
    return found[0]


def reset_link(user: User) -> str:
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def reset_send(user: User) -> str:
    """Send the link by email, else by text message; the channel used ('' when none could)."""
    link = reset_link(user)
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    if user.email:
        send_mail(
            _("Set a new password"),
            _(
                "Someone (we hope you) asked to set a new password for your account %(name)s.\n\n"
                "Open this link within %(hours)s hours to choose one: %(link)s\n\n"
                "If it was not you, ignore this message: your password stays as it is."
            )
            % {"name": user.username, "hours": hours, "link": link},
            None,
            [user.email],
        )
        return "email"
    if user.phone:
        try:
            send_sms(
                user.phone,
                _("Set a new password: %(link)s") % {"link": link},
                reference=f"password-reset-{user.pk}",
            )
        except SmsError:
            logger.warning("Password reset text message to user %s not sent", user.pk)
            return ""
        return "sms"
    return ""


def password_reset(request):
    """The request: one answer for every name typed, account or not."""
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _retry = hit(
            f"password-reset:{client_address(request)}", limit=REQUESTS_PER_ADDRESS, window=WINDOW
        )
        if not allowed:
            context = {"form": form, "rate_limited": True}
            return render(request, "accounts/password_reset.html", context, status=429)
        user = account_find(form.cleaned_data["account"])
        if user is not None:
            within, _retry = hit(
                f"password-reset-account:{user.pk}", limit=REQUESTS_PER_ACCOUNT, window=WINDOW
            )
            if within:
                password_reset_send_task.delay(user.pk, get_language())
            audit_record(
                action=Action.PASSWORD_RESET_REQUESTED,
                request=request,
                actor=None,
                obj=user,
                username=user.username,
                detail={"sent": within},
            )
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_sent(request):
    return render(request, "accounts/password_reset_sent.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link: choose a new password (the site's password rules apply)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        ended = sessions_end([user])
        audit_record(
            action=Action.PASSWORD_RESET,
            request=self.request,
            actor=user,
            obj=user,
            detail={"sessions_ended": ended},
        )
        return response


def password_reset_complete(request):
    return render(request, "accounts/password_reset_complete.html")


@login_required
def password_change(request):
    """A signed-in person changes their password; their other sessions end, this one stays."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # this session stays, under a new key
        session_track(request, user)
        ended = sessions_end([user], keep=request.session.session_key)
        audit_record(
            action=Action.PASSWORD_CHANGE,
            request=request,
            actor=user,
            obj=user,
            detail={"sessions_ended": ended},
        )
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:password_change")
    return render(request, "accounts/password_change.html", {"form": form})
