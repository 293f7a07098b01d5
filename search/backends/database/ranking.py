"""Relevance of the database backend: how well a procedure's name answers the query.

A name match ranks above a mention in the body. Among name matches, in order of weight:
- the share of the query (rare words weigh more) found in the name;
- how much of the name the query covers: a short name saying exactly what was asked beats a long
  one saying it among other things (words in brackets and a leading "Thủ tục" do not count);
- the rest of the query found in the details (body), the field's name agreeing with the query;
- the words in the order typed, the name starting with them;
- a variant of a procedure (re-issue, extension, revocation, loss...) the query did not ask for
  ranks below the procedure itself, and the national standard record above a province's copy.
"""

from search.query import Concept, Phrase, QueryPlan
from search.text import tokens

from .names import Name, NameIndex

PRECISE = 80  # candidates scored word by word; the rest keep their rough order
BODY_ONLY = -1.0  # below every name match
# Variants of a procedure, with the word that asks for them ("cấp lại" is asked by "lại").
VARIANTS: tuple[tuple[Phrase, str], ...] = tuple(
    (tuple(phrase.split()), key)
    for phrase, key in (
        ("cap lai", "lai"),
        ("dang ky lai", "lai"),
        ("cap doi", "doi"),
        ("gia han", "han"),
        ("thu hoi", "hoi"),
        ("xoa", "xoa"),
        ("huy", "huy"),
        ("dieu chinh", "chinh"),
        ("cham dut", "dut"),
        ("tam ngung", "ngung"),
        ("tam dung", "dung"),
        ("mat", "mat"),
        ("khoi phuc", "phuc"),
        ("sua doi", "sua"),
        ("chuyen tiep", "tiep"),
        ("lien thong", "thong"),
        ("ket hop", "hop"),
        ("luu dong", "dong"),
    )
)


def _occurrences(name: Name, phrase: Phrase) -> list[int]:
    n = len(phrase)
    starts = name.positions.get(phrase[0], ())
    return [i for i in starts if n == 1 or name.tokens[i : i + n] == phrase]


def concept_hits(plan: QueryPlan, names: NameIndex) -> list[set[int]]:
    """For each concept, the ids whose name holds all the words of one of its alternatives."""
    found = []
    for concept in plan.concepts:
        hits: set[int] = set()
        for alternative in concept.alternatives:
            hits |= names.with_words(alternative)
        found.append(hits)
    return found


def name_pool(plan: QueryPlan, hits: list[set[int]], share: float = 0.5) -> set[int]:
    """Ids whose name holds at least `share` of the query's weight."""
    total = sum(c.weight for c in plan.concepts) or 1.0
    # A name without any of the heaviest concepts making up (1 - share) cannot reach `share`.
    order = sorted(range(len(plan.concepts)), key=lambda i: -plan.concepts[i].weight)
    pool: set[int] = set()
    needed = 0.0
    for i in order:
        pool |= hits[i]
        needed += plan.concepts[i].weight
        if needed > (1 - share) * total:
            break
    weights = [(c.weight, h) for c, h in zip(plan.concepts, hits, strict=True)]
    return {pk for pk in pool if sum(w for w, h in weights if pk in h) >= share * total - 1e-9}


def _rough(plan, names: NameIndex, candidates: set[int], hits) -> dict[int, float]:
    total = sum(c.weight for c in plan.concepts) or 1.0
    scores = dict.fromkeys(candidates, 0.0)
    for concept, concept_ids in zip(plan.concepts, hits, strict=True):
        share = concept.weight / total
        for pk in concept_ids & candidates:
            scores[pk] += share
    for pk in candidates:
        name = names.names.get(pk)
        if name is not None:
            scores[pk] += 0.2 / name.length + (0.02 if name.standard else 0.0)
    return scores


def _best_occurrence(concept: Concept, name: Name, after: int | None) -> tuple[int, int] | None:
    """(start, end) of the concept in the name: right after `after` if it can, else first."""
    places = [
        (start, start + len(alternative))
        for alternative in concept.alternatives
        for start in _occurrences(name, alternative)
    ]
    if not places:
        return None
    return min(places, key=lambda p: (p[0] != after, -(p[1] - p[0]), p[0]))


def _scattered(concept: Concept, name: Name) -> list[int]:
    for alternative in concept.alternatives:
        if len(alternative) > 1 and all(w in name.positions for w in alternative):
            return [name.positions[w][0] for w in alternative]
    return []


def _in_field(concept: Concept, name: Name) -> float:
    if not name.fields:
        return 0.0
    return max(sum(w in name.fields for w in a) / len(a) for a in concept.alternatives)


def _precise(plan: QueryPlan, name: Name, strict: bool, asked: set[str]) -> float:
    total = sum(c.weight for c in plan.concepts) or 1.0
    found = 0.0
    field = 0.0
    covered: set[int] = set()
    adjacent = 0
    leading = 0.0
    end: int | None = None
    for concept in plan.concepts:
        place = _best_occurrence(concept, name, end)
        field += concept.weight * _in_field(concept, name)
        if place is None:
            scattered = _scattered(concept, name)
            if scattered:  # every word there, not in a row: most of the credit
                found += 0.7 * concept.weight
                covered.update(scattered)
            continue
        found += concept.weight
        adjacent += place[0] == end
        leading = 1.0 if place[0] == name.core else leading
        covered.update(range(*place))
        end = place[1]
    if not found:
        return BODY_ONLY
    pairs = max(len(plan.concepts) - 1, 1)
    in_body = (total - found) / total if strict else 0.0
    core_covered = sum(1 for i in covered if i >= name.core)
    coverage = min(core_covered / name.length, 1.0)
    variants = sum(1 for v, key in VARIANTS if key not in asked and _occurrences(name, v))
    return (
        found / total
        + 0.45 * coverage
        + 0.45 * in_body
        + 0.1 * field / total
        + 0.15 * adjacent / pairs
        + 0.05 * leading
        - 0.15 * min(variants, 2)
        + (0.06 if name.standard else 0.0)
        + (0.04 if name.for_citizens else 0.0)
        + (0.05 if name.has_details else 0.0)
    )


def rank(
    plan: QueryPlan,
    names: NameIndex,
    candidates: set[int],
    *,
    strict: set[int] | frozenset[int] = frozenset(),
    hits: list[set[int]] | None = None,
) -> list[tuple[int, float]]:
    """`candidates` best first, with their scores. `strict` ones hold every concept somewhere."""
    if not plan.concepts:
        return [(pk, 0.0) for pk in sorted(candidates)]
    hits = concept_hits(plan, names) if hits is None else hits
    rough = _rough(plan, names, candidates, hits)
    ordered = sorted(rough.items(), key=lambda item: (-item[1], item[0]))
    head, tail = ordered[:PRECISE], ordered[PRECISE:]
    asked = set(tokens(plan.text)) | {w for c in plan.concepts for a in c.alternatives for w in a}
    scored = []
    for pk, rough_score in head:
        name = names.names.get(pk)
        score = _precise(plan, name, pk in strict, asked) if name else rough_score - 1
        scored.append((pk, score))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored + [(pk, min(score - 1, BODY_ONLY)) for pk, score in tail]
