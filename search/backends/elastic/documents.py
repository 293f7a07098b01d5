"""The Elasticsearch index of procedures: its Vietnamese analysers and its document.

- `vi_folded` folds case and diacritics. ASCII folding leaves `đ` alone (it is a letter of its own,
  not a `d` with a mark), so a char filter maps `đ`/`Đ` to `d`/`D` first.
- `vi_folded_search` adds the editors' synonyms (`synonym_graph`, built from the `Synonym` table
  when the index is created or its synonyms are updated), at query time only.
- `name.exact` keeps the diacritics, so that "Đăng ký" typed with its marks ranks a name written
  that way above one that only folds to it.
"""

from django.conf import settings
from elasticsearch.dsl import (
    Boolean,
    Completion,
    Document,
    Index,
    Keyword,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from search.models import Synonym
from search.text import tokens

VI_CHAR_MAP = char_filter("vi_d", type="mapping", mappings=["đ => d", "Đ => D"])
VI_FOLDED = analyzer(
    "vi_folded",
    tokenizer="standard",
    char_filter=[VI_CHAR_MAP],
    filter=["lowercase", "asciifolding"],
)
VI_EXACT = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])


def synonym_rules(groups: list[list[tuple[str, ...]]] | None = None) -> list[str]:
    """Solr-style rules ("so do, giay chung nhan quyen su dung dat"), folded like the index."""
    if groups is None:
        groups = [s.folded_phrases() for s in Synonym.objects.filter(is_active=True)]
    rules = []
    for group in groups:
        phrases = [" ".join(p) for p in group]
        if len(phrases) > 1:
            rules.append(", ".join(phrases))
    return rules


def search_analyzer(rules: list[str]):
    synonyms = token_filter("vi_synonyms", type="synonym_graph", synonyms=rules, lenient=True)
    return analyzer(
        "vi_folded_search",
        tokenizer="standard",
        char_filter=[VI_CHAR_MAP],
        filter=["lowercase", "asciifolding", synonyms],
    )


class ProcedureDocument(Document):
    """One published procedure: its words, its criteria (keys, as the filters use them)."""

    code = Keyword()
    name = Text(
        analyzer=VI_FOLDED,
        search_analyzer="vi_folded_search",
        fields={"exact": Text(analyzer=VI_EXACT), "sort": Keyword(ignore_above=256)},
    )
    body = Text(analyzer=VI_FOLDED, search_analyzer="vi_folded_search")
    field = Keyword(multi=True)
    agency = Keyword(multi=True)
    subject = Keyword(multi=True)
    level = Keyword(multi=True)
    channel = Keyword(multi=True)
    online_service = Keyword()
    published = Boolean()
    is_standard = Boolean()
    for_citizens = Boolean()
    has_details = Boolean()
    suggest = Completion(analyzer=VI_FOLDED, search_analyzer=VI_FOLDED, preserve_separators=False)

    @classmethod
    def from_text(cls, text) -> "ProcedureDocument":
        words = text.name.split()
        # Completion matches from the start: offer the name, and the name without "Thủ tục".
        inputs = [text.name]
        if tokens(" ".join(words[:2])) == ["thu", "tuc"] and len(words) > 2:
            inputs.append(" ".join(words[2:]))
        return cls(
            meta={"id": text.pk},
            code=text.code,
            name=text.name,
            body=text.body,
            published=text.published,
            is_standard=text.is_standard,
            for_citizens=text.for_citizens,
            has_details=text.has_details,
            suggest={"input": inputs},
            **{key: values for key, values in text.criteria.items() if key != "online_service"},
            online_service=(text.criteria.get("online_service") or [""])[0],
        )


def alias_name() -> str:
    """The name searches use: an alias over the live index, so that a rebuild can swap it."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-procedures"


def procedure_index(name: str | None = None, rules: list[str] | None = None) -> Index:
    """The index with its settings, analysers and mapping."""
    index = Index(name or alias_name())
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(VI_FOLDED)
    index.analyzer(VI_EXACT)
    index.analyzer(search_analyzer(synonym_rules() if rules is None else rules))
    index.document(ProcedureDocument)
    return index
