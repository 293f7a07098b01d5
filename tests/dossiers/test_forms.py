"""The printable forms (biểu mẫu): A5 PDFs with the code and its QR code, and the register (OSS-2, OSS-7, OSS-9)."""

import csv
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from reportlab.platypus import KeepTogether, Paragraph, Table

from addons.accounts.factories import StaffFactory
from addons.catalogue.factories import AgencyFactory, UnitFactory
from addons.catalogue.models import DocumentItem
from addons.dossiers import forms
from addons.dossiers.factories import DossierFactory
from addons.dossiers.forms import render
from addons.dossiers.forms.fonts import FILES, VIETNAMESE_LETTERS, missing_glyphs
from addons.dossiers.models import Channel, DossierDocument, DossierEvent, Status, StepRecord
from addons.dossiers.tasks import form_generate_task

pytestmark = pytest.mark.django_db

BASE_URL = "https://dichvucong.example.gov.vn"
CODE = "000.00.18.H37-261128-0001"
A5_BOX = (0.0, 0.0, 419.53, 595.28)
A4_LANDSCAPE_BOX = (0.0, 0.0, 841.89, 595.28)
# What each form needs beyond the dossier, so that every form can be rendered.
CONTEXT = {
    "01": {},
    "02": {"items": ["Bản sao Giấy khai sinh"]},
    "03": {"reason": "Hồ sơ không thuộc thẩm quyền"},
    "04": {"reason": "Cần xác minh thêm", "new_due_at": datetime(2026, 12, 10, 3, tzinfo=UTC)},
    "05": {},
    "DG": {"reason": "Người nộp đề nghị dừng"},
}


def local(*args) -> datetime:
    """A time in Hanoi (UTC+7), given as its wall-clock reading."""
    return datetime(*args, tzinfo=UTC) - timedelta(hours=7)


@pytest.fixture(autouse=True)
def _settings(settings, media):
    settings.PORTAL_BASE_URL = BASE_URL


@pytest.fixture
def clerk():
    return StaffFactory(full_name="Trần Thị Bình")


@pytest.fixture
def dossier():
    """A dossier received at the desk on 28/11/2026 at 15:30, due on 05/12/2026 at 15:30."""
    agency = AgencyFactory(name="Sở Tư pháp", identifier="000.00.18.H37")
    dossier = DossierFactory(
        agency=agency,
        code=CODE,
        channel=Channel.DIRECT,
        status=Status.PROCESSING,
        applicant_name="Nguyễn Văn An",
        applicant_address="Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội",
        applicant_phone="0912345678",
        applicant_email="an@example.vn",
        submitted_at=local(2026, 11, 28, 15, 0),
        received_at=local(2026, 11, 28, 15, 30),
        due_at=local(2026, 12, 5, 15, 30),
        original_due_at=local(2026, 12, 5, 15, 30),
    )
    item = DocumentItem.objects.filter(group__procedure=dossier.procedure).first()
    DossierDocument.objects.create(
        dossier=dossier,
        item=item,
        title="to-khai.pdf",
        file=ContentFile(b"%PDF-1.7", name="to-khai.pdf"),
    )
    return dossier


def media_boxes(pdf: bytes) -> list[tuple[float, ...]]:
    found = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [tuple(round(float(n), 2) for n in box) for box in found]


def printed(content: forms.FormContent) -> str:
    """Every paragraph that goes on paper, in order (the PDF itself holds glyph ids, not text)."""
    texts = []

    def walk(flowable):
        if isinstance(flowable, Paragraph):
            texts.append(flowable.text)
        elif isinstance(flowable, Table):
            for row in flowable._cellvalues:
                for cell in row:
                    for part in cell if isinstance(cell, list | tuple) else [cell]:
                        walk(part)
        elif isinstance(flowable, KeepTogether):
            for part in flowable._content:
                walk(part)

    for flowable in render.form_story(content, 340):
        walk(flowable)
    return "\n".join(texts)


@pytest.mark.parametrize("number", list(CONTEXT))
def test_OSS_9_each_form_prints_as_an_a5_pdf_with_the_code_and_the_national_header(dossier, number):
    pdf = forms.form_pdf_bytes(dossier, number, **CONTEXT[number])
    content = forms.form_context(dossier, number, **CONTEXT[number])
    text = printed(content)

    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert media_boxes(pdf) and set(media_boxes(pdf)) == {A5_BOX}
    assert CODE in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "SỞ TƯ PHÁP" in text
    assert content.title.upper() in text


def test_OSS_9_the_qr_code_encodes_the_public_lookup_url(dossier, monkeypatch):
    encoded = []
    original = render.qr_drawing
    monkeypatch.setattr(
        render, "qr_drawing", lambda payload: encoded.append(payload) or original(payload)
    )

    forms.form_pdf_bytes(dossier, "03", reason="Không đủ điều kiện")

    assert encoded == [f"{BASE_URL}/tra-cuu-ho-so/?code={CODE}"]
    assert forms.form_context(dossier, "01").lookup_url == encoded[0]


def test_OSS_2_form_01_gives_the_receipt_and_the_appointment(dossier, clerk):
    content = forms.form_context(dossier, "01", actor=clerk)
    fields = content.fields

    assert fields["Tiếp nhận hồ sơ của"] == "Nguyễn Văn An"
    assert fields["Địa chỉ"] == "Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội"
    assert fields["Số điện thoại"] == "0912345678"
    assert fields["Email"] == "an@example.vn"
    assert fields["Nội dung yêu cầu giải quyết"] == dossier.procedure.name
    assert content.grid.rows == [["1", "Tờ khai", "01", ""]]
    assert fields["2. Số lượng hồ sơ"] == "01 bộ"
    assert fields["3. Thời gian giải quyết hồ sơ theo quy định"] == "5 ngày làm việc"
    assert fields["4. Thời gian nhận hồ sơ"] == "15 giờ 30 phút, ngày 28/11/2026"
    assert fields["5. Thời gian trả kết quả giải quyết hồ sơ"] == "15 giờ 30 phút, ngày 05/12/2026"
    assert fields["6. Nơi nhận kết quả"] == "Bộ phận Một cửa, Sở Tư pháp"
    assert [(s.role, s.name) for s in content.signatures] == [
        ("NGƯỜI NỘP HỒ SƠ", dossier.submitter_name or "Nguyễn Văn An"),
        ("NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Thị Bình"),
    ]
    assert "Quyển số: 2026, Số thứ tự: 01" in printed(content)


def test_OSS_2_form_01_is_printed_twice_one_copy_for_the_applicant(dossier):
    pdf = forms.form_pdf_bytes(dossier, "01")

    assert len(media_boxes(pdf)) == 2
    assert "Liên 2: Giao người nộp hồ sơ" in printed(forms.form_context(dossier, "01"))


def test_OSS_2_form_02_lists_every_item_asked_at_once(dossier, clerk):
    asked = ["Bản sao Giấy khai sinh", "Sổ hộ khẩu có chứng thực", "Ảnh 4x6 nền trắng"]
    event = DossierEvent.objects.create(
        dossier=dossier,
        kind="supplement_requested",
        at=local(2026, 11, 29, 9, 0),
        actor=clerk,
        note="Thiếu giấy tờ",
        data={"items": asked},
    )

    content = forms.form_context(dossier, "02", event=event)

    assert content.items == asked
    assert all(f"{n}. {item}" in printed(content) for n, item in enumerate(asked, 1))
    assert content.fields["Lý do"] == "Thiếu giấy tờ"
    assert content.signatures[0].name == "Trần Thị Bình"
    with pytest.raises(forms.FormError, match="items"):
        forms.form_context(dossier, "02")


def test_OSS_2_form_03_states_the_reason_for_refusing(dossier, clerk):
    event = DossierEvent.objects.create(
        dossier=dossier,
        kind="refused",
        at=local(2026, 11, 28, 16, 0),
        actor=clerk,
        note="Thủ tục không thuộc thẩm quyền của Sở Tư pháp",
    )

    content = forms.form_context(dossier, "03", event=event)

    assert content.fields["Lý do"] == "Thủ tục không thuộc thẩm quyền của Sở Tư pháp"
    assert content.dateline == "Ngày 28 tháng 11 năm 2026"
    with pytest.raises(forms.FormError, match="reason"):
        forms.form_context(dossier, "03")


def test_OSS_2_form_04_gives_the_reason_and_the_new_date(dossier):
    event = DossierEvent.objects.create(
        dossier=dossier,
        kind="apology",
        at=local(2026, 12, 2, 10, 0),
        note="Phải xác minh tại địa phương",
        data={
            "previous_due_at": local(2026, 12, 5, 15, 30).isoformat(),
            "due_at": local(2026, 12, 12, 9, 0).isoformat(),
        },
    )

    content = forms.form_context(dossier, "04", event=event, place="Hà Nội")

    assert content.fields["Lý do"] == "Phải xác minh tại địa phương"
    assert content.fields["Thời gian hẹn trả kết quả"] == "15 giờ 30 phút, ngày 05/12/2026"
    assert content.fields["Thời gian hẹn trả kết quả mới"] == "09 giờ 00 phút, ngày 12/12/2026"
    assert content.dateline == "Hà Nội, ngày 02 tháng 12 năm 2026"


def test_the_notice_of_stopping_gives_the_reason_and_the_time(dossier):
    event = DossierEvent.objects.create(
        dossier=dossier, kind="stopped", at=local(2026, 12, 1, 8, 15), note="Người nộp đề nghị dừng"
    )

    content = forms.form_context(dossier, forms.FORM_STOP, event=event)

    assert content.title == "Thông báo dừng giải quyết hồ sơ"
    assert content.fields["Lý do dừng giải quyết"] == "Người nộp đề nghị dừng"
    assert content.fields["Thời điểm dừng giải quyết"] == "08 giờ 15 phút, ngày 01/12/2026"


def test_OSS_7_form_05_has_a_row_per_step_with_its_timeliness(dossier):
    unit = UnitFactory(parent=dossier.agency, name="Phòng Hành chính tư pháp")
    specialist = StaffFactory(full_name="Lê Văn Cường")
    steps = [  # name, then started, due and finished as (month, day, hour) in 2026
        ("Thẩm định hồ sơ", (11, 28, 15, 30), (12, 2, 17), (12, 1, 10)),
        ("Xem xét, trình ký", (12, 1, 10), (12, 2, 10), (12, 3, 9)),
        ("Phê duyệt", (12, 3, 9), (12, 4, 9), None),
    ]
    for order, (name, started, due, finished) in enumerate(steps, 1):
        StepRecord.objects.create(
            dossier=dossier, order=order, name=name, unit=unit, budget_hours=Decimal(8),
            assignee=specialist if order == 1 else None,
            started_at=local(2026, *started), due_at=local(2026, *due),
            finished_at=local(2026, *finished) if finished else None,
            paused_hours=Decimal(4) if order == 2 else 0,
        )  # fmt: skip

    content = forms.form_context(dossier, "05", issued_at=local(2026, 12, 3, 14, 0))
    rows = content.grid.rows

    assert len(rows) == 3
    assert [row[2] for row in rows] == ["Trước hạn", "Quá hạn", "Đang giải quyết, trong hạn"]
    assert rows[0][0] == (
        "1. Thẩm định hồ sơ\nGiao: Bộ phận Một cửa\nNhận: Phòng Hành chính tư pháp (Lê Văn Cường)"
    )
    assert "Giao, nhận: 15 giờ 30 phút, ngày 28/11/2026" in rows[0][1]
    assert rows[1][3] == "Tạm dừng 4 giờ làm việc"
    assert content.fields["Kết quả giải quyết hồ sơ"] == "Đang giải quyết, trong hạn"


def test_OSS_9_storing_a_form_twice_keeps_both_versions(dossier, clerk):
    first = forms.form_generate(dossier, "01", actor=clerk)
    second = forms.form_generate(dossier, "01", actor=clerk)

    stored = list(
        DossierDocument.objects.filter(dossier=dossier, kind="form", form_number="01")
        .order_by("version")
        .values_list("version", "is_current")
    )
    assert stored == [(1, False), (2, True)]
    assert second.title == "Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert second.uploaded_by == clerk
    with second.file.open("rb") as file:
        assert file.read(5) == b"%PDF-"
    assert first.file.name != second.file.name
    issued = DossierEvent.objects.filter(dossier=dossier, kind=forms.FORM_ISSUED)
    assert [event.data["version"] for event in issued] == [1, 2]


def test_the_task_issues_a_form_once_per_event(dossier, clerk):
    event = DossierEvent.objects.create(
        dossier=dossier, kind="refused", at=local(2026, 11, 28, 16), note="Sai mẫu tờ khai"
    )

    first = form_generate_task.delay(dossier.pk, "03", actor_id=clerk.pk, event_id=event.pk).get()
    again = form_generate_task.delay(dossier.pk, "03", actor_id=clerk.pk, event_id=event.pk).get()

    document = DossierDocument.objects.get(dossier=dossier, form_number="03")
    assert first == document.pk and again is None
    assert forms.form_issued_for_event(dossier, "03", event.pk)
    assert not forms.form_issued_for_event(dossier, "02", event.pk)


def test_a_form_refuses_unknown_numbers_and_keys(dossier):
    with pytest.raises(forms.FormError, match="no form"):
        forms.form_context(dossier, "07")
    with pytest.raises(TypeError, match="reasons"):
        forms.form_context(dossier, "03", reasons="typo")
    dossier.code = None
    with pytest.raises(forms.FormError, match="no code"):
        forms.form_context(dossier, "01")


def test_decomposed_vietnamese_is_printed_composed(dossier):
    dossier.applicant_name = unicodedata.normalize("NFD", "Phạm Thị Hương")

    assert forms.form_context(dossier, "01").fields["Tiếp nhận hồ sơ của"] == "Phạm Thị Hương"


@pytest.mark.parametrize("face", list(FILES))
def test_OSS_9_the_shipped_font_has_every_vietnamese_letter(face):
    assert missing_glyphs(VIETNAMESE_LETTERS + "Ạ Ả Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ đ Đ ơ ư Ư Ơ", face) == set()
    assert missing_glyphs("Hồ sơ 你", face) == {"你"}  # the check does find a missing glyph


def test_OSS_9_the_register_lists_the_dossiers_received_in_the_period(dossier):
    agency = dossier.agency
    second = DossierFactory(
        agency=agency,
        code="000.00.18.H37-261130-0001",
        status=Status.RETURNED,
        applicant_name="=HYPERLINK(1)",
        received_at=local(2026, 11, 30, 23, 30),
        due_at=local(2026, 12, 4, 17),
        finished_at=local(2026, 12, 3, 9),
        returned_at=local(2026, 12, 3, 10),
        outcome="approved",
    )
    DossierFactory(
        agency=agency, code="000.00.18.H37-261201-0001", received_at=local(2026, 12, 1, 0, 30)
    )
    DossierFactory(
        agency=AgencyFactory(), code="000.00.19.H37-261128-0001", received_at=local(2026, 11, 28, 9)
    )

    data = forms.register_csv(agency, date(2026, 11, 28), date(2026, 11, 30))
    lines = list(csv.reader(data.decode("utf-8-sig").splitlines()))

    assert data.startswith(b"\xef\xbb\xbf")
    assert lines[0] == forms.REGISTER_HEADER
    assert [(line[0], line[1]) for line in lines[1:]] == [("1", CODE), ("2", second.code)]
    assert lines[2][4] == "'=HYPERLINK(1)"
    received, due, transferred, result, returned = lines[2][7:12]
    assert (received, due, transferred) == ("30/11/2026 23:30", "04/12/2026 17:00", "")
    assert (result, returned) == ("03/12/2026 09:00", "03/12/2026 10:00")
    assert lines[2][13] == "Đã trả kết quả; Trước hạn"


def test_OSS_9_the_register_prints_on_a4_landscape(dossier):
    pdf = forms.register_pdf(dossier.agency, date(2026, 11, 1), date(2026, 11, 30))

    assert pdf.startswith(b"%PDF-")
    assert set(media_boxes(pdf)) == {A4_LANDSCAPE_BOX}
