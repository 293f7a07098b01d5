"""The search follows the catalogue after commit (POR-k): changes, unpublishing, removal, imports."""

from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction

from addons.catalogue.models import Procedure
from search.backends.database import DatabaseBackend
from search.models import ProcedureEntry
from tests.search.conftest import publish

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    codes = dict(Procedure.objects.values_list("pk", "code"))
    return [codes[pk] for pk in DatabaseBackend().text_ids(text)]


def test_POR_k_a_changed_procedure_is_found_by_its_new_name_after_commit(
    small_catalogue, django_capture_on_commit_callbacks
):
    procedure = small_catalogue["pages"]["1.004222"].procedure
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        procedure.name = "Cấp giấy phép kinh doanh karaoke"
        procedure.save()
        assert found("karaoke") == []  # not before the commit
    assert callbacks
    for callback in callbacks:
        callback()
    assert found("karaoke") == ["1.004222"]
    assert "1.004222" not in found("thường trú")


def test_POR_k_an_unpublished_procedure_disappears(
    small_catalogue, django_capture_on_commit_callbacks
):
    page = small_catalogue["pages"]["1.000894"]
    assert "1.000894" in found("kết hôn")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not ProcedureEntry.objects.get(procedure=page.procedure).published
    assert "1.000894" not in found("kết hôn")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "1.000894" in found("kết hôn")


def test_POR_k_a_removed_procedure_disappears(small_catalogue, django_capture_on_commit_callbacks):
    page = small_catalogue["pages"]["3.000346"]
    procedure = page.procedure
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
        procedure.delete()
    assert not ProcedureEntry.objects.filter(procedure_id=procedure.pk).exists()
    assert "3.000346" not in found("giấy phép lái xe")


def test_one_task_per_transaction_however_many_changes(
    small_catalogue, django_capture_on_commit_callbacks
):
    procedures = [page.procedure for page in small_catalogue["pages"].values()]
    with (
        mock.patch("search.tasks.procedures_index_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        for procedure in procedures:
            procedure.description = "Đã sửa."
            procedure.save()
    assert delay.call_count == 1
    assert sorted(delay.call_args.args[0]) == sorted(p.pk for p in procedures)


def test_POR_k_an_import_updates_the_index(db, django_capture_on_commit_callbacks):
    from addons.catalogue.importing import catalogue_import

    folder = Path(__file__).resolve().parents[2] / "addons" / "catalogue" / "demo_data"
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_import(path=folder)
    assert ProcedureEntry.objects.filter(published=True).count() == Procedure.objects.count() > 0
    assert "1.001193" in found("dang ky khai sinh")[:3]


def test_rebuild_command_rewrites_every_entry_with_progress(small_catalogue, capsys):
    ProcedureEntry.objects.all().delete()
    assert found("khai sinh") == []
    call_command("search_index", "--rebuild")
    out = capsys.readouterr().out
    assert "100%" in out and "8/8" in out
    assert ProcedureEntry.objects.count() == 8
    assert found("khai sinh")[0] == "1.001193"


def test_the_catalogue_page_searches_after_a_change(
    client, small_catalogue, django_capture_on_commit_callbacks
):
    index = small_catalogue["index"]
    with django_capture_on_commit_callbacks(execute=True):
        publish(index, code="1.004837", name="Thủ tục đăng ký giám hộ", record_type="STANDARD")
    html = client.get(index.url, {"q": "dang ky giam ho"}).content.decode()
    assert 'data-code="1.004837"' in html
    assert "<mark>đăng ký giám hộ</mark>" in html.replace("</mark> <mark>", " ")


def test_POR_k_a_renamed_field_shows_in_the_facets(
    small_catalogue, django_capture_on_commit_callbacks
):
    from search.interface import ProcedureQuery, search_procedures

    civil = small_catalogue["fields"][0]
    with django_capture_on_commit_callbacks(execute=True):
        civil.code = "G15-HT"
        civil.name = "Hộ tịch (mới)"
        civil.save()
    facets = search_procedures(ProcedureQuery(text="đăng ký")).facets["field"]
    assert {"key": "G15-HT", "name": "Hộ tịch (mới)", "count": 3} in facets
    hits = search_procedures(ProcedureQuery(text="đăng ký", field="G15-HT")).hits
    assert {hit.code for hit in hits} == {"1.001193", "1.000894", "1.004222"}


def test_POR_k_a_new_address_above_the_procedures_reaches_the_search(
    small_catalogue, django_capture_on_commit_callbacks
):
    """Wagtail rewrites the addresses under a renamed page without a signal for each: the search
    copies of the procedures there are rewritten, and text results link to the new address."""
    from addons.catalogue.selectors import ProcedureFilters, procedure_search

    index = small_catalogue["index"]
    procedure = small_catalogue["pages"]["1.001193"].procedure
    before = ProcedureEntry.objects.get(procedure=procedure).revision
    assert procedure_search(ProcedureFilters(q="khai sinh")).page.object_list  # rows kept
    with django_capture_on_commit_callbacks(execute=True):
        index.slug = "thu-tuc-moi"
        index.save()
    assert ProcedureEntry.objects.get(procedure=procedure).revision != before
    listed = procedure_search(ProcedureFilters(q="khai sinh")).page.object_list
    assert "/thu-tuc-moi/" in {p.code: p.page.url for p in listed}["1.001193"]
