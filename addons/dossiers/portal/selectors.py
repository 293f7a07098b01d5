"""Reads for the citizen's pages. Every dossier is looked up through the applicant: another
person's dossier does not exist for them (404), whatever its id.
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from addons.catalogue.models import (
    Agency,
    DocumentGroup,
    DocumentItem,
    Procedure,
    ProcedureAgency,
    ProcedureFormField,
)
from addons.catalogue.selectors import published_procedures

from ..models import Dossier, DossierDocument, DossierEvent, Status
from ..models.status import FINISHED_STATUSES

# "My dossiers" (POR-m): every status belongs to exactly one section.
SECTIONS: dict[str, frozenset[str]] = {
    "drafts": frozenset({Status.DRAFT}),
    "in_progress": frozenset(
        {
            Status.SUBMITTED,
            Status.RECEIVED,
            Status.PROCESSING,
            Status.PAYMENT_REQUESTED,
            Status.AWAITING_APPROVAL,
            Status.WITHDRAWAL_REQUESTED,
        }
    ),
    "supplement": frozenset({Status.SUPPLEMENT_REQUESTED}),
    "finished": frozenset(
        {
            Status.RESULT_READY,
            Status.RETURNED,
            Status.NOT_RECEIVED,
            Status.STOPPED,
            Status.WITHDRAWN,
        }
    ),
}
SECTION_LABELS = {
    "drafts": _("Drafts"),
    "in_progress": _("In progress"),
    "supplement": _("To supplement"),
    "finished": _("Finished"),
}
WITHDRAWABLE = frozenset(
    {
        Status.SUBMITTED,
        Status.SUPPLEMENT_REQUESTED,
        Status.PROCESSING,
        Status.AWAITING_APPROVAL,
        Status.PAYMENT_REQUESTED,
    }
)
# The notices addressed to the applicant (receipt 01, supplement 02, refusal 03, apology 04,
# notice of stopping "DG"); the control slip 05 is the agency's own record.
APPLICANT_FORMS = ("01", "02", "03", "04", "DG")
# Events that say nothing to the applicant, and those whose note is written to them.
HIDDEN_EVENTS = frozenset(
    {
        "draft_created",
        "assigned",
        "form_issued",
        # reminders to staff
        "deadline_warning",
        "overdue",
        "apology_reminder",
        # between agencies: the question and the answer are internal working papers
        "consultation_requested",
        "consultation_answered",
        "consultation_withdrawn",
    }
)
NOTE_FOR_APPLICANT = frozenset(
    {
        "supplement_requested",
        "supplement_received",
        "refused",
        "result_refused",
        "apology",
        "withdrawal_requested",
        "withdrawn",
        "stopped",
    }
)
DEFAULT_FIELD_KEY = "noi_dung"


def own_dossiers(user) -> QuerySet[Dossier]:
    """The dossiers where `user` is the applicant (a clerk who registered one at the desk is not)."""
    return Dossier.objects.filter(applicant=user).select_related("procedure", "agency")


def own_dossier_or_404(user, uuid: UUID) -> Dossier:
    return get_object_or_404(own_dossiers(user), uuid=uuid)


def section_of(status: str) -> str:
    return next(name for name, statuses in SECTIONS.items() if status in statuses)


def section_counts(user) -> dict[str, int]:
    counts = dict.fromkeys(SECTIONS, 0)
    for row in own_dossiers(user).order_by().values("status").annotate(n=Count("pk")):
        counts[section_of(row["status"])] += row["n"]
    return counts


def section_dossiers(user, section: str) -> QuerySet[Dossier]:
    qs = own_dossiers(user).filter(status__in=SECTIONS[section])
    if section == "drafts":
        return qs.order_by("-updated_at")
    return qs.order_by(F("submitted_at").desc(nulls_last=True), "-pk")


def procedure_for_application(code: str) -> Procedure:
    """A published procedure offered online (full or partial); any other code is a 404."""
    return get_object_or_404(
        published_procedures().exclude(online_service=Procedure.OnlineService.NONE), code=code
    )


def receiving_agencies(procedure: Procedure) -> QuerySet[Agency]:
    """Agencies with an identifier that execute the procedure; failing those, every such agency.

    The identifier is needed: it starts the dossier code.
    """
    with_identifier = Agency.objects.filter(is_active=True).exclude(identifier="")
    executing = with_identifier.filter(
        procedure_roles__procedure=procedure,
        procedure_roles__role=ProcedureAgency.Role.EXECUTING,
    ).distinct()
    return executing if executing.exists() else with_identifier


def default_form_field() -> ProcedureFormField:
    return ProcedureFormField(
        key=DEFAULT_FIELD_KEY,
        label=_("Details of your request"),
        help_text=_("Say what you ask the agency to do, and anything it should know."),
        kind=ProcedureFormField.Kind.TEXTAREA,
        required=True,
    )


def form_fields_for(procedure: Procedure) -> list[ProcedureFormField]:
    """The e-form editors configured on the procedure page, or one free-text field."""
    fields = list(
        ProcedureFormField.objects.filter(page__procedure=procedure).order_by("sort_order")
    )
    return fields or [default_form_field()]


def document_groups(procedure: Procedure) -> list[DocumentGroup]:
    """The required documents, grouped as on the procedure page."""
    return list(
        procedure.document_groups.order_by("order", "pk").prefetch_related(
            "items"  # DocumentItem orders by `order`
        )
    )


def earlier_form_values(user, *, limit: int = 20) -> dict:
    """Values the applicant gave in earlier dossiers, newest first per key (POR-a)."""
    values: dict = {}
    rows = (
        own_dossiers(user)
        .exclude(status=Status.DRAFT)
        .order_by(F("submitted_at").desc(nulls_last=True))
        .values_list("form_data", flat=True)[:limit]
    )
    for form_data in rows:
        for key, value in (form_data or {}).items():
            if value not in ("", None):
                values.setdefault(key, value)
    return values


def open_drafts(user, procedure: Procedure) -> QuerySet[Dossier]:
    return (
        own_dossiers(user).filter(procedure=procedure, status=Status.DRAFT).order_by("-updated_at")
    )


@dataclass
class SupplementRequest:
    """What the agency asked for (form 02), each item matched to a required document if it names one."""

    event: DossierEvent
    items: list[tuple[str, DocumentItem | None]] = field(default_factory=list)


def supplement_request(dossier: Dossier) -> SupplementRequest | None:
    event = dossier.events.filter(kind="supplement_requested").order_by("-at", "-pk").first()
    if event is None:
        return None
    known = DocumentItem.objects.filter(group__procedure=dossier.procedure)
    by_name = {i.name.strip().casefold(): i for i in known}
    by_name.update({i.code.strip().casefold(): i for i in known if i.code.strip()})
    items = [
        (text, by_name.get(str(text).strip().casefold())) for text in event.data.get("items", [])
    ]
    return SupplementRequest(event=event, items=items)


def timeline(dossier: Dossier) -> list[dict]:
    """The history the applicant sees: internal events left out, internal notes too."""
    rows = []
    for event in dossier.events.exclude(kind__in=HIDDEN_EVENTS).order_by("at", "pk"):
        rows.append(
            {
                "event": event,
                "label": event.label,
                "detail": event.data.get("name", "") if event.kind.startswith("step_") else "",
                "note": event.note if event.kind in NOTE_FOR_APPLICANT else "",
            }
        )
    return rows


def applicant_documents(dossier: Dossier) -> QuerySet[DossierDocument]:
    """The files the applicant may download: their own, the notices to them, and the result once
    it is ready (POR-q). Anything else is a 404, even with the right dossier.
    """
    kinds = Q(kind__in=[DossierDocument.Kind.SUBMITTED, DossierDocument.Kind.SCAN])
    kinds |= Q(kind=DossierDocument.Kind.FORM, form_number__in=APPLICANT_FORMS)
    if dossier.status in FINISHED_STATUSES:  # a replaced draft of the result stays internal
        kinds |= Q(kind=DossierDocument.Kind.RESULT, is_current=True)
    return dossier.documents.filter(kinds)


def document_versions(documents) -> list[dict]:
    """One row per document (a required item, a form, a result) with its current and older versions."""
    rows: dict[tuple, dict] = {}
    for doc in sorted(documents, key=lambda d: (d.kind, d.item_code, d.form_number, -d.version)):
        key = (doc.kind, doc.item_id, doc.item_code, doc.form_number)  # as `document_add` versions
        row = rows.setdefault(key, {"current": None, "older": []})
        if doc.is_current and row["current"] is None:
            row["current"] = doc
        else:
            row["older"].append(doc)
    for row in rows.values():
        if row["current"] is None:
            row["current"] = row["older"].pop(0)
    return list(rows.values())
