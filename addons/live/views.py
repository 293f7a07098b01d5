"""Small pages of the live add-on: the fragments a page refreshes from (after a websocket message,
or every few seconds when websockets fail), and the message forms of both sides (POR-đ)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from addons.backoffice.access import staff_required
from addons.backoffice.selectors import dossier_for_staff
from addons.dossiers import services as dossier_services
from addons.dossiers.models import Status, Timeliness
from addons.dossiers.portal import selectors as portal_selectors
from addons.dossiers.portal.views.access import citizen_required
from addons.dossiers.storage import private_file_response
from addons.dossiers.timeliness import dossier_timeliness

from . import selectors, services


def _no_store(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


@citizen_required
@require_GET
def portal_fragment(request, uuid):
    """What the applicant's dossier page refreshes: status, appointment, history, messages."""
    dossier = portal_selectors.own_dossier_or_404(request.user, uuid)
    if dossier.status == Status.DRAFT:
        raise Http404("A draft has no live page.")
    context = {
        "dossier": dossier,
        "timeliness": str(Timeliness(dossier_timeliness(dossier)).label),
        "timeline": portal_selectors.timeline(dossier),
        "conversation": selectors.dossier_messages(dossier),
        "side": "portal",
    }
    return _no_store(render(request, "live/portal_fragment.html", context))


@citizen_required
@require_POST
def portal_message(request, uuid):
    dossier = portal_selectors.own_dossier_or_404(request.user, uuid)
    _post(request, dossier)
    return redirect(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid}) + "#messages")


@citizen_required
@require_GET
def portal_attachment(request, uuid, message_id: int):
    """A message's attachment, for the applicant of that dossier only."""
    dossier = portal_selectors.own_dossier_or_404(request.user, uuid)
    message = get_object_or_404(
        selectors.dossier_messages(dossier).exclude(attachment=None), pk=message_id
    )
    return _download(message.attachment)


@staff_required()
@require_GET
def backoffice_fragment(request, pk: int):
    dossier = dossier_for_staff(request.staff, pk)
    context = {
        "dossier": dossier,
        "conversation": selectors.dossier_messages(dossier),
        "side": "backoffice",
    }
    return _no_store(render(request, "live/backoffice_fragment.html", context))


@require_POST
@staff_required()
def backoffice_message(request, pk: int):
    dossier = dossier_for_staff(request.staff, pk)
    _post(request, dossier)
    return redirect(reverse("backoffice:dossier", args=[dossier.pk]) + "#messages")


def _post(request, dossier) -> None:
    """Send the message; a refusal is shown on the page and nothing is stored."""
    try:
        services.message_post(
            dossier=dossier,
            author=request.user,
            body=request.POST.get("body", ""),
            attachment=request.FILES.get("attachment"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except dossier_services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your message is sent."))


def _download(document):
    return _no_store(private_file_response(document))
