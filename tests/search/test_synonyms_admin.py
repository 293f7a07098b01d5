"""Editors keep the synonym list in the Wagtail admin, and it changes what citizens find (POR-k)."""

import pytest

from addons.accounts.factories import StaffFactory
from search.interface import ProcedureQuery, search_procedures
from search.models import Synonym
from tests.conftest import verified_login

pytestmark = pytest.mark.django_db


def top(text: str) -> str:
    hits = search_procedures(ProcedureQuery(text=text)).hits
    return hits[0].code if hits else ""


@pytest.fixture
def admin_client(client):
    verified_login(client, StaffFactory(roles=["Quản trị viên"], is_superuser=True))
    return client


def test_POR_k_seeded_synonyms_are_listed_in_the_admin(admin_client):
    html = admin_client.get("/admin/synonyms/").content.decode()
    assert "BHXH, bảo hiểm xã hội" in html
    html = admin_client.get("/admin/synonyms/", {"q": "sổ đỏ"}).content.decode()
    assert "sổ đỏ, sổ hồng, giấy chứng nhận quyền sử dụng đất" in html


def test_POR_k_a_synonym_added_in_the_admin_changes_results(
    admin_client, small_catalogue, django_capture_on_commit_callbacks
):
    assert top("giấy đỏ") != "1.012783"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/synonyms/new/",
            {"phrases": "giấy đỏ, quyền sử dụng đất", "note": "cách nói cũ", "is_active": "on"},
        )
    assert response.status_code == 302
    assert top("giấy đỏ") == "1.012783"


def test_POR_k_a_synonym_switched_off_in_the_admin_stops_matching(
    admin_client, small_catalogue, django_capture_on_commit_callbacks
):
    assert top("GPLX") == "3.000346"
    synonym = Synonym.objects.get(phrases__startswith="GPLX")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/synonyms/edit/{synonym.pk}/", {"phrases": synonym.phrases, "note": ""}
        )
    assert response.status_code == 302
    assert top("GPLX") == ""
