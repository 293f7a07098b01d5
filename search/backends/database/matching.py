"""Which entries match a query plan, asked of the database's own full-text index.

A match holds at least `k` of the plan's concepts in its name or body, each through any of its
alternatives (a phrase must appear as written). PostgreSQL answers with its `tsvector` and GIN
index, SQLite with FTS5; another database gets the same rule through LIKE, slowly.
"""

from functools import reduce
from itertools import combinations
from operator import and_, or_

from django.db import connection
from django.db.models import Q

from search.indexing import PROCEDURES, SYNONYMS
from search.models import IndexState, ProcedureEntry
from search.query import Concept, Phrase, QueryPlan

MAX_CONCEPTS = 8
FUZZY_LIMIT = 50


def _strongest(plan: QueryPlan) -> list[Concept]:
    concepts = plan.concepts
    if len(concepts) > MAX_CONCEPTS:
        keep = sorted(concepts, key=lambda c: -c.weight)[:MAX_CONCEPTS]
        concepts = [c for c in concepts if c in keep]
    return concepts


def _k_of_n(parts: list[str], k: int, both: str, either: str) -> str:
    if k >= len(parts):
        return both.join(parts)
    return either.join(f"({both.join(combo)})" for combo in combinations(parts, k))


def _tsquery(plan: QueryPlan, k: int) -> str:
    """A `tsquery` in its own syntax (no parsing: the words are folded already). A phrase is the
    word pairs it is made of, which the document holds as lexemes (`so_do`, see migration 0006)."""

    def phrase(words: Phrase, last: bool) -> str:
        pairs = zip(words, words[1:], strict=False)
        lexemes = [f"'{a}_{b}'" for a, b in pairs] or [f"'{words[0]}'"]
        if last and plan.prefix:  # the last word is still being typed
            lexemes[-1] += ":*"
        return " & ".join(lexemes)

    concepts = _strongest(plan)
    parts = []
    for i, concept in enumerate(concepts):
        last = i == len(concepts) - 1
        alternatives = [phrase(a, last and a == concept.words) for a in concept.alternatives]
        parts.append("(" + " | ".join(f"({a})" for a in alternatives) + ")")
    return _k_of_n(parts, k, " & ", " | ")


def _fts5(plan: QueryPlan, k: int) -> str:
    def phrase(words: Phrase, last: bool) -> str:
        return '"' + " ".join(words) + '"' + ("*" if last and plan.prefix else "")

    concepts = _strongest(plan)
    parts = []
    for i, concept in enumerate(concepts):
        last = i == len(concepts) - 1
        alternatives = [phrase(a, last and a == concept.words) for a in concept.alternatives]
        parts.append("(" + " OR ".join(alternatives) + ")")
    return _k_of_n(parts, k, " AND ", " OR ")


def _like(plan: QueryPlan, k: int) -> Q:
    def contains(words: Phrase) -> Q:
        text = " ".join(words)
        return Q(name_folded__contains=text) | Q(body_folded__contains=text)

    parts = [reduce(or_, map(contains, c.alternatives)) for c in _strongest(plan)]
    if k >= len(parts):
        return reduce(and_, parts)
    return reduce(or_, (reduce(and_, combo) for combo in combinations(parts, k)))


def matching(plan: QueryPlan, k: int) -> set[int]:
    """Ids of the published entries holding at least `k` of the plan's concepts."""
    return matching_at(plan, k, revisions=False)[0]


def matching_at(
    plan: QueryPlan, k: int, *, revisions: bool = True
) -> tuple[set[int], dict[str, int]]:
    """`matching`, and the index revisions it saw (one round trip on PostgreSQL)."""
    vendor = connection.vendor
    if vendor == "postgresql":
        # One row: the ids as an array (no row per id) and the revisions beside them.
        sql = (
            "SELECT ARRAY(SELECT procedure_id FROM search_procedureentry "
            "WHERE published AND document @@ %s::tsquery)"
        )
        params: list = [_tsquery(plan, k)]
        if revisions:
            # constant SQL repeated; the keys go as parameters
            sql += ", (SELECT revision FROM search_indexstate WHERE key = %s)" * 2  # nosec B608
            params += [PROCEDURES, SYNONYMS]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        seen = {
            key: value for key, value in zip((PROCEDURES, SYNONYMS), row[1:], strict=False) if value
        }
        return set(row[0]), seen
    if vendor == "sqlite":
        sql = (
            "SELECT e.procedure_id FROM search_procedure_fts f "
            "JOIN search_procedureentry e ON e.procedure_id = f.rowid "
            "WHERE search_procedure_fts MATCH %s AND e.published"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [_fts5(plan, k)])
            ids = {row[0] for row in cursor.fetchall()}
    else:
        rows = ProcedureEntry.objects.filter(_like(plan, k), published=True)
        ids = set(rows.values_list("procedure_id", flat=True))
    seen = (
        dict(
            IndexState.objects.filter(key__in=[PROCEDURES, SYNONYMS]).values_list("key", "revision")
        )
        if revisions
        else {}
    )
    return ids, seen


def similar_names(text: str) -> list[int]:
    """Trigram look-alikes of a query that matched nothing word for word (PostgreSQL only)."""
    if connection.vendor != "postgresql" or not text:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT procedure_id FROM search_procedureentry "
            "WHERE published AND %s <%% name_folded "
            "ORDER BY word_similarity(%s, name_folded) DESC, procedure_id LIMIT %s",
            [text, text, FUZZY_LIMIT],
        )
        return [row[0] for row in cursor.fetchall()]
