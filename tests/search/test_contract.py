"""The search interface's contract (POR-k), the same for every backend.

Runs against the database backend always, and against Elasticsearch when ELASTICSEARCH_URL is set.
"""

import pytest

from search.interface import ProcedureQuery

pytestmark = pytest.mark.django_db


def codes(results) -> list[str]:
    return [hit.code for hit in results.hits]


def search(backend, text="", **kwargs):
    return backend.search(ProcedureQuery(text=text, **kwargs))


@pytest.mark.parametrize(
    "text",
    ["dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "đăng ký khai sinh", "Dang Ky Khai Sinh"],
)
def test_POR_k_diacritics_and_case_do_not_matter(backend, text):
    assert codes(search(backend, text))[0] == "1.001193"


@pytest.mark.parametrize("text", ["quyen su dung dat", "QUYỀN SỬ DỤNG ĐẤT", "Đất"])
def test_POR_k_d_with_stroke_folds_to_d(backend, text):
    assert "1.012783" in codes(search(backend, text))[:3]


@pytest.mark.parametrize(
    "text, code",
    [
        ("dang ky khai sihn", "1.001193"),
        ("đăng ký kêt hôn", "1.000894"),
        ("giay phep lai xe", "3.000346"),
    ],
)
def test_POR_k_typos_and_missing_marks_still_find(backend, text, code):
    assert code in codes(search(backend, text))[:3]


@pytest.mark.parametrize(
    "text, code",
    [
        ("làm sổ đỏ", "1.012783"),
        ("đổi GPLX", "3.000346"),
        ("nhập hộ khẩu", "1.004222"),
        ("LLTP", "3.000333"),
        ("đăng kí kết hôn", "1.000894"),
    ],
)
def test_POR_k_editors_synonyms_find_the_catalogue_wording(backend, text, code):
    assert codes(search(backend, text))[0] == code


def test_POR_k_a_name_match_ranks_above_a_mention_in_the_body(backend):
    found = codes(search(backend, "khai sinh"))
    assert found.index("1.001193") < found.index("2.000635")


def test_POR_k_unpublished_procedures_are_not_found(backend):
    assert "1.999999" not in codes(search(backend, "khai sinh lưu động"))


def test_POR_k_text_with_criteria_and_facets(backend):
    results = search(backend, "đăng ký", level="commune")
    assert set(codes(results)) == {"1.001193", "1.000894"}
    levels = {f["key"]: f["count"] for f in results.facets["level"]}
    # the level facet counts under the other criteria only: "đăng ký" in every level
    assert levels["commune"] == 2 and levels["province"] >= 1
    fields = {f["key"]: f["count"] for f in results.facets["field"]}
    assert fields == {"G15-TP07": 2}
    assert {"field", "agency", "level", "channel", "online_service", "subject"} <= set(
        results.facets
    )


def test_POR_k_criteria_narrow_the_text_results(backend):
    assert codes(search(backend, "cấp", field="G01-DD")) == ["1.012783"]
    # found by its body only, and the only one at province level
    assert codes(search(backend, "khai sinh", level="province")) == ["2.000635"]


def test_POR_k_paging_and_total(backend):
    first = search(backend, "cấp", per_page=2, page=1)
    second = search(backend, "cấp", per_page=2, page=2)
    assert first.total == second.total >= 4
    assert len(first.hits) == len(second.hits) == 2
    assert not set(codes(first)) & set(codes(second))


def test_POR_k_sorting_by_name(backend):
    names = [hit.name for hit in search(backend, "cấp", sort="name").hits]
    assert names == sorted(names)


def test_POR_k_results_show_why_they_matched(backend):
    hit = search(backend, "khai sinh").hits[0]
    assert "<mark>khai sinh</mark>" in str(hit.highlight).lower().replace("</mark> <mark>", " ")


def test_POR_k_highlights_are_escaped(backend, small_catalogue):
    from search.text import highlight

    assert (
        str(highlight("<b>khai sinh</b>", [("khai",)]))
        == "&lt;b&gt;<mark>khai</mark> sinh&lt;/b&gt;"
    )


def test_POR_k_code_finds_the_procedure(backend):
    assert codes(search(backend, "1.001193")) == ["1.001193"]


def test_POR_k_suggestions_while_typing(backend):
    suggested = [s.code for s in backend.suggest("dang ky kh", 5)]
    assert suggested and suggested[0] == "1.001193"
    assert "1.999999" not in suggested
    assert "<mark>" in str(backend.suggest("lý lịch", 5)[0].highlight)


def test_POR_k_text_ids_follow_relevance(backend):
    ids = backend.text_ids("khai sinh")
    assert ids and ids[0] == ids_of(backend, "khai sinh")[0]


def ids_of(backend, text):
    return [hit.pk for hit in search(backend, text).hits]
