"""The national catalogue import, `manage.py import_dvcqg PATH` (OSS-1, OSS-5), on the demo set."""

import json
import shutil
import unicodedata
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page

from addons.catalogue import importing
from addons.catalogue.importing.pages import PagePublisher
from addons.catalogue.models import (
    AdministrativeUnit,
    Agency,
    DocumentGroup,
    DocumentItem,
    Field,
    LegalDocument,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureChannel,
    ProcedureIndexPage,
    ProcedurePage,
    ResultType,
    SubjectType,
)
from pages.models import HomePage

DEMO = Path(importing.__file__).resolve().parent.parent / "demo_data"
SUMMARY_ONLY = 10
FULL = 30
M2M = ("fields", "subject_types", "results", "legal_bases")

pytestmark = pytest.mark.django_db


def run(path, *args) -> tuple[str, str]:
    """Run the command in English; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("import_dvcqg", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *args) -> tuple[str, str, str]:
    """Run the command, which must fail; return (stdout, stderr, the error)."""
    out, err = StringIO(), StringIO()
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import_dvcqg", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(error.value)


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the demo set that a test may change."""
    return Path(shutil.copytree(DEMO, tmp_path / "dvcqg"))


def read_detail(folder: Path, code: str) -> dict:
    return json.loads((folder / "details" / f"{code}.json").read_text())


def write_detail(folder: Path, code: str, wrapper: dict) -> None:
    (folder / "details" / f"{code}.json").write_text(json.dumps(wrapper, ensure_ascii=False))


def snapshot() -> dict[str, list[dict]]:
    """Every row the import writes."""
    models = [
        Procedure,
        ProcedureChannel,
        ProcedureCase,
        DocumentGroup,
        DocumentItem,
        ProcedureAgency,
        Agency,
        Field,
        SubjectType,
        ResultType,
        LegalDocument,
        AdministrativeUnit,
        Page,
        ProcedurePage,
    ] + [getattr(Procedure, name).through for name in M2M]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_demo_set_creates_procedures_pages_fields_and_provinces():
    out, err = run(DEMO)

    assert Procedure.objects.count() == FULL + SUMMARY_ONLY
    assert Procedure.objects.filter(completeness="full").count() == FULL
    assert Procedure.objects.filter(completeness="summary").count() == SUMMARY_ONLY
    assert Field.objects.count() == 16
    assert AdministrativeUnit.objects.filter(level="province").count() == 34
    assert AdministrativeUnit.objects.get(code="01").name == "Thành phố Hà Nội"
    index = ProcedureIndexPage.objects.get()
    assert (index.title, index.slug, index.show_in_menus, index.live) == (
        "Thủ tục hành chính",
        "thu-tuc-hanh-chinh",
        True,
        True,
    )
    assert isinstance(index.get_parent().specific, HomePage)
    pages = ProcedurePage.objects.child_of(index)
    assert pages.count() == pages.live().count() == 40
    assert Page.objects.get(pk=index.pk).numchild == 40
    assert "40 created, 0 updated, 0 unchanged, 0 failed" in out
    assert err == ""


def test_procedure_1_001193_has_its_full_record():
    run(DEMO)

    procedure = Procedure.objects.get(code="1.001193")
    assert procedure.name == "Thủ tục đăng ký khai sinh"
    assert procedure.completeness == "full"
    assert procedure.field.name == "Hộ tịch"
    assert procedure.field.code == "G15-TP07"
    assert [f.name for f in procedure.fields.all()] == ["Hộ tịch"]
    assert procedure.levels == ["commune"]
    assert not procedure.level_inferred
    assert procedure.online_service == "partial"
    assert (procedure.has_online, procedure.has_postal, procedure.has_direct) == (True, True, True)
    assert procedure.requirements.startswith("Trong thời hạn 60 ngày")
    assert procedure.decision["proposalNumber"] == "163/QĐ-BTP"
    assert procedure.source_updated_at.year == 2026
    assert procedure.source_hash and procedure.imported_at

    channels = list(procedure.channels.all())
    assert [c.method for c in channels] == ["ONLINE", "POSTAL", "DIRECT"]
    assert {(c.processing_time, c.time_unit) for c in channels} == {(Decimal("1"), "WORKING_DAY")}
    fee = channels[0].fees[0]
    assert (fee["type"], fee["value"]) == ("SERVICE_FEE", 0)
    assert fee["description"].startswith("Miễn lệ phí đăng ký khai sinh đúng hạn")
    case = procedure.cases.get()
    assert (case.code, case.processing_time, case.time_unit) == ("1.001193.01", 1, "WORKING_DAY")

    groups = list(procedure.document_groups.all())
    assert [(g.name, g.items.count()) for g in groups] == [
        ("* Giấy tờ phải nộp:", 3),
        ("* Giấy tờ phải xuất trình:", 2),
    ]
    form = groups[0].items.get(code="000.00.00.G15-KQ900119301")
    assert (form.original_qty, form.copy_qty, form.has_electronic_form) == (1, 0, True)
    assert form.templates == [
        {
            "file_name": "To khai dang ky khai sinh.docx",
            "path": "configuring/019fa9bb-1156-713b-aa52-e84120bb9658/To khai dang ky khai sinh.docx",
        }
    ]
    assert sorted(d.code for d in procedure.legal_bases.all()) == [
        "04/2020/TT-BTP",
        "123/2015/NĐ-CP",
        "60/2014/QH13",
    ]
    assert [(r.code, r.name) for r in procedure.results.all()] == [
        ("KQ.G15.000031", "Giấy khai sinh")
    ]
    assert {s.code for s in procedure.subject_types.all()} == {"ĐT1", "DT12"}
    roles = {(r.role, r.agency.name, r.agency.kind) for r in procedure.agency_roles.all()}
    assert roles == {
        ("executing", "Ủy ban nhân dân cấp xã", "group"),
        ("competent", "Chủ tịch UBND cấp xã", "group"),
        ("promulgating", "Bộ Tư pháp", "ministry"),
    }
    page = procedure.page
    assert page.slug == "1-001193-thu-tuc-dang-ky-khai-sinh"
    assert (page.title, page.seo_title) == ("Thủ tục đăng ký khai sinh",) * 2
    assert page.live and page.url == "/thu-tuc-hanh-chinh/1-001193-thu-tuc-dang-ky-khai-sinh/"


def test_decomposed_text_is_stored_composed():
    raw = read_detail(DEMO, "1.001612")["data"]["executionSteps"][0]["description"]
    assert not unicodedata.is_normalized("NFC", raw)  # the demo set's NFD field

    run(DEMO)

    stored = Procedure.objects.get(code="1.001612").steps[0]["description"]
    assert stored == unicodedata.normalize("NFC", raw).strip()
    assert unicodedata.is_normalized("NFC", stored)


def test_second_run_reports_everything_unchanged_and_changes_no_row():
    run(DEMO)
    before = snapshot()

    out, _err = run(DEMO)

    assert snapshot() == before
    assert "0 created, 0 updated, 40 unchanged, 0 failed" in out
    assert "Nothing changed" in out


def test_changed_record_is_updated_and_its_parts_replaced(folder):
    run(folder)
    procedure = Procedure.objects.get(code="1.001193")
    old_channels = set(procedure.channels.values_list("pk", flat=True))
    slug = procedure.page.slug
    wrapper = read_detail(folder, "1.001193")
    data = wrapper["data"]
    data["name"] = "Thủ tục đăng ký khai sinh (sửa đổi)"
    data["executionMethods"] = [
        m for m in data["executionMethods"] if m["submissionMethod"] != "POSTAL"
    ]
    data["executionMethods"][0]["fees"][0]["value"] = 8000
    data["executionCases"] = data["executionCases"][:1]
    data["isFullProcess"] = True
    write_detail(folder, "1.001193", wrapper)

    out, _err = run(folder)

    assert "0 created, 1 updated, 39 unchanged, 0 failed" in out
    procedure.refresh_from_db()
    assert procedure.name == "Thủ tục đăng ký khai sinh (sửa đổi)"
    assert procedure.online_service == "full"
    assert not procedure.has_postal
    channels = list(procedure.channels.all())
    assert [c.method for c in channels] == ["ONLINE", "DIRECT"]
    assert channels[0].fees[0]["value"] == 8000
    assert not old_channels & {c.pk for c in channels}
    assert ProcedureChannel.objects.filter(pk__in=old_channels).count() == 0
    assert [g.name for g in procedure.document_groups.all()] == ["* Giấy tờ phải nộp:"]
    assert DocumentItem.objects.filter(group__procedure=procedure).count() == 3
    assert procedure.agency_roles.count() == 3
    assert procedure.legal_bases.count() == 3
    page = ProcedurePage.objects.get(procedure=procedure)
    assert page.title == "Thủ tục đăng ký khai sinh (sửa đổi)"
    assert page.slug == slug  # never changed: links to the page keep working
    assert ProcedurePage.objects.count() == 40


def test_OSS_1_editor_guidance_survives_reimport_of_a_changed_record(folder):
    run(folder)
    page = ProcedurePage.objects.get(procedure__code="1.001193")
    page.guidance = [("paragraph", "<p>Mang theo giấy chứng sinh bản chính.</p>")]
    page.faq = [("question", {"question": "Có mất phí không?", "answer": "<p>Không.</p>"})]
    page.save_revision().publish()
    wrapper = read_detail(folder, "1.001193")
    wrapper["data"]["name"] = "Đăng ký khai sinh"
    write_detail(folder, "1.001193", wrapper)

    out, _err = run(folder)

    assert "1 updated" in out
    page = ProcedurePage.objects.get(pk=page.pk)
    assert page.title == "Đăng ký khai sinh"
    assert page.guidance[0].value.source == "<p>Mang theo giấy chứng sinh bản chính.</p>"
    assert page.faq[0].value["question"] == "Có mất phí không?"
    assert page.procedure.name == "Đăng ký khai sinh"


def test_summary_only_records_become_information_pages_with_inferred_levels():
    run(DEMO)

    summaries = Procedure.objects.filter(completeness="summary")
    assert summaries.count() == SUMMARY_ONLY
    assert ProcedurePage.objects.filter(procedure__in=summaries).live().count() == SUMMARY_ONLY
    assert set(summaries.values_list("online_service", flat=True)) == {"none"}
    assert not summaries.filter(has_online=True).exists()
    assert not ProcedureChannel.objects.filter(procedure__in=summaries).exists()
    assert summaries.filter(level_inferred=True).count() == SUMMARY_ONLY
    residence = Procedure.objects.get(code="1.003677")  # Công an cấp Xã
    assert residence.levels == ["commune"]
    assert residence.field.name == "Đăng ký, quản lý cư trú"
    assert residence.subject_types.count() == 4
    passport = Procedure.objects.get(code="1.001471")  # Cục Quản lý xuất nhập cảnh - Bộ Công an
    assert passport.levels == ["ministry"]
    company = Procedure.objects.get(code="2.002043")  # Sở Tài chính tỉnh Lâm Đồng
    assert company.levels == ["province"]
    licence = Procedure.objects.get(code="3.000348")  # Công an cấp Tỉnh, Công an cấp Xã
    assert licence.levels == ["province", "commune"]
    executing = company.agency_roles.get(role="executing").agency
    assert (executing.name, executing.kind) == ("Sở Tài chính tỉnh Lâm Đồng", "department")
    # The summary's name-only agency and the full record's agency with an id are one agency.
    assert Agency.objects.filter(name="Sở Tài chính tỉnh Lâm Đồng").count() == 1
    assert Agency.objects.filter(name="Ủy ban nhân dân cấp xã").count() == 1


def line_of(lines: list[str], code: str) -> int:
    return next(i for i, line in enumerate(lines) if f'"code":"{code}"' in line)


def test_malformed_inputs_are_reported_and_the_others_imported(folder):
    catalog = folder / "catalog.jsonl"
    lines = catalog.read_text().splitlines()
    broken, no_code = line_of(lines, "2.001035"), line_of(lines, "1.003677")  # summaries only
    lines[broken] = lines[broken][:40]
    record = json.loads(lines[no_code])
    del record["code"]
    lines[no_code] = json.dumps(record, ensure_ascii=False)
    lines.append(lines[line_of(lines, "1.001193")])
    catalog.write_text("\n".join(lines) + "\n")
    (folder / "details" / "1.000894.json").write_text('{"code": "OK", "data": {"code": "1.0')
    wrapper = read_detail(folder, "1.001022")
    wrapper["data"]["executionMethods"] = "ONLINE"
    write_detail(folder, "1.001022", wrapper)

    out, err, error = run_failing(folder)

    assert f"catalog.jsonl, line {broken + 1}: invalid JSON" in err
    assert f"catalog.jsonl, line {no_code + 1}: the record has no code" in err
    assert f"catalog.jsonl, line {len(lines)}: code 1.001193 is already on line 1" in err
    assert "details/1.000894.json: invalid JSON" in err
    assert "details/1.001022.json: executionMethods should be a list, not text" in err
    assert "36 created, 0 updated, 0 unchanged, 5 failed" in out
    assert error == "5 record(s) could not be imported; the others were."
    codes = set(Procedure.objects.values_list("code", flat=True))
    assert len(codes) == ProcedurePage.objects.count() == 36
    assert {"2.001035", "1.003677", "1.000894", "1.001022"}.isdisjoint(codes)
    assert Procedure.objects.get(code="1.001193").completeness == "full"


def test_a_failed_record_is_rolled_back_alone(folder, monkeypatch):
    """A failure after the record's first writes leaves nothing of it, and the next record
    that names the same new field creates it again instead of pointing at a rolled-back row."""
    for code in ("1.001193", "1.000894"):  # the first two lines
        wrapper = read_detail(folder, code)
        field = {"id": "new", "name": "Lĩnh vực mới", "code": "X"}
        wrapper["data"]["category"], wrapper["data"]["categoriesDetails"] = field, [field]
        write_detail(folder, code, wrapper)
    create = PagePublisher.create

    def create_failing_for_1_001193(self, procedure):
        if procedure.code == "1.001193":
            raise RuntimeError("the page could not be written")
        return create(self, procedure)

    monkeypatch.setattr(PagePublisher, "create", create_failing_for_1_001193)

    _out, err, _error = run_failing(folder)

    assert "details/1.001193.json: the page could not be written" in err
    assert not Procedure.objects.filter(code="1.001193").exists()
    assert not ProcedureChannel.objects.filter(procedure__code="1.001193").exists()
    assert Procedure.objects.count() == ProcedurePage.objects.count() == 39
    assert Procedure.objects.get(code="1.000894").field == Field.objects.get(external_id="new")


def test_wrong_types_and_values_are_reported_with_the_field(folder):
    wrapper = read_detail(folder, "1.001193")
    wrapper["data"]["cases"][0]["processingDay"]["qty"] = 10**9
    write_detail(folder, "1.001193", wrapper)
    wrapper = read_detail(folder, "1.000894")
    wrapper["data"]["isWard"] = "yes"
    write_detail(folder, "1.000894", wrapper)

    _out, err, _error = run_failing(folder)

    assert "details/1.001193.json: cases[0].processingDay.qty is out of range" in err
    assert "details/1.000894.json: isWard should be true or false, not text" in err
    assert Procedure.objects.count() == 38


def test_missing_folder_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="No folder at"), translation.override("en"):
        call_command("import_dvcqg", str(tmp_path / "nowhere"), stdout=StringIO())


def test_missing_catalog_is_a_command_error(folder):
    (folder / "catalog.jsonl").unlink()

    with pytest.raises(CommandError, match="No catalog.jsonl in"), translation.override("en"):
        call_command("import_dvcqg", str(folder), stdout=StringIO())
    assert not Procedure.objects.exists()


def test_detail_without_a_catalogue_line_still_imports(folder):
    lines = (folder / "catalog.jsonl").read_text().splitlines()
    (folder / "catalog.jsonl").write_text("\n".join(lines[1:]) + "\n")  # drop 1.001193

    out, _err = run(folder)

    assert "40 created" in out
    assert Procedure.objects.get(code="1.001193").completeness == "full"


def test_limit_and_progress_lines(monkeypatch):
    monkeypatch.setattr("addons.catalogue.importing.services.BATCH_SIZE", 10)

    out, _err = run(DEMO, "--limit", "25")

    assert Procedure.objects.count() == 25
    progress = [line for line in out.splitlines() if "records read" in line]
    assert [line.split(" records")[0] for line in progress] == ["10", "20", "25"]
    assert "Import finished in" in out


def test_long_names_fit_the_page_title_and_the_slug(folder):
    wrapper = read_detail(folder, "1.001193")
    wrapper["data"]["name"] = "Đăng ký biến động đất đai " * 90  # 2,340 characters
    write_detail(folder, "1.001193", wrapper)

    out, _err = run(folder)

    procedure = Procedure.objects.get(code="1.001193")
    assert len(procedure.name) <= 2000 and procedure.name.endswith("…")
    assert "details/1.001193.json: procedure name cut to 2000 characters" in out
    page = procedure.page
    assert len(page.title) <= 255 and page.title.endswith("…")
    assert len(page.search_description) <= 160
    assert len(page.slug) <= 80
    assert page.slug.startswith("1-001193-dang-ky-bien-dong-dat-dai-dang-ky")
    assert not page.slug.endswith("-")


def test_demo_data_command_imports_the_demo_catalogue_and_is_safe_to_rerun():
    out = StringIO()
    with translation.override("en"):
        call_command("load_demo_data", stdout=out)
        call_command("load_demo_data", stdout=out)

    assert Procedure.objects.count() == 40
    assert ProcedurePage.objects.count() == 40
    lines = [line for line in out.getvalue().splitlines() if line.startswith("Catalogue")]
    assert lines == [
        "Catalogue: 40 created, 0 updated, 0 unchanged, 0 failed.",
        "Catalogue: 0 created, 0 updated, 40 unchanged, 0 failed.",
    ]


def test_a_summary_becomes_full_when_its_detail_arrives_and_never_the_reverse(folder):
    detail = folder / "details" / "1.001193.json"
    kept = detail.read_bytes()
    detail.unlink()
    run(folder)
    procedure = Procedure.objects.get(code="1.001193")
    assert (procedure.completeness, procedure.level_inferred) == ("summary", True)
    assert not procedure.channels.exists()

    detail.write_bytes(kept)
    out, _err = run(folder)

    assert "0 created, 1 updated, 39 unchanged" in out
    procedure.refresh_from_db()
    assert (procedure.completeness, procedure.level_inferred) == ("full", False)
    assert procedure.channels.count() == 3
    assert ProcedurePage.objects.filter(procedure=procedure).count() == 1

    detail.unlink()  # a later folder without the detail: the full record stays
    out, _err = run(folder)

    assert "0 created, 0 updated, 40 unchanged" in out
    procedure.refresh_from_db()
    assert procedure.completeness == "full" and procedure.channels.count() == 3


def test_a_broken_provinces_file_is_reported_and_the_procedures_still_import(folder):
    (folder / "provinces.json").write_text('{"code": "OK", "data": {"rows": [')

    out, err, _error = run_failing(folder)

    assert "Failed: provinces.json: invalid JSON" in err
    assert not AdministrativeUnit.objects.exists()
    assert Procedure.objects.count() == 40
    assert "40 created, 0 updated, 0 unchanged, 1 failed" in out
