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

from collections.abc import Iterable

from search.query import Concept, Phrase, QueryPlan
from search.text import tokens

from .names import Name, NameIndex

# Candidates scored word by word; the rest keep their rough order. The word-by-word score is most
# of a ranking's time; the relevance set scores 98.8% hit@3 from 50 up, 97.5% at 40.
PRECISE = 60
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


def _variants_in(name: Name) -> list[str]:
    """The asking word of each variant phrase the name holds (looked up by the words' positions:
    a scan of the name per phrase made a tenth of a first search's time)."""
    return [
        key
        for phrase, key in VARIANTS
        if phrase[0] in name.positions and _occurrences(name, phrase)
    ]


def concept_hits(plan: QueryPlan, names: NameIndex) -> list[set[int]]:
    """For each concept, the ids whose name holds all the words of one of its alternatives
    (sets shared with the name index: read, never changed)."""
    found = []
    for concept in plan.concepts:
        sets = [names.with_words(alternative) for alternative in concept.alternatives]
        found.append(sets[0] if len(sets) == 1 else set().union(*sets))
    return found


def _partition(sets: list[set[int]], universe: set[int]) -> list[tuple[tuple[int, ...], set[int]]]:
    """`universe` split by which of `sets` hold each id: (indexes of the sets, ids) pairs.

    Set operations run in C, so this stays fast with tens of thousands of ids, where a loop over
    the ids asking each set would not.
    """
    parts: list[tuple[tuple[int, ...], set[int]]] = [((), universe)]
    for i, members in enumerate(sets):
        split = []
        for held, part in parts:
            inside = part & members
            if not inside:
                split.append((held, part))  # as it is, not copied
                continue
            split.append(((*held, i), inside))
            if len(inside) < len(part):
                split.append((held, part - inside))
        parts = split
    return parts


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
    # Split the pool by the concepts, heaviest first: a part that has reached `share` is taken
    # whole, a part that cannot reach it any more is dropped; neither is split again.
    weights = [c.weight for c in plan.concepts]
    need = share * total - 1e-9
    remaining = sum(weights)
    found: set[int] = set()
    parts: list[tuple[float, set[int]]] = [(0.0, pool)]
    for i in order:
        remaining -= weights[i]
        split = []
        for held, part in parts:
            inside = part & hits[i]
            if inside:
                if held + weights[i] >= need:
                    found |= inside
                else:
                    split.append((held + weights[i], inside))
            if len(inside) < len(part) and held + remaining >= need:
                split.append((held, part - inside))
        parts = split
        if not parts:
            break
    return found


# The most the query-independent part of a rough score adds (0.2 / length + 0.02).
MAX_BONUS = 0.22 + 1e-9


def _parts_by_share(plan, candidates: set[int], hits) -> list[tuple[float, set[int]]]:
    """The candidates grouped by the share of the query their names hold, largest first."""
    total = sum(c.weight for c in plan.concepts) or 1.0
    shares = [c.weight / total for c in plan.concepts]
    parts = []
    for held, part in _partition(hits, candidates):
        base = 0.0
        for i in held:
            base += shares[i]
        parts.append((base, part))
    parts.sort(key=lambda item: -item[0])
    return parts


def _rough(names: NameIndex, base: float, part: Iterable[int]) -> list[tuple[float, int]]:
    """(-rough score, id) of the ids of one part."""
    known = names.names
    return [
        (-(base + name.bonus) if (name := known.get(pk)) is not None else -base, pk) for pk in part
    ]


class Ranking:
    """Candidates best first: the head scored name by name, the tail ordered only when asked.

    A page within the head (the common case) never sorts the thousands of other candidates.
    """

    def __init__(self, head, names=None, scored_tail=(), parts=()):
        self.head: list[tuple[int, float]] = head
        self._names = names
        self._scored_tail: list[tuple[float, int]] = list(scored_tail)
        self._parts: list[tuple[float, set[int]]] = list(parts)

    @classmethod
    def of(cls, ranked: list[tuple[int, float]]) -> "Ranking":
        return cls(ranked)

    def ids(self) -> list[int]:
        """Every candidate: the head in order, then the tail in no particular order."""
        found = [pk for pk, _score in self.head]
        found += [pk for _negative, pk in self._scored_tail]
        for _base, part in self._parts:
            found += part
        return found

    def tail(self) -> list[tuple[int, float]]:
        rough = list(self._scored_tail)
        for base, part in self._parts:
            rough += _rough(self._names, base, part)
        rough.sort()
        return [(pk, min(-negative - 1, BODY_ONLY)) for negative, pk in rough]

    def ordered(self) -> list[tuple[int, float]]:
        return self.head + self.tail()


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
    variants = sum(1 for key in _variants_in(name) if key not in asked)
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
    return ranking(plan, names, candidates, strict=strict, hits=hits).ordered()


def ranking(
    plan: QueryPlan,
    names: NameIndex,
    candidates: set[int],
    *,
    strict: set[int] | frozenset[int] = frozenset(),
    hits: list[set[int]] | None = None,
) -> Ranking:
    """`rank`, with the tail left unsorted until a page needs it.

    The head is the `PRECISE` best rough scores of different names: only the parts whose share
    could reach them (within `MAX_BONUS` of the part that fills the head) are scored id by id.
    """
    if not plan.concepts:
        return Ranking.of([(pk, 0.0) for pk in sorted(candidates)])
    hits = concept_hits(plan, names) if hits is None else hits
    near: list[tuple[float, int]] = []
    far: list[tuple[float, set[int]]] = []
    floor = None
    for base, part in _parts_by_share(plan, candidates, hits):
        if floor is not None and base < floor:
            far.append((base, part))
            continue
        near += _rough(names, base, part)
        if floor is None and len(near) >= PRECISE:
            floor = base - MAX_BONUS
    # (-score, pk) pairs sort in C, best first and by id among equals.
    near.sort()
    known = names.names
    shape_of = names.shape_of
    # The head holds `PRECISE` different names with all their copies (a procedure each province
    # lists under the same name): copies score alike, and would otherwise crowd the others out.
    # Names alike (same shape) and alike in holding every concept are scored once.
    seen: set[int] = set()
    alike: dict[tuple[int, bool], list[int]] = {}
    scored: list[tuple[float, int]] = []
    end = 0
    for negative, pk in near:
        shape = shape_of.get(pk)
        if shape is None:  # not in the names (yet): its rough score stands
            scored.append((negative + 1, pk))
        else:
            if shape not in seen:
                if len(seen) == PRECISE:
                    break
                seen.add(shape)
            key = (shape, pk in strict)
            members = alike.get(key)
            if members is None:
                alike[key] = [pk]
            else:
                members.append(pk)
        end += 1
    rest = near[end:]
    asked = set(tokens(plan.text)) | {w for c in plan.concepts for a in c.alternatives for w in a}
    for (_shape, is_strict), members in alike.items():
        score = -_precise(plan, known[members[0]], is_strict, asked)
        scored += [(score, pk) for pk in members]
    scored.sort()
    return Ranking([(pk, -negative) for negative, pk in scored], names, rest, far)
