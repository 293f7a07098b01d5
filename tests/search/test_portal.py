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


CRITERIA_CASES = [
    {},
    {"level": "commune"},
    {"level": "province"},
    {"field": "G15-TP07"},
    {"field": "G15-TP07", "level": "commune"},
    {"channel": "ONLINE"},
    {"online_service": "full"},
    {"subject": "ĐT1"},
    {"field": "no-such-field"},
]


@pytest.mark.parametrize("criteria", CRITERIA_CASES)
@pytest.mark.parametrize("sort", ["relevance", "code"])
def test_POR_k_criteria_without_text_from_memory_equal_the_catalogue_sql(
    small_catalogue, criteria, sort
):
    """The catalogue without text is answered from the search copies in memory (a second of SQL
    at ten times the catalogue, a few milliseconds so): the same procedures, in the same order,
    page by page, with the same total and facets as the catalogue's own SQL."""
    from addons.catalogue.models import Agency
    from addons.catalogue.selectors import ProcedureFilters, procedure_facets, procedure_queryset
    from search.backends.database import DatabaseBackend
    from search.interface import ProcedureQuery

    agency = Agency.objects.get(name="Công an cấp tỉnh")
    for extra in ({}, {"agency": agency.key}):
        wanted = {**criteria, **extra}
        filters = ProcedureFilters(**wanted)
        order = ["code"] if sort == "code" else ["name", "code"]
        expected = list(procedure_queryset(filters).order_by(*order).values_list("pk", flat=True))
        pages = []
        for page in (1, 2, 3, 4):
            query = ProcedureQuery(**wanted, page=page, per_page=2, sort=sort)
            results = DatabaseBackend().browse(query)
            assert results.total == len(expected)
            assert results.facets == procedure_facets(filters)
            pages += [hit.pk for hit in results.hits]
        assert pages == expected


def test_POR_k_the_catalogue_without_text_reads_a_bounded_number_of_rows(
    client, small_catalogue, django_assert_max_num_queries, settings
):
    """No facet or count query: the page's rows and the routing of the page, nothing more."""
    settings.ACCESS_LOG_ENABLED = False
    url = small_catalogue["index"].url
    client.get(url)  # warm the names in memory
    with django_assert_max_num_queries(12):
        html = client.get(url, {"level": "commune", "page": "1"}).content.decode()
    assert listed(html) and 'data-count="' in html
    api = client.get("/api/v1/procedures/", {"level": "commune"}).json()
    assert [r["code"] for r in api["results"]] == listed(html)


def test_POR_k_home_fields_from_memory_equal_the_sql(client, small_catalogue):
    from django.db.models import Count

    from addons.catalogue.models import Field
    from addons.catalogue.selectors import home_fields

    rows = (
        Field.objects.filter(procedures__page__live=True)
        .annotate(count=Count("procedures", distinct=True))
        .order_by("-count", "name")
    )
    index = small_catalogue["index"].url
    expected = [{"name": f.name, "count": f.count, "url": f"{index}?field={f.key}"} for f in rows]
    assert home_fields() == expected and len(expected) == 3
