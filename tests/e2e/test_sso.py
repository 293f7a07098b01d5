"""Browser test: sign in with the local OpenID provider from the sign-in page (GEN-6, POR-e)."""

import pytest

from addons.accounts.factories import StaffFactory
from addons.accounts.models import User
from tests.accounts.oidc_provider import LocalOpenIDProvider

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def provider(settings):
    op = LocalOpenIDProvider().start()
    settings.OIDC_PROVIDERS = [
        op.setting(
            "testid",
            label="TestID",
            trust_identity_number=True,
            claims={"identity_number": "citizen_id"},
        ),
        op.setting("canbo", label="Tài khoản công vụ", audience="staff"),
    ]
    yield op
    op.stop()


def test_gen_6_a_citizen_signs_in_with_the_provider_button(live_server, page, provider):
    provider.next_claims = {"sub": "e2e-1", "name": "Đỗ Thị Hoa", "citizen_id": "001099000777"}
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("link", name="TestID").click()
    page.wait_for_url(live_server.url + "/")
    assert (
        page.get_by_role("button", name="Đăng xuất").is_visible()
        or page.locator("form[action$='/logout/'] button").is_visible()
    )
    user = User.objects.get(identity_number="001099000777")
    assert user.full_name == "Đỗ Thị Hoa" and user.identity_verified_at is not None


def test_gen_6_staff_sign_in_with_the_provider_then_the_otp_step(live_server, page, provider):
    StaffFactory(email="hoa.canbo@example.gov.vn", is_superuser=True, otp=True)
    provider.next_claims = {
        "sub": "e2e-staff",
        "email": "hoa.canbo@example.gov.vn",
        "email_verified": True,
    }
    page.goto(live_server.url + "/accounts/login/?next=/admin/")
    page.get_by_role("link", name="Tài khoản công vụ").click()
    page.wait_for_url("**/accounts/otp/?next=*")
    assert page.locator("input[name=token]").is_visible()
