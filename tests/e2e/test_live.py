"""Browser test of live updates (POR-đ, acceptance 1 of issue 6): the applicant's dossier page is
open; a clerk accepts the dossier in another browser; the applicant's page shows the new status
and appointment date within 2 seconds without reload. Then the clerk's message appears on the
applicant's page, and the applicant's reply on the clerk's page. Served by uvicorn with the Redis
channel layer, as in production."""

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from addons.dossiers.models import Status
from tests.live.conftest import (  # noqa: F401 (fixtures)
    media,
    redis_channel_layer,
    session_cookie,
    staff,
    submitted,
)
from tests.live.server import asgi_server  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

LIVE_MS = 2000


def signed_in_page(browser, server, cookie):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": server.url}])
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def test_POR_dj_applicant_sees_acceptance_and_messages_live(browser, asgi_server, submitted, staff):  # noqa: F811
    applicant_context, applicant = signed_in_page(
        browser, asgi_server, session_cookie(submitted.applicant, staff=False)
    )
    clerk_context, clerk = signed_in_page(
        browser, asgi_server, session_cookie(staff.clerk, staff=True)
    )
    try:
        applicant.goto(f"{asgi_server.url}/ho-so-cua-toi/{submitted.uuid}/")
        expect(applicant.locator("article[data-live-connected=true]")).to_be_attached()
        applicant.evaluate("window.loadedOnce = true")  # gone if the page reloads

        clerk.goto(f"{asgi_server.url}/backoffice/dossiers/{submitted.pk}/")
        clerk.locator("#action-accept summary").click()
        clerk.select_option("#action-accept select[name=accept-unit]", str(staff.unit.pk))
        clerk.locator("#action-accept button[type=submit]").click()
        clerk.wait_for_load_state()
        submitted.refresh_from_db()
        assert submitted.status == Status.PROCESSING

        with translation.override("vi"):
            processing = str(Status.PROCESSING.label)
        appointment = timezone.localtime(submitted.due_at).strftime("%H:%M %d/%m/%Y")
        expect(applicant.locator('dd[data-live-region="status"]')).to_have_text(
            processing, timeout=LIVE_MS
        )
        expect(applicant.locator('dd[data-live-region="appointment"]')).to_contain_text(
            appointment, timeout=LIVE_MS
        )
        expect(
            applicant.locator('[data-live-region="timeline"] [data-event=received]')
        ).to_have_count(1, timeout=LIVE_MS)
        assert applicant.evaluate("window.loadedOnce") is True

        expect(clerk.locator("header[data-live-connected=true]")).to_be_attached()
        clerk.fill("[data-testid=message-body]", "Hồ sơ đã được tiếp nhận, mời ông bà chờ kết quả.")
        clerk.get_by_test_id("message-send").click()
        clerk.wait_for_load_state()
        expect(applicant.locator('[data-live-region="messages"]')).to_contain_text(
            "Hồ sơ đã được tiếp nhận", timeout=LIVE_MS
        )
        assert applicant.evaluate("window.loadedOnce") is True

        expect(clerk.locator("header[data-live-connected=true]")).to_be_attached()
        clerk.evaluate("window.loadedOnce = true")
        applicant.fill("[data-testid=message-body]", "Cảm ơn, tôi sẽ chờ.")
        applicant.get_by_test_id("message-send").click()
        applicant.wait_for_load_state()
        expect(clerk.locator('[data-live-region="messages"]')).to_contain_text(
            "Cảm ơn, tôi sẽ chờ.", timeout=LIVE_MS
        )
        assert clerk.evaluate("window.loadedOnce") is True
    finally:
        applicant_context.close()
        clerk_context.close()
