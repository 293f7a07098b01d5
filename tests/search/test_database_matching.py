"""The database backend's match (POR-k): a phrase is its words in a row, in the name or the body.

On PostgreSQL a phrase is answered through the word pairs the document holds (migration 0006),
so that the index alone answers it; SQLite's FTS5 matches phrases by position. Both must agree.
"""

import pytest
from django.db import connection

from search.backends.database.matching import _tsquery, matching
from search.query import Concept, QueryPlan, Vocabulary
from tests.search.conftest import publish

pytestmark = pytest.mark.django_db


def plan(*alternatives: tuple[str, ...], prefix: bool = False) -> QueryPlan:
    concept = Concept(alternatives[0], tuple(alternatives))
    return QueryPlan(text=" ".join(alternatives[0]), concepts=[concept], prefix=prefix)


def codes(ids: set[int]) -> set[str]:
    from addons.catalogue.models import Procedure

    return set(Procedure.objects.filter(pk__in=ids).values_list("code", flat=True))


@pytest.fixture
def apart(small_catalogue, django_capture_on_commit_callbacks):
    """A procedure holding "kết" and "hôn" in its body, but never one after the other."""
    with django_capture_on_commit_callbacks(execute=True):
        publish(
            small_catalogue["index"],
            code="9.000001",
            name="Ghi chú việc hộ tịch",
            description="Kết quả được trả cho người đã hôn phối tại nước ngoài.",
        )
    return small_catalogue


def test_POR_k_a_phrase_matches_its_words_in_a_row_in_name_or_body(apart):
    found = codes(matching(plan(("ket", "hon")), 1))
    # 1.000894 by its name, 2.000635 by its body ("giấy chứng nhận kết hôn")
    assert found == {"1.000894", "2.000635"}
    assert "9.000001" in codes(matching(plan(("ket",)), 1))  # each word is there


def test_POR_k_any_alternative_of_a_concept_matches(apart):
    found = codes(matching(plan(("so", "do"), ("quyen", "su", "dung", "dat")), 1))
    assert found == {"1.012783"}


def test_POR_k_the_word_being_typed_matches_as_a_beginning(apart):
    assert "1.000894" in codes(matching(plan(("ket", "ho"), prefix=True), 1))
    assert "1.000894" not in codes(matching(plan(("ket", "ho")), 1))


def test_postgresql_query_is_made_of_pairs_without_positions():
    text = _tsquery(plan(("giay", "phep", "lai", "xe"), ("gplx",)), 1)
    assert text == "(('giay_phep' & 'phep_lai' & 'lai_xe') | ('gplx'))"
    assert "<->" not in text  # no phrase operator: the index answers without reading rows
    assert _tsquery(plan(("dang", "ky"), prefix=True), 1) == "(('dang_ky':*))"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's document")
def test_postgresql_document_holds_the_pairs_of_name_and_body(apart):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array(SELECT lexeme FROM unnest(e.document)) FROM search_procedureentry e "
            "JOIN catalogue_procedure p ON p.id = e.procedure_id WHERE p.code = %s",
            ["1.000894"],
        )
        lexemes = set(cursor.fetchone()[0])
    assert {"dang_ky", "ky_ket", "ket_hon", "dang", "ket"} <= lexemes
    assert "thu_tuc" in lexemes  # the name as written, "Thủ tục" included


def test_vocabulary_counts_words_pairs_and_longer_phrases():
    vocabulary = Vocabulary(
        {"giay": 9, "phep": 5, "lai": 4, "xe": 3},
        {("giay", "phep"): 5, ("phep", "lai"): 2, ("lai", "xe"): 3},
        total=10,
    )
    assert vocabulary.count(("giay",)) == 9
    assert vocabulary.count(("giay", "phep")) == 5
    assert vocabulary.count(("giay", "phep", "lai", "xe")) == 2  # at most its rarest pair
    assert vocabulary.count(("xe", "giay")) == 0
    assert vocabulary.idf(("xe", "giay")) == 0.0
    assert vocabulary.idf(("lai", "xe")) > vocabulary.idf(("giay", "phep"))


def test_POR_k_a_code_or_a_part_of_one_finds_its_procedures_in_code_order(small_catalogue):
    from search.backends.database import DatabaseBackend
    from search.interface import ProcedureQuery

    def found(text):
        return [hit.code for hit in DatabaseBackend().search(ProcedureQuery(text=text)).hits]

    assert found("001193") == ["1.001193"]
    assert found("1.00") == ["1.000894", "1.001193", "1.004222"]  # 1.999999 is unpublished
    assert found("2.000635") == ["2.000635"]


def test_POR_k_a_rare_spelling_does_not_make_a_common_word_weigh_more():
    """A concept weighs what the words typed weigh when the names hold them ("ký", common, stays
    common though "kí" is rare); words the names never use weigh as the rarest way of saying it."""
    from search.query import plan_query, synonym_groups

    vocabulary = Vocabulary(
        {"dang": 90, "ky": 90, "ki": 1, "khai": 5, "sinh": 5, "giay": 20, "chung": 20, "nhan": 30},
        {("dang", "ky"): 90, ("khai", "sinh"): 5, ("giay", "chung"): 20, ("chung", "nhan"): 8},
        total=100,
    )
    synonyms = synonym_groups([[("ky",), ("ki",)], [("so", "do"), ("giay", "chung", "nhan")]])
    weights = {
        c.words: c.weight
        for c in plan_query(
            "đăng ký khai sinh sổ đỏ", vocabulary=vocabulary, synonyms=synonyms
        ).concepts
    }
    assert weights[("ky",)] == weights[("dang",)] < weights[("khai",)]
    assert weights[("so", "do")] == vocabulary.idf(("giay", "chung", "nhan")) > 0


def test_POR_k_copies_of_one_name_do_not_crowd_the_best_answer_out_of_the_ranking():
    """A name many agencies list alike (here 70 copies, more than the names scored word by word)
    takes one place among them: the exact name, roughly scored lower, still comes first."""
    from search.backends.database.names import NameIndex, _name
    from search.backends.database.ranking import PRECISE, ranking
    from search.query import plan_query
    from search.text import fold

    def add(index, pk, text, standard):
        folded = " ".join(fold(text).split())
        entry = _name(f"9.{pk:06d}", text, folded, "", standard, True, True, True, {}, 1)
        index._add(pk, entry)

    index = NameIndex()
    add(index, 1, "Cấp giấy phép lái xe", standard=False)
    copies = PRECISE + 10
    for pk in range(2, copies + 2):
        # shorter and standard (a better rough score), the words scattered (a worse score)
        add(index, pk, "Xe lái giấy phép cấp", standard=True)
    index.vocabulary = type(index.vocabulary)(dict(index.df), dict(index.pairs), copies + 1)
    plan = plan_query("cấp giấy phép lái xe", vocabulary=index.vocabulary)
    ranked = ranking(plan, index, set(index.published)).ordered()
    assert ranked[0][0] == 1
    # every copy scores alike, right after it
    assert len({score for pk, score in ranked[1:]}) == 1
