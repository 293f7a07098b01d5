"""The administrators' pages in the Wagtail admin: search and export the audit trail, lock and
unlock sign-in (OSS-6). The staff OTP middleware guards /admin/ as for every staff surface."""

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import LockForm
from .models import Action, SignInLock

PER_PAGE = 50
EXPORT_LIMIT = 100_000
CSV_HEADER = [
    "time",
    "action",
    "user_id",
    "user",
    "role",
    "agency",
    "sign_in_name",
    "address",
    "object_type",
    "object_id",
    "object",
    "dossier_id",
    "detail",
]


class TrailSearchForm(forms.Form):
    user = forms.CharField(label=gettext_lazy("User or address"), required=False)
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        required=False,
        choices=[("", "—"), *Action.choices],
    )
    object = forms.CharField(label=gettext_lazy("Object"), required=False)
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def criteria(self) -> selectors.TrailFilter:
        if not self.is_valid():
            return selectors.TrailFilter()
        data = self.cleaned_data
        return selectors.TrailFilter(
            user=data["user"].strip(),
            action=data["action"],
            object=data["object"].strip(),
            date_from=data["date_from"],
            date_to=data["date_to"],
        )


@permission_required("audit.view_auditentry", raise_exception=True)
def trail(request):
    form = TrailSearchForm(request.GET or None)
    entries = selectors.audit_entries(form.criteria())
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "audit/trail.html",
        {
            "form": form,
            "page_obj": page,
            "query": query.urlencode(),
            "can_export": request.user.has_perm("audit.export_auditentry"),
        },
    )


@permission_required("audit.export_auditentry", raise_exception=True)
def trail_export(request):
    """The entries of the search as CSV; the export itself goes on record first."""
    form = TrailSearchForm(request.GET or None)
    criteria = form.criteria()
    entries = list(selectors.audit_entries(criteria)[:EXPORT_LIMIT])
    services.export_record(
        request,
        what="audit.auditentry",
        rows=len(entries),
        filter={k: str(v) for k, v in vars(criteria).items() if v},
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="nhat-ky-{timezone.localdate():%Y%m%d}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for e in entries:
        writer.writerow(
            [
                timezone.localtime(e.at).isoformat(),
                e.action,
                e.actor_id or "",
                e.actor_name,
                e.actor_role,
                e.actor_agency,
                e.username,
                e.address,
                e.object_type,
                e.object_id,
                _csv_safe(e.object_repr),
                e.dossier_id or "",
                _csv_safe(str(e.detail)),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet would run as a formula is kept as text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


@permission_required("audit.view_signinlock", raise_exception=True)
def locks(request):
    form = LockForm()
    return render(
        request,
        "audit/locks.html",
        {
            "form": form,
            "locks": selectors.active_locks(),
            "can_change": request.user.has_perm("audit.change_signinlock"),
        },
    )


@require_POST
@permission_required("audit.change_signinlock", raise_exception=True)
def lock(request):
    """An administrator locks an account (OSS-6)."""
    form = LockForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "audit/locks.html",
            {"form": form, "locks": selectors.active_locks(), "can_change": True},
            status=400,
        )
    username = form.cleaned_data["username"]
    services.lock_create(
        scope=SignInLock.Scope.ACCOUNT,
        key=username,
        reason=SignInLock.Reason.ADMINISTRATOR,
        by=request.user,
        until=form.cleaned_data["until"],
    )
    messages.success(request, _("Sign-in for “%(name)s” is locked.") % {"name": username})
    return redirect("audit_locks")


@require_POST
@permission_required("audit.change_signinlock", raise_exception=True)
def unlock(request, pk: int):
    lock_ = get_object_or_404(SignInLock, pk=pk, released_at__isnull=True)
    services.lock_release(lock=lock_, by=request.user)
    messages.success(request, _("“%(name)s” can sign in again.") % {"name": lock_.key})
    return redirect("audit_locks")
