"""The database backend: PostgreSQL full-text and trigram search, or SQLite FTS5.

Text: the query plan's concepts are matched in the database's index over name and body (at least
60% of them), joined by the names in memory that hold all concepts but one; the candidates are
ranked by their names (`ranking.py`). A query that matches nothing word for word falls back to
trigram similarity of whole names. Criteria and facet counts come from the criteria each entry
holds in memory (`facets.py`), by the rules of the catalogue's SQL; so does the catalogue without
text (`browse`). Before the first indexing, the catalogue's SQL answers.
"""

from dataclasses import dataclass, field

from addons.catalogue.models import Procedure
from addons.catalogue.selectors import (
    ProcedureFilters,
    in_ids,
    procedure_facets,
    procedure_queryset,
)
from search.interface import ProcedureHit, ProcedureQuery, ProcedureResults, Suggestion
from search.query import Concept, QueryPlan, plan_query
from search.text import highlight, tokens

from . import names as name_cache
from .facets import criteria_tests, facet_counts
from .matching import matching, matching_at, similar_names
from .names import NameIndex
from .ranking import BODY_ONLY, Ranking, concept_hits, name_pool, rank, ranking

SUGGEST_PREFIX_WORDS = 30


def _trigrams(text: str) -> set[str]:
    found = set()
    for word in text.split():
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return found


@dataclass
class Matches:
    """What matches a query: candidates to rank, or matches already in their order (a code, a
    catalogue not indexed yet, names that only look alike)."""

    plan: QueryPlan
    names: NameIndex
    candidates: set[int] = field(default_factory=set)
    ordered: list[tuple[int, float]] | None = None
    strict: set[int] = field(default_factory=set)
    hits: list[set[int]] | None = None

    def ids(self) -> list[int] | set[int]:
        if self.ordered is not None:
            return [pk for pk, _score in self.ordered]
        return self.candidates

    def ranking(self, among: set[int] | None = None) -> Ranking:
        """The matches best first (only those `among`, when given)."""
        if self.ordered is not None:
            return Ranking.of([m for m in self.ordered if among is None or m[0] in among])
        candidates = self.candidates if among is None else self.candidates & among
        return ranking(self.plan, self.names, candidates, strict=self.strict, hits=self.hits)


class DatabaseBackend:
    name = "database"

    # --- text ------------------------------------------------------------------------------

    def _plan(self, text: str, *, prefix: bool = False):
        names, synonyms = name_cache.current()
        plan = plan_query(text, vocabulary=names.vocabulary, synonyms=synonyms, prefix=prefix)
        return plan, names

    def _similar(self, plan: QueryPlan, names) -> list[int]:
        text = " ".join(tokens(plan.text))
        found = similar_names(text)
        if found or not text:
            return found
        wanted = _trigrams(text)
        scored = []
        for pk, name in names.names.items():
            if name.published:
                share = len(wanted & _trigrams(" ".join(name.tokens))) / len(wanted)
                if share >= 0.6:
                    scored.append((-share, pk))
        return [pk for _share, pk in sorted(scored)[:50]]

    def ranked(
        self, text: str, names=None, synonyms=None
    ) -> tuple[QueryPlan, list[tuple[int, float]]]:
        """Every published procedure matching `text`, best first, with its score."""
        matches = self._matches(text, names, synonyms)
        return matches.plan, matches.ranking().ordered()

    def _matches(self, text: str, names=None, synonyms=None) -> Matches:
        """What matches `text`, not yet ranked. Without `names`, the process's copy is trusted and
        checked against the revisions the first match query returns (no round trip of its own)."""
        checked = names is not None
        if names is None:
            names, synonyms = name_cache.cached()
            if names.revision < 0:
                names, synonyms = name_cache.current()
                checked = True
        plan = plan_query(text, vocabulary=names.vocabulary, synonyms=synonyms)
        if plan.code or not plan.concepts or names.revision <= 0:
            if not checked:
                return self._matches(text, *name_cache.current())
            if plan.code:
                rows = Procedure.objects.filter(page__live=True, code__contains=plan.code)
                ids = rows.order_by("code").values_list("pk", flat=True)
                return Matches(plan, names, ordered=[(pk, 0.0) for pk in ids])
            if not plan.concepts:
                return Matches(plan, names, ordered=[])
            return Matches(plan, names, ordered=self._unindexed(plan))
        # Every concept in name or body (selective, so the GIN index answers), or most of the
        # query's weight in the name (from memory); else fewer and fewer concepts anywhere.
        strict, revisions = matching_at(plan, len(plan.concepts), revisions=not checked)
        if not checked and not name_cache.is_current(revisions):
            return self._matches(text, *name_cache.current(revisions))
        hits = concept_hits(plan, names)
        candidates = strict | name_pool(plan, hits)
        for k in range(plan.required, 0, -1):
            if candidates:
                break
            candidates = matching(plan, k)
        if candidates:
            return Matches(plan, names, candidates=candidates, strict=strict, hits=hits)
        return Matches(plan, names, ordered=[(pk, BODY_ONLY) for pk in self._similar(plan, names)])

    def _unindexed(self, plan: QueryPlan) -> list[tuple[int, float]]:
        """Before the first indexing: every word in the name, as the catalogue page did."""
        rows = Procedure.objects.filter(page__live=True)
        for concept in plan.concepts:
            rows = rows.filter(name__icontains=" ".join(concept.words))
        return [(pk, 0.0) for pk in rows.order_by("name", "code").values_list("pk", flat=True)]

    def text_ids(self, text: str) -> list[int]:
        return [pk for pk, _score in self.ranked(text)[1]]

    # --- search ----------------------------------------------------------------------------

    def browse(self, query: ProcedureQuery) -> ProcedureResults | None:
        """Criteria without text, from the entries in memory: the published procedures in the
        catalogue's order, the page asked for and the facets (the same rules as the SQL, see
        `facets.py`); None before the first indexing, when only the catalogue's SQL can answer.

        The SQL took 120 ms for the catalogue page without text, and a second at ten times the
        catalogue; this takes a few milliseconds.
        """
        names, _synonyms = name_cache.current()
        if names.revision <= 0:
            return None
        tests = criteria_tests(query.criteria, names)
        kept, facets = facet_counts(names.published, names, tests)
        order = names.ordered("code" if query.sort == "code" else "name")
        if len(kept) < len(names.published):
            order = [pk for pk in order if pk in kept]
        page = [(pk, 0.0) for pk in order[query.offset : query.offset + query.per_page]]
        hits = self._hits(QueryPlan(text=""), page, names)
        return ProcedureResults(total=len(kept), hits=hits, facets=facets, backend=self.name)

    def _catalogue(self, query: ProcedureQuery) -> ProcedureResults:
        """Criteria without text by the catalogue's SQL (before the first indexing)."""
        filters = ProcedureFilters(**query.criteria)
        order = ["code"] if query.sort == "code" else ["name", "code"]
        ids = list(procedure_queryset(filters).order_by(*order).values_list("pk", flat=True))
        facets = procedure_facets(filters)
        return self._results(query, QueryPlan(text=""), [(pk, 0.0) for pk in ids], facets)

    def search(self, query: ProcedureQuery) -> ProcedureResults:
        if not query.text.strip():
            return self.browse(query) or self._catalogue(query)
        filters = ProcedureFilters(**query.criteria)
        matches = self._matches(query.text)
        plan, names = matches.plan, matches.names
        ids = matches.ids()
        if names.revision <= 0 or not names.names.keys() >= (
            ids if isinstance(ids, set) else set(ids)
        ):
            # A catalogue never indexed (or a code found before its entry) is answered from the
            # catalogue itself.
            ids = list(ids)
            allowed = set(procedure_queryset(filters, ids=ids).values_list("pk", flat=True))
            kept, facets = [pk for pk in ids if pk in allowed], procedure_facets(filters, ids=ids)
        else:
            kept, facets = facet_counts(ids, names, criteria_tests(query.criteria, names))
        # Only what meets the criteria is ranked.
        among = None
        if len(kept) < len(ids):
            among = kept if isinstance(kept, set) else set(kept)
        ranked = matches.ranking(among=among)
        head = list(ranked.head)
        end = query.offset + query.per_page
        if end > len(head) or query.sort in ("name", "code"):
            head += ranked.tail()  # past the head (or in another order): every match, once
        if query.sort in ("name", "code"):
            values = dict(
                Procedure.objects.filter(pk__in=in_ids(kept)).values_list("pk", query.sort)
            )
            head.sort(key=lambda item: (values.get(item[0], ""), item[0]))
        return self._results(query, plan, head, facets, names, total=len(kept))

    def _results(self, query, plan, ranked, facets, names=None, total=None) -> ProcedureResults:
        page = ranked[query.offset : query.offset + query.per_page]
        hits = self._hits(plan, page, names)
        total = len(ranked) if total is None else total
        return ProcedureResults(total=total, hits=hits, facets=facets, backend=self.name)

    def _hits(self, plan, page: list[tuple[int, float]], names=None) -> list[ProcedureHit]:
        """A page of (id, score) as hits, with their highlighted names."""
        known = names.names if names is not None else {}
        missing = [pk for pk, _ in page if pk not in known]
        rows = {pk: (known[pk].code, known[pk].text) for pk, _ in page if pk in known}
        if missing:
            rows |= {
                pk: (code, name)
                for pk, code, name in Procedure.objects.filter(pk__in=missing).values_list(
                    "pk", "code", "name"
                )
            }
        phrases = plan.phrases()
        hits = []
        for pk, score in page:
            code, name = rows.get(pk, ("", ""))
            matched_in = "code" if plan.code else ("body" if score <= BODY_ONLY else "name")
            hits.append(
                ProcedureHit(
                    pk=pk,
                    code=code,
                    name=name,
                    score=score,
                    highlight=highlight(name, phrases),
                    matched_in=matched_in,
                    revision=known[pk].revision if pk in known else None,
                )
            )
        return hits

    # --- suggestions -----------------------------------------------------------------------

    def suggest(self, text: str, limit: int) -> list[Suggestion]:
        plan, names = self._plan(text, prefix=True)
        if plan.code:
            rows = Procedure.objects.filter(page__live=True, code__startswith=plan.code)
            return [
                Suggestion(code=c, name=n, highlight=highlight(n, []))
                for c, n in rows.order_by("code").values_list("code", "name")[:limit]
            ]
        if not plan.concepts or names.revision <= 0:
            return []
        last = plan.concepts[-1]
        if not text.endswith(" ") and len(last.words) == 1:
            # The last word is still being typed: it stands for the known words it begins.
            df = names.vocabulary.df
            completions = sorted(
                (w for w in df if w.startswith(last.words[0])), key=lambda w: -df[w]
            )
            extra = tuple(
                (w,) for w in completions[:SUGGEST_PREFIX_WORDS] if (w,) not in last.alternatives
            )
            plan.concepts[-1] = Concept(last.words, last.alternatives + extra, last.weight)
        hits = concept_hits(plan, names)
        ranked = rank(plan, names, name_pool(plan, hits, share=1.0), hits=hits)[:limit]
        phrases = plan.phrases()
        return [
            Suggestion(code=name.code, name=name.text, highlight=highlight(name.text, phrases))
            for name in (names.names[pk] for pk, _score in ranked)
        ]
