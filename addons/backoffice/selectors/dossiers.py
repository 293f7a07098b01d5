"""Which dossiers a staff member may open, and the desk's look-ups (procedures, citizens)."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from addons.catalogue.models import Agency, Procedure
from addons.dossiers.models import Dossier, Status, StepRecord

from ..access import Staff


def agency_units(agency_id: int) -> QuerySet[Agency]:
    return Agency.objects.filter(parent_id=agency_id, is_active=True).order_by("name")


def procedures_matching(text: str, *, limit: int = 20) -> list[Procedure]:
    """For the desk: the procedure with exactly this code first, then those whose code or name
    contains the text."""
    text = text.strip()
    if not text:
        return []
    exact = list(Procedure.objects.filter(code__iexact=text)[:1])
    others = (
        Procedure.objects.filter(Q(code__icontains=text) | Q(name__icontains=text))
        .exclude(pk__in=[p.pk for p in exact])
        .order_by("code")
    )
    return exact + list(others[: limit - len(exact)])


def citizen_by_identity(number: str):
    """The citizen or organisation account with this identity number or tax code, if any."""
    number = number.strip()
    if not number:
        return None
    return (
        get_user_model()
        .objects.filter(kind__in=["person", "organisation"], is_active=True)
        .filter(Q(identity_number=number) | Q(tax_code=number))
        .order_by("pk")
        .first()
    )


def visible_dossiers(staff: Staff) -> QuerySet[Dossier]:
    """What a staff member may open: their agency's dossiers past the draft, and for specialists
    and unit heads only their unit's, the ones they handle, and the ones they handled a step of."""
    qs = Dossier.objects.filter(agency_id=staff.agency_id).exclude(status=Status.DRAFT)
    if staff.sees_whole_agency:
        return qs
    mine = Q(handler_id=staff.user.pk) | Exists(
        StepRecord.objects.filter(dossier=OuterRef("pk"), assignee_id=staff.user.pk)
    )
    if staff.unit_id is not None:
        mine |= Q(unit_id=staff.unit_id)
    return qs.filter(mine)


def dossier_for_staff(staff: Staff, pk: int) -> Dossier:
    """The dossier, or 404 when this staff member may not see it (another agency, another unit)."""
    dossier = (
        visible_dossiers(staff)
        .select_related("procedure", "agency", "unit", "handler", "process_template")
        .filter(pk=pk)
        .first()
    )
    if dossier is None:
        raise Http404("No such dossier.")
    return dossier
