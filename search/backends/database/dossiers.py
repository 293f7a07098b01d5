"""Dossier search in the database (OSS-4): exact code and identity number, folded names.

Names are compared folded (`search_fold`: lower case, no diacritics, đ → d), word by word: "nguyen
van an" finds "Nguyễn Văn An" but not "Nguyễn Văn Anh". PostgreSQL defines `search_fold` in a
migration and holds a trigram index on the folded applicant name, so the match uses an index;
SQLite gets the same function from Python (`register_sqlite_fold`).
"""

import datetime
import re

from django.db import connection
from django.db.models import CharField, Func, Q, QuerySet
from django.utils import timezone

from addons.catalogue.models import Procedure
from addons.dossiers.models import Dossier, Status
from search.dossiers import DossierQuery
from search.text import fold, tokens

_LETTER = re.compile(r"[^\W\d_]")


class Folded(Func):
    """`search_fold(expression)`: the text as `search.text.fold` folds it."""

    function = "search_fold"
    output_field = CharField()


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """Give a new SQLite connection the `search_fold` that PostgreSQL has from the migration."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "search_fold", 1, lambda text: None if text is None else fold(text), deterministic=True
        )


def _word(word: str) -> str:
    """A regular expression for `word` as a whole word, the same in PostgreSQL and Python."""
    return f"(^|[^a-z0-9]){word}($|[^a-z0-9])"


def _words_in(column: str, words: list[str]) -> Q:
    condition = Q()
    for word in words:
        # LIKE lets PostgreSQL use the trigram index; the expression keeps whole words only.
        condition &= Q(**{f"{column}__contains": word}) & Q(**{f"{column}__regex": _word(word)})
    return condition


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _in_days(column: str, start: datetime.date | None, end: datetime.date | None) -> Q:
    condition = Q()
    if start:
        condition &= Q(**{f"{column}__gte": _day_start(start)})
    if end:
        condition &= Q(**{f"{column}__lt": _day_start(end + datetime.timedelta(days=1))})
    return condition


class DatabaseDossierSearch:
    name = "database"

    def _text(self, dossiers: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
        text = " ".join(text.split())
        exact = Q(code__in=sorted({text, text.upper()}))  # codes are written in capitals
        if " " not in text:
            exact |= Q(applicant_identity_number=text)
        words = tokens(text)
        if not _LETTER.search(text) or not words:
            return dossiers.filter(exact)
        if connection.vendor in ("postgresql", "sqlite"):
            dossiers = dossiers.annotate(applicant_folded=Folded("applicant_name"))
            return dossiers.filter(exact | _words_in("applicant_folded", words))
        named = Q()
        for word in text.split():
            named &= Q(applicant_name__icontains=word)
        return dossiers.filter(exact | named)

    def _procedure(self, dossiers: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
        text = " ".join(text.split())
        procedures = Procedure.objects.filter(code=text)
        words = tokens(text)
        if _LETTER.search(text) and words:
            if connection.vendor in ("postgresql", "sqlite"):
                procedures = Procedure.objects.annotate(name_folded=Folded("name")).filter(
                    Q(code=text) | _words_in("name_folded", words)
                )
            else:
                procedures = Procedure.objects.filter(Q(code=text) | Q(name__icontains=text))
        return dossiers.filter(procedure__in=procedures.values("pk"))

    def narrow(self, dossiers: QuerySet[Dossier], query: DossierQuery) -> QuerySet[Dossier]:
        if query.text.strip():
            dossiers = self._text(dossiers, query.text)
        if query.procedure.strip():
            dossiers = self._procedure(dossiers, query.procedure)
        if query.status in Status.values:
            dossiers = dossiers.filter(status=query.status)
        dossiers = dossiers.filter(
            _in_days("received_at", query.received_from, query.received_to),
            _in_days("due_at", query.due_from, query.due_to),
        )
        return dossiers
