import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from addons.dossiers import services
from addons.dossiers.factories import AgencyStaff, DossierFactory

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "giay-to.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def staff(db):
    return AgencyStaff()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def submitted(staff, media, django_capture_on_commit_callbacks):
    """A dossier submitted online, its flow started and waiting at the desk."""
    dossier = DossierFactory(agency=staff.agency)
    services.document_add(dossier=dossier, actor=dossier.applicant, uploaded=pdf())
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=dossier, actor=dossier.applicant)
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def english():
    """Rule tests read the services' messages in English (the msgids); screens stay Vietnamese."""
    from django.utils import translation

    with translation.override("en"):
        yield
