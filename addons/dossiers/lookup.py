"""Public lookup by dossier code (POR-r): anyone sees procedure, status and appointment date;
the applicant, signed in, also sees the details. Repeated guessing is rate-limited.
"""

import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.ratelimit import ratelimit

from .models import Dossier, Status
from .portal.selectors import timeline
from .timeliness import dossier_timeliness

CODE_PATTERN = re.compile(r"^[0-9A-Za-z.]{5,40}-\d{6}-\d{4}$")
LOOKUPS_PER_MINUTE = 10


def dossier_by_code(code: str) -> Dossier | None:
    return (
        Dossier.objects.select_related("procedure", "agency")
        .exclude(status=Status.DRAFT)
        .filter(code=code)
        .first()
    )


def public_view(dossier: Dossier) -> dict:
    return {
        "code": dossier.code,
        "procedure": {"code": dossier.procedure.code, "name": dossier.procedure.name},
        "agency": dossier.agency.name,
        "status": dossier.status,
        "status_label": str(dossier.get_status_display()),
        "status_code": dossier.national_status_code,
        "appointment": timezone.localtime(dossier.due_at).isoformat() if dossier.due_at else None,
        "timeliness": dossier_timeliness(dossier),
    }


def applicant_view(dossier: Dossier) -> dict:
    return {
        **public_view(dossier),
        "applicant_name": dossier.applicant_name,
        "received_at": timezone.localtime(dossier.received_at).isoformat()
        if dossier.received_at
        else None,
        # the same history as the applicant's page: no internal events, no internal notes
        "history": [
            {
                "at": timezone.localtime(row["event"].at).isoformat(),
                "event": row["event"].kind,
                "status": row["event"].status_to,
                "note": row["note"],
            }
            for row in timeline(dossier)
        ],
    }


def is_applicant(user, dossier: Dossier) -> bool:
    return user.is_authenticated and user.pk in (dossier.applicant_id, dossier.submitter_id)


def _find(request) -> tuple[Dossier | None, str, int]:
    code = request.GET.get("code", "").strip().upper().replace(" ", "")
    if not code:
        return None, _("Enter a dossier code."), 400
    if not CODE_PATTERN.match(code):
        return None, _("This is not a dossier code. It looks like 000.00.18.H37-261128-0001."), 400
    dossier = dossier_by_code(code)
    if dossier is None:
        return None, _("No dossier has this code."), 404
    return dossier, "", 200


@require_GET
@ratelimit("lookup", limit=LOOKUPS_PER_MINUTE)
def lookup_api(request):
    dossier, error, status = _find(request)
    if dossier is None:
        return JsonResponse({"error": error}, status=status)
    body = applicant_view(dossier) if is_applicant(request.user, dossier) else public_view(dossier)
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
@ratelimit("lookup", limit=LOOKUPS_PER_MINUTE, template="dossiers/lookup.html")
def lookup_page(request):
    context = {"code": request.GET.get("code", "")}
    if context["code"]:
        dossier, error, status = _find(request)
        context["error"] = error
        if dossier is not None:
            context["result"] = (
                applicant_view(dossier)
                if is_applicant(request.user, dossier)
                else public_view(dossier)
            )
            context["dossier"] = dossier
            context["is_applicant"] = is_applicant(request.user, dossier)
        return render(request, "dossiers/lookup.html", context, status=status)
    return render(request, "dossiers/lookup.html", context)
