"""Vietnamese folding, filler words and highlighting, shared by every backend (POR-k)."""

import re

import pytest
from django.db import connection

from search.query import plan_query, synonym_groups
from search.text import fold, highlight, tokens


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Đăng ký đất đai", "dang ky dat dai"),
        ("ĐỊA CHÍNH", "dia chinh"),
        ("Ủy ban nhân dân", "uy ban nhan dan"),
        ("Người nước ngoài", "nguoi nuoc ngoai"),
        ("ưu đãi", "uu dai"),
        ("Ngh\u0117\u0323", fold("Ngh\u0117\u0323")),
        ("thu\u0309 tu\u0323c", "thu tuc"),  # decomposed marks, as some records have
    ],
)
def test_POR_k_fold_removes_marks_and_maps_d_with_stroke(text, folded):
    assert fold(text) == folded


def test_tokens_split_codes_and_punctuation():
    assert tokens("Cấp GCN (cấp xã); 1.001193") == ["cap", "gcn", "cap", "xa", "1", "001193"]


def test_POR_k_filler_words_go_but_not_words_that_only_fold_like_them():
    words = lambda text: [c.words for c in plan_query(text).concepts]  # noqa: E731
    assert words("làm giấy khai sinh cho con ở đâu") == [("giay",), ("khai",), ("sinh",)]
    # "căn" (căn cước) folds like the filler "cần" but is kept
    assert ("can",) in words("làm căn cước")
    assert ("can",) not in words("cần làm căn hộ") or words("cần làm căn hộ")[0] == ("can",)
    assert words("làm") == [("lam",)]  # nothing but fillers: kept


def test_POR_k_synonym_phrases_win_over_fillers_and_become_one_concept():
    synonyms = synonym_groups([[("can", "cuoc", "cong", "dan"), ("cccd",)]])
    plan = plan_query("làm căn cước công dân", synonyms=synonyms)
    assert [c.alternatives for c in plan.concepts] == [(("can", "cuoc", "cong", "dan"), ("cccd",))]


def test_highlight_marks_folded_phrases_in_the_original_text():
    html = str(highlight("Thủ tục Đăng ký khai sinh", [("dang", "ky"), ("sinh",)]))
    assert html == "Thủ tục <mark>Đăng ký</mark> khai <mark>sinh</mark>"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's unaccent")
def test_POR_k_postgresql_folds_like_python(small_catalogue):
    samples = [
        "Đăng ký đất đai, tài sản gắn liền với đất (cấp xã)",
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "Cấp Giấy phép xây dựng – công trình cấp I; nhà ở riêng lẻ",
        "Thủ tục đăng ký khai tử, kết hôn, nhận cha, mẹ, con",
    ]
    with connection.cursor() as cursor:
        for text in samples:
            cursor.execute(
                "SELECT search_fold(%s), "
                "array(SELECT lexeme FROM unnest(to_tsvector('simple', "
                "regexp_replace(search_fold(%s), '[^a-z0-9]+', ' ', 'g'))))",
                [text, text],
            )
            folded, lexemes = cursor.fetchone()
            # the same words (unaccent also turns "–" into "-", which no word holds)
            assert re.findall("[a-z0-9]+", folded) == tokens(text) == tokens(fold(text))
            assert sorted(lexemes) == sorted(set(tokens(text)))
