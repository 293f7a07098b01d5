"""Issuing the printable forms from the back office: the receipt (01) and the control slip (05).

The forms are rendered and stored by `addons.dossiers.forms`; the receipt goes through the task
that issues it once per reception event, so a receipt the services already issued is not doubled.
"""

from django.utils.translation import gettext as _

from addons.dossiers.models import Dossier, DossierDocument
from addons.dossiers.services import ServiceError

from .selectors import FORM_CONTROL, FORM_RECEIPT

PRINTABLE = (FORM_RECEIPT, FORM_CONTROL)


def current_form(dossier: Dossier, number: str) -> DossierDocument | None:
    return (
        dossier.documents.filter(
            kind=DossierDocument.Kind.FORM, form_number=number, is_current=True
        )
        .order_by("-version")
        .first()
    )


def form_issue(dossier: Dossier, number: str, *, actor) -> DossierDocument:
    from addons.dossiers.forms import FormError, form_generate
    from addons.dossiers.tasks import form_generate_task

    try:
        if number == FORM_RECEIPT:
            event = dossier.events.filter(kind="received").order_by("-at", "-pk").first()
            if event is None:
                raise ServiceError(_("The dossier is not received yet; there is no receipt."))
            form_generate_task(dossier.pk, number, actor.pk, event.pk)
            document = current_form(dossier, number)
        else:
            document = form_generate(dossier, number, actor=actor)
    except FormError as exc:
        raise ServiceError(str(exc)) from exc
    if document is None:
        raise ServiceError(_("The form could not be issued."))
    return document
