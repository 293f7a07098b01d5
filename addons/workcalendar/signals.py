"""Any change to the working week or its exceptions invalidates the cached calendar."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CalendarDay, WorkingPeriod
from .selectors import calendar_invalidate


@receiver(post_save, sender=WorkingPeriod)
@receiver(post_delete, sender=WorkingPeriod)
@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
def calendar_changed(**kwargs) -> None:
    # At once, so that this transaction sees its own change; after commit again, so that another
    # process that reloaded in between, still seeing the old rows, reloads once more.
    calendar_invalidate()
    transaction.on_commit(calendar_invalidate)
