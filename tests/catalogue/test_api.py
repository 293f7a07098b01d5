"""The read-only catalogue API (GEN-2, POR-c)."""

import pytest

from addons.catalogue.factories import (
    ProcedureFactory,
    ProcedureIndexPageFactory,
    ProcedurePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    index = ProcedureIndexPageFactory()
    return ProcedurePageFactory(
        procedure=ProcedureFactory(code="1.001193", name="Thủ tục đăng ký khai sinh"), parent=index
    )


def test_POR_c_list_shape(client, published):
    body = client.get("/api/v1/procedures/").json()
    assert set(body) >= {"count", "results", "facets"}
    result = body["results"][0]
    assert set(result) >= {"code", "name", "field", "agencies", "level", "online_service", "url"}
    assert result["code"] == "1.001193"
    assert result["url"] == f"http://testserver{published.url}"
    assert set(body["facets"]) == {
        "field",
        "agency",
        "level",
        "channel",
        "online_service",
        "subject",
    }


def test_POR_c_detail_has_the_whole_record(client, published):
    body = client.get("/api/v1/procedures/1.001193/").json()
    assert body["name"] == "Thủ tục đăng ký khai sinh"
    assert {c["method"] for c in body["channels"]} == {"ONLINE", "DIRECT"}
    assert body["channels"][0]["fees"][0]["value"] == 50000
    assert body["document_groups"][0]["items"][0] == {
        "code": "",
        "name": "Tờ khai",
        "original_qty": 1,
        "copy_qty": 0,
        "required": False,
        "has_electronic_form": True,
        "templates": [],
    }
    assert body["legal_bases"] and body["results"] and body["subject_types"] and body["cases"]


def test_POR_c_unknown_or_unpublished_code_is_404(client, published):
    assert client.get("/api/v1/procedures/9.999999/").status_code == 404
    published.unpublish()
    assert client.get("/api/v1/procedures/1.001193/").status_code == 404
    assert client.get("/api/v1/procedures/").json()["count"] == 0


def test_POR_c_schema_documents_the_filters(client):
    schema = client.get("/api/v1/schema/").json()
    params = {p["name"] for p in schema["paths"]["/api/v1/procedures/"]["get"]["parameters"]}
    assert {
        "q",
        "field",
        "agency",
        "level",
        "channel",
        "online_service",
        "subject",
        "page",
    } <= params


def test_OSS_5_shared_catalogues_are_managed_in_the_admin(client):
    from addons.accounts.factories import StaffFactory
    from addons.catalogue.factories import FieldFactory
    from tests.conftest import verified_login

    FieldFactory(code="G15-TP07", name="Hộ tịch")
    admin = StaffFactory(roles=["Quản trị viên"])
    verified_login(client, admin)
    listing = client.get("/admin/catalogue/field/")
    assert listing.status_code == 200
    assert "G15-TP07" in listing.content.decode()
    created = client.post(
        "/admin/catalogue/field/new/",
        {"code": "G15-TP99", "name": "Lĩnh vực mới", "is_active": "on"},
    )
    assert created.status_code == 302
    from addons.catalogue.models import Field

    assert Field.objects.filter(code="G15-TP99", name="Lĩnh vực mới").exists()
