"""What the Elasticsearch backend sends: index settings, mapping and query bodies (no server)."""

import pytest

from search.backends.elastic.documents import (
    ProcedureDocument,
    alias_name,
    procedure_index,
    synonym_rules,
)
from search.backends.elastic.faceted import ProcedureFacetedSearch, text_query
from search.indexing import ProcedureText

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_body():
    return procedure_index("test-procedures").to_dict()


def test_POR_k_index_name_has_the_configured_prefix(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "tinh-abc"
    assert alias_name() == "tinh-abc-procedures"


def test_vietnamese_analyser_maps_d_with_stroke_then_folds(index_body):
    analysis = index_body["settings"]["analysis"]
    assert analysis["char_filter"]["vi_d"] == {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}
    folded = analysis["analyzer"]["vi_folded"]
    assert folded["char_filter"] == ["vi_d"]
    assert folded["filter"] == ["lowercase", "asciifolding"]
    assert analysis["analyzer"]["vi_exact"]["filter"] == ["lowercase"]


def test_POR_k_synonyms_from_the_editors_list_in_the_search_analyser(index_body):
    analysis = index_body["settings"]["analysis"]
    search = analysis["analyzer"]["vi_folded_search"]
    assert search["filter"] == ["lowercase", "asciifolding", "vi_synonyms"]
    synonyms = analysis["filter"]["vi_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    # folded like the index (đ → d), seeded by the data migration
    assert "so do, so hong, giay chung nhan quyen su dung dat" in synonyms["synonyms"]
    assert "gplx, bang lai xe, bang lai, giay phep lai xe" in synonyms["synonyms"]


def test_POR_k_synonym_rules_follow_the_table():
    from search.models import Synonym

    Synonym.objects.create(phrases="Giấy đỏ, Đất thổ cư")
    Synonym.objects.create(phrases="tắt", is_active=True)  # one phrase: no rule
    Synonym.objects.create(phrases="a b, c d", is_active=False)
    rules = synonym_rules()
    assert "giay do, dat tho cu" in rules
    assert "a b, c d" not in rules and "tat" not in rules


def test_mapping_folds_names_and_keeps_an_exact_subfield(index_body):
    properties = index_body["mappings"]["properties"]
    assert properties["name"]["analyzer"] == "vi_folded"
    assert properties["name"]["search_analyzer"] == "vi_folded_search"
    assert properties["name"]["fields"]["exact"] == {"type": "text", "analyzer": "vi_exact"}
    assert properties["body"]["search_analyzer"] == "vi_folded_search"
    for criterion in ("field", "agency", "subject", "level", "channel", "online_service"):
        assert properties[criterion]["type"] == "keyword"
    assert properties["suggest"]["type"] == "completion"
    assert properties["published"]["type"] == "boolean"


def test_document_from_a_procedure():
    text = ProcedureText(
        pk=7,
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        body="Giấy khai sinh",
        published=True,
        is_standard=True,
        criteria={"field": ["G15-TP07"], "level": ["commune"], "online_service": ["full"]},
    )
    body = ProcedureDocument.from_text(text).to_dict(include_meta=True)
    assert body["_id"] == 7
    source = body["_source"]
    assert source["field"] == ["G15-TP07"] and source["online_service"] == "full"
    assert source["suggest"] == {"input": ["Thủ tục đăng ký khai sinh", "đăng ký khai sinh"]}


def test_POR_k_query_folds_fuzzes_and_boosts_exact_and_name_matches():
    body = text_query("cap giay phep xay dung").to_dict()
    must = body["bool"]["must"][0]["bool"]["should"]
    multi = must[0]["multi_match"]
    assert multi["fields"] == ["name^3", "body"]
    assert multi["minimum_should_match"] == "2<-40%"
    assert must[1]["match"]["name"]["fuzziness"] == "AUTO"
    assert must[1]["match"]["name"]["analyzer"] == "vi_folded"  # typos: no synonyms there
    boosts = body["bool"]["should"]
    assert {"match": {"name.exact": {"query": "cap giay phep xay dung", "boost": 2}}} in boosts
    assert boosts[1]["match_phrase"]["name"]["boost"] == 3
    assert {"term": {"is_standard": {"value": True, "boost": 0.5}}} in boosts


def test_POR_k_code_query_is_a_code_match():
    assert text_query("1.0011") == text_query("1.0011")
    assert text_query("1.0011").to_dict() == {"wildcard": {"code": {"value": "*1.0011*"}}}


def test_POR_k_faceted_search_filters_and_counts_each_criterion_under_the_others():
    faceted = ProcedureFacetedSearch(
        "sổ đỏ", {"level": "commune", "field": "G01-DD"}, index="test-procedures"
    )
    body = faceted._s.to_dict()
    assert body["query"]["bool"]["filter"] == [{"term": {"published": True}}]
    post = body["post_filter"]["bool"]["must"]
    assert {"terms": {"level": ["commune"]}} in post and {"terms": {"field": ["G01-DD"]}} in post
    level_agg = body["aggs"]["_filter_level"]
    # the level facet is filtered by the field only, not by the level itself
    assert level_agg["filter"] == {"terms": {"field": ["G01-DD"]}}
    assert level_agg["aggs"]["level"] == {"terms": {"field": "level", "size": 10}}
    assert body["aggs"]["_filter_agency"]["aggs"]["agency"]["terms"]["size"] == 30
    assert set(body["aggs"]) == {
        f"_filter_{name}"
        for name in ("field", "agency", "subject", "level", "channel", "online_service")
    }
    highlight = body["highlight"]
    assert highlight["pre_tags"] == ["<mark>"] and highlight["encoder"] == "html"
    whole = {"number_of_fragments": 0}
    assert highlight["fields"] == {"name": whole, "name.exact": whole}


def test_POR_k_sorts_without_text_by_name_and_with_text_by_relevance():
    assert ProcedureFacetedSearch("", {}, index="x")._s.to_dict()["sort"] == ["name.sort", "code"]
    assert "sort" not in ProcedureFacetedSearch("hộ tịch", {}, index="x")._s.to_dict()
    by_code = ProcedureFacetedSearch("hộ tịch", {}, index="x", sort="code")._s.to_dict()
    assert by_code["sort"] == ["code"]
