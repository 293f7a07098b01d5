"""Consultations through the back office (OSS-2): the handler asks from the dossier page, the
consulted unit finds the question in its list and answers; only its staff may answer, and the
step waits for the answer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from addons.accounts.factories import StaffFactory
from addons.catalogue.factories import UnitFactory
from addons.dossiers.factories import AgencyStaff
from addons.dossiers.models import Consultation, Status
from tests.backoffice.helpers import offers, page, post, reload
from tests.dossiers.conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def legal(staff):
    unit = UnitFactory(parent=staff.agency, name="Phòng Pháp chế")
    unit.specialist = StaffFactory(agency=staff.agency, unit=unit, roles=["Chuyên viên"], otp=True)
    return unit


def ask(client, dossier, unit, **extra):
    fields = {"unit": unit.pk, "question": "Thửa đất có tranh chấp không?", "days": 3, **extra}
    return post(client, dossier, "consult", **fields)


def answer_url(consultation) -> str:
    return reverse("backoffice:consultation", args=[consultation.pk])


def test_OSS_2_the_handler_consults_another_unit_from_the_dossier_page(
    signed_in, taken, staff, legal
):
    client = signed_in(staff.specialist)
    html = page(client, taken)
    assert offers(html, "consult")
    assert (
        f'<option value="{legal.pk}">' in html and f'<option value="{staff.unit.pk}">' not in html
    )
    response = ask(client, taken, legal)
    assert response.status_code == 302
    consultation = Consultation.objects.get(dossier=taken)
    assert (consultation.unit, consultation.days, consultation.asked_by) == (
        legal,
        3,
        staff.specialist,
    )
    html = page(client, taken)
    assert f'data-consultation="{consultation.pk}"' in html and "state-within_deadline" in html
    assert 'data-event="consultation_requested"' in html
    assert offers(html, "withdraw-consultation")


def test_OSS_2_a_specialist_not_holding_the_dossier_cannot_consult(signed_in, taken, staff, legal):
    client = signed_in(staff.specialist2)
    assert not offers(page(client, taken), "consult")
    assert ask(client, taken, legal).status_code in (403, 409)
    assert not Consultation.objects.exists()


def test_OSS_2_a_bad_deadline_is_refused_with_the_form(signed_in, taken, staff, legal):
    response = ask(signed_in(staff.specialist), taken, legal, days=45)
    assert response.status_code == 400 and not Consultation.objects.exists()


def test_OSS_2_the_consulted_unit_sees_the_question_in_its_list_and_answers(
    signed_in, taken, staff, legal
):
    ask(signed_in(staff.specialist), taken, legal)
    consultation = Consultation.objects.get()

    client = signed_in(legal.specialist)
    home = client.get(reverse("backoffice:home")).content.decode()
    card = home.split('data-card="consultations"')[1].split("</a>")[0]
    assert '<span class="count-big">1</span>' in card
    listing = client.get(reverse("backoffice:consultations")).content.decode()
    assert f'data-consultation="{consultation.pk}"' in listing and taken.code in listing
    # the asking unit's staff have nothing to answer
    other_list = signed_in(staff.specialist).get(reverse("backoffice:consultations"))
    assert f'data-consultation="{consultation.pk}"' not in other_list.content.decode()

    client = signed_in(legal.specialist)
    html = client.get(answer_url(consultation)).content.decode()
    assert "Thửa đất có tranh chấp không?" in html and 'data-testid="answer-form"' in html
    paper = taken.documents.get()
    download = client.get(
        reverse("backoffice:consultation_document", args=[consultation.pk, paper.pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    # SEC: the consulted unit's reading of the applicant's paper is on record
    from addons.audit.models import Action, AuditEntry

    opened = AuditEntry.objects.filter(action=Action.DOCUMENT_DOWNLOAD, dossier=taken).last()
    assert opened is not None and opened.detail["document"] == paper.pk

    response = client.post(
        answer_url(consultation),
        {
            "answer": "Không có tranh chấp.",
            "attachment": SimpleUploadedFile("y-kien.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.ANSWERED
    assert consultation.attachment.sha256
    answered = client.get(reverse("backoffice:consultations") + "?tab=answered")
    assert f'data-consultation="{consultation.pk}"' in answered.content.decode()

    # the handler reads the answer and its file on the dossier page
    handler = signed_in(staff.specialist)
    html = page(handler, taken)
    assert "Không có tranh chấp." in html
    assert reverse("backoffice:document", args=[consultation.attachment.pk]) in html
    assert (
        handler.get(reverse("backoffice:document", args=[consultation.attachment.pk])).status_code
        == 200
    )


def test_OSS_2_only_staff_of_the_consulted_unit_can_answer(signed_in, taken, staff, legal):
    ask(signed_in(staff.specialist), taken, legal)
    consultation = Consultation.objects.get()

    # the asking side reads the consultation but gets no form and may not answer
    client = signed_in(staff.specialist)
    html = client.get(answer_url(consultation)).content.decode()
    assert "Thửa đất có tranh chấp không?" in html and 'data-testid="answer-form"' not in html
    response = client.post(answer_url(consultation), {"answer": "Tự trả lời"})
    assert response.status_code == 403
    # staff of another agency do not even see it
    outsider = AgencyStaff(identifier="000.00.19.H37").specialist
    assert signed_in(outsider).get(answer_url(consultation)).status_code == 404
    assert signed_in(outsider).post(answer_url(consultation), {"answer": "x"}).status_code == 404
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.OPEN and consultation.answer == ""


def test_OSS_2_a_consulted_agency_answers_without_seeing_the_dossier_page(signed_in, taken, staff):
    other = AgencyStaff(identifier="000.00.20.H37")
    ask(signed_in(staff.specialist), taken, other.agency)
    consultation = Consultation.objects.get()
    client = signed_in(other.specialist)
    assert client.get(reverse("backoffice:dossier", args=[taken.pk])).status_code == 404
    html = client.get(answer_url(consultation)).content.decode()
    assert reverse("backoffice:dossier", args=[taken.pk]) not in html
    assert client.post(answer_url(consultation), {"answer": "Đồng ý."}).status_code == 302
    assert reload(consultation).answered_by == other.specialist


def test_OSS_2_a_wrong_file_keeps_the_question_open_and_says_why(signed_in, taken, staff, legal):
    ask(signed_in(staff.specialist), taken, legal)
    consultation = Consultation.objects.get()
    fake = SimpleUploadedFile("y-kien.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    response = signed_in(legal.specialist).post(
        answer_url(consultation), {"answer": "Không có tranh chấp.", "attachment": fake}
    )
    assert response.status_code == 400
    assert "y-kien.pdf" in response.content.decode()
    assert "Không có tranh chấp." in response.content.decode()  # what was typed is kept
    assert reload(consultation).state == Consultation.State.OPEN


def test_OSS_2_the_step_waits_for_the_answer_or_a_withdrawal(signed_in, taken, staff, legal):
    client = signed_in(staff.specialist)
    ask(client, taken, legal)
    consultation = Consultation.objects.get()
    response = post(client, taken, "complete", expected_step=1, note="")
    assert response.status_code == 400 and reload(taken).current_step == 1
    errors = response.content.decode().split('class="errorlist nonfield"')[1].split("</ul>")[0]
    assert "Phòng Pháp chế" in errors  # the unit that has not answered yet

    response = post(
        client, taken, "withdraw-consultation", consultation=consultation.pk, reason="Không cần"
    )
    assert response.status_code == 302
    assert reload(consultation).state == Consultation.State.WITHDRAWN
    assert not offers(page(client, taken), "withdraw-consultation")
    assert post(client, taken, "complete", expected_step=1, note="").status_code == 302
    assert reload(taken).current_step == 2 and reload(taken).status == Status.PROCESSING
