"""The staff's dossier page, its actions, the document downloads and the printable forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from addons.accounts.roles import Role
from addons.audit.services import dossier_access_record
from addons.dossiers import services
from addons.dossiers.models import DossierDocument
from addons.dossiers.storage import private_file_response

from ..access import staff_required
from ..actions import ACTIONS, Situation, offered, refusal
from ..printing import PRINTABLE, form_issue
from ..selectors import (
    FORM_RECEIPT,
    dossier_consultations,
    dossier_details,
    dossier_for_staff,
    visible_dossiers,
)


def _render(request, dossier, *, bound=None, error: str = "", status: int = 200):
    """The page with the actions offered now; `bound` is the (name, form) that just failed."""
    situation = Situation(request.staff, dossier)
    actions = offered(situation)
    if bound and bound[0] not in {a.name for a in actions} and not error:
        # The action is no longer offered (the page was stale): say why at the top.
        error = " ".join(bound[1].non_field_errors()) or _(
            "This action is not possible at this stage. Reload the page."
        )
    action_forms = []
    for action in actions:
        if bound and bound[0] == action.name:
            form = bound[1]
        else:
            form = action.form(
                dossier=dossier,
                staff=request.staff,
                prefix=action.name,
                initial=action.initial(situation),
            )
        action_forms.append((action, action.title(situation), form))
    return render(
        request,
        "backoffice/dossier.html",
        {
            "dossier": dossier,
            "details": dossier_details(dossier),
            "consultations": dossier_consultations(dossier),
            "action_forms": action_forms,
            "error": error,
            "can_print_receipt": request.staff.has(Role.RECEIVING_CLERK, Role.AGENCY_LEADER)
            and dossier.received_at is not None,
        },
        status=status,
    )


@staff_required()
def dossier_page(request, pk: int):
    dossier = dossier_for_staff(request.staff, pk)
    dossier_access_record(request, dossier)
    return _render(request, dossier)


@require_POST
@staff_required()
def dossier_act(request, pk: int, name: str):
    """Do one action. A stale page (someone acted first) shows the message and changes nothing."""
    action = ACTIONS.get(name)
    if action is None:
        raise Http404("No such action.")
    staff = request.staff
    dossier = dossier_for_staff(staff, pk)
    situation = Situation(staff, dossier)
    if not action.who(situation):
        message, status = refusal(action, situation)
        return _render(request, dossier, error=message, status=status)
    form = action.form(request.POST, request.FILES, dossier=dossier, staff=staff, prefix=name)
    if not form.is_valid():
        return _render(request, dossier, bound=(name, form), status=400)
    try:
        action.run(situation, form.cleaned_data)
    except services.ConflictError as exc:
        return _render(request, dossier_for_staff(staff, pk), error=str(exc), status=409)
    except services.PermissionDenied as exc:
        return _render(request, dossier, error=str(exc), status=403)
    except services.ServiceError as exc:
        form.add_error(None, str(exc))
        return _render(request, dossier, bound=(name, form), status=400)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _render(request, dossier, bound=(name, form), status=400)
    messages.success(request, action.done)
    if visible_dossiers(staff).filter(pk=pk).exists():
        return redirect("backoffice:dossier", pk=pk)
    return redirect("backoffice:worklist", name="mine")  # it went to another unit


@staff_required()
def document_download(request, pk: int):
    """A dossier file, streamed from private storage to staff who may see the dossier."""
    document = get_object_or_404(DossierDocument.objects.only("dossier_id"), pk=pk)
    dossier = dossier_for_staff(request.staff, document.dossier_id)  # 404 for anyone else
    document = DossierDocument.objects.get(pk=pk)
    response = private_file_response(document)
    dossier_access_record(request, dossier, document=document)
    return response


@require_POST
@staff_required()
def form_print(request, pk: int, number: str):
    """Issue the receipt (form 01) or the control slip (form 05) and download it."""
    staff = request.staff
    dossier = dossier_for_staff(staff, pk)
    if number not in PRINTABLE:
        raise Http404("No such form.")
    if number == FORM_RECEIPT and not staff.has(Role.RECEIVING_CLERK, Role.AGENCY_LEADER):
        return _render(
            request, dossier, error=_("Your role does not allow this action."), status=403
        )
    try:
        document = form_issue(dossier, number, actor=staff.user)
    except services.ServiceError as exc:
        return _render(request, dossier, error=str(exc), status=400)
    return redirect("backoffice:document", pk=document.pk)
