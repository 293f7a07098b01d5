"""Writes of the live add-on: messages between the agency and the applicant (POR-đ)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from addons.backoffice.access import staff_of
from addons.backoffice.selectors import visible_dossiers
from addons.dossiers.models import Dossier, DossierDocument, Status
from addons.dossiers.services.common import (
    PermissionDenied,
    ServiceError,
    document_store,
    locked,
    record_event,
)
from addons.dossiers.uploads import check_upload

from .models import DossierMessage

MAX_MESSAGE_LENGTH = 4000


@transaction.atomic
def message_post(*, dossier: Dossier, author, body: str, attachment=None) -> DossierMessage:
    """Send a message on a dossier: by its applicant, or by staff who may open it. The attachment
    follows the dossier's upload rules and is kept in private storage; the message is recorded as
    a "message" event, so it reaches the other side through the outbox."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message."), code="empty")
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            _("A message has at most %(n)s characters.") % {"n": MAX_MESSAGE_LENGTH},
            code="too_long",
        )
    if attachment is not None:
        checked = check_upload(attachment)  # before anything is written
    dossier = locked(dossier)
    from_agency = _may_write(author, dossier)
    document = None
    if attachment is not None:
        document = document_store(
            dossier=dossier,
            uploaded=attachment,
            checked=checked,
            kind=DossierDocument.Kind.ATTACHMENT,
            actor=author,
        )
    event = record_event(
        dossier,
        "message",
        actor=author,
        data={"from_agency": from_agency, "attachment": document.pk if document else None},
    )
    return DossierMessage.objects.create(
        dossier=dossier,
        author=author,
        from_agency=from_agency,
        body=body,
        attachment=document,
        event=event,
    )


def _may_write(author, dossier: Dossier) -> bool:
    """True for staff, False for the applicant; anyone else is refused."""
    if author is None or not author.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
    if dossier.status == Status.DRAFT:
        raise ServiceError(_("Messages start once the dossier is submitted."))
    if author.is_staff_member:
        if not visible_dossiers(staff_of(author)).filter(pk=dossier.pk).exists():
            raise PermissionDenied(_("This dossier is not handled by your unit."))
        return True
    if author.pk in (dossier.applicant_id, dossier.submitter_id):
        return False
    raise PermissionDenied(_("Only the applicant can do this."))
