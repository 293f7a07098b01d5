"""Applying: drafts, documents, submission online, registration at the desk (POR-a, POR-d, OSS-2)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from addons.catalogue.models import Agency, DocumentItem, Procedure

from ..codes import dossier_code_issue
from ..models import Channel, Dossier, DossierDocument, Status
from ..uploads import check_upload
from .common import (
    ServiceError,
    document_store,
    expect_status,
    locked,
    record_event,
    require_applicant,
    require_staff,
    set_status,
)

PREFILL_FIELDS = (
    "applicant_name",
    "applicant_identity_number",
    "applicant_address",
    "applicant_phone",
    "applicant_email",
)


def applicant_prefill(user) -> dict[str, str]:
    """What we already know of the applicant (POR-a): the profile, then their latest dossier."""
    known = {
        "applicant_name": user.get_full_name()
        if user.kind != "organisation"
        else user.organisation_name,
        "applicant_identity_number": user.identity_number or user.tax_code,
        "applicant_phone": user.phone,
        "applicant_email": user.email,
        "applicant_address": "",
    }
    latest = (
        Dossier.objects.filter(applicant=user)
        .exclude(status=Status.DRAFT)
        .order_by("-submitted_at")
        .first()
    )
    if latest is not None:
        for name in PREFILL_FIELDS:
            known[name] = known[name] or getattr(latest, name)
    return known


@transaction.atomic
def dossier_draft_create(
    *, applicant, procedure: Procedure, agency: Agency, form_data: dict | None = None
) -> Dossier:
    dossier = Dossier.objects.create(
        procedure=procedure,
        agency=agency,
        applicant=applicant,
        submitter=applicant,
        submitter_name=applicant.get_full_name(),
        applicant_kind=Dossier.ApplicantKind.ORGANISATION
        if applicant.kind == "organisation"
        else Dossier.ApplicantKind.PERSON,
        channel=Channel.ONLINE,
        form_data=form_data or {},
        **applicant_prefill(applicant),
    )
    return dossier  # a draft keeps no log: it is the applicant's own until submitted


@transaction.atomic
def dossier_draft_update(
    *,
    dossier: Dossier,
    actor,
    form_data: dict,
    applicant: dict | None = None,
    agency: Agency | None = None,
) -> Dossier:
    dossier = locked(dossier)
    require_applicant(actor, dossier)
    expect_status(dossier, Status.DRAFT)
    if agency is not None:
        dossier.agency = agency
    dossier.form_data = {**dossier.form_data, **form_data}
    for name, value in (applicant or {}).items():
        if name in PREFILL_FIELDS:
            setattr(dossier, name, value)
    dossier.save()
    return dossier


@transaction.atomic
def document_add(
    *,
    dossier: Dossier,
    actor,
    uploaded,
    item: DocumentItem | None = None,
    kind: str = DossierDocument.Kind.SUBMITTED,
    title: str = "",
) -> DossierDocument:
    """Store one file for a required item (or under a title); a new file for the same item or
    title is a new version. The applicant adds files while drafting or supplementing; staff of the
    agency add scans and results."""
    checked = check_upload(uploaded)  # raises ValidationError before anything is written
    dossier = locked(dossier)
    if actor.pk == dossier.applicant_id and not actor.is_staff_member:
        expect_status(dossier, Status.DRAFT, Status.SUPPLEMENT_REQUESTED)
    else:
        require_staff(actor, dossier)
    title = (item.name if item else title or uploaded.name)[:500]
    item_code = item.code or str(item.pk) if item else ""
    same = dossier.documents.filter(kind=kind, item=item, is_current=True)
    if item is None and kind != DossierDocument.Kind.RESULT:  # the result is one document
        same = same.filter(title=title)
    previous = same.order_by("-version").first()
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    document = document_store(
        dossier=dossier,
        uploaded=uploaded,
        checked=checked,
        kind=kind,
        actor=actor,
        item=item,
        item_code=item_code,
        title=title,
        version=(previous.version + 1) if previous else 1,
    )
    if dossier.status != Status.DRAFT:
        record_event(
            dossier,
            "document_added",
            actor=actor,
            data={"document": document.pk, "version": document.version},
        )
    return document


@transaction.atomic
def dossier_draft_delete(*, dossier: Dossier, actor) -> None:
    """Bỏ bản nháp: a draft the applicant no longer wants disappears with its files."""
    dossier = locked(dossier)
    require_applicant(actor, dossier)
    expect_status(dossier, Status.DRAFT)
    files = [d.file for d in dossier.documents.all()]
    dossier.documents.all().delete()
    dossier.delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


def missing_required_items(dossier: Dossier) -> list[DocumentItem]:
    present = set(dossier.documents.filter(is_current=True).values_list("item_id", flat=True))
    required = DocumentItem.objects.filter(group__procedure=dossier.procedure, required=True)
    return [item for item in required if item.pk not in present]


@transaction.atomic
def dossier_submit(*, dossier: Dossier, actor) -> Dossier:
    """Nộp hồ sơ: the dossier gets its code and waits for the desk to receive it."""
    dossier = locked(dossier)
    require_applicant(actor, dossier)
    if not getattr(actor, "can_submit_dossiers", True):
        raise ServiceError(_("Verify your email address or phone number before submitting."))
    expect_status(dossier, Status.DRAFT)
    missing = missing_required_items(dossier)
    if missing:
        raise ServiceError(
            _("These required documents are missing: %(items)s")
            % {"items": "; ".join(i.name[:80] for i in missing)}
        )
    if not dossier.applicant_name:
        raise ServiceError(_("Enter the applicant's name."))
    now = timezone.now()
    dossier.submitted_at = now
    dossier.code = dossier_code_issue(dossier.agency, timezone.localdate(now))
    set_status(dossier, Status.SUBMITTED, "submitted", actor=actor)
    transaction.on_commit(lambda: _start_flow(dossier.pk))
    return dossier


@transaction.atomic
def dossier_register_at_desk(
    *,
    clerk,
    procedure: Procedure,
    agency: Agency,
    channel: str,
    applicant: dict,
    applicant_user=None,
    form_data: dict | None = None,
) -> Dossier:
    """Tiếp nhận trực tiếp: a clerk registers a walk-in or postal dossier; it is submitted at once."""
    if channel not in (Channel.DIRECT, Channel.POSTAL):
        raise ServiceError(_("At the desk a dossier arrives in person or by post."))
    now = timezone.now()
    dossier = Dossier.objects.create(
        procedure=procedure,
        agency=agency,
        channel=channel,
        applicant=applicant_user,
        submitter=clerk,
        submitter_name=applicant.get("submitter_name") or applicant.get("applicant_name", ""),
        form_data=form_data or {},
        submitted_at=now,
        code=dossier_code_issue(agency, timezone.localdate(now)),
        status=Status.SUBMITTED,
        applicant_kind=applicant.get("applicant_kind") or Dossier.ApplicantKind.PERSON,
        **{k: v for k, v in applicant.items() if k in PREFILL_FIELDS},
    )
    record_event(dossier, "registered_at_desk", actor=clerk, status_from=Status.DRAFT)
    transaction.on_commit(lambda: _start_flow(dossier.pk))
    return dossier


def _start_flow(dossier_pk: int) -> None:
    from workflows.dossier import start_for_dossier

    start_for_dossier(dossier_pk)
