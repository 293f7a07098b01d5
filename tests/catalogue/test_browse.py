"""The catalogue index, its filters and facets, the procedure page (OSS-1, POR-b, POR-c, POR-g, POR-k)."""

import re

import pytest

from addons.catalogue.factories import (
    AgencyFactory,
    FieldFactory,
    ProcedureFactory,
    ProcedureIndexPageFactory,
    ProcedurePageFactory,
    SubjectTypeFactory,
)

pytestmark = pytest.mark.django_db


def listed_codes(html: str) -> list[str]:
    return re.findall(r'class="procedure-item" data-code="([^"]+)"', html)


@pytest.fixture
def catalogue():
    """Six published procedures over two fields, two levels, two agencies; one unpublished."""
    index = ProcedureIndexPageFactory()
    civil, land = (
        FieldFactory(code="G15-TP07", name="Hộ tịch"),
        FieldFactory(code="G01-DD", name="Đất đai"),
    )
    commune_pc, department = AgencyFactory(name="UBND cấp xã"), AgencyFactory(name="Sở Tài nguyên")
    citizen = SubjectTypeFactory(code="ĐT1", name="Công dân Việt Nam")
    specs = [
        ("1.000001", civil, commune_pc, {"level_commune": True, "level_province": False}),
        (
            "1.000002",
            civil,
            commune_pc,
            {"level_commune": True, "level_province": False, "online_service": "full"},
        ),
        ("1.000003", civil, department, {"level_province": True}),
        (
            "1.000004",
            land,
            department,
            {"level_province": True, "has_online": False, "online_service": "none"},
        ),
        ("1.000005", land, department, {"level_province": True, "level_commune": True}),
        ("1.000006", land, commune_pc, {"level_commune": True, "level_province": False}),
    ]
    pages = {}
    for code, field, agency, extra in specs:
        procedure = ProcedureFactory(
            code=code, field=field, parts__agency=agency, parts__subject=citizen, **extra
        )
        pages[code] = ProcedurePageFactory(procedure=procedure, parent=index)
    hidden = ProcedurePageFactory(
        procedure=ProcedureFactory(code="1.000099", field=civil), parent=index
    )
    hidden.unpublish()
    return {
        "index": index,
        "pages": pages,
        "fields": (civil, land),
        "agencies": (commune_pc, department),
    }


def test_index_lists_published_procedures_only(client, catalogue):
    html = client.get(catalogue["index"].url).content.decode()
    assert sorted(listed_codes(html)) == [f"1.00000{i}" for i in range(1, 7)]
    assert 'data-count="6"' in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("field=G15-TP07", {"1.000001", "1.000002", "1.000003"}),
        ("field=G15-TP07&level=commune", {"1.000001", "1.000002"}),
        ("level=province&field=G01-DD", {"1.000004", "1.000005"}),
        ("channel=ONLINE&field=G01-DD", {"1.000005", "1.000006"}),
        ("online_service=full", {"1.000002"}),
        ("subject=ĐT1&level=commune", {"1.000001", "1.000002", "1.000005", "1.000006"}),
        ("q=1.00000", {f"1.00000{i}" for i in range(1, 7)}),
    ],
)
def test_POR_k_index_filters_return_the_same_set_as_the_api(client, catalogue, query, expected):
    html = client.get(f"{catalogue['index'].url}?{query}").content.decode()
    api = client.get(f"/api/v1/procedures/?{query}&page_size=100").json()
    assert set(listed_codes(html)) == expected
    assert {r["code"] for r in api["results"]} == expected
    assert api["count"] == len(expected)


def test_POR_k_filter_by_agency(client, catalogue):
    department = catalogue["agencies"][1]
    api = client.get(f"/api/v1/procedures/?agency={department.key}").json()
    assert {r["code"] for r in api["results"]} == {"1.000003", "1.000004", "1.000005"}


def test_facets_count_each_criterion_under_the_others(client, catalogue):
    facets = client.get("/api/v1/procedures/?level=commune").json()["facets"]
    fields = {f["key"]: f["count"] for f in facets["field"]}
    assert fields == {"G15-TP07": 2, "G01-DD": 2}
    levels = {f["key"]: f["count"] for f in facets["level"]}
    # the level facet ignores the level filter itself
    assert levels == {"ministry": 0, "province": 3, "commune": 4}
    services = {f["key"]: f["count"] for f in facets["online_service"]}
    assert services == {"full": 1, "partial": 3, "none": 0}


def test_unknown_filter_value_is_a_clear_error(client, catalogue):
    response = client.get("/api/v1/procedures/?level=galaxy")
    assert response.status_code == 400
    assert "level" in response.json()["errors"]
    page = client.get(f"{catalogue['index'].url}?level=galaxy").content.decode()
    assert "galaxy" in page and 'class="errorlist"' in page


def test_paging(client, catalogue):
    for i in range(20):
        ProcedurePageFactory(
            procedure=ProcedureFactory(code=f"2.{i:06d}"), parent=catalogue["index"]
        )
    first = client.get("/api/v1/procedures/?page_size=20").json()
    second = client.get("/api/v1/procedures/?page_size=20&page=2").json()
    assert (first["count"], first["pages"], len(first["results"]), len(second["results"])) == (
        26,
        2,
        20,
        6,
    )
    html = client.get(f"{catalogue['index'].url}?page=2").content.decode()
    assert len(listed_codes(html)) == 6
    assert 'rel="prev"' in html


def test_OSS_1_procedure_page_shows_every_section(client, catalogue):
    page = catalogue["pages"]["1.000003"]
    html = client.get(page.url).content.decode()
    procedure = page.procedure
    assert procedure.name in html and "1.000003" in html
    assert "Hộ tịch" in html  # field
    assert "Sở Tài nguyên" in html  # executing agency
    assert html.count('data-method="') == 2  # online and desk
    assert "5 ngày làm việc" in html
    assert "50.000 đồng" in html
    assert "Tờ khai" in html and "Bản chính: 1 · Bản sao: 0" in html
    assert procedure.legal_bases.get().name in html
    assert procedure.results.get().name in html
    assert "Nộp hồ sơ trực tuyến" not in html or "button-apply" in html


def test_POR_g_editor_guidance_shows_on_the_procedure_page(client, catalogue):
    page = catalogue["pages"]["1.000001"]
    page.guidance = [("paragraph", "<p>Mang theo giấy chứng sinh bản chính.</p>")]
    page.faq = [("question", {"question": "Có mất phí không?", "answer": "<p>Không.</p>"})]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Mang theo giấy chứng sinh bản chính." in html
    assert "Có mất phí không?" in html


def test_POR_k_every_procedure_within_three_clicks_of_home(client, catalogue):
    """Home → field → procedure: the home page links each field's filtered list."""
    home = client.get("/").content.decode()
    for code, page in catalogue["pages"].items():
        field = page.procedure.field
        link = re.search(rf'href="([^"]*\?field={re.escape(field.key)})"', home)
        assert link, f"no link to field {field.key} on the home page"
        listing = client.get(link.group(1).replace("&amp;", "&")).content.decode()
        assert f'href="{page.url}"' in listing, code


def test_english_labels_under_en(client, catalogue):
    page = catalogue["pages"]["1.000003"]
    vietnamese_url = page.url  # before a request activates English in this thread
    html = client.get(f"/en{vietnamese_url}").content.decode()
    assert "Documents to submit" in html
    assert "Thành phần hồ sơ" in client.get(vietnamese_url).content.decode()


def test_search_engine_friendly_titles(client, catalogue):
    page = catalogue["pages"]["1.000003"]
    html = client.get(page.url).content.decode()
    assert f"<title>{page.procedure.name} |" in html
    assert re.fullmatch(r"/thu-tuc-hanh-chinh/[a-z0-9-]+/", page.url)


def test_POR_k_a_page_of_text_results_reads_the_same_parts_as_the_catalogue(catalogue):
    """The two short statements behind a page of text results (`listed_procedures`) load what the
    catalogue's ORM query loads: the procedure, its field, its page and its handling agencies in
    order, and leave the unpublished procedure out."""
    from addons.catalogue.models import Procedure, ProcedureAgency
    from addons.catalogue.selectors import _parts_loaded, _with_parts, published_procedures
    from addons.catalogue.selectors.listing import listed_procedures

    commune_pc, department = catalogue["agencies"]
    first = catalogue["pages"]["1.000001"].procedure
    Role = ProcedureAgency.Role
    ProcedureAgency.objects.create(procedure=first, agency=department, role=Role.COMPETENT)
    ProcedureAgency.objects.create(procedure=first, agency=department, role=Role.PROMULGATING)
    Procedure.objects.filter(code="1.000006").update(field=None)

    def shown(procedures):
        return sorted(
            (
                p.pk,
                p.code,
                p.name,
                p.levels,
                p.online_service,
                p.completeness,
                p.field.key if p.field else None,
                p.field.name if p.field else None,
                p.page.pk,
                p.page.url,
                [(r.role, r.agency_id, r.agency.name, r.agency.key) for r in p.handling_roles],
            )
            for p in _parts_loaded(procedures)
        )

    ids = list(Procedure.objects.values_list("pk", flat=True))
    expected = shown(_with_parts(published_procedures().filter(pk__in=ids)))
    listed = listed_procedures(ids)
    assert shown(listed) == expected
    assert len(expected) == 6
    roles = {row[1]: row[-1] for row in expected}
    assert [r[0] for r in roles["1.000001"]] == [Role.EXECUTING, Role.COMPETENT]
    # Built without the models' __init__, they are still saved instances of this database; a
    # column not read is deferred, and read when asked for, as the ORM does it.
    for p in listed:
        for built in (p, p.page):
            assert (built._state.adding, built._state.db) == (False, "default")
        assert "description" in p.get_deferred_fields()
    described = next(p for p in listed if p.code == "1.000001")
    Procedure.objects.filter(pk=described.pk).update(description="Mô tả")
    assert described.description == "Mô tả"
    assert {row[1]: row[6] for row in expected}["1.000006"] is None


def test_POR_k_rows_of_an_unchanged_procedure_are_not_read_again(
    catalogue, django_assert_num_queries
):
    """A page of text results keeps the procedures it read, under the revision of each one's
    search copy: the same revision is not read again (each caller gets copies), a new one is."""
    from addons.catalogue.models import Procedure
    from addons.catalogue.selectors import listing

    listing._kept.clear()
    ids = list(Procedure.objects.order_by("code").values_list("pk", flat=True))
    revisions = dict.fromkeys(ids, 7)
    first = listing.listed_procedures(ids, revisions)
    for procedure in first:
        procedure.search_hit = "marked by the first caller"
    with django_assert_num_queries(0):
        again = listing.listed_procedures(ids, revisions)
    assert sorted(p.code for p in again) == sorted(p.code for p in first)
    assert len(again) == 6  # the unpublished one is not kept either
    # each caller has its own copies, with the same parts
    assert not any(hasattr(p, "search_hit") for p in again)
    assert {id(p) for p in again}.isdisjoint(id(p) for p in first)
    assert {id(p.page) for p in again}.isdisjoint(id(p.page) for p in first)
    shown = {
        p.code: (p.page.url, p.field.name, [r.agency.name for r in p.handling_roles]) for p in again
    }
    assert shown == {
        p.code: (p.page.url, p.field.name, [r.agency.name for r in p.handling_roles]) for p in first
    }
    Procedure.objects.filter(pk=ids[0]).update(name="Tên mới")
    with django_assert_num_queries(2):
        changed = listing.listed_procedures(ids, {**revisions, ids[0]: 8})
    assert {p.pk: p.name for p in changed}[ids[0]] == "Tên mới"
    listing._kept.clear()
