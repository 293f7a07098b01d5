"""Acceptance 4 (SEC): uploads checked by content, size-limited and scanned by ClamAV's daemon
(here a local server speaking clamd's INSTREAM protocol); refused with clear messages."""

import logging
import socket

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from addons.dossiers import services
from addons.dossiers.factories import DossierFactory
from addons.dossiers.uploads import MAX_UPLOAD_BYTES, check_upload
from tests.clamd import EICAR, SIGNATURE, FakeClamd
from tests.dossiers import conftest as dossier_fixtures
from tests.dossiers.conftest import PDF

media = dossier_fixtures.media
english = dossier_fixtures.english


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def clamd(settings):
    with FakeClamd() as server:
        settings.CLAMAV_URL = server.url
        yield server


def test_sec_html_renamed_pdf_is_refused_with_a_clear_message(english):
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("don.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"))
    assert caught.value.code == "fake"
    assert caught.value.messages == [
        "“don.pdf” is not really a PDF file. Upload the original document."
    ]


def test_sec_oversized_file_is_refused_with_a_clear_message(english):
    big = upload("lon.pdf", PDF + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError) as caught:
        check_upload(big)
    assert caught.value.code == "too_big"
    assert "the limit is 10.0\xa0MB" in caught.value.messages[0]


def test_sec_file_the_scanner_flags_is_refused_and_nothing_is_saved(clamd, english, media, db):
    dossier = DossierFactory()
    infected = upload("nhiem.pdf", PDF + EICAR)
    with pytest.raises(ValidationError) as caught:
        services.document_add(dossier=dossier, actor=dossier.applicant, uploaded=infected)
    assert caught.value.code == "infected"
    assert caught.value.messages == [
        f"“nhiem.pdf” contains a virus or other malware ({SIGNATURE}) and was refused."
    ]
    assert clamd.scanned == [PDF + EICAR]
    assert not dossier.documents.exists()


def test_sec_clean_file_is_scanned_then_kept(clamd, media, db):
    dossier = DossierFactory()
    content = PDF + b"x" * 200_000  # several INSTREAM chunks
    document = services.document_add(
        dossier=dossier, actor=dossier.applicant, uploaded=upload("sach.pdf", content)
    )
    assert clamd.scanned == [content]  # once, whole, in order
    assert document.file.read() == content


def test_sec_scanner_over_a_unix_socket(settings, tmp_path):
    with FakeClamd(unix_path=str(tmp_path / "clamd.sock")) as server:
        settings.CLAMAV_URL = server.url
        with pytest.raises(ValidationError) as caught:
            check_upload(upload("a.pdf", PDF + EICAR))
    assert caught.value.code == "infected"


def test_sec_unreachable_scanner_refuses_the_file_and_logs(settings, english, caplog):
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CLAMAV_URL = f"tcp://127.0.0.1:{port}"
    with (
        caplog.at_level(logging.ERROR, logger="addons.dossiers.uploads"),
        pytest.raises(ValidationError) as caught,
    ):
        check_upload(upload("a.pdf", PDF))
    assert caught.value.code == "scanner_unavailable"
    assert "try again later" in caught.value.messages[0]
    assert "virus scanner is unavailable" in caplog.text
