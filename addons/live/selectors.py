"""Reads of the live add-on, and who may listen to what (the consumers only ask these)."""

from django.db.models import Q, QuerySet
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from addons.backoffice.access import DOSSIER_ROLES, Staff, staff_of
from addons.backoffice.selectors import visible_dossiers
from addons.dossiers.models import Dossier, Status

from .models import DossierMessage


def dossier_messages(dossier: Dossier) -> QuerySet[DossierMessage]:
    return dossier.messages.select_related("author", "attachment").order_by("created_at", "pk")


def applicant_dossier(user, uuid) -> Dossier | None:
    """The dossier if `user` applied for it or submitted it (never a staff account)."""
    if not user.is_authenticated or user.is_staff_member:
        return None
    return (
        Dossier.objects.filter(Q(applicant=user) | Q(submitter=user), uuid=uuid)
        .exclude(status=Status.DRAFT)
        .first()
    )


def verified_staff(user, session) -> Staff | None:
    """The staff member behind a websocket, as `staff_required` checks a request: a staff account
    of an agency, holding a dossier role, whose session passed the OTP check."""
    if not user.is_authenticated or not user.is_staff_member or user.agency_id is None:
        return None
    device_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    device = Device.from_persistent_id(device_id) if device_id else None
    if device is None or device.user_id != user.pk:
        return None
    staff = staff_of(user)
    return staff if staff.roles & DOSSIER_ROLES else None


def staff_dossier(staff: Staff, pk: int) -> Dossier | None:
    return visible_dossiers(staff).filter(pk=pk).first()
