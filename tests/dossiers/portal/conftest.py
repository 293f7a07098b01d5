"""Data for the citizen's pages: an online procedure with its page, e-form and required items."""

import pytest
from django.test import Client

from addons.accounts.factories import UserFactory
from addons.catalogue.factories import ProcedureFactory, ProcedurePageFactory
from addons.catalogue.models import DocumentItem, ProcedureFormField
from addons.dossiers import services
from addons.dossiers.factories import DossierFactory
from tests.dossiers.conftest import pdf

Kind = ProcedureFormField.Kind


@pytest.fixture(autouse=True)
def _private_files(media):
    """Uploads go to a temporary directory, never to the project's var/."""


@pytest.fixture(autouse=True)
def seeded_calendar(db):
    """Deadlines need the working calendar; a live-server test may have flushed its seed."""
    from addons.workcalendar.services import calendar_defaults_ensure

    calendar_defaults_ensure()


@pytest.fixture
def procedure(staff):
    """Online procedure executed by the staff's agency: "Tờ khai" required, the copy optional."""
    procedure = ProcedureFactory(name="Cấp phiếu lý lịch tư pháp", parts__agency=staff.agency)
    DocumentItem.objects.filter(group__procedure=procedure, name="Tờ khai").update(required=True)
    return procedure


@pytest.fixture
def procedure_page(procedure):
    page = ProcedurePageFactory(procedure=procedure)
    fields = [
        ("ho_ten", "Họ và tên người đề nghị", Kind.TEXT, True, "full_name", "Ghi đầy đủ họ tên."),
        ("ngay_sinh", "Ngày sinh", Kind.DATE, True, "", "Theo giấy khai sinh."),
        ("ho_ten_cha", "Họ và tên cha", Kind.TEXT, False, "", ""),
        ("ly_do", "Mục đích sử dụng phiếu", Kind.TEXTAREA, True, "", "Nêu rõ nơi sẽ nộp phiếu."),
    ]
    for order, (key, label, kind, required, prefill, help_text) in enumerate(fields):
        ProcedureFormField.objects.create(
            page=page,
            sort_order=order,
            key=key,
            label=label,
            kind=kind,
            required=required,
            prefill=prefill,
            help_text=help_text,
        )
    return page


@pytest.fixture
def items(procedure):
    """The required document items by name."""
    return {i.name: i for i in DocumentItem.objects.filter(group__procedure=procedure)}


@pytest.fixture
def applicant(db):
    return UserFactory(full_name="Trần Thị Lan", identity_number="001190012345", phone="")


@pytest.fixture
def applicant_client(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def other_client(db):
    """Another citizen, signed in on their own browser."""
    other = Client()
    other.force_login(UserFactory(full_name="Lê Văn Khác"))
    return other


def filled(agency, **values) -> dict:
    """A complete application as the form posts it."""
    data = {
        "agency": agency.pk,
        "applicant_name": "Trần Thị Lan",
        "applicant_identity_number": "001190012345",
        "applicant_address": "Số 12 phố Huế, phường Hai Bà Trưng, Hà Nội",
        "applicant_phone": "0912 345 678",
        "applicant_email": "lan@example.vn",
        "eform-ho_ten": "Trần Thị Lan",
        "eform-ngay_sinh": "1990-05-17",
        "eform-ho_ten_cha": "Trần Văn Hùng",
        "eform-ly_do": "Bổ sung hồ sơ xin việc tại Sở Giáo dục",
        "action": "save",
    }
    data.update(values)
    return data


def submitted_dossier(*, applicant, agency, procedure=None, **fields):
    """A dossier of `applicant` submitted through the services, as the portal would do it."""
    extra = {"procedure": procedure} if procedure else {}
    dossier = DossierFactory(applicant=applicant, agency=agency, **extra, **fields)
    required = DocumentItem.objects.filter(group__procedure=dossier.procedure, required=True)
    for item in required or [None]:
        services.document_add(dossier=dossier, actor=applicant, uploaded=pdf(), item=item)
    return services.dossier_submit(dossier=dossier, actor=applicant)
