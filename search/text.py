"""Vietnamese text for search: folding, tokens, the filler words citizens type, highlighting.

`fold` is the one definition of "the same letters" that every backend shares: lower case, no tone
or vowel marks, and `đ` as `d` (Unicode does not decompose `đ`, so plain accent stripping keeps it).
PostgreSQL's `lower(unaccent(...))` gives the same result; a test holds the two together.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe

TOKEN = re.compile(r"[a-z0-9]+")
# Words as they are written (with their marks).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
CODE = re.compile(r"^\d+\.[\d.]*$|^\d{3,}$")

# Words that say how a citizen asks, not what for ("làm giấy khai sinh cho con", "thủ tục xin ...
# ở đâu"). A query made only of them keeps them.
FILLERS = (
    "thủ tục",
    "cho con",
    "cho bé",
    "như thế nào",
    "thế nào",
    "ở đâu",
    "làm sao",
    "bao lâu",
    "cần gì",
    "muốn",
    "làm",
    "xin",
    "tôi",
    "cần",
    "cho",
    "của",
    "và",
    "để",
    "ở",
    "tại",
    "việc",
    "trong",
)


def fold(text: str) -> str:
    """Lower case without diacritics: "Đăng ký" → "dang ky"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d")


@functools.lru_cache(maxsize=50_000)
def _fold_word(word: str) -> str:
    return fold(word)


def tokens(text: str) -> list[str]:
    """The folded words of a text."""
    return TOKEN.findall(fold(text))


def words_as_typed(text: str) -> list[tuple[str, str]]:
    """(folded word, word as typed in lower case) pairs, in the order of `text`."""
    pairs = []
    for word in _WORD.findall(unicodedata.normalize("NFC", text.lower())):
        pairs.extend((token, word) for token in TOKEN.findall(fold(word)))
    return pairs


def is_code(text: str) -> bool:
    """A procedure code or its beginning, e.g. "1.001193" or "1.00"."""
    return bool(CODE.match(text.strip()))


def filler_positions(words: list[tuple[str, str]]) -> set[int]:
    """Positions of the filler words among (folded, as typed) pairs.

    A word typed with its marks is a filler only with a filler's marks: "cần" is one, "căn"
    (căn cước) is not; a word typed without marks may be either, and counts as one.
    """
    found: set[int] = set()
    i = 0
    while i < len(words):
        for folded, typed in _FILLERS:
            window = words[i : i + len(folded)]
            if tuple(w for w, _ in window) == folded and all(
                as_typed in (plain, marked)
                for (plain, as_typed), marked in zip(window, typed, strict=False)
            ):
                found.update(range(i, i + len(folded)))
                i += len(folded)
                break
        else:
            i += 1
    return found


Words = tuple[tuple[tuple[int, int], ...], tuple[str, ...], dict[str, list[int]]]


@functools.lru_cache(maxsize=20_000)
def _words_of(text: str) -> Words:
    """Where each word of `text` is, its folded form, and the places of each folded word."""
    spans, folded, places = [], [], {}
    for i, match in enumerate(_WORD.finditer(text)):
        word = _fold_word(match.group())
        spans.append(match.span())
        folded.append(word)
        places.setdefault(word, []).append(i)
    return tuple(spans), tuple(folded), places


def highlight(text: str, terms: Iterable[tuple[str, ...]]) -> SafeString:
    """`text` as HTML with the words that match `terms` (folded phrases) in <mark>."""
    spans, folded, places = _words_of(text)
    marked = [False] * len(spans)
    for phrase in terms:
        n = len(phrase)
        if not n:
            continue
        for i in places.get(phrase[0], ()):
            if folded[i : i + n] == phrase:
                marked[i : i + n] = [True] * n
    parts: list[str] = []
    last = 0
    i = 0
    while i < len(spans):
        if not marked[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(spans) and marked[j + 1]:
            j += 1
        start, end = spans[i][0], spans[j][1]
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
        i = j + 1
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped  # nosec B703 B308


_FILLERS = [(tuple(tokens(f)), tuple(f.split())) for f in FILLERS]
