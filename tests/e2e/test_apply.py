"""Browser test: a citizen applies online from the procedure page, saves a draft, resumes it,
submits, and finds the dossier with its code in "my dossiers" (POR-a, POR-d, POR-m).
"""

import re

import pytest

from addons.accounts.factories import UserFactory
from addons.catalogue.factories import AgencyFactory, ProcedureFactory, ProcedurePageFactory
from addons.catalogue.models import DocumentItem, ProcedureFormField
from addons.dossiers import services
from addons.dossiers.factories import DossierFactory
from addons.dossiers.models import Dossier, Status
from tests.dossiers.conftest import PDF, pdf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def online_procedure():
    agency = AgencyFactory(identifier="000.00.18.H37", name="Sở Tư pháp")
    procedure = ProcedureFactory(name="Cấp phiếu lý lịch tư pháp số 1", parts__agency=agency)
    DocumentItem.objects.filter(group__procedure=procedure, name="Tờ khai").update(required=True)
    page = ProcedurePageFactory(procedure=procedure)
    ProcedureFormField.objects.create(
        page=page,
        key="muc_dich",
        label="Mục đích sử dụng phiếu",
        kind=ProcedureFormField.Kind.TEXTAREA,
        help_text="Nêu rõ nơi sẽ nộp phiếu.",
    )
    return page


def sign_in(page, username: str, password: str) -> None:
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()


def test_citizen_applies_saves_a_draft_resumes_and_submits(
    live_server, page, tmp_path, private_media, online_procedure
):
    citizen = UserFactory(
        username="congdan", password="mat-khau-cong-dan", full_name="Trần Thị Lan"
    )
    declaration = DocumentItem.objects.get(
        group__procedure=online_procedure.procedure, name="Tờ khai"
    )
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF)

    page.goto(live_server.url + online_procedure.url)
    page.locator("a.button-apply").click()
    page.wait_for_url("**/accounts/login/**")
    sign_in(page, "congdan", "mat-khau-cong-dan")
    page.wait_for_url(f"**/nop-ho-so/{online_procedure.procedure.code}/")

    assert page.locator("input[name=applicant_name]").input_value() == "Trần Thị Lan"
    assert page.get_by_text("Nêu rõ nơi sẽ nộp phiếu.").is_visible()
    page.fill("input[name=applicant_address]", "Số 12 phố Huế, Hà Nội")
    page.fill("input[name=applicant_phone]", "0912345678")
    page.fill("textarea[name=eform-muc_dich]", "Bổ sung hồ sơ xin việc")
    page.set_input_files(f"input[name=doc-{declaration.pk}]", str(scan))
    page.get_by_test_id("save-draft").click()
    page.wait_for_url("**/ho-so-cua-toi/*/sua/")

    # later, from "my dossiers"
    page.goto(live_server.url + "/ho-so-cua-toi/?tab=drafts")
    page.locator(".dossier-card[data-status=draft] a.title").click()
    page.wait_for_url("**/sua/")
    assert page.locator("textarea[name=eform-muc_dich]").input_value() == "Bổ sung hồ sơ xin việc"
    assert page.locator(f"[data-upload=doc-{declaration.pk}] .file-name").inner_text() == (
        "to-khai.pdf"
    )
    page.get_by_test_id("continue").click()
    page.wait_for_url("**/xem-lai/")
    assert page.get_by_text("Bổ sung hồ sơ xin việc").is_visible()
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r".*/ho-so-cua-toi/[0-9a-f-]{36}/$"))

    code = page.get_by_test_id("dossier-code").inner_text().strip()
    assert re.fullmatch(r"000\.00\.18\.H37-\d{6}-0001", code)
    dossier = Dossier.objects.get(applicant=citizen)
    assert (dossier.code, dossier.status) == (code, Status.SUBMITTED)

    page.goto(live_server.url + "/ho-so-cua-toi/")
    card = page.locator(f".dossier-card[data-dossier='{dossier.uuid}']")
    assert code in card.inner_text()
    assert "Cấp phiếu lý lịch tư pháp số 1" in card.inner_text()


def test_the_citizen_pages_fit_a_phone(live_server, phone_page, private_media, online_procedure):
    citizen = UserFactory(username="congdan2", password="mat-khau-cong-dan")
    procedure = online_procedure.procedure
    dossier = DossierFactory(
        applicant=citizen, procedure=procedure, agency=procedure.agencies.get()
    )
    long_name = "ban_sao_giay_chung_nhan_quyen_su_dung_dat_va_tai_san_gan_lien_voi_dat.pdf"
    for item in DocumentItem.objects.filter(group__procedure=procedure):
        services.document_add(dossier=dossier, actor=citizen, uploaded=pdf(long_name), item=item)
    services.dossier_submit(dossier=dossier, actor=citizen)

    phone_page.goto(f"{live_server.url}/nop-ho-so/{procedure.code}/")
    sign_in(phone_page, "congdan2", "mat-khau-cong-dan")
    phone_page.wait_for_url("**/nop-ho-so/**")
    phone_page.fill("textarea[name=eform-muc_dich]", "Một đoạn văn bản rất dài " * 20)
    phone_page.get_by_test_id("save-draft").click()
    phone_page.wait_for_url("**/sua/")
    for path in ("", "/ho-so-cua-toi/?tab=drafts", f"/ho-so-cua-toi/{dossier.uuid}/"):
        if path:
            phone_page.goto(live_server.url + path)
        # clientWidth: a mobile browser widens innerWidth to fit content that overflows
        overflow = phone_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path or "draft"
    assert long_name in phone_page.locator("#documents").inner_text()
