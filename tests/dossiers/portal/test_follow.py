"""Following one's dossiers: sections, the dossier page, supplements, withdrawal, results
(POR-m, POR-đ, POR-q), and no one else's dossier, ever.
"""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from addons.accounts.factories import UserFactory
from addons.dossiers import services
from addons.dossiers.factories import DossierFactory
from addons.dossiers.models import Status
from addons.dossiers.portal.selectors import SECTIONS
from tests.dossiers.conftest import PDF, pdf
from workflows.dossier import act, open_task

from .conftest import submitted_dossier
from .html import block

pytestmark = pytest.mark.django_db


def url(dossier, suffix: str = "", lang: str = "") -> str:
    return f"{lang}/ho-so-cua-toi/{dossier.uuid}/{suffix}"


def listed(html: str) -> set[str]:
    """The dossiers (uuids) in the list shown."""
    return {
        chunk.split('data-dossier="', 1)[1].split('"', 1)[0]
        for chunk in html.split('class="dossier-card"')[1:]
    }


def approve(dossier, staff) -> None:
    """From the first processing step to the approved result, through the flow."""
    act(dossier, staff.specialist, "complete", expected_step=1)
    act(dossier, staff.head, "complete", expected_step=2)
    act(dossier, staff.leader, "approve")


def test_every_status_is_in_exactly_one_section():
    sections = [status for statuses in SECTIONS.values() for status in statuses]
    assert sorted(sections) == sorted(Status.values)


def test_POR_m_my_dossiers_by_section(applicant_client, applicant, staff, media):
    draft = DossierFactory(applicant=applicant, agency=staff.agency)
    in_progress = submitted_dossier(applicant=applicant, agency=staff.agency)
    services.dossier_accept(dossier=in_progress, actor=staff.clerk)
    in_progress.refresh_from_db()
    to_supplement = submitted_dossier(applicant=applicant, agency=staff.agency)
    services.dossier_request_supplement(
        dossier=to_supplement, actor=staff.clerk, items=["Bản sao giấy tờ tùy thân"]
    )
    finished = submitted_dossier(applicant=applicant, agency=staff.agency)
    services.dossier_withdraw(dossier=finished, actor=applicant, reason="Nộp nhầm")
    submitted_dossier(applicant=UserFactory(), agency=staff.agency)  # someone else's

    expected = {
        "drafts": draft,
        "in_progress": in_progress,
        "supplement": to_supplement,
        "finished": finished,
    }
    for tab, dossier in expected.items():
        html = applicant_client.get(f"/en/ho-so-cua-toi/?tab={tab}").content.decode()
        assert listed(html) == {str(dossier.uuid)}, tab
        assert f'data-tab="{tab}" aria-current="page"' in html

    row = block(
        applicant_client.get("/en/ho-so-cua-toi/?tab=in_progress").content.decode(),
        f'data-dossier="{in_progress.uuid}"',
    )
    assert in_progress.code in row and in_progress.procedure.name in row
    assert "Processing" in row and "Within deadline" in row
    assert in_progress.due_at.astimezone().strftime("%d/%m/%Y") in row
    # with something to add, the list opens there
    html = applicant_client.get("/en/ho-so-cua-toi/").content.decode()
    assert listed(html) == {str(to_supplement.uuid)}


def test_the_dossier_page_shows_history_documents_and_answers(client, submitted, staff):
    services.dossier_request_supplement(
        dossier=submitted, actor=staff.clerk, items=["Tờ khai"], note="Tờ khai chưa ký"
    )
    client.force_login(submitted.applicant)
    html = client.get(url(submitted, lang="/en")).content.decode()
    assert f'data-testid="dossier-code">{submitted.code}<' in html
    history = block(html, 'class="timeline"', "</ol>")
    assert 'data-event="submitted"' in history and 'data-event="supplement_requested"' in history
    assert "Tờ khai chưa ký" in history
    assert "Đề nghị giải quyết" in block(html, 'id="form-data"', "</section>")
    assert "giay-to.pdf" in block(html, 'id="documents"', "</section>")
    supplement = block(html, 'id="supplement"', "</section>")
    assert "Tờ khai chưa ký" in supplement and 'name="item-0"' in supplement


def test_POR_d_a_supplement_at_reception_goes_back_to_the_desk(client, submitted, staff):
    items = ["Bản sao giấy tờ tùy thân", "Giấy xác nhận cư trú"]
    services.dossier_request_supplement(dossier=submitted, actor=staff.clerk, items=items)
    client.force_login(submitted.applicant)

    response = client.post(
        url(submitted, "bo-sung/"), {"item-0": pdf("cccd.pdf"), "note": "Đã bổ sung bản sao"}
    )
    assert response.status_code == 302 and response["Location"] == url(submitted)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    added = submitted.documents.get(item__name="Bản sao giấy tờ tùy thân")
    assert added.uploaded_by == submitted.applicant
    event = submitted.events.filter(kind="supplement_received").get()
    assert event.note == "Đã bổ sung bản sao" and event.status_to == Status.SUBMITTED


def test_POR_d_a_supplement_during_processing_resumes_processing(client, submitted, staff):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    submitted.refresh_from_db()
    services.dossier_request_supplement(dossier=submitted, actor=staff.clerk, items=["Tờ khai"])
    client.force_login(submitted.applicant)

    client.post(url(submitted, "bo-sung/"), {"item-0": pdf("to-khai-da-ky.pdf")})
    submitted.refresh_from_db()
    assert submitted.status == Status.PROCESSING and submitted.paused_since is None
    versions = submitted.documents.filter(item__name="Tờ khai").values_list("version", "is_current")
    assert list(versions) == [(1, True)]
    html = client.get(url(submitted, lang="/en")).content.decode()
    assert "to-khai-da-ky.pdf" in block(html, 'id="documents"', "</section>")


def test_a_refused_supplement_file_changes_nothing(client, submitted, staff):
    services.dossier_request_supplement(dossier=submitted, actor=staff.clerk, items=["Tờ khai"])
    client.force_login(submitted.applicant)
    fake = SimpleUploadedFile("to-khai.pdf", b"<html>not a pdf</html>")

    response = client.post(url(submitted, "bo-sung/", "/en"), {"item-0": fake})
    assert response.status_code == 200
    assert "is not really a PDF file" in block(response.content.decode(), 'data-upload="item-0"')
    empty = client.post(url(submitted, "bo-sung/", "/en"), {"note": "Không có tệp"})
    assert "Attach at least one of the documents asked for." in empty.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUPPLEMENT_REQUESTED
    assert submitted.documents.count() == 1


def test_withdrawal_before_reception_is_immediate_and_ends_the_flow(
    client, submitted, django_capture_on_commit_callbacks
):
    client.force_login(submitted.applicant)
    page = client.get(url(submitted, "rut/", "/en"))
    assert page.status_code == 200 and "withdrawn at once" in page.content.decode()
    refused = client.post(url(submitted, "rut/", "/en"), {"reason": " "})
    assert "This field is required." in refused.content.decode()
    assert open_task(submitted) is not None

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(submitted, "rut/"), {"reason": "Nộp nhầm thủ tục"})
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWN
    assert submitted.events.get(kind="withdrawn").note == "Nộp nhầm thủ tục"
    assert open_task(submitted) is None
    assert 'data-testid="withdraw-link"' not in client.get(url(submitted)).content.decode()


def test_withdrawal_during_processing_asks_the_agency(client, submitted, staff):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    client.force_login(submitted.applicant)
    client.post(url(submitted, "rut/"), {"reason": "Không còn nhu cầu"})
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWAL_REQUESTED


def test_POR_q_the_applicant_downloads_the_electronic_result(client, submitted, staff):
    client.force_login(submitted.applicant)
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    early = services.document_add(
        dossier=submitted, actor=staff.specialist, uploaded=pdf("du-thao.pdf"), kind="result"
    )
    assert client.get(url(submitted, f"giay-to/{early.pk}/")).status_code == 404

    approve(submitted, staff)
    result = services.document_add(
        dossier=submitted, actor=staff.leader, uploaded=pdf("ket-qua.pdf"), kind="result"
    )
    act(submitted, staff.clerk, "return_result", method="electronic")

    html = client.get(url(submitted, lang="/en")).content.decode()
    results = block(html, 'id="results"', "</section>")
    assert f'href="{url(submitted, f"giay-to/{result.pk}/", "/en")}"' in results
    assert "du-thao.pdf" not in results
    assert client.get(url(submitted, f"giay-to/{early.pk}/")).status_code == 404
    response = client.get(url(submitted, f"giay-to/{result.pk}/"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="ket-qua.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert str(settings.MEDIA_ROOT) not in result.file.path


def test_a_document_of_another_dossier_is_not_reachable_through_ones_own(client, submitted, staff):
    mine = submitted_dossier(applicant=submitted.applicant, agency=staff.agency)
    theirs = submitted_dossier(applicant=UserFactory(), agency=staff.agency)
    client.force_login(submitted.applicant)
    document = theirs.documents.get()
    assert client.get(url(mine, f"giay-to/{document.pk}/")).status_code == 404
    own = mine.documents.get()
    assert client.get(url(mine, f"giay-to/{own.pk}/")).status_code == 200


DOSSIER_URLS = [
    ("get", ""),
    ("get", "sua/"),
    ("post", "sua/"),
    ("get", "xem-lai/"),
    ("post", "nop/"),
    ("post", "bo-sung/"),
    ("get", "rut/"),
    ("post", "rut/"),
    ("get", "giay-to/{document}/"),
]


@pytest.fixture
def draft(media):
    dossier = DossierFactory()
    services.document_add(dossier=dossier, actor=dossier.applicant, uploaded=pdf())
    return dossier


@pytest.mark.parametrize("method, suffix", DOSSIER_URLS)
@pytest.mark.parametrize("which", ["draft", "submitted"])
def test_another_citizen_gets_404_on_every_dossier_url(
    other_client, request, which, method, suffix
):
    dossier = request.getfixturevalue(which)
    status = dossier.status
    target = url(dossier, suffix.format(document=dossier.documents.get().pk))
    response = getattr(other_client, method)(target, {"reason": "x", "item-0": pdf()})
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == status and dossier.documents.count() == 1


@pytest.mark.parametrize("method, suffix", DOSSIER_URLS)
def test_anonymous_visitors_are_sent_to_sign_in_on_every_dossier_url(submitted, method, suffix):
    target = url(submitted, suffix.format(document=submitted.documents.get().pk))
    response = getattr(Client(), method)(target)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_my_dossiers_needs_a_signed_in_citizen(client):
    assert client.get("/ho-so-cua-toi/")["Location"].startswith("/accounts/login/")
