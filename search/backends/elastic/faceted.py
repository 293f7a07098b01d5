"""The criteria search on Elasticsearch: text, one facet per criterion, names highlighted."""

from elasticsearch.dsl import FacetedSearch, Q, TermsFacet

from search.text import is_code

from .documents import ProcedureDocument

# "2<-40%": up to two words all must match, above that 60% of them (the database backend's rule).
MINIMUM_SHOULD_MATCH = "2<-40%"
SORTS = {"name": ["name.sort", "code"], "code": ["code"]}


def text_query(text: str) -> Q:
    """Folded words with synonyms, or with one typo per word; a name match and an exact (marked)
    match rank higher; then the national standard record, citizens' procedures, full records."""
    text = " ".join(text.split())
    if is_code(text):
        return Q("wildcard", code={"value": f"*{text}*"})
    matches = Q(
        "bool",
        should=[
            Q(
                "multi_match",
                query=text,
                fields=["name^3", "body"],
                minimum_should_match=MINIMUM_SHOULD_MATCH,
            ),
            Q(
                "match",
                name={
                    "query": text,
                    "analyzer": "vi_folded",
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "minimum_should_match": MINIMUM_SHOULD_MATCH,
                },
            ),
        ],
        minimum_should_match=1,
    )
    boosts = [
        Q("match", **{"name.exact": {"query": text, "boost": 2}}),
        Q("match_phrase", name={"query": text, "slop": 2, "boost": 3}),
        Q("term", is_standard={"value": True, "boost": 0.5}),
        Q("term", for_citizens={"value": True, "boost": 0.3}),
        Q("term", has_details={"value": True, "boost": 0.3}),
    ]
    return Q("bool", must=[matches], should=boosts)


class ProcedureFacetedSearch(FacetedSearch):
    doc_types = [ProcedureDocument]
    fields = ["name", "name.exact"]
    facets = {
        "field": TermsFacet(field="field", size=500),
        "agency": TermsFacet(field="agency", size=30),
        "subject": TermsFacet(field="subject", size=200),
        "level": TermsFacet(field="level", size=10),
        "channel": TermsFacet(field="channel", size=10),
        "online_service": TermsFacet(field="online_service", size=10),
    }

    def __init__(self, text, filters, *, index: str, sort: str = "relevance", using="default"):
        self.index = index
        self.using = using
        self._text = text
        super().__init__(text or None, filters, SORTS.get(sort, []) if text else SORTS["name"])

    def search(self):
        return super().search().filter("term", published=True)

    def query(self, search, query):
        return search.query(text_query(query)) if query else search

    def highlight(self, search):
        options = search.highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html"
        )
        return options.highlight("name", "name.exact", number_of_fragments=0)
