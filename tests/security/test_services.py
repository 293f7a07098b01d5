"""Least privilege in the services themselves (SEC, GEN-6): whatever calls them (a view, the
flow, a task, a future API), staff of another unit or agency cannot act on a dossier."""

from datetime import timedelta

import pytest

from addons.accounts.factories import StaffFactory
from addons.catalogue.factories import UnitFactory
from addons.dossiers import services
from addons.dossiers.factories import AgencyStaff
from tests.dossiers import conftest as dossier_fixtures
from workflows.dossier import act

staff = dossier_fixtures.staff
media = dossier_fixtures.media
submitted = dossier_fixtures.submitted
english = dossier_fixtures.english


@pytest.fixture
def received(submitted, staff):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    submitted.refresh_from_db()
    return submitted


@pytest.fixture
def outsiders(staff):
    other_unit = UnitFactory(parent=staff.agency, name="Phòng Bổ trợ tư pháp")
    return {
        "specialist of another unit": StaffFactory(
            agency=staff.agency, unit=other_unit, roles=["Chuyên viên"], otp=True
        ),
        "head of another unit": StaffFactory(
            agency=staff.agency, unit=other_unit, roles=["Lãnh đạo phòng"], otp=True
        ),
        "leader of another agency": AgencyStaff(identifier="000.00.19.H37").leader,
    }


CALLS = {
    "request a supplement": lambda d, u: services.dossier_request_supplement(
        dossier=d, actor=u, items=["Bản sao"], note=""
    ),
    "complete the step": lambda d, u: services.dossier_step_complete(
        dossier=d, actor=u, expected_step=1
    ),
    "apologise": lambda d, u: services.dossier_apologise(
        dossier=d, actor=u, new_due_at=d.due_at + timedelta(days=3), reason="x"
    ),
    "add a document": lambda d, u: services.document_add(
        dossier=d, actor=u, uploaded=dossier_fixtures.pdf()
    ),
}


@pytest.mark.parametrize("call", CALLS, ids=str)
def test_sec_gen_6_services_refuse_staff_outside_the_dossiers_unit(
    received, staff, outsiders, call, english
):
    for user in outsiders.values():
        with pytest.raises(services.PermissionDenied):
            CALLS[call](received, user)
        received.refresh_from_db()
    assert received.documents.count() == 1, "nothing was added"


def test_sec_gen_6_the_units_own_specialist_may_act(received, staff):
    services.dossier_request_supplement(
        dossier=received, actor=staff.specialist, items=["Bản sao"], note=""
    )
    received.refresh_from_db()
    assert received.status == "supplement_requested"


def test_sec_identity_numbers_are_masked_in_staff_lists(client, received, staff):
    from tests.conftest import verified_login

    number = received.applicant_identity_number
    assert len(number) >= 9
    verified_login(client, staff.leader)
    page = client.get("/backoffice/lists/agency/").content.decode()
    assert f'data-dossier="{received.pk}"' in page
    assert number not in page
    assert "*" * (len(number) - 4) + number[-4:] in page
    # The dossier page, opened on purpose (and on record), shows the number in full.
    assert number in client.get(f"/backoffice/dossiers/{received.pk}/").content.decode()
