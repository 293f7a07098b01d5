"""The staff's dossier page: applicant, form data, documents with versions, history, steps
(OSS-4, OSS-7, GEN-7), and file downloads streamed through a permission check."""

import pytest
from django.urls import reverse

from addons.dossiers import services
from addons.dossiers.models import DossierDocument
from tests.dossiers.conftest import PDF, pdf
from workflows.dossier import act

pytestmark = pytest.mark.django_db


def test_OSS_7_GEN_7_the_page_shows_the_dossier_its_history_and_its_steps(signed_in, taken, staff):
    act(taken, staff.specialist, "complete", expected_step=1, note="Hồ sơ hợp lệ")
    response = signed_in(staff.leader).get(reverse("backoffice:dossier", args=[taken.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert taken.code in html and taken.procedure.name in html
    assert taken.applicant_name in html and taken.applicant_phone in html
    assert "Đề nghị giải quyết" in html  # form data
    assert 'class="status status-processing"' in html
    for kind in ("submitted", "received", "assigned", "step_completed", "step_started"):
        assert f'data-event="{kind}"' in html
    history = html.split('class="bo-table history"')[1]
    assert str(staff.clerk) in history and str(staff.specialist) in history
    assert "Hồ sơ hợp lệ" in history
    assert "due_at" not in history and "previous" not in history  # no raw event data
    steps = html.split('class="bo-table steps-table"')[1].split("</table>")[0]
    assert 'data-step="1"' in steps and 'data-step="2"' in steps
    assert "state-early" in steps  # step 1 finished well before its due time
    assert "state-within_deadline" in steps  # step 2 in progress


def test_OSS_2_the_history_lists_what_a_supplement_request_asked_for(signed_in, submitted, staff):
    services.dossier_request_supplement(
        dossier=submitted, actor=staff.clerk, items=["Bản sao căn cước"], note="Thiếu giấy tờ"
    )
    html = signed_in(staff.clerk).get(reverse("backoffice:dossier", args=[submitted.pk]))
    history = html.content.decode().split('class="bo-table history"')[1]
    assert "<li>Bản sao căn cước</li>" in history


def test_OSS_4_documents_are_listed_with_their_versions(signed_in, submitted, staff):
    item = submitted.procedure.document_groups.get().items.order_by("pk").first()
    for name in ("v1.pdf", "v2.pdf"):  # scanned twice at the desk: the second is version 2
        services.document_add(
            dossier=submitted, actor=staff.clerk, uploaded=pdf(name), item=item, kind="scan"
        )
    html = (
        signed_in(staff.clerk)
        .get(reverse("backoffice:dossier", args=[submitted.pk]))
        .content.decode()
    )
    documents = html.split('id="documents"')[1].split("</section>")[0]
    current = DossierDocument.objects.get(dossier=submitted, item=item, is_current=True)
    earlier = DossierDocument.objects.get(dossier=submitted, item=item, version=1)
    assert current.version == 2
    current_table = documents.split("<details>")[0]
    assert reverse("backoffice:document", args=[current.pk]) in current_table
    assert reverse("backoffice:document", args=[earlier.pk]) not in current_table
    assert reverse("backoffice:document", args=[earlier.pk]) in documents.split("<details>")[1]


def test_OSS_4_a_document_streams_from_private_storage_to_the_agency_only(
    signed_in, submitted, staff, other_agency
):
    document = submitted.documents.get()
    url = reverse("backoffice:document", args=[document.pk])
    response = signed_in(staff.clerk).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF
    assert signed_in(other_agency.clerk).get(url).status_code == 404
    assert signed_in(staff.specialist).get(url).status_code == 404  # not yet in their unit


def test_OSS_7_the_control_slip_form_05_is_printed_on_demand(signed_in, received, staff):
    client = signed_in(staff.specialist)
    response = client.post(reverse("backoffice:form_print", args=[received.pk, "05"]))
    document = received.documents.get(kind="form", form_number="05")
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:document", args=[document.pk])
    assert client.get(response["Location"]).status_code == 200


def test_OSS_2_the_receipt_form_01_is_issued_once_per_reception(signed_in, received, staff):
    client = signed_in(staff.clerk)
    url = reverse("backoffice:form_print", args=[received.pk, "01"])
    first = client.post(url)
    second = client.post(url)
    receipts = received.documents.filter(kind="form", form_number="01")
    assert receipts.count() == 1
    assert (
        first["Location"]
        == second["Location"]
        == reverse("backoffice:document", args=[receipts.get().pk])
    )
    page = client.get(reverse("backoffice:dossier", args=[received.pk])).content.decode()
    assert "data-receipt" in page
    assert signed_in(staff.specialist).post(url).status_code == 403
