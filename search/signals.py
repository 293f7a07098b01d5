"""Keep the search in step with the catalogue: changed procedures are indexed after commit.

Every save, publish, unpublish or deletion of a procedure or its page (and a new address of a page
above it) adds the procedure's id to the transaction's pending set; one task per commit indexes
the set (an import's batch of 500 records makes one task, not 500). Writes that send no signal
(`QuerySet.update`) call `procedures_changed(ids)` themselves.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from addons.catalogue.models import Agency, Field, Procedure, ProcedurePage, SubjectType

from .models import Synonym

_pending = threading.local()


def _flush() -> None:
    ids = getattr(_pending, "ids", set())
    if not ids:
        return
    _pending.ids = set()
    from .tasks import procedures_index_task

    procedures_index_task.delay(sorted(ids))


def procedures_changed(ids) -> None:
    """Index these procedures once the current transaction commits (at once outside one)."""
    pending = getattr(_pending, "ids", None)
    if pending is None:
        pending = _pending.ids = set()
    pending.update(int(pk) for pk in ids)
    # One callback per change: a callback registered in a savepoint that rolls back is dropped,
    # the others then flush the whole set; after the first flush they find it empty.
    transaction.on_commit(_flush)


def _procedure_saved(sender, instance, **kwargs):
    procedures_changed([instance.pk])


def _page_changed(sender, instance, **kwargs):
    procedure_id = getattr(instance, "procedure_id", None)
    if procedure_id is not None:
        procedures_changed([procedure_id])


def _wagtail_page_changed(sender, instance, **kwargs):
    if isinstance(instance, ProcedurePage):
        _page_changed(sender, instance)


def _address_changed(sender, instance, **kwargs):
    """A page renamed in the address or moved: every procedure page under it has a new address
    (Wagtail rewrites theirs without a signal each)."""
    pages = ProcedurePage.objects.descendant_of(instance, inclusive=True)
    procedures_changed(list(pages.values_list("procedure_id", flat=True)))


def _entry_changed(sender, instance, created=False, **kwargs):
    """A field, agency or subject renamed or recoded: its procedures' copies hold its key."""
    if created:
        return
    if sender is Agency:
        ids = instance.procedure_roles.values_list("procedure_id", flat=True)
    else:
        ids = instance.procedures.values_list("pk", flat=True)
    procedures_changed(list(ids.distinct()))


def _synonyms_changed(sender, instance, **kwargs):
    """The database backend reads the list again; Elasticsearch gets it after commit."""
    from .indexing import SYNONYMS, next_revision

    next_revision(SYNONYMS)

    def update():
        from .tasks import synonyms_update_task

        synonyms_update_task.delay()

    transaction.on_commit(update)


def connect() -> None:
    for model in (Field, Agency, SubjectType):
        post_save.connect(_entry_changed, sender=model, dispatch_uid=f"search_{model.__name__}")
    post_save.connect(_synonyms_changed, sender=Synonym, dispatch_uid="search_synonym_saved")
    post_delete.connect(_synonyms_changed, sender=Synonym, dispatch_uid="search_synonym_deleted")
    post_save.connect(_procedure_saved, sender=Procedure, dispatch_uid="search_procedure_saved")
    post_delete.connect(_procedure_saved, sender=Procedure, dispatch_uid="search_procedure_deleted")
    post_save.connect(_page_changed, sender=ProcedurePage, dispatch_uid="search_page_saved")
    post_delete.connect(_page_changed, sender=ProcedurePage, dispatch_uid="search_page_deleted")
    page_published.connect(_wagtail_page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(_wagtail_page_changed, dispatch_uid="search_page_unpublished")
    page_slug_changed.connect(_address_changed, dispatch_uid="search_page_slug_changed")
    post_page_move.connect(_address_changed, dispatch_uid="search_page_moved")
