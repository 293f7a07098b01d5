"""Who may use the citizen's pages: a signed-in citizen or organisation, never a staff account."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def citizen_required(view):
    """Anonymous visitors are sent to sign in; staff accounts (kept apart by SEC) get 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_staff_member:
            raise PermissionDenied(_("Staff accounts cannot apply; use a citizen account."))
        return view(request, *args, **kwargs)

    return wrapped
