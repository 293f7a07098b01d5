"""The Content Security Policy breaks no page (SEC): Chromium loads the portal, the citizen's
dossier, the back office and the Wagtail admin under the real headers and reports no violation;
the catalogue filter still submits on change (its inline handler moved to a static file)."""

import pytest
from django.test import Client

from addons.catalogue.factories import (
    FieldFactory,
    ProcedureFactory,
    ProcedureIndexPageFactory,
    ProcedurePageFactory,
)
from addons.dossiers import services
from addons.dossiers.factories import AgencyStaff, DossierFactory
from tests.conftest import verified_login
from tests.dossiers.conftest import pdf

pytestmark = pytest.mark.django_db(transaction=True)


def _watch(page) -> list[str]:
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return violations


def _sign_in(page, live_server, user, *, staff: bool) -> None:
    client = Client()
    if staff:
        verified_login(client, user)
    else:
        client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_sec_csp_breaks_no_public_page(live_server, page, settings, tmp_path):
    index = ProcedureIndexPageFactory()
    field = FieldFactory(code="G15-TP07", name="Hộ tịch")
    ProcedurePageFactory(procedure=ProcedureFactory(code="1.000001", field=field), parent=index)
    violations = _watch(page)
    response = page.goto(live_server.url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.goto(live_server.url + index.url)
    select = page.locator("select[data-autosubmit]").first
    option = select.locator("option").nth(1).get_attribute("value")
    with page.expect_navigation():
        select.select_option(option)
    assert option in page.url
    page.goto(live_server.url + "/accounts/login/")
    page.goto(live_server.url + "/tra-cuu-ho-so/")
    assert violations == []


def test_sec_csp_breaks_no_dossier_or_admin_page(live_server, page, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    staff = AgencyStaff()
    dossier = DossierFactory(agency=staff.agency)
    services.document_add(dossier=dossier, actor=dossier.applicant, uploaded=pdf())
    services.dossier_submit(dossier=dossier, actor=dossier.applicant)
    violations = _watch(page)

    _sign_in(page, live_server, dossier.applicant, staff=False)
    page.goto(live_server.url + "/ho-so-cua-toi/")
    page.goto(live_server.url + f"/ho-so-cua-toi/{dossier.uuid}/")
    assert page.locator("#openings").count() == 1

    page.context.clear_cookies()
    _sign_in(page, live_server, staff.leader, staff=True)
    page.goto(live_server.url + "/backoffice/")
    page.goto(live_server.url + f"/backoffice/dossiers/{dossier.pk}/")
    response = page.goto(live_server.url + "/admin/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    assert page.locator("#wagtail, .w-sidebar, [data-side-panel]").count() >= 1
    assert violations == []
