"""Uploads are checked by content and size; a refused file loses nothing of the draft (POR-d)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from addons.catalogue.models import DocumentItem
from addons.dossiers import services
from addons.dossiers.factories import DossierFactory
from addons.dossiers.uploads import MAX_UPLOAD_BYTES, upload_rules_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def draft(media):
    dossier = DossierFactory()
    item = DocumentItem.objects.filter(group__procedure=dossier.procedure).first()
    services.document_add(
        dossier=dossier,
        actor=dossier.applicant,
        uploaded=SimpleUploadedFile("to-khai.pdf", PDF),
        item=item,
    )
    dossier.form_data = {"ho_ten": "Nguyễn Văn A", "noi_dung": "Đăng ký khai sinh"}
    dossier.save()
    return dossier, item


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "trang.pdf",
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "is not really a PDF file",
        ),
        ("anh.png", b"GIF89a....", "is not really a PNG file"),
        ("virus.exe", b"MZ\x90\x00", "is not an allowed type"),
        ("to-khai.html", b"<html></html>", "is not an allowed type"),
    ],
)
def test_POR_d_a_file_is_judged_by_its_content(draft, name, content, message):
    dossier, item = draft
    with pytest.raises(ValidationError, match=message):
        services.document_add(
            dossier=dossier,
            actor=dossier.applicant,
            uploaded=SimpleUploadedFile(name, content),
            item=item,
        )
    dossier.refresh_from_db()
    assert dossier.form_data == {"ho_ten": "Nguyễn Văn A", "noi_dung": "Đăng ký khai sinh"}
    assert dossier.documents.filter(is_current=True).count() == 1
    assert dossier.documents.get().version == 1


def test_POR_d_an_oversized_file_is_refused_with_the_limit(draft):
    dossier, item = draft
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError, match="the limit is 10"):
        services.document_add(dossier=dossier, actor=dossier.applicant, uploaded=big, item=item)
    assert dossier.documents.count() == 1


def test_a_new_file_for_the_same_item_is_a_new_version(draft):
    dossier, item = draft
    services.document_add(
        dossier=dossier,
        actor=dossier.applicant,
        uploaded=SimpleUploadedFile("moi.pdf", PDF),
        item=item,
    )
    versions = list(dossier.documents.order_by("version").values_list("version", "is_current"))
    assert versions == [(1, False), (2, True)]


def test_the_rules_are_stated_for_the_applicant():
    assert "PDF" in upload_rules_text() and "10" in upload_rules_text()
