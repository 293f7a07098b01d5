"""Issuing a form: render it and keep the PDF with the dossier, as a new version."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from ..models import Dossier, DossierDocument, DossierEvent
from ..services.common import record_event
from .content import form_context
from .render import render_form

FORM_ISSUED = "form_issued"


def form_pdf_bytes(dossier: Dossier, number: str, **context) -> bytes:
    """The PDF of the form as it would be issued now, stored nowhere (previews, downloads)."""
    return render_form(form_context(dossier, number, **context))


def form_issued_for_event(dossier: Dossier | int, number: str, event_id: int) -> bool:
    """Whether form `number` was already issued in answer to this event."""
    return DossierEvent.objects.filter(
        dossier=dossier, kind=FORM_ISSUED, data__form_number=number, data__event=event_id
    ).exists()


@transaction.atomic
def form_generate(dossier: Dossier, number: str, *, actor=None, **context) -> DossierDocument:
    """Render form `number` and store it as the dossier's current version of that form.

    An earlier version stays, no longer current. A `form_issued` event records who issued which
    version, and which event it answered (`event` in the context), so a retried task can tell.
    """
    content = form_context(dossier, number, actor=actor, **context)
    pdf = render_form(content)
    # The row lock orders two issues of the same form: each gets its own version number.
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    forms = DossierDocument.objects.filter(
        dossier=dossier, kind=DossierDocument.Kind.FORM, form_number=number
    )
    latest = forms.order_by("-version").values_list("version", flat=True).first() or 0
    forms.filter(is_current=True).update(is_current=False)
    document = DossierDocument(
        dossier=dossier,
        kind=DossierDocument.Kind.FORM,
        form_number=number,
        title=content.document_title[:500],
        content_type="application/pdf",
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        version=latest + 1,
        uploaded_by=actor,
    )
    document.file.save(
        f"mau-{number}-{dossier.code}-v{latest + 1}.pdf", ContentFile(pdf), save=False
    )
    document.save()
    event = context.get("event")
    # Through record_event, like every event: its outbox row is written with it (GEN-4).
    record_event(
        dossier,
        FORM_ISSUED,
        actor=actor,
        data={
            "form_number": number,
            "document": document.pk,
            "version": document.version,
            "event": event.pk if event is not None else None,
        },
    )
    return document
