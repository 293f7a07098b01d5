"""From what a citizen typed to what to look for: concepts, each with the phrases that satisfy it.

"lam so do o dau" → [("so do" | "giay chung nhan quyen su dung dat" | "so hong")]: filler words
go, the editors' synonyms join their group, and a word the catalogue does not know gets its near
spellings ("sihn" → "sinh", "xaydung" → "xay dung", "thuong chu" → "thuong tru").
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from .text import filler_positions, is_code, words_as_typed

Phrase = tuple[str, ...]

# Initials that citizens swap by accent or habit (tr/ch, s/x, d/gi/r, l/n, ...).
_SOUNDALIKE_INITIALS = [
    ("tr", "ch"),
    ("s", "x"),
    ("d", "gi"),
    ("d", "r"),
    ("gi", "r"),
    ("l", "n"),
    ("ng", "ngh"),
    ("g", "gh"),
    ("c", "k"),
]
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Concept:
    """One thing the query asks for; any of `alternatives` satisfies it."""

    words: Phrase
    alternatives: tuple[Phrase, ...]
    weight: float = 1.0


@dataclass
class QueryPlan:
    text: str
    concepts: list[Concept] = field(default_factory=list)
    code: str = ""
    prefix: bool = False  # the last word is still being typed (suggestions)

    def __bool__(self) -> bool:
        return bool(self.concepts or self.code)

    @property
    def required(self) -> int:
        """How many concepts a match needs: all up to two, then 60% ("2<-40%" in Elasticsearch)."""
        n = len(self.concepts)
        return n if n <= 2 else n - math.floor(0.4 * n)

    def phrases(self) -> list[Phrase]:
        """Every phrase that counts as a match, for highlighting."""
        seen: dict[Phrase, None] = {}
        for concept in self.concepts:
            for alternative in concept.alternatives:
                seen.setdefault(alternative, None)
        return list(seen)


class Vocabulary:
    """The words of the catalogue's names and the pairs of neighbouring words, each with how many
    names hold it."""

    def __init__(self, df: dict[str, int], bigrams: dict[tuple[str, str], int], total: int):
        self.df = df
        self.bigrams = bigrams
        self.total = max(total, 1)

    def __contains__(self, word: str) -> bool:
        return word in self.df

    def count(self, phrase: Phrase) -> int:
        """How many names hold `phrase`: exact for a word or a pair, at most that for longer
        phrases (the rarest of their pairs)."""
        if len(phrase) == 1:
            return self.df.get(phrase[0], 0)
        pairs = zip(phrase, phrase[1:], strict=False)
        return min(self.bigrams.get(pair, 0) for pair in pairs)

    def idf(self, phrase: Phrase) -> float:
        """Rarity of a phrase among the names (0 when no name holds it)."""
        count = self.count(phrase) if phrase else 0
        return math.log(1 + self.total / (1 + count)) if count else 0.0


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | transposes | replaces | inserts


def _soundalikes(word: str) -> set[str]:
    found = set()
    for a, b in _SOUNDALIKE_INITIALS:
        for x, y in ((a, b), (b, a)):
            if word.startswith(x) and not word.startswith(y):
                found.add(y + word[len(x) :])
    return found


def _near_words(word: str, vocabulary: Vocabulary) -> list[str]:
    """Known words one typing mistake or one swapped initial away, most frequent first."""
    if len(word) < 3 or word.isdigit():
        return []
    near = (_edits(word) | _soundalikes(word)) & vocabulary.df.keys()
    near.discard(word)
    return sorted(near, key=lambda w: -vocabulary.df[w])[:4]


def _splits(word: str, vocabulary: Vocabulary) -> list[Phrase]:
    """Two known words typed without the space between them: "xaydung" → ("xay", "dung")."""
    found = []
    for i in range(2, len(word) - 1):
        pair = (word[:i], word[i:])
        if pair in vocabulary.bigrams:
            found.append(pair)
    return found


def _corrections(words: list[str], i: int, vocabulary: Vocabulary) -> list[Phrase]:
    word = words[i]
    neighbours = [(words[i - 1], None)] if i > 0 else []
    if i + 1 < len(words):
        neighbours.append((None, words[i + 1]))

    def in_pair(candidate: str) -> bool:
        return any(
            ((left, candidate) if left else (candidate, right)) in vocabulary.bigrams
            for left, right in neighbours
        )

    if word not in vocabulary:
        near = _near_words(word, vocabulary)
        paired = [w for w in near if in_pair(w)]
        return [(w,) for w in (paired or near[:2])] + _splits(word, vocabulary)
    if neighbours and not in_pair(word):
        # A real word in a pair the catalogue never writes: "thuong chu" for "thuong tru". A
        # frequent word is taken as meant, unless it sounds like the word that fits the pair.
        rare = vocabulary.df[word] * 200 < vocabulary.total
        near = _near_words(word, vocabulary) if rare else []
        near += sorted(_soundalikes(word) & vocabulary.df.keys())
        return [(w,) for w in dict.fromkeys(near) if in_pair(w)][:2]
    return []


def _synonym_spans(words: list[str], synonyms: dict[Phrase, tuple[Phrase, ...]]):
    """Non-overlapping spans of `words` that are synonym phrases, longest first."""
    found = []
    for start in range(len(words)):
        for end in range(len(words), start, -1):
            phrase = tuple(words[start:end])
            if phrase in synonyms:
                found.append((end - start, start, end, phrase))
    taken = [False] * len(words)
    spans = []
    for _length, start, end, phrase in sorted(found, key=lambda s: (-s[0], s[1])):
        if not any(taken[start:end]):
            taken[start:end] = [True] * (end - start)
            spans.append((start, end, phrase))
    return sorted(spans)


def plan_query(
    text: str,
    *,
    vocabulary: Vocabulary | None = None,
    synonyms: dict[Phrase, tuple[Phrase, ...]] | None = None,
    prefix: bool = False,
) -> QueryPlan:
    """The concepts of `text`. `synonyms` maps each folded phrase to its whole group.

    Synonym phrases are found first (so "căn cước công dân" stays whole), then filler words go,
    then each remaining word gets its near spellings.
    """
    text = " ".join(text.split())
    if is_code(text):
        return QueryPlan(text=text, code=text)
    synonyms = synonyms or {}
    typed = words_as_typed(text)
    words = [w for w, _ in typed]
    spans = {start: (end, phrase) for start, end, phrase in _synonym_spans(words, synonyms)}
    in_span = {i for start, (end, _p) in spans.items() for i in range(start, end)}
    fillers = filler_positions(typed) - in_span
    if len(fillers) == len(words):
        fillers = set()
    kept = [i for i in range(len(words)) if i not in fillers]
    plain = [words[i] for i in kept if i not in in_span]
    concepts: list[Concept] = []
    for i in kept:
        if i in spans:
            end, phrase = spans[i]
            group = synonyms[phrase]
            concepts.append(Concept(phrase, (phrase, *[p for p in group if p != phrase])))
        elif i not in in_span:
            word = words[i]
            alternatives: list[Phrase] = [(word,)]
            last = i == len(words) - 1
            if vocabulary is not None and not (prefix and last):
                position = plain.index(word)
                for extra in _corrections(plain, position, vocabulary):
                    if extra not in alternatives:
                        alternatives.append(extra)
            concepts.append(Concept((word,), tuple(alternatives)))
    if vocabulary is not None:
        concepts = [_weighted(c, vocabulary) for c in concepts]
    return QueryPlan(text=text, concepts=concepts, prefix=prefix)


def _weighted(concept: Concept, vocabulary: Vocabulary) -> Concept:
    """Rare words and phrases weigh more: the words as typed, when the names hold them (a rare
    spelling of a common word, "đăng kí", does not make "ký" rare); else the rarest way of
    saying it ("sổ đỏ" weighs what "giấy chứng nhận quyền sử dụng đất" does)."""
    weight = vocabulary.idf(concept.words) or max(
        (vocabulary.idf(p) for p in concept.alternatives), default=0.0
    )
    return Concept(concept.words, concept.alternatives, weight or 1.0)


def synonym_groups(groups: Iterable[list[Phrase]]) -> dict[Phrase, tuple[Phrase, ...]]:
    """Each phrase of each group, mapped to all the phrases it is equivalent to."""
    mapping: dict[Phrase, list[Phrase]] = {}
    for group in groups:
        for phrase in group:
            members = mapping.setdefault(phrase, [])
            for other in group:
                if other not in members:
                    members.append(other)
    return {phrase: tuple(members) for phrase, members in mapping.items()}
