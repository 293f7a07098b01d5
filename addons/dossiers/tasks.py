"""Celery tasks of the dossiers: they take ids, reload, are idempotent and retry."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import OperationalError, transaction

from .models import Dossier, DossierEvent


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def form_generate_task(
    dossier_id: int, number: str, actor_id: int | None = None, event_id: int | None = None
):
    """Issue form `number` for the dossier; once per event: a retry or a second delivery does nothing.

    Returns the id of the stored DossierDocument, or None when the form was already issued.
    """
    from .forms import form_generate, form_issued_for_event

    with transaction.atomic():
        # Locked first, so that two deliveries of the same message cannot both pass the check.
        dossier = Dossier.objects.select_for_update().get(pk=dossier_id)
        if event_id is not None and form_issued_for_event(dossier, number, event_id):
            return None
        event = (
            DossierEvent.objects.get(pk=event_id, dossier=dossier) if event_id is not None else None
        )
        actor = get_user_model().objects.get(pk=actor_id) if actor_id is not None else None
        return form_generate(dossier, number, actor=actor, event=event).pk
