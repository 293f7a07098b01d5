"""Desk reception (OSS-2, OSS-4): a walk-in or postal dossier registered, scanned and accepted."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from addons.accounts.roles import Role
from addons.catalogue.models import Procedure
from addons.dossiers import services
from addons.dossiers.codes import DossierCodeError

from ..access import staff_required
from ..forms import DeskReceptionForm, IdentitySearchForm, ProcedureSearchForm
from ..selectors import citizen_by_identity, procedures_matching
from ..services import desk_receive


def _procedure(request) -> Procedure | None:
    value = request.POST.get("procedure") or request.GET.get("procedure") or ""
    return Procedure.objects.filter(pk=int(value)).first() if value.isdigit() else None


def _applicant_initial(identity: IdentitySearchForm) -> tuple[dict, bool | None]:
    """What the desk knows of the applicant from their identity number; None when not asked."""
    if not identity.is_valid():
        return {}, None
    number = identity.cleaned_data["identity"]
    citizen = citizen_by_identity(number)
    if citizen is None:
        return {"applicant_identity_number": number}, False
    return {**services.applicant_prefill(citizen), "applicant_user": citizen.pk}, True


@staff_required(Role.RECEIVING_CLERK)
def receive(request):
    """Step 1: find the procedure by code or name. Step 2: the applicant, the scans, accept."""
    staff = request.staff
    procedure = _procedure(request)
    if procedure is None:
        search = ProcedureSearchForm(request.GET or None)
        matches = procedures_matching(search.cleaned_data["q"]) if search.is_valid() else []
        return render(
            request,
            "backoffice/receive.html",
            {"search": search, "matches": matches, "searched": search.is_bound},
        )
    identity = IdentitySearchForm(request.GET if "identity" in request.GET else None)
    found = None
    if request.method == "POST":
        form = DeskReceptionForm(
            request.POST, request.FILES, procedure=procedure, agency_id=staff.agency_id
        )
        if form.is_valid():
            try:
                reception = desk_receive(
                    clerk=staff.user,
                    procedure=procedure,
                    channel=form.cleaned_data["channel"],
                    applicant=form.applicant(),
                    applicant_user=form.cleaned_data["applicant_user"],
                    unit=form.cleaned_data["unit"],
                    scans=form.scans(),
                    form_data={"noi_dung": form.cleaned_data["request"]}
                    if form.cleaned_data["request"]
                    else {},
                )
            except (services.ServiceError, DossierCodeError) as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                dossier = reception.dossier
                if reception.problem:
                    messages.warning(request, reception.problem)
                else:
                    messages.success(
                        request,
                        _("Dossier %(code)s is received. Print the receipt for the applicant.")
                        % {"code": dossier.code},
                    )
                return redirect("backoffice:dossier", pk=dossier.pk)
    else:
        initial, found = _applicant_initial(identity)
        form = DeskReceptionForm(initial=initial, procedure=procedure, agency_id=staff.agency_id)
    return render(
        request,
        "backoffice/receive.html",
        {"procedure": procedure, "form": form, "identity": identity, "found": found},
        status=400 if form.is_bound else 200,
    )
