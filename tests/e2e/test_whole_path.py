"""Browser test of the whole path (issue 4, acceptance 1; OSS-2, OSS-7, OSS-9, POR-d, POR-q, GEN-7).

A citizen applies online with an upload; the receiving clerk, signed in with a password and a
TOTP code, accepts the dossier and downloads the receipt (form 01) whose QR code is decoded from
the rendered page; a specialist and the unit head each take and complete their step; the agency
leader attaches the signed result and approves it; the clerk returns it electronically; the
citizen downloads it. The history shows every step with who did it and when.

Everything after the set-up of staff and the procedure is done through the pages, as people do.
"""

import re
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from addons.accounts.factories import StaffFactory, UserFactory
from addons.catalogue.factories import UnitFactory
from addons.catalogue.models import DocumentItem
from addons.dossiers.models import Dossier, Status
from tests.conftest import totp_now
from tests.dossiers.conftest import PDF
from tests.e2e.test_apply import online_procedure, private_media, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

__all__ = ["online_procedure", "private_media"]  # fixtures shared with test_apply

PASSWORD = "mat-khau-can-bo"
RESULT = b"%PDF-1.7\n% Phieu ly lich tu phap so 1, da ky\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(online_procedure):
    """The agency's desk and processing unit, one member per role, and the citizen."""
    agency = online_procedure.procedure.agencies.get()
    desk = UnitFactory(parent=agency, name="Bộ phận Một cửa")
    unit = UnitFactory(parent=agency, name="Phòng Hành chính tư pháp")

    def member(username, full_name, role, unit=None):
        return StaffFactory(
            username=username,
            full_name=full_name,
            password=PASSWORD,
            agency=agency,
            unit=unit,
            roles=[role],
            otp=True,
        )

    return {
        "unit": unit,
        "citizen": UserFactory(
            username="congdan", password="mat-khau-cong-dan", full_name="Trần Thị Lan"
        ),
        "clerk": member("motcua", "Lê Văn Tiếp", "Cán bộ một cửa", desk),
        "specialist": member("chuyenvien", "Phạm Thu Thẩm", "Chuyên viên", unit),
        "head": member("truongphong", "Hoàng Minh Duyệt", "Lãnh đạo phòng", unit),
        "leader": member("giamdoc", "Vũ Quốc Ký", "Lãnh đạo cơ quan"),
    }


def staff_sign_in(browser, live_server, user):
    """A staff member's own browser: the back office asks for the password, then the TOTP code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/backoffice/")
    page.wait_for_url("**/accounts/login/**")
    sign_in(page, user.username, PASSWORD)
    page.wait_for_url("**/accounts/otp/**")
    page.fill("input[name=token]", totp_now(TOTPDevice.objects.get(user=user)))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/backoffice/$"))
    return page


def open_from_worklist(page, worklist: str, dossier: Dossier, status: str = "") -> None:
    page.locator(f".bo-nav a[href$='/lists/{worklist}/']").click()
    page.wait_for_url(f"**/lists/{worklist}/**")
    if status:
        page.locator(f".tabs a[data-status={status}]").click()
        page.wait_for_url(f"**status={status}**")
    page.locator(f"tr[data-dossier='{dossier.pk}'] a").click()
    page.wait_for_url(f"**/backoffice/dossiers/{dossier.pk}/")


def do(page, action: str, fill=None) -> None:
    """Open the action on the dossier page, fill its form, send it, and see it done."""
    page.locator(f"#action-{action} summary").click()
    form = page.locator(f"#action-{action} form")
    if fill:
        fill(form)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".alert[role=alert]").count() == 0, page.locator(".alert").inner_text()


def downloaded(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def qr_payloads(pdf: bytes) -> list[str]:
    """Render the PDF's first page as a scanner would see it and decode its QR codes."""
    import pypdfium2
    import zxingcpp

    image = pypdfium2.PdfDocument(BytesIO(pdf))[0].render(scale=4).to_pil()
    return [found.text for found in zxingcpp.read_barcodes(image)]


def pdf_text(pdf: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(BytesIO(pdf))
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def test_OSS_2_POR_q_the_whole_path_from_application_to_downloaded_result(
    live_server, browser, page, tmp_path, private_media, online_procedure, people
):
    procedure = online_procedure.procedure
    declaration = DocumentItem.objects.get(group__procedure=procedure, name="Tờ khai")
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF)
    result_file = tmp_path / "phieu-ly-lich-tu-phap.pdf"
    result_file.write_bytes(RESULT)

    # 1. The citizen applies online from the procedure page, with the declaration attached.
    page.goto(live_server.url + online_procedure.url)
    page.locator("a.button-apply").click()
    page.wait_for_url("**/accounts/login/**")
    sign_in(page, "congdan", "mat-khau-cong-dan")
    page.wait_for_url(f"**/nop-ho-so/{procedure.code}/")
    page.fill("input[name=applicant_address]", "Số 12 phố Huế, Hà Nội")
    page.fill("input[name=applicant_phone]", "0912345678")
    page.fill("textarea[name=eform-muc_dich]", "Xin việc tại Công ty Ánh Dương")
    page.set_input_files(f"input[name=doc-{declaration.pk}]", str(scan))
    page.get_by_test_id("continue").click()
    page.wait_for_url("**/xem-lai/")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r".*/ho-so-cua-toi/[0-9a-f-]{36}/$"))
    citizen_dossier_url = page.url
    code = page.get_by_test_id("dossier-code").inner_text().strip()
    assert re.fullmatch(r"000\.00\.18\.H37-\d{6}-0001", code)
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == Status.SUBMITTED

    # 2. The receiving clerk accepts it at the desk and hands out the receipt (form 01).
    clerk = staff_sign_in(browser, live_server, people["clerk"])
    open_from_worklist(clerk, "desk", dossier)
    assert "Tờ khai" in clerk.locator("section[aria-labelledby=documents]").inner_text()
    do(clerk, "accept", lambda f: f.locator("select").select_option(str(people["unit"].pk)))
    receipt = downloaded(clerk, clerk.locator("a[data-receipt]"))
    assert receipt.startswith(b"%PDF-")
    assert code in pdf_text(receipt)
    [payload] = qr_payloads(receipt)
    assert parse_qs(urlsplit(payload).query)["code"] == [code]
    # the QR code leads anyone to the dossier's public status
    clerk.goto(live_server.url + urlsplit(payload).path + "?" + urlsplit(payload).query)
    assert code in clerk.locator("main").inner_text()

    # 3. The specialist of the unit takes the dossier from the unit's list and appraises it.
    specialist = staff_sign_in(browser, live_server, people["specialist"])
    open_from_worklist(specialist, "unit", dossier)
    do(specialist, "take")
    assert people["specialist"].get_full_name() in specialist.locator("dd.handler").inner_text()
    do(specialist, "complete", lambda f: f.locator("textarea").fill("Hồ sơ đủ điều kiện."))

    # 4. The unit head reviews it and submits it for signature.
    head = staff_sign_in(browser, live_server, people["head"])
    open_from_worklist(head, "unit", dossier)
    do(head, "take")
    do(head, "complete", lambda f: f.locator("textarea").fill("Trình ký."))

    # 5. The leader attaches the signed result and approves it.
    leader = staff_sign_in(browser, live_server, people["leader"])
    open_from_worklist(leader, "approvals", dossier)
    do(
        leader,
        "attach-result",
        lambda f: f.locator("input[type=file]").set_input_files(result_file),
    )
    do(leader, "approve")
    dossier.refresh_from_db()
    assert (dossier.status, dossier.outcome) == (Status.RESULT_READY, "approved")

    # 6. The clerk, back at the desk, returns the result electronically.
    clerk.goto(live_server.url + "/backoffice/")
    open_from_worklist(clerk, "desk", dossier, status=Status.RESULT_READY)
    do(clerk, "return-result", lambda f: f.locator("input[value=electronic]").check())
    dossier.refresh_from_db()
    assert (dossier.status, dossier.return_method) == (Status.RETURNED, "electronic")

    # 7. The citizen finds it among the finished dossiers and downloads the result.
    page.goto(live_server.url + "/ho-so-cua-toi/?tab=finished")
    page.locator(f".dossier-card[data-dossier='{dossier.uuid}'] a.title").click()
    page.wait_for_url(citizen_dossier_url)
    assert downloaded(page, page.locator("#results a").first) == RESULT
    citizen_history = page.locator("#history li")
    assert [citizen_history.nth(i).get_attribute("data-event") for i in range(4)] == [
        "submitted",
        "received",
        "step_completed",
        "step_started",
    ]
    assert page.locator("#history li[data-event=returned] time").count() == 1

    # 8. The history shows every step, with who did it and when.
    clerk.goto(f"{live_server.url}/backoffice/dossiers/{dossier.pk}/")
    rows = clerk.locator("table.history tbody tr")
    history = [
        (
            rows.nth(i).get_attribute("data-event"),
            rows.nth(i).locator("td").nth(3).inner_text().strip(),
            rows.nth(i).locator("time").get_attribute("datetime"),
        )
        for i in range(rows.count())
    ]
    name = {key: str(people[key]) for key in ("clerk", "specialist", "head", "leader")}
    steps = [(kind, actor) for kind, actor, _at in history if kind != "form_issued"]
    assert steps == [
        ("submitted", str(people["citizen"])),
        ("received", name["clerk"]),
        ("assigned", name["specialist"]),
        ("step_completed", name["specialist"]),
        ("step_started", name["specialist"]),
        ("assigned", name["head"]),
        ("step_completed", name["head"]),
        ("step_started", name["head"]),
        ("document_added", name["leader"]),
        ("approved", name["leader"]),
        ("returned", name["clerk"]),
    ]
    notes = [rows.nth(i).locator("td").nth(4).inner_text().strip() for i in range(rows.count())]
    assert [n for n in notes if n] == ["Hồ sơ đủ điều kiện.", "Trình ký."]  # no internal data
    times = [timezone.datetime.fromisoformat(at) for _kind, _actor, at in history]
    assert times == sorted(times) and all(t <= timezone.now() for t in times)
    step_rows = clerk.locator("table.steps-table tbody tr")
    assert step_rows.count() == 3
    for i, key in enumerate(("specialist", "head", "leader")):
        cells = step_rows.nth(i).locator("td")
        assert cells.nth(5).inner_text().strip() != "—", f"step {i + 1} is finished"
        if key != "leader":  # the leader approved without taking the step first
            assert cells.nth(2).inner_text().strip() == name[key]

    for staff_page in (clerk, specialist, head, leader):
        staff_page.context.close()
