"""Consultations in the back office (OSS-2): the questions a unit must answer, one consultation
as its consulted unit or the dossier's own staff see it, and the files the consulted unit may read.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from addons.accounts.roles import Role
from addons.dossiers.models import Consultation, DossierDocument
from addons.dossiers.models.status import CLOSED_STATUSES
from addons.dossiers.services.consultations import consulted_member
from addons.dossiers.timeliness import consultation_timeliness

from ..access import Staff
from .dossiers import visible_dossiers

CONSULTATION_PAGE_SIZE = 50


def consulted_scope(staff: Staff) -> Q:
    """Consultations addressed to the staff member's unit or agency; for the agency's leader, also
    those addressed to any unit of the agency (`consulted_member` says the same per row)."""
    scope = Q(unit_id=staff.agency_id)
    if staff.unit_id is not None:
        scope |= Q(unit_id=staff.unit_id)
    if staff.has(Role.AGENCY_LEADER):
        scope |= Q(unit__parent_id=staff.agency_id)
    return scope


@dataclass
class ConsultationLine:
    consultation: Consultation
    timeliness: str


def consultations_to_answer(
    staff: Staff, *, answered: bool = False, now=None
) -> list[ConsultationLine]:
    """Open questions first due first; or the latest answered ones. Open consultations of a closed
    dossier (stopped, withdrawn) need no answer and are left out."""
    now = now or timezone.now()
    qs = Consultation.objects.filter(consulted_scope(staff)).select_related(
        "dossier__procedure", "dossier__agency", "unit", "asked_by", "answered_by"
    )
    if answered:
        qs = qs.filter(state=Consultation.State.ANSWERED).order_by("-answered_at", "-pk")
    else:
        qs = qs.filter(state=Consultation.State.OPEN).exclude(dossier__status__in=CLOSED_STATUSES)
        qs = qs.order_by("due_at", "pk")
    return [
        ConsultationLine(c, consultation_timeliness(c, now=now))
        for c in qs[:CONSULTATION_PAGE_SIZE]
    ]


def open_consultation_count(staff: Staff) -> int:
    return (
        Consultation.objects.filter(consulted_scope(staff), state=Consultation.State.OPEN)
        .exclude(dossier__status__in=CLOSED_STATUSES)
        .count()
    )


@dataclass
class ConsultationView:
    consultation: Consultation
    timeliness: str
    answers: bool  # the staff member is of the consulted unit and may answer
    sees_dossier: bool  # the staff member may open the dossier itself
    documents: list[DossierDocument]


def consultation_for_staff(staff: Staff, pk: int) -> ConsultationView:
    """The consultation, for its consulted unit and for those who may see the dossier; 404 for
    anyone else, whatever the id."""
    consultation = (
        Consultation.objects.select_related(
            "dossier__procedure", "dossier__agency", "dossier__unit", "unit", "asked_by"
        )
        .filter(pk=pk)
        .first()
    )
    if consultation is None:
        raise Http404("No such consultation.")
    member = consulted_member(staff.user, consultation)
    sees_dossier = visible_dossiers(staff).filter(pk=consultation.dossier_id).exists()
    if not (member or sees_dossier):
        raise Http404("No such consultation.")
    return ConsultationView(
        consultation=consultation,
        timeliness=consultation_timeliness(consultation),
        answers=member,
        sees_dossier=sees_dossier,
        documents=list(consultation_documents(consultation)),
    )


def consultation_documents(consultation: Consultation) -> QuerySet[DossierDocument]:
    """What the consulted unit reads to answer: the dossier's current papers and the answer's file."""
    papers = Q(
        kind__in=[DossierDocument.Kind.SUBMITTED, DossierDocument.Kind.SCAN], is_current=True
    )
    if consultation.attachment_id:
        papers |= Q(pk=consultation.attachment_id)
    return consultation.dossier.documents.filter(papers).order_by("kind", "item_code", "pk")


def dossier_consultations(dossier) -> list[ConsultationLine]:
    """For the dossier page: every consultation of the dossier with its own timeliness."""
    now = timezone.now()
    return [
        ConsultationLine(c, consultation_timeliness(c, now=now))
        for c in dossier.consultations.select_related(
            "unit", "asked_by", "answered_by", "attachment"
        ).order_by("asked_at", "pk")
    ]
