"""Desk reception (OSS-2, OSS-4): a walk-in or postal dossier registered for an applicant,
its papers scanned, accepted at once, with its code and the receipt (form 01)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from addons.catalogue.factories import ProcedureFactory
from addons.dossiers.models import Dossier, Status
from tests.conftest import base_data_ensure
from tests.dossiers.conftest import pdf
from workflows.dossier import open_task

RECEIVE = reverse("backoffice:receive")


@pytest.fixture
def rebuilt_after_flush(django_db_blocker):
    """A transactional test empties every table when it ends; put back what the migrations made
    for the tests that follow. Requested before `transactional_db`, so it runs after the flush."""
    yield
    with django_db_blocker.unblock():
        base_data_ensure()


@pytest.mark.django_db
def test_OSS_2_the_clerk_finds_the_procedure_by_code_or_name(signed_in, staff):
    wanted = ProcedureFactory(code="1.001193", name="Đăng ký khai sinh")
    ProcedureFactory(code="1.000894", name="Đăng ký kết hôn")
    client = signed_in(staff.clerk)
    by_code = client.get(RECEIVE, {"q": "1.001193"}).content.decode()
    assert f"?procedure={wanted.pk}" in by_code and "Đăng ký kết hôn" not in by_code
    by_name = client.get(RECEIVE, {"q": "khai sinh"}).content.decode()
    assert f"?procedure={wanted.pk}" in by_name and "Đăng ký kết hôn" not in by_name


@pytest.mark.django_db
def test_OSS_2_the_applicant_is_found_by_identity_number(signed_in, staff, citizen):
    procedure = ProcedureFactory()
    client = signed_in(staff.clerk)
    found = client.get(RECEIVE, {"procedure": procedure.pk, "identity": citizen.identity_number})
    html = found.content.decode()
    assert f'value="{citizen.full_name}"' in html
    assert f'name="applicant_user" value="{citizen.pk}"' in html
    missing = client.get(RECEIVE, {"procedure": procedure.pk, "identity": "079999999999"})
    assert 'value="079999999999"' in missing.content.decode()
    assert 'name="applicant_user" value=' not in missing.content.decode()


def test_OSS_2_OSS_4_a_walk_in_dossier_is_registered_scanned_accepted_and_gets_a_receipt(
    rebuilt_after_flush, transactional_db, signed_in, staff, citizen, media
):
    """Transactional: the flow starts when the registration commits, as in production."""
    procedure = ProcedureFactory()
    items = list(procedure.document_groups.get().items.order_by("pk"))
    client = signed_in(staff.clerk)
    form = client.get(RECEIVE, {"procedure": procedure.pk}).content.decode()
    assert f'name="scan_{items[0].pk}"' in form and f'name="scan_{items[1].pk}"' in form

    response = client.post(
        RECEIVE,
        {
            "procedure": procedure.pk,
            "applicant_user": citizen.pk,
            "channel": "direct",
            "applicant_name": "Trần Thị Bình",
            "applicant_identity_number": citizen.identity_number,
            "applicant_address": "12 Lê Lợi, Huế",
            "applicant_phone": "0905123456",
            "applicant_email": "",
            "submitter_name": "",
            "request": "Đăng ký khai sinh cho con",
            "unit": staff.unit.pk,
            f"scan_{items[0].pk}": pdf("to-khai.pdf"),
            "other_scans": [pdf("cmnd.pdf")],
        },
    )
    dossier = Dossier.objects.get(procedure=procedure)
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:dossier", args=[dossier.pk])
    assert dossier.code.startswith(f"{staff.agency.identifier}-")
    assert dossier.channel == "direct" and dossier.applicant == citizen
    assert dossier.applicant_name == "Trần Thị Bình" and dossier.submitter == staff.clerk
    assert dossier.form_data == {"noi_dung": "Đăng ký khai sinh cho con"}
    assert dossier.status == Status.PROCESSING and dossier.unit == staff.unit
    assert dossier.due_at is not None
    assert open_task(dossier).flow_task.name == "processing"
    kinds = list(dossier.events.values_list("kind", "status_to"))
    assert kinds.index(("registered_at_desk", Status.SUBMITTED)) < kinds.index(
        ("received", Status.PROCESSING)
    )
    scans = dossier.documents.filter(kind="scan")
    assert {(d.item_id, d.title) for d in scans} == {
        (items[0].pk, items[0].name),
        (None, "cmnd.pdf"),
    }
    receipt = dossier.documents.get(kind="form", form_number="01")
    page = client.get(response["Location"]).content.decode()
    assert reverse("backoffice:document", args=[receipt.pk]) in page


@pytest.mark.django_db
def test_OSS_4_a_scan_that_is_not_what_it_claims_stops_the_registration(signed_in, staff, media):
    procedure = ProcedureFactory()
    item = procedure.document_groups.get().items.order_by("pk").first()
    fake = SimpleUploadedFile("to-khai.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = signed_in(staff.clerk).post(
        RECEIVE,
        {
            "procedure": procedure.pk,
            "channel": "postal",
            "applicant_name": "Lê Văn C",
            "unit": staff.unit.pk,
            f"scan_{item.pk}": fake,
        },
    )
    assert response.status_code == 400
    assert not Dossier.objects.filter(procedure=procedure).exists()
