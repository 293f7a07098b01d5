"""Browser smoke test: the Vietnamese home page, on a phone too, and a staff sign-in with 2FA."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from addons.accounts.factories import StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_in_vietnamese(live_server, page):
    page.goto(live_server.url + "/")
    assert "Cổng Dịch vụ công" in page.title()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("button", name="Tìm kiếm").is_visible()
    page.get_by_role("link", name="EN").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_home_page_fits_a_phone(live_server, phone_page):
    phone_page.goto(live_server.url + "/")
    assert phone_page.get_by_role("searchbox").is_visible()
    # clientWidth, not innerWidth: a mobile browser widens innerWidth to fit overflowing content
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_staff_sign_in_requires_enrolling_a_device(live_server, page):
    StaffFactory(username="bientap", password="mat-khau-bien-tap", is_superuser=True)

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", "mat-khau-bien-tap")
    page.locator("form button[type=submit]").first.click()

    page.wait_for_url("**/accounts/otp/enrol/**")
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=token]", f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Xác nhận").click()

    assert page.locator(".backup-codes li").count() == 10
    page.get_by_role("link", name="Tiếp tục").click()
    page.wait_for_url("**/admin/")
    assert page.locator("#wagtail").count() == 1 or "Wagtail" in page.content()
