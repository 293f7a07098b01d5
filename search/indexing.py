"""Copying procedures into the search: the database backend's entries and the Elasticsearch index.

The catalogue is the truth. `procedures_index(ids)` reads those procedures as they are now and
rewrites their copies (a missing or unpublished procedure leaves the public search); it is what the
after-commit task runs. `procedures_rebuild()` rewrites every copy.
"""

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch

from addons.catalogue.models import DocumentGroup, Procedure, ProcedureAgency, ProcedurePage
from addons.catalogue.selectors import CHANNEL_FLAGS, HANDLING_ROLES, LEVEL_FLAGS

from .models import IndexState, ProcedureEntry
from .text import tokens

logger = logging.getLogger(__name__)

CHUNK = 500
BODY_LIMIT = 8_000  # characters of folded body kept per entry: the part that says what it is
PROCEDURES = "procedures"
SYNONYMS = "synonyms"
# Subject types (đối tượng thực hiện) that are individual citizens.
CITIZENS = {"Công dân Việt Nam", "Cá nhân", "Công dân"}


@dataclass
class ProcedureText:
    """What the search knows of one procedure: its words and its criteria."""

    pk: int
    code: str
    name: str
    body: str
    published: bool
    is_standard: bool
    for_citizens: bool = False
    has_details: bool = False
    field_names: list[str] = field(default_factory=list)
    criteria: dict[str, list[str]] = field(default_factory=dict)


def _procedures(ids: Iterable[int]):
    return (
        Procedure.objects.filter(pk__in=list(ids))
        .prefetch_related(
            "fields",
            "results",
            "cases",
            "subject_types",
            Prefetch("document_groups", queryset=DocumentGroup.objects.prefetch_related("items")),
            Prefetch(
                "agency_roles",
                queryset=ProcedureAgency.objects.filter(role__in=HANDLING_ROLES).select_related(
                    "agency"
                ),
                to_attr="handling_roles",
            ),
        )
        .order_by("pk")
    )


def procedure_texts(ids: Iterable[int]) -> list[ProcedureText]:
    """The search's view of the procedures with these ids that exist."""
    ids = list(ids)
    live = set(
        ProcedurePage.objects.filter(procedure_id__in=ids, live=True).values_list(
            "procedure_id", flat=True
        )
    )
    texts = []
    for p in _procedures(ids):
        fields = list(p.fields.all())
        subjects = list(p.subject_types.all())
        body = [
            *(f.name for f in fields),
            *(r.name for r in p.results.all()),
            *(c.name for c in p.cases.all()),
            *(item.name for g in p.document_groups.all() for item in g.items.all()),
            p.description,
            p.requirements,
        ]
        texts.append(
            ProcedureText(
                pk=p.pk,
                code=p.code,
                name=" ".join(p.name.split()),
                body="\n".join(part for part in body if part),
                published=p.pk in live,
                is_standard=p.record_type == "STANDARD",
                field_names=[f.name for f in fields],
                for_citizens=any(s.name in CITIZENS for s in subjects),
                has_details=p.completeness == Procedure.Completeness.FULL,
                criteria={
                    "field": [f.key for f in fields],
                    "agency": sorted({r.agency.key for r in p.handling_roles}),
                    "subject": [s.key for s in subjects],
                    "level": [lvl for lvl, flag in LEVEL_FLAGS.items() if getattr(p, flag)],
                    "channel": [m for m, flag in CHANNEL_FLAGS.items() if getattr(p, flag)],
                    "online_service": [p.online_service],
                },
            )
        )
    return texts


def next_revision(key: str) -> int:
    """A revision above every earlier one, even across rolled-back transactions (tests)."""
    with transaction.atomic():
        state, _created = IndexState.objects.select_for_update().get_or_create(key=key)
        state.revision = max(state.revision + 1, time.time_ns() // 1000)
        state.save(update_fields=["revision"])
    return state.revision


def entries_write(texts: list[ProcedureText], *, removed: Iterable[int] = ()) -> None:
    """Rewrite the database backend's entries for these procedures, and drop `removed`."""
    removed = list(removed)
    if not texts and not removed:
        return
    with transaction.atomic():
        revision = next_revision(PROCEDURES)
        if removed:
            ProcedureEntry.objects.filter(procedure_id__in=removed).delete()
        ProcedureEntry.objects.bulk_create(
            [
                ProcedureEntry(
                    procedure_id=t.pk,
                    published=t.published,
                    is_standard=t.is_standard,
                    for_citizens=t.for_citizens,
                    has_details=t.has_details,
                    name=t.name,
                    name_folded=" ".join(tokens(t.name)),
                    body_folded=" ".join(tokens(t.body))[:BODY_LIMIT],
                    fields_folded=" ".join(tokens(" ".join(t.field_names))),
                    criteria=t.criteria,
                    revision=revision,
                )
                for t in texts
            ],
            update_conflicts=True,
            unique_fields=["procedure"],
            update_fields=[
                "published",
                "is_standard",
                "for_citizens",
                "has_details",
                "name",
                "name_folded",
                "body_folded",
                "fields_folded",
                "criteria",
                "revision",
            ],
            batch_size=CHUNK,
        )


def procedures_index(ids: Iterable[int]) -> None:
    """Bring the copies of these procedures in line with the catalogue, in every backend."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        texts = procedure_texts(chunk)
        gone = set(chunk) - {t.pk for t in texts}
        entries_write(texts, removed=gone)
        if settings.ELASTICSEARCH_URL:
            from .backends.elastic import documents_write

            documents_write(texts, removed=gone)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def procedures_rebuild(
    *, elasticsearch: bool | None = None, progress: Callable[[int, int], None] | None = None
) -> int:
    """Rewrite every copy from the catalogue; returns how many procedures were indexed.

    `progress(done, total)` is called after each chunk. With Elasticsearch configured (or
    `elasticsearch=True`), its index is recreated under a new name and swapped in at the end.
    """
    use_es = settings.ELASTICSEARCH_URL if elasticsearch is None else elasticsearch
    ids = list(Procedure.objects.order_by("pk").values_list("pk", flat=True))
    writer = None
    if use_es:
        from .backends.elastic import IndexRebuild

        writer = IndexRebuild()
    done = 0
    for chunk in _chunks(ids):
        texts = procedure_texts(chunk)
        entries_write(texts)
        if writer is not None:
            writer.write(texts)
        done += len(chunk)
        if progress:
            progress(done, len(ids))
    if writer is not None:
        writer.finish()
    return len(ids)
