"""Applying online (POR-a, POR-d): receiving agency, e-form, one upload per required document, a
draft saved and resumed, a printable review, then submission with a dossier code.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ... import services
from ...models import Dossier, DossierDocument, Status
from ...services.submission import missing_required_items
from ...uploads import allowed_extensions, upload_rules_text
from .. import selectors
from ..forms import AgencyForm, ApplicantForm, EForm, eform_initial, eform_summary
from .access import citizen_required

OTHER_DOCUMENT = "doc-other"


@dataclass
class Checked:
    """A saved draft checked as submission will check it: strict forms and missing documents."""

    applicant_form: ApplicantForm
    eform: EForm
    missing: dict[str, list[str]]

    @property
    def complete(self) -> bool:
        valid = [self.applicant_form.is_valid(), self.eform.is_valid()]
        return all(valid) and not self.missing


def _check(dossier: Dossier, specs) -> Checked:
    missing = {
        f"doc-{item.pk}": [_("Attach this document: it is required.")]
        for item in missing_required_items(dossier)
    }
    return Checked(
        applicant_form=ApplicantForm(ApplicantForm.data_of(dossier), strict=True),
        eform=EForm(specs, EForm.data_of(specs, dossier.form_data), strict=True),
        missing=missing,
    )


def _upload_fields(procedure) -> list[tuple[str, object]]:
    """(input name, required item) per upload; one free attachment when no item is listed."""
    items = [item for group in selectors.document_groups(procedure) for item in group.items.all()]
    return [(f"doc-{item.pk}", item) for item in items] or [(OTHER_DOCUMENT, None)]


def _documents_context(procedure, dossier: Dossier | None, errors: dict) -> dict:
    current = {}
    if dossier is not None:
        for doc in dossier.documents.filter(kind=DossierDocument.Kind.SUBMITTED, is_current=True):
            current[doc.item_id] = doc
    groups = [
        {
            "group": group,
            "items": [
                {
                    "item": item,
                    "field": f"doc-{item.pk}",
                    "document": current.get(item.pk),
                    "errors": errors.get(f"doc-{item.pk}", []),
                }
                for item in group.items.all()
            ],
        }
        for group in selectors.document_groups(procedure)
    ]
    other = None
    if not any(g["items"] for g in groups):
        other = {
            "field": OTHER_DOCUMENT,
            "document": current.get(None),
            "errors": errors.get(OTHER_DOCUMENT, []),
        }
    return {
        "document_groups": groups,
        "other_document": other,
        "upload_rules": upload_rules_text(),
        "accept": ",".join(allowed_extensions()),
    }


def _render(request, procedure, *, dossier=None, agency_form=None, errors=None, **forms):
    context = {
        "procedure": procedure,
        "dossier": dossier,
        "agency_form": agency_form,
        "form_action": reverse("dossiers:edit", kwargs={"uuid": dossier.uuid})
        if dossier
        else reverse("dossiers:apply", kwargs={"code": procedure.code}),
        **forms,
        **_documents_context(procedure, dossier, errors or {}),
    }
    return render(request, "dossiers/portal/apply.html", context)


def _upload(request, dossier: Dossier) -> dict[str, list[str]]:
    """Each file on its own: a refused one is reported at its item, the others are kept."""
    errors = {}
    for name, item in _upload_fields(dossier.procedure):
        uploaded = request.FILES.get(name)
        if uploaded is None:
            continue
        try:
            services.document_add(dossier=dossier, actor=request.user, uploaded=uploaded, item=item)
        except ValidationError as exc:
            errors[name] = exc.messages
    return errors


def _save(request, dossier: Dossier, specs):
    """Save what is valid of the request (values and files), then go where the button asked."""
    applicant_form = ApplicantForm(request.POST)
    eform = EForm(specs, request.POST)
    try:
        dossier = services.dossier_draft_update(
            dossier=dossier,
            actor=request.user,
            form_data=eform.values(),
            applicant=applicant_form.valid_values(),
        )
    except services.ServiceError as exc:  # submitted meanwhile, from another tab
        messages.error(request, str(exc))
        return redirect("dossiers:detail", uuid=dossier.uuid)
    errors = _upload(request, dossier)
    procedure = dossier.procedure
    if applicant_form.errors or eform.errors or errors:
        messages.warning(request, _("Your draft is saved, except the entries marked below."))
        return _render(
            request,
            procedure,
            dossier=dossier,
            errors=errors,
            applicant_form=applicant_form,
            eform=eform,
        )
    if request.POST.get("action") == "review":
        checked = _check(dossier, specs)
        if checked.complete:
            return redirect("dossiers:review", uuid=dossier.uuid)
        messages.warning(request, _("Your draft is saved. Complete the entries marked below."))
        return _render(
            request,
            procedure,
            dossier=dossier,
            errors=checked.missing,
            applicant_form=checked.applicant_form,
            eform=checked.eform,
        )
    messages.success(
        request, _("Your draft is saved. You can come back to it any time from “My dossiers”.")
    )
    return redirect("dossiers:edit", uuid=dossier.uuid)


def _initial_forms(user, specs, dossier: Dossier | None = None) -> dict:
    known = services.applicant_prefill(user)
    earlier = selectors.earlier_form_values(user)
    applicant = ApplicantForm.data_of(dossier) if dossier else known
    saved = dossier.form_data if dossier else None
    return {
        "applicant_form": ApplicantForm(initial=applicant),
        "eform": EForm(
            specs, initial=eform_initial(specs, known=known, earlier=earlier, saved=saved)
        ),
    }


@citizen_required
@require_http_methods(["GET", "POST"])
def apply(request, code: str):
    """Nộp hồ sơ trực tuyến: the first save creates the draft."""
    procedure = selectors.procedure_for_application(code)
    agencies = selectors.receiving_agencies(procedure)
    specs = selectors.form_fields_for(procedure)
    if request.method == "POST":
        agency_form = AgencyForm(agencies, request.POST)
        if agency_form.is_valid():
            dossier = services.dossier_draft_create(
                applicant=request.user,
                procedure=procedure,
                agency=agency_form.cleaned_data["agency"],
            )
            return _save(request, dossier, specs)
        forms = {"applicant_form": ApplicantForm(request.POST), "eform": EForm(specs, request.POST)}
    else:
        agency_form = AgencyForm(agencies)
        forms = _initial_forms(request.user, specs)
    return _render(
        request,
        procedure,
        agency_form=agency_form,
        drafts=selectors.open_drafts(request.user, procedure),
        no_agency=not agencies.exists(),
        **forms,
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def edit(request, uuid):
    """Resume a draft. `?check=1` shows what is still missing before submission."""
    dossier = selectors.own_dossier_or_404(request.user, uuid)
    if dossier.status != Status.DRAFT:
        return redirect("dossiers:detail", uuid=dossier.uuid)
    specs = selectors.form_fields_for(dossier.procedure)
    if request.method == "POST":
        return _save(request, dossier, specs)
    if request.GET.get("check"):
        checked = _check(dossier, specs)
        return _render(
            request,
            dossier.procedure,
            dossier=dossier,
            errors=checked.missing,
            applicant_form=checked.applicant_form,
            eform=checked.eform,
        )
    return _render(
        request, dossier.procedure, dossier=dossier, **_initial_forms(request.user, specs, dossier)
    )


def _incomplete(request, dossier: Dossier):
    messages.warning(request, _("Some entries are missing or wrong. Complete them first."))
    return redirect(f"{reverse('dossiers:edit', kwargs={'uuid': dossier.uuid})}?check=1")


@citizen_required
@require_GET
def review(request, uuid):
    """Xem lại: everything as it will be sent, printable, with the submit button."""
    dossier = selectors.own_dossier_or_404(request.user, uuid)
    if dossier.status != Status.DRAFT:
        return redirect("dossiers:detail", uuid=dossier.uuid)
    specs = selectors.form_fields_for(dossier.procedure)
    if not _check(dossier, specs).complete:
        return _incomplete(request, dossier)
    documents = dossier.documents.filter(kind=DossierDocument.Kind.SUBMITTED, is_current=True)
    return render(
        request,
        "dossiers/portal/review.html",
        {
            "dossier": dossier,
            "answers": eform_summary(specs, dossier.form_data),
            "documents": documents.select_related("item"),
        },
    )


@citizen_required
@require_POST
def submit(request, uuid):
    """Nộp: a second POST (double click, back and resend) finds the dossier submitted already."""
    dossier = selectors.own_dossier_or_404(request.user, uuid)
    specs = selectors.form_fields_for(dossier.procedure)
    if dossier.status == Status.DRAFT and not _check(dossier, specs).complete:
        return _incomplete(request, dossier)
    try:
        dossier = services.dossier_submit(dossier=dossier, actor=request.user)
    except services.ConflictError:
        dossier.refresh_from_db()
        messages.info(
            request,
            _("This dossier was already submitted, with the code %(code)s. Nothing was sent twice.")
            % {"code": dossier.code},
        )
        return redirect("dossiers:detail", uuid=dossier.uuid)
    except services.ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("dossiers:edit", uuid=dossier.uuid)
    messages.success(
        request,
        _("Your dossier is submitted. Its code is %(code)s: keep it to follow your dossier.")
        % {"code": dossier.code},
    )
    return redirect("dossiers:detail", uuid=dossier.uuid)
