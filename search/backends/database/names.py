"""The published names in memory, per process: for ranking, typo correction and suggestions.

The database finds which entries match (full-text index over name and body); ranking them needs
every candidate's name, which is cheaper to hold than to fetch per query. The copy follows the
entries through `IndexState`: one small query per search tells whether anything changed, and only
the changed entries are read again.
"""

import gc
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from search.indexing import PROCEDURES, SYNONYMS
from search.models import IndexState, ProcedureEntry, Synonym
from search.query import Phrase, Vocabulary, synonym_groups
from search.text import tokens as words_of

# Leading words that say nothing about what a procedure is ("Thủ tục đăng ký ...").
NAME_FILLER = ("thu", "tuc")


_ASIDE = re.compile(r"\([^)]*\)")
_NONE: frozenset[int] = frozenset()
PHRASES_KEPT = 5_000


@dataclass(frozen=True)
class Name:
    code: str
    text: str  # the name as written
    tokens: tuple[str, ...]
    positions: dict[str, tuple[int, ...]]
    core: int  # where the name starts after "Thủ tục"
    length: int  # words that say what the procedure is: no "Thủ tục", nothing in brackets
    fields: frozenset[str]
    standard: bool
    for_citizens: bool
    has_details: bool
    published: bool
    criteria: dict[str, tuple[str, ...]]
    facet_pairs: tuple[tuple[str, str], ...]  # every (criterion, key) held, for facet counts
    bonus: float  # the part of the rough score that does not depend on the query
    revision: int  # the entry's: a list row read at this revision shows the procedure as it is


def _name(
    code: str,
    name: str,
    folded: str,
    fields: str,
    standard: bool,
    for_citizens: bool,
    has_details: bool,
    published: bool,
    criteria: dict,
    revision: int,
) -> Name:
    words = tuple(folded.split())
    core = len(NAME_FILLER) if words[: len(NAME_FILLER)] == NAME_FILLER else 0
    length = len(words_of(_ASIDE.sub(" ", name))) - core
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        positions.setdefault(word, []).append(i)
    criteria = {key: tuple(values) for key, values in (criteria or {}).items()}
    length = max(length, 1)
    return Name(
        code,
        name,
        words,
        {word: tuple(places) for word, places in positions.items()},
        core,
        length,
        frozenset(fields.split()),
        standard,
        for_citizens,
        has_details,
        published,
        criteria,
        tuple((criterion, key) for criterion, keys in criteria.items() for key in keys),
        0.2 / length + (0.02 if standard else 0.0),
        revision,
    )


class NameIndex:
    """Names by entry id, postings of their words, document frequencies and word pairs."""

    def __init__(self):
        self.revision = -1
        self.names: dict[int, Name] = {}
        self.postings: dict[str, set[int]] = {}
        self.df: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.vocabulary = Vocabulary({}, {}, 0)
        self.labels: dict[str, dict[str, str]] = {}
        self.aliases: dict[str, dict[str, set[str]]] = {}
        # Published names grouped by the criteria they hold: facets count groups, not names.
        # Each (criterion, key) pair has a number; a group holds its name's criteria and numbers.
        self.group_of: dict[int, int] = {}
        self.members: dict[int, set[int]] = {}  # the ids of each group
        self.groups: list[tuple[dict[str, tuple[str, ...]], tuple[int, ...]]] = []
        self.pairs_by_id: list[tuple[str, str]] = []
        self._pair_ids: dict[tuple[str, str], int] = {}
        self._group_ids: dict[tuple[tuple[str, str], ...], int] = {}
        # The names holding each multi-word phrase asked for lately: common phrases ("đăng ký",
        # "giấy phép") come back in most queries, and intersecting their words' postings is
        # most of a query's work over tens of thousands of names.
        self._phrases: dict[Phrase, set[int]] = {}
        self.published: set[int] = set()
        # Names alike in all the ranking reads of them share a number: they are scored once.
        self.shape_of: dict[int, int] = {}
        self._shape_ids: dict[tuple, int] = {}
        # Published ids in the catalogue's orders ("name": name then code, "code"), made when
        # first asked for after a load.
        self._orders: dict[str, list[int]] = {}
        # The groups holding each (criterion, key) number; the number of ids in each group and
        # the count of each number over the whole catalogue, made when first asked for.
        self.groups_with: dict[int, set[int]] = {}
        self._sizes: dict[int, int] | None = None
        self._whole: Counter[int] | None = None

    def _add(self, pk: int, name: Name) -> None:
        self.names[pk] = name
        if not name.published:
            return
        self.published.add(pk)
        shape = (name.tokens, name.core, name.length, name.fields, name.standard)
        shape += (name.for_citizens, name.has_details)
        self.shape_of[pk] = self._shape_ids.setdefault(shape, len(self._shape_ids))
        group = self._group_ids.get(name.facet_pairs)
        if group is None:
            numbers = []
            for pair in name.facet_pairs:
                if pair not in self._pair_ids:
                    self._pair_ids[pair] = len(self.pairs_by_id)
                    self.pairs_by_id.append(pair)
                numbers.append(self._pair_ids[pair])
            group = self._group_ids[name.facet_pairs] = len(self.groups)
            for number in numbers:
                self.groups_with.setdefault(number, set()).add(group)
            self.groups.append((name.criteria, tuple(numbers)))
        self.group_of[pk] = group
        self.members.setdefault(group, set()).add(pk)
        words = set(name.tokens)
        for word in words:
            self.postings.setdefault(word, set()).add(pk)
        self.df.update(words)
        self.pairs.update(set(zip(name.tokens, name.tokens[1:], strict=False)))

    def _remove(self, pk: int) -> None:
        old = self.names.pop(pk, None)
        self.published.discard(pk)
        self.shape_of.pop(pk, None)
        group = self.group_of.pop(pk, None)
        if group is not None:
            self.members[group].discard(pk)
        if old is None or not old.published:
            return
        words = set(old.tokens)
        for word in words:
            self.postings.get(word, set()).discard(pk)
        self.df.subtract(words)
        self.pairs.subtract(set(zip(old.tokens, old.tokens[1:], strict=False)))

    def load(self, revision: int, since: int | None) -> None:
        self._phrases = {}
        self._orders = {}
        self._sizes = self._whole = None
        rows = ProcedureEntry.objects.all()
        if since is not None:
            rows = rows.filter(revision__gt=since)
        columns = (
            "procedure_id",
            "procedure__code",
            "name",
            "name_folded",
            "fields_folded",
            "is_standard",
            "for_citizens",
            "has_details",
            "published",
            "criteria",
            "revision",
        )
        for pk, *values in rows.values_list(*columns).iterator(chunk_size=5000):
            self._remove(pk)
            self._add(pk, _name(*values))
        self.df += Counter()  # drops the words no name holds any more
        self.pairs += Counter()
        published = sum(1 for n in self.names.values() if n.published)
        self.vocabulary = Vocabulary(dict(self.df), dict(self.pairs), published)
        from .facets import labels

        self.labels, self.aliases = labels()
        self.revision = revision

    def group_sizes(self) -> dict[int, int]:
        """The number of published ids in each group that has any (not to be changed)."""
        if self._sizes is None:
            self._sizes = {g: len(ids) for g, ids in self.members.items() if ids}
        return self._sizes

    def whole_counts(self) -> Counter[int]:
        """How many published ids hold each (criterion, key) number (not to be changed)."""
        if self._whole is None:
            self._whole = numbers_counted(self.group_sizes(), self.group_sizes(), self.groups)
        return self._whole

    def groups_holding(self, criterion: str, keys: Iterable[str]) -> set[int]:
        """The groups holding any of `keys` under `criterion`."""
        found: set[int] = set()
        for key in keys:
            number = self._pair_ids.get((criterion, key))
            if number is not None:
                found |= self.groups_with[number]
        return found

    def ordered(self, by: str) -> list[int]:
        """The published ids by name then code (as `order_by("name", "code")` in a database of
        byte order, which codepoint order is; the names as the search copy keeps them, runs of
        spaces made one), or by code (not to be changed)."""
        found = self._orders.get(by)
        if found is None:
            names = self.names
            if by == "code":
                found = sorted(self.published, key=lambda pk: names[pk].code)
            else:
                found = sorted(self.published, key=lambda pk: (names[pk].text, names[pk].code))
            self._orders[by] = found
        return found

    def with_word(self, word: str) -> set[int]:
        return self.postings.get(word, set())

    def with_words(self, phrase: Phrase) -> set[int]:
        """Ids whose name holds every word of `phrase`, in any order (not to be changed: the
        set may be a posting list, or kept for the next query asking for the same words)."""
        if len(phrase) == 1:
            return self.postings.get(phrase[0], _NONE)
        found = self._phrases.get(phrase)
        if found is None:
            sets = sorted((self.with_word(w) for w in phrase), key=len)
            found = sets[0].intersection(*sets[1:]) if sets and sets[0] else _NONE
            if len(self._phrases) >= PHRASES_KEPT:
                self._phrases.clear()
            self._phrases[phrase] = found
        return found


def numbers_counted(groups: Iterable[int], sizes: dict[int, int], all_groups: list) -> Counter:
    """How many ids of `groups` (`sizes` of each) hold each (criterion, key) number. Groups of one
    are counted in C; the others add their size to each of their numbers."""
    counted = Counter(chain.from_iterable(all_groups[g][1] for g in groups if sizes[g] == 1))
    for group in groups:
        n = sizes[group]
        if n != 1:
            for number in all_groups[group][1]:
                counted[number] += n
    return counted


_lock = threading.Lock()
_names = NameIndex()
_synonyms: tuple[int, dict[Phrase, tuple[Phrase, ...]]] = (-1, {})


def _revisions() -> dict[str, int]:
    return dict(
        IndexState.objects.filter(key__in=[PROCEDURES, SYNONYMS]).values_list("key", "revision")
    )


def cached() -> tuple[NameIndex, dict[Phrase, tuple[Phrase, ...]]]:
    """This process's copy as it is, without asking the database whether it is still current."""
    return _names, _synonyms[1]


def is_current(revisions: dict[str, int]) -> bool:
    """Whether the copy is the one the database holds at `revisions`."""
    return _names.revision == revisions.get(PROCEDURES, 0) and _synonyms[0] == revisions.get(
        SYNONYMS, 0
    )


def current(
    revisions: dict[str, int] | None = None,
) -> tuple[NameIndex, dict[Phrase, tuple[Phrase, ...]]]:
    """The names and synonyms as the database holds them now (or at `revisions`, just read)."""
    global _names, _synonyms
    if revisions is None:
        revisions = _revisions()
    revision = revisions.get(PROCEDURES, 0)
    with _lock:
        if revision != _names.revision:
            stale = _names.revision < 0 or revision < _names.revision
            if stale or ProcedureEntry.objects.count() != len(_names.names):
                fresh = NameIndex()
                fresh.load(revision, since=None)
                _names = fresh
                _settle()
            else:
                _names.load(revision, since=_names.revision)
        synonym_revision = revisions.get(SYNONYMS, 0)
        if synonym_revision != _synonyms[0]:
            groups = [s.folded_phrases() for s in Synonym.objects.filter(is_active=True)]
            _synonyms = (synonym_revision, synonym_groups(groups))
        return _names, _synonyms[1]


def _settle() -> None:
    """Keep the collector off the names: hundreds of thousands of long-lived objects would
    otherwise be walked by every full collection, in the middle of searches."""
    gc.collect()
    gc.freeze()


def forget() -> None:
    """Drop this process's copy (tests that roll the database back use it)."""
    global _names, _synonyms
    gc.unfreeze()
    with _lock:
        _names = NameIndex()
        _synonyms = (-1, {})
