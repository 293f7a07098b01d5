"""Reads of the notifications."""

from .models import Delivery

BACKOFFICE_LIMIT = 50


def dossier_deliveries(dossier, *, limit: int = BACKOFFICE_LIMIT) -> list[Delivery]:
    """The latest deliveries about a dossier, for staff who may already see the dossier."""
    return list(
        Delivery.objects.filter(event__dossier=dossier)
        .select_related("event")
        .order_by("-created_at", "-pk")[:limit]
    )
