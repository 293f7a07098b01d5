"""Fixtures of the search tests: a small catalogue, indexed after commit, and the backends."""

import os
import uuid

import pytest

from addons.catalogue.factories import (
    AgencyFactory,
    FieldFactory,
    ProcedureFactory,
    ProcedureIndexPageFactory,
    ProcedurePageFactory,
    SubjectTypeFactory,
)
from search.backends.database import names as name_cache


@pytest.fixture(autouse=True)
def _fresh_name_cache():
    """Each test reads the names of its own database state."""
    name_cache.forget()
    yield
    name_cache.forget()


def publish(index, **kwargs):
    """A published procedure page for a new procedure built from `kwargs`."""
    return ProcedurePageFactory(procedure=ProcedureFactory(**kwargs), parent=index)


@pytest.fixture
def small_catalogue(db, django_capture_on_commit_callbacks):
    """Eight procedures over two fields and two levels, one unpublished, indexed after commit."""
    index = ProcedureIndexPageFactory()
    civil = FieldFactory(code="G15-TP07", name="Hộ tịch")
    land = FieldFactory(code="G01-DD", name="Đất đai")
    traffic = FieldFactory(code="G03-GT", name="Sát hạch, cấp giấy phép lái xe")
    commune = AgencyFactory(name="Ủy ban nhân dân cấp xã")
    police = AgencyFactory(name="Công an cấp tỉnh")
    citizen = SubjectTypeFactory(code="ĐT1", name="Công dân Việt Nam")
    common = {"record_type": "STANDARD", "parts__subject": citizen}
    specs = {
        "1.001193": {
            "name": "Thủ tục đăng ký khai sinh",
            "field": civil,
            "parts__agency": commune,
            "level_commune": True,
            "level_province": False,
            "online_service": "full",
        },
        "1.000894": {
            "name": "Thủ tục đăng ký kết hôn",
            "field": civil,
            "parts__agency": commune,
            "level_commune": True,
            "level_province": False,
        },
        "2.000635": {
            "name": "Cấp bản sao Trích lục hộ tịch",
            "field": civil,
            "parts__agency": commune,
            "description": "Cấp bản sao giấy khai sinh, giấy chứng nhận kết hôn.",
        },
        "1.012783": {
            "name": "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            "field": land,
            "parts__agency": commune,
        },
        "1.004222": {"name": "Đăng ký thường trú", "field": civil, "parts__agency": police},
        "3.000346": {
            "name": "Cấp giấy phép lái xe",
            "field": traffic,
            "parts__agency": police,
            "online_service": "full",
        },
        "3.000333": {
            "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
            "field": civil,
            "parts__agency": police,
        },
    }
    with django_capture_on_commit_callbacks(execute=True):
        pages = {code: publish(index, code=code, **common, **spec) for code, spec in specs.items()}
        hidden = publish(index, code="1.999999", name="Đăng ký khai sinh lưu động", field=civil)
        hidden.unpublish()
    return {"index": index, "pages": pages, "hidden": hidden, "fields": (civil, land, traffic)}


def elasticsearch_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture
def es_settings(settings):
    """Elasticsearch as the configured backend, with an index of this test's own."""
    if not elasticsearch_url():
        pytest.skip("ELASTICSEARCH_URL is not set")
    from search.backends.elastic import client

    client.cache_clear()
    settings.ELASTICSEARCH_URL = elasticsearch_url()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:8]}"
    yield settings
    from search.backends.elastic.documents import alias_name

    es = client()
    for name in es.indices.get(index=f"{alias_name()}*", ignore_unavailable=True):
        es.indices.delete(index=name, ignore_unavailable=True)
    client.cache_clear()


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, small_catalogue):
    """Each backend over the small catalogue (Elasticsearch only when ELASTICSEARCH_URL is set)."""
    if request.param == "database":
        from search.backends.database import DatabaseBackend

        return DatabaseBackend()
    request.getfixturevalue("es_settings")
    from search.backends.elastic import ElasticsearchBackend
    from search.indexing import procedures_rebuild

    procedures_rebuild(elasticsearch=True)
    return ElasticsearchBackend()
