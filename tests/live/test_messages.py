"""Messages between the handling agency and the applicant (POR-đ): stored with the dossier,
attachments under the dossier's upload rules and only downloaded by those who may see it, each
message an event that goes through the outbox, both pages refreshing from their fragments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from addons.accounts.factories import StaffFactory, UserFactory
from addons.catalogue.factories import UnitFactory
from addons.dossiers.models import DossierDocument
from addons.live.models import DossierMessage, OutboxEntry
from tests.conftest import verified_login
from tests.dossiers.conftest import PDF, pdf
from workflows.dossier import act


@pytest.fixture
def received(submitted, staff):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    submitted.refresh_from_db()
    return submitted


def portal_post(client, dossier, body, attachment=None):
    data = {"body": body}
    if attachment is not None:
        data["attachment"] = attachment
    return client.post(reverse("live:portal_message", kwargs={"uuid": dossier.uuid}), data)


def test_POR_dj_applicant_and_clerk_exchange_messages_with_an_attachment(client, received, staff):
    client.force_login(received.applicant)
    response = portal_post(client, received, "Tôi bổ sung bản sao.", pdf("ban-sao.pdf"))
    assert response.status_code == 302
    message = DossierMessage.objects.get(dossier=received)
    assert not message.from_agency
    assert message.attachment.kind == DossierDocument.Kind.ATTACHMENT
    assert message.event.kind == "message"
    assert OutboxEntry.objects.filter(event=message.event).exists()

    client.logout()
    verified_login(client, staff.specialist)
    response = client.post(
        reverse("live_backoffice:message", args=[received.pk]), {"body": "Đã nhận, cảm ơn."}
    )
    assert response.status_code == 302
    page = client.get(reverse("backoffice:dossier", args=[received.pk])).content.decode()
    assert "Tôi bổ sung bản sao." in page and "Đã nhận, cảm ơn." in page
    fragment = client.get(reverse("live_backoffice:fragment", args=[received.pk]))
    assert "Đã nhận, cảm ơn." in fragment.content.decode()
    download = client.get(reverse("backoffice:document", args=[message.attachment.pk]))
    assert b"".join(download.streaming_content) == PDF

    client.logout()
    client.force_login(received.applicant)
    fragment = client.get(reverse("live:portal_fragment", kwargs={"uuid": received.uuid}))
    html = fragment.content.decode()
    assert 'data-live-region="messages"' in html and "Đã nhận, cảm ơn." in html
    assert (
        fragment["Cache-Control"].startswith("private") or "no-store" in fragment["Cache-Control"]
    )
    url = reverse(
        "live:portal_attachment", kwargs={"uuid": received.uuid, "message_id": message.pk}
    )
    assert b"".join(client.get(url).streaming_content) == PDF


def test_POR_dj_attachment_follows_the_upload_rules_and_nothing_is_stored(
    client, received, english
):
    client.force_login(received.applicant)
    fake = SimpleUploadedFile("hop-dong.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = portal_post(client, received, "Kèm hợp đồng", fake)
    assert response.status_code == 302
    assert not DossierMessage.objects.exists()
    assert not received.documents.filter(kind=DossierDocument.Kind.ATTACHMENT).exists()
    page = client.get(response["Location"]).content.decode()
    assert "is not really a PDF file" in page
    assert portal_post(client, received, "   ").status_code == 302
    assert not DossierMessage.objects.exists()


def test_POR_dj_nobody_else_writes_reads_or_downloads(client, received, staff):
    client.force_login(received.applicant)
    portal_post(client, received, "Câu hỏi", pdf())
    message = DossierMessage.objects.get()
    client.logout()

    client.force_login(UserFactory())  # another citizen
    assert portal_post(client, received, "Xen vào").status_code == 404
    assert (
        client.get(reverse("live:portal_fragment", kwargs={"uuid": received.uuid})).status_code
        == 404
    )
    url = reverse(
        "live:portal_attachment", kwargs={"uuid": received.uuid, "message_id": message.pk}
    )
    assert client.get(url).status_code == 404
    client.logout()

    outsider = StaffFactory(
        agency=staff.agency, unit=UnitFactory(parent=staff.agency), roles=["Chuyên viên"], otp=True
    )
    verified_login(client, outsider)  # staff of another unit
    assert (
        client.post(
            reverse("live_backoffice:message", args=[received.pk]), {"body": "Xen vào"}
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("backoffice:document", args=[message.attachment.pk])).status_code == 404
    )
    assert DossierMessage.objects.count() == 1


def test_POR_dj_dossier_page_carries_the_live_hooks(client, received):
    """The page loads live.js and names its socket and fragment: no inline script (CSP)."""
    client.force_login(received.applicant)
    html = client.get(reverse("dossiers:detail", kwargs={"uuid": received.uuid})).content.decode()
    assert f'data-live-socket="/ws/dossiers/{received.uuid}/"' in html
    assert "live/live.js" in html
    assert 'data-live-region="status"' in html and 'data-live-region="timeline"' in html
    assert "<script>" not in html
