"""Public lookup by dossier code (POR-r): progress for anyone, details for the applicant."""

import pytest

from addons.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_POR_r_anyone_sees_procedure_and_status(client, submitted):
    body = client.get("/api/v1/dossiers/lookup/", {"code": submitted.code}).json()
    assert body["code"] == submitted.code
    assert body["procedure"]["name"] == submitted.procedure.name
    assert body["status_code"] == 1
    assert "applicant_name" not in body and "history" not in body


def test_POR_r_the_applicant_sees_the_details(client, submitted):
    client.force_login(submitted.applicant)
    body = client.get("/api/v1/dossiers/lookup/", {"code": submitted.code}).json()
    assert body["applicant_name"] == submitted.applicant_name
    assert [h["event"] for h in body["history"]] == ["submitted"]


def test_POR_r_the_applicant_does_not_see_internal_events_or_notes(client, submitted):
    from addons.dossiers.services.common import record_event

    record_event(submitted, "assigned", note="internal: give it to Lan")
    record_event(submitted, "step_completed", note="internal: appraisal notes")
    client.force_login(submitted.applicant)
    history = client.get("/api/v1/dossiers/lookup/", {"code": submitted.code}).json()["history"]
    assert [h["event"] for h in history] == ["submitted", "step_completed"]
    assert all("internal" not in h["note"] for h in history)


def test_another_citizen_does_not_see_the_details(client, submitted):
    client.force_login(UserFactory())
    body = client.get("/api/v1/dossiers/lookup/", {"code": submitted.code}).json()
    assert "applicant_name" not in body


def test_lookup_page_in_vietnamese(client, submitted):
    html = client.get("/tra-cuu-ho-so/", {"code": submitted.code}).content.decode()
    assert submitted.procedure.name in html
    assert 'data-status="submitted"' in html


@pytest.mark.parametrize(
    "code, status", [("", 400), ("abc", 400), ("000.00.18.H37-261128-9999", 404)]
)
def test_bad_or_unknown_codes_get_a_clear_answer(client, db, code, status):
    response = client.get("/api/v1/dossiers/lookup/", {"code": code})
    assert response.status_code == status
    assert response.json()["error"]


def test_POR_r_repeated_guessing_is_rate_limited(client, db):
    codes = [f"000.00.18.H37-261128-{n:04d}" for n in range(1, 13)]
    statuses = [client.get("/api/v1/dossiers/lookup/", {"code": c}).status_code for c in codes]
    assert statuses[:10] == [404] * 10
    assert statuses[10:] == [429, 429]
    page = client.get("/tra-cuu-ho-so/", {"code": codes[0]})
    assert page.status_code == 429
    assert int(page["Retry-After"]) > 0
