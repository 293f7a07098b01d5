"""Applying online through the pages, as a citizen would (POR-a, POR-d)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from addons.catalogue.factories import AgencyFactory, ProcedureFactory, ProcedurePageFactory
from addons.catalogue.models import Procedure, ProcedureAgency
from addons.dossiers.factories import DossierFactory
from addons.dossiers.models import Dossier, DossierCounter, DossierDocument, DossierEvent, Status
from addons.dossiers.uploads import MAX_UPLOAD_BYTES
from tests.dossiers.conftest import PDF, pdf

from .conftest import filled
from .html import block, field_values

pytestmark = pytest.mark.django_db


def apply_url(procedure, lang: str = "") -> str:
    return f"{lang}/nop-ho-so/{procedure.code}/"


def test_POR_d_the_procedure_page_offers_to_apply_online(client, procedure_page, procedure):
    html = client.get(procedure_page.url).content.decode()
    assert f'href="/nop-ho-so/{procedure.code}/"' in html

    offline = ProcedureFactory(online_service=Procedure.OnlineService.NONE, has_online=False)
    offline_page = ProcedurePageFactory(procedure=offline)
    assert "/nop-ho-so/" not in client.get(offline_page.url).content.decode()
    client.force_login(DossierFactory().applicant)
    assert client.get(apply_url(offline)).status_code == 404


def test_POR_a_the_form_is_filled_from_the_profile(applicant_client, applicant, procedure_page):
    response = applicant_client.get(apply_url(procedure_page.procedure, "/en"))
    assert response.status_code == 200
    html = response.content.decode()
    values = field_values(html)
    assert values["applicant_name"] == "Trần Thị Lan"
    assert values["applicant_identity_number"] == "001190012345"
    assert values["applicant_email"] == applicant.email
    assert values["eform-ho_ten"] == "Trần Thị Lan"  # the field's prefill: full name
    assert values["applicant_address"] == "" and values["eform-ho_ten_cha"] == ""
    # each field with its help text; the single executing agency chosen already
    assert "Ghi đầy đủ họ tên." in html and "Nêu rõ nơi sẽ nộp phiếu." in html
    assert values["agency"] == str(procedure_page.procedure.agencies.get().pk)
    assert Dossier.objects.count() == 0  # nothing is created by looking


def test_POR_a_the_form_is_filled_from_an_earlier_dossier(
    applicant_client, applicant, procedure_page, staff
):
    DossierFactory(
        applicant=applicant,
        agency=staff.agency,
        status=Status.RETURNED,
        code="000.00.18.H37-260101-0001",
        submitted_at=timezone.now(),
        applicant_address="Số 5 Tràng Tiền, Hà Nội",
        applicant_phone="0987654321",
        form_data={"ho_ten_cha": "Trần Văn Hùng", "ly_do": "Xin việc năm trước"},
    )
    values = field_values(
        applicant_client.get(apply_url(procedure_page.procedure)).content.decode()
    )
    assert values["applicant_address"] == "Số 5 Tràng Tiền, Hà Nội"
    assert values["applicant_phone"] == "0987654321"
    assert values["eform-ho_ten_cha"] == "Trần Văn Hùng"
    assert values["eform-ly_do"] == ""  # free text describes one request: never copied


def test_POR_d_a_draft_is_saved_and_resumed(applicant_client, procedure_page, staff, items):
    procedure = procedure_page.procedure
    data = filled(staff.agency, **{f"doc-{items['Tờ khai'].pk}": pdf("to-khai.pdf")})
    response = applicant_client.post(apply_url(procedure), data)

    dossier = Dossier.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/ho-so-cua-toi/{dossier.uuid}/sua/"
    )
    assert dossier.status == Status.DRAFT and dossier.code is None
    assert dossier.applicant_address == "Số 12 phố Huế, phường Hai Bà Trưng, Hà Nội"
    assert dossier.form_data == {
        "ho_ten": "Trần Thị Lan",
        "ngay_sinh": "1990-05-17",
        "ho_ten_cha": "Trần Văn Hùng",
        "ly_do": "Bổ sung hồ sơ xin việc tại Sở Giáo dục",
    }
    assert list(dossier.documents.values_list("item__name", flat=True)) == ["Tờ khai"]

    # later: the draft is listed, and opens with everything as it was left
    listing = applicant_client.get("/ho-so-cua-toi/?tab=drafts").content.decode()
    assert f"/ho-so-cua-toi/{dossier.uuid}/sua/" in listing
    html = applicant_client.get(f"/ho-so-cua-toi/{dossier.uuid}/sua/").content.decode()
    assert field_values(html)["eform-ly_do"] == "Bổ sung hồ sơ xin việc tại Sở Giáo dục"
    assert "to-khai.pdf" in block(html, f'data-upload="doc-{items["Tờ khai"].pk}"')

    applicant_client.post(
        f"/ho-so-cua-toi/{dossier.uuid}/sua/", filled(staff.agency, **{"eform-ho_ten_cha": ""})
    )
    dossier.refresh_from_db()
    assert dossier.form_data["ho_ten_cha"] == "" and Dossier.objects.count() == 1


def fake_pdf():
    return SimpleUploadedFile("to-khai.pdf", b"<html><body>not a pdf</body></html>")


def oversized_pdf():
    return SimpleUploadedFile("to-khai.pdf", PDF + b"0" * MAX_UPLOAD_BYTES)


@pytest.mark.parametrize(
    "bad_file, message",
    [
        (fake_pdf, "is not really a PDF file"),
        (oversized_pdf, "the limit is 10.0\xa0MB"),
    ],
)
def test_POR_d_a_refused_file_is_reported_at_its_item_and_nothing_else_is_lost(
    applicant_client, procedure_page, staff, items, bad_file, message
):
    declaration, copy = items["Tờ khai"], items["Bản sao giấy tờ tùy thân"]
    data = filled(
        staff.agency,
        **{f"doc-{declaration.pk}": bad_file(), f"doc-{copy.pk}": pdf("cccd.pdf")},
    )
    response = applicant_client.post(apply_url(procedure_page.procedure, "/en"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in block(html, f'data-upload="doc-{declaration.pk}"')
    assert message not in block(html, f'data-upload="doc-{copy.pk}"')
    # what was typed is on the page and in the draft; the good file is kept, the bad one is not
    assert field_values(html)["eform-ly_do"] == "Bổ sung hồ sơ xin việc tại Sở Giáo dục"
    dossier = Dossier.objects.get()
    assert dossier.form_data["ly_do"] == "Bổ sung hồ sơ xin việc tại Sở Giáo dục"
    assert dossier.applicant_phone == "0912 345 678"
    assert list(dossier.documents.values_list("item", flat=True)) == [copy.pk]
    # the next save goes to the same draft
    assert f'action="/en/ho-so-cua-toi/{dossier.uuid}/sua/"' in html


def test_POR_d_upload_rules_are_shown_next_to_each_input(applicant_client, procedure_page, items):
    html = applicant_client.get(apply_url(procedure_page.procedure, "/en")).content.decode()
    for item in items.values():
        entry = block(html, f'data-upload="doc-{item.pk}"')
        assert "Allowed: DOC, DOCX, JPEG, JPG, PDF, PNG; at most 10.0\xa0MB per file." in entry
        assert f"Originals: {item.original_qty} · Copies: {item.copy_qty}" in entry
        assert 'accept=".doc,.docx,.jpeg,.jpg,.pdf,.png"' in entry


def test_review_asks_for_what_submission_needs(applicant_client, procedure_page, staff, items):
    data = filled(staff.agency, action="review", **{"eform-ngay_sinh": "", "applicant_phone": ""})
    html = applicant_client.post(apply_url(procedure_page.procedure, "/en"), data).content.decode()

    assert "This field is required." in block(html, 'data-field="eform-ngay_sinh"', "</div>")
    assert "This field is required." in block(html, 'data-field="applicant_phone"', "</div>")
    assert "Attach this document: it is required." in block(
        html, f'data-upload="doc-{items["Tờ khai"].pk}"'
    )
    dossier = Dossier.objects.get()
    assert dossier.status == Status.DRAFT and dossier.form_data["ho_ten_cha"] == "Trần Văn Hùng"
    # submitting anyway (an old tab, a crafted request) is sent back to the form
    response = applicant_client.post(f"/ho-so-cua-toi/{dossier.uuid}/nop/")
    assert response["Location"] == f"/ho-so-cua-toi/{dossier.uuid}/sua/?check=1"
    assert Dossier.objects.get().status == Status.DRAFT


def test_POR_d_review_submit_shows_the_code_and_a_second_submit_creates_nothing(
    applicant_client, procedure_page, staff, items
):
    data = filled(staff.agency, action="review", **{f"doc-{items['Tờ khai'].pk}": pdf()})
    response = applicant_client.post(apply_url(procedure_page.procedure), data)
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/ho-so-cua-toi/{dossier.uuid}/xem-lai/"

    review = applicant_client.get(response["Location"]).content.decode()
    assert "Bổ sung hồ sơ xin việc tại Sở Giáo dục" in review and "17/05/1990" in review
    assert f'action="/ho-so-cua-toi/{dossier.uuid}/nop/"' in review

    response = applicant_client.post(f"/en/ho-so-cua-toi/{dossier.uuid}/nop/", follow=True)
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    assert dossier.code.startswith("000.00.18.H37-") and dossier.code.endswith("-0001")
    html = response.content.decode()
    assert f'data-testid="dossier-code">{dossier.code}<' in html
    assert f"Your dossier is submitted. Its code is {dossier.code}" in html

    again = applicant_client.post(f"/en/ho-so-cua-toi/{dossier.uuid}/nop/", follow=True)
    assert again.redirect_chain[-1][0] == f"/en/ho-so-cua-toi/{dossier.uuid}/"
    assert "already submitted, with the code" in again.content.decode()
    assert Dossier.objects.count() == 1
    assert Dossier.objects.get().code == dossier.code
    assert DossierEvent.objects.filter(kind="submitted").count() == 1
    assert DossierCounter.objects.get().last_number == 1


def test_without_configured_fields_the_form_asks_for_the_request(applicant_client, staff):
    procedure = ProcedureFactory(parts__agency=staff.agency)
    ProcedurePageFactory(procedure=procedure)
    html = applicant_client.get(apply_url(procedure, "/en")).content.decode()
    assert 'name="eform-noi_dung"' in html and "Details of your request" in html

    applicant_client.post(
        apply_url(procedure), filled(staff.agency, **{"eform-noi_dung": "Cấp lại giấy phép"})
    )
    assert Dossier.objects.get().form_data == {"noi_dung": "Cấp lại giấy phép"}


def test_the_applicant_chooses_among_several_agencies(applicant_client, procedure_page, staff):
    procedure = procedure_page.procedure
    second = AgencyFactory(identifier="000.00.19.H37", name="UBND quận Ba Đình")
    ProcedureAgency.objects.create(
        procedure=procedure, agency=second, role=ProcedureAgency.Role.EXECUTING
    )
    AgencyFactory(identifier="", name="Phòng không có mã định danh")
    html = applicant_client.get(apply_url(procedure)).content.decode()
    assert "Sở Tư pháp" in html and "UBND quận Ba Đình" in html
    assert '<select name="agency"' in html and "không có mã định danh" not in html

    response = applicant_client.post(
        apply_url(procedure, "/en"), {**filled(staff.agency), "agency": ""}
    )
    assert "Choose the agency that will receive your dossier." in response.content.decode()
    assert Dossier.objects.count() == 0

    applicant_client.post(apply_url(procedure), filled(second))
    assert Dossier.objects.get().agency == second


def test_without_an_executing_agency_every_agency_with_an_identifier_is_offered(
    applicant_client, staff
):
    procedure = ProcedureFactory(parts__agency=AgencyFactory(identifier="", name="Không mã"))
    ProcedurePageFactory(procedure=procedure)
    AgencyFactory(identifier="000.00.20.H37", name="UBND huyện Sóc Sơn")
    html = applicant_client.get(apply_url(procedure)).content.decode()
    assert '<select name="agency"' in html
    assert "Sở Tư pháp" in html and "UBND huyện Sóc Sơn" in html and "Không mã" not in html


def test_anonymous_visitors_sign_in_first_and_staff_cannot_apply(client, procedure_page, staff):
    url = apply_url(procedure_page.procedure)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    client.force_login(staff.clerk)
    assert client.get(url).status_code == 403
    assert DossierDocument.objects.count() == 0
