"""Following one's dossiers (POR-m, POR-đ, POR-q): the list by section, the dossier page with its
history, supplements, withdrawal, and downloads streamed from private storage.
"""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from addons.audit.selectors import dossier_openings
from addons.audit.services import dossier_access_record

from ... import payments, services
from ...models import Dossier, DossierDocument, Status, Timeliness
from ...storage import private_file_response
from ...timeliness import dossier_timeliness
from ...uploads import allowed_extensions, check_upload, upload_rules_text
from .. import selectors
from ..forms import ApplicantForm, SupplementForm, WithdrawForm, eform_summary
from .access import citizen_required

logger = logging.getLogger(__name__)
PER_PAGE = 20
OPENINGS_SHOWN = 50
SECTION_ORDER = ("supplement", "in_progress", "drafts", "finished")


def _timeliness_label(dossier: Dossier) -> str:
    return str(Timeliness(dossier_timeliness(dossier)).label)


@citizen_required
@require_GET
def my_dossiers(request):
    """Hồ sơ của tôi: drafts, in progress, to supplement, finished (POR-m)."""
    counts = selectors.section_counts(request.user)
    section = request.GET.get("tab", "")
    if section not in selectors.SECTIONS:
        # Open where there is something: first what the applicant must act on.
        section = next((s for s in SECTION_ORDER if counts[s]), "in_progress")
    page = Paginator(selectors.section_dossiers(request.user, section), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {"dossier": d, "timeliness": "" if d.status == Status.DRAFT else _timeliness_label(d)}
        for d in page
    ]
    tabs = [
        {"key": key, "label": selectors.SECTION_LABELS[key], "count": counts[key]}
        for key in ("drafts", "in_progress", "supplement", "finished")
    ]
    return render(
        request,
        "dossiers/portal/my_dossiers.html",
        {
            "tabs": tabs,
            "section": section,
            "rows": rows,
            "page_obj": page,
            "query_string": f"tab={section}",
            "to_supplement": counts["supplement"],
        },
    )


def _detail_context(dossier: Dossier, *, supplement_form=None, supplement_errors=None) -> dict:
    documents = list(selectors.applicant_documents(dossier).select_related("item"))
    by_kind = {kind: [d for d in documents if d.kind == kind] for kind in DossierDocument.Kind}
    request_ = (
        selectors.supplement_request(dossier)
        if dossier.status == Status.SUPPLEMENT_REQUESTED
        else None
    )
    errors = supplement_errors or {}
    return {
        "dossier": dossier,
        "timeliness": _timeliness_label(dossier),
        "timeline": selectors.timeline(dossier),
        "results": selectors.document_versions(by_kind[DossierDocument.Kind.RESULT]),
        "notices": selectors.document_versions(by_kind[DossierDocument.Kind.FORM]),
        "documents": selectors.document_versions(
            by_kind[DossierDocument.Kind.SUBMITTED] + by_kind[DossierDocument.Kind.SCAN]
        ),
        "answers": eform_summary(selectors.form_fields_for(dossier.procedure), dossier.form_data),
        "applicant": [
            (ApplicantForm.base_fields[name].label, value)
            for name, value in ApplicantForm.data_of(dossier).items()
        ],
        "supplement": request_,
        "supplement_items": [
            {
                "text": text,
                "item": item,
                "field": f"item-{i}",
                "errors": errors.get(f"item-{i}", []),
            }
            for i, (text, item) in enumerate(request_.items if request_ else [])
        ],
        "supplement_errors": errors.get("__all__", []),
        "supplement_form": supplement_form or SupplementForm(),
        "upload_rules": upload_rules_text(),
        "accept": ",".join(allowed_extensions()),
        "can_withdraw": dossier.status in selectors.WITHDRAWABLE,
        "fees": list(dossier.fees.order_by("requested_at", "pk")),
        "pay_online": dossier.status == Status.PAYMENT_REQUESTED and payments.configured(),
        "openings": dossier_openings(dossier)[:OPENINGS_SHOWN],
    }


@citizen_required
@require_GET
def detail(request, uuid):
    dossier = selectors.own_dossier_or_404(request.user, uuid)
    if dossier.status == Status.DRAFT:
        return redirect("dossiers:edit", uuid=dossier.uuid)
    dossier_access_record(request, dossier)
    return render(request, "dossiers/portal/detail.html", _detail_context(dossier))


@citizen_required
@require_POST
def supplement(request, uuid):
    """Bổ sung: every file checked first, then all of them and the supplement in one transaction."""
    dossier = selectors.own_dossier_or_404(request.user, uuid)
    asked = selectors.supplement_request(dossier)
    if dossier.status != Status.SUPPLEMENT_REQUESTED or asked is None:
        messages.info(request, _("Nothing is asked of you for this dossier now."))
        return redirect("dossiers:detail", uuid=dossier.uuid)
    form = SupplementForm(request.POST)
    given, errors = [], {}
    for index, (_text, item) in enumerate(asked.items):
        uploaded = request.FILES.get(f"item-{index}")
        if uploaded is None:
            continue
        try:
            check_upload(uploaded)
        except ValidationError as exc:
            errors[f"item-{index}"] = exc.messages
        given.append((uploaded, item))
    if not given:
        errors["__all__"] = [_("Attach at least one of the documents asked for.")]
    if errors or not form.is_valid():
        context = _detail_context(dossier, supplement_form=form, supplement_errors=errors)
        return render(request, "dossiers/portal/detail.html", context)
    try:
        with transaction.atomic():
            for uploaded, item in given:
                services.document_add(
                    dossier=dossier, actor=request.user, uploaded=uploaded, item=item
                )
            services.dossier_supplement(
                dossier=dossier, actor=request.user, note=form.cleaned_data["note"]
            )
    except (services.ServiceError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("dossiers:detail", uuid=dossier.uuid)
    messages.success(
        request, _("Thank you. The agency has received your documents and continues its work.")
    )
    return redirect("dossiers:detail", uuid=dossier.uuid)


@citizen_required
@require_http_methods(["GET", "POST"])
def withdraw(request, uuid):
    """Rút hồ sơ: at once before reception, otherwise a request the desk confirms."""
    dossier = selectors.own_dossier_or_404(request.user, uuid)
    if dossier.status not in selectors.WITHDRAWABLE:
        messages.info(request, _("This dossier can no longer be withdrawn."))
        return redirect("dossiers:detail", uuid=dossier.uuid)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_withdraw(
                dossier=dossier, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.ServiceError as exc:
            messages.error(request, str(exc))
            return redirect("dossiers:detail", uuid=dossier.uuid)
        if dossier.status == Status.WITHDRAWN:
            messages.success(request, _("Your dossier is withdrawn."))
        else:
            messages.success(
                request, _("Your request to withdraw is sent. The agency will confirm it.")
            )
        return redirect("dossiers:detail", uuid=dossier.uuid)
    return render(request, "dossiers/portal/withdraw.html", {"dossier": dossier, "form": form})


@citizen_required
@require_GET
def document_download(request, uuid, document_id: int):
    """Stream one file from private storage, after checking that this applicant may have it."""
    dossier = selectors.own_dossier_or_404(request.user, uuid)
    document = get_object_or_404(selectors.applicant_documents(dossier), pk=document_id)
    response = private_file_response(document)
    dossier_access_record(request, dossier, document=document)
    return response
