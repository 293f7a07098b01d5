"""The search where citizens meet it (POR-k): the home page box, the catalogue page, the API."""

import re

import pytest

pytestmark = pytest.mark.django_db


def listed(html: str) -> list[str]:
    return re.findall(r'class="procedure-item" data-code="([^"]+)"', html)


def test_POR_k_home_search_box_goes_to_the_catalogue(client, small_catalogue):
    html = client.get("/").content.decode()
    form = re.search(r'<form class="search-box"[^>]*action="([^"]+)"', html)
    assert form and form.group(1) == small_catalogue["index"].url
    assert 'data-suggest-url="/api/v1/procedures/suggest/"' in html


def test_POR_k_catalogue_orders_by_relevance_and_highlights(client, small_catalogue):
    html = client.get(small_catalogue["index"].url, {"q": "khai sinh"}).content.decode()
    codes = listed(html)
    assert codes[0] == "1.001193" and "2.000635" in codes  # the body mention comes after
    assert "<mark>khai sinh</mark>" in html.replace("</mark> <mark>", " ")
    assert "Matched in the procedure" in html or "chi tiết" in html


def test_POR_k_api_q_uses_the_search_with_criteria_and_facets(client, small_catalogue):
    body = client.get("/api/v1/procedures/", {"q": "sổ đỏ", "level": "province"}).json()
    assert [r["code"] for r in body["results"]] == ["1.012783"]
    assert {f["key"]: f["count"] for f in body["facets"]["field"]} == {"G01-DD": 1}
    assert client.get("/api/v1/procedures/", {"q": "dang ky", "page": "99"}).json()["page"] >= 1


def test_POR_k_suggestions_endpoint(client, small_catalogue):
    body = client.get("/api/v1/procedures/suggest/", {"q": "ly lich tu"}).json()
    first = body["suggestions"][0]
    assert first["code"] == "3.000333"
    assert first["url"] == small_catalogue["pages"]["3.000333"].url
    assert "<mark>" in first["highlight"]
    assert client.get("/api/v1/procedures/suggest/", {"q": "l"}).json()["suggestions"] == []
    assert client.get("/api/v1/procedures/1.001193/").json()["code"] == "1.001193"


def test_POR_k_text_search_reads_a_bounded_number_of_rows(
    client, small_catalogue, django_assert_max_num_queries, settings
):
    settings.ACCESS_LOG_ENABLED = False  # the visit's INSERT (POR-o) is not a read of the search
    client.get(small_catalogue["index"].url, {"q": "cấp"})  # warm the names in memory
    with django_assert_max_num_queries(12):
        html = client.get(small_catalogue["index"].url, {"q": "cấp", "level": "province"}).content
    assert listed(html.decode())


def test_POR_k_site_search_page_lists_procedures_through_the_interface(client, small_catalogue):
    html = client.get("/tim-kiem/", {"q": "khai sinh"}).content.decode()
    codes = listed(html)
    assert codes and codes[0] == "1.001193"
    assert small_catalogue["pages"]["1.001193"].url in html
    assert "<mark>" in html
    assert f"{small_catalogue['index'].url}?q=khai%20sinh" in html
    assert listed(client.get("/tim-kiem/", {"q": ""}).content.decode()) == []
