"""Consultations (OSS-2): the consulted unit's list, the question and its answer, and the files
the consulted unit reads to answer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from addons.audit.services import dossier_access_record
from addons.dossiers import services
from addons.dossiers.storage import private_file_response

from ..access import staff_required
from ..forms import ConsultationAnswerForm
from ..selectors import consultation_for_staff, consultations_to_answer


@staff_required()
def consultation_list(request):
    """Questions other units sent to mine: open ones by due date, or the ones answered lately."""
    answered = request.GET.get("tab") == "answered"
    return render(
        request,
        "backoffice/consultations.html",
        {"lines": consultations_to_answer(request.staff, answered=answered), "answered": answered},
    )


@require_http_methods(["GET", "POST"])
@staff_required()
def consultation_page(request, pk: int):
    view = consultation_for_staff(request.staff, pk)
    form = ConsultationAnswerForm()
    status = 200
    if request.method == "POST":
        if not view.answers:
            raise PermissionDenied(_("Only staff of the consulted unit can answer."))
        form = ConsultationAnswerForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.consultation_answer(
                    consultation=view.consultation,
                    actor=request.user,
                    answer=form.cleaned_data["answer"],
                    attachment=form.cleaned_data["attachment"],
                )
            except services.ConflictError as exc:
                messages.error(request, str(exc))
                return redirect("backoffice:consultation", pk=pk)
            except services.PermissionDenied as exc:
                raise PermissionDenied(str(exc)) from exc
            except (services.ServiceError, ValidationError) as exc:
                form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
            else:
                messages.success(request, _("Your answer is sent to the asking unit."))
                return redirect("backoffice:consultation", pk=pk)
        status = 400
    return render(
        request, "backoffice/consultation.html", {"view": view, "form": form}, status=status
    )


@staff_required()
def consultation_document(request, pk: int, document_id: int):
    """A paper of the consulted dossier, for the consulted unit (who cannot open the dossier)."""
    view = consultation_for_staff(request.staff, pk)
    document = next((d for d in view.documents if d.pk == document_id), None)
    if document is None:
        raise Http404("No such document.")
    response = private_file_response(document)
    # the consulted unit reads the applicant's papers: on record like any other opening
    dossier_access_record(request, view.consultation.dossier, document=document)
    return response
