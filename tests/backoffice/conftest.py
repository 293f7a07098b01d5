"""Back-office fixtures: the agency's staff (tests/dossiers), signed-in clients, dossiers in work."""

import pytest

from addons.dossiers import services
from addons.dossiers.factories import AgencyStaff, DossierFactory
from addons.dossiers.models import Status
from tests.conftest import verified_login
from tests.dossiers import conftest as dossier_fixtures
from workflows.dossier import act

# The agency with one verified member per role, private storage, a dossier submitted online.
staff = dossier_fixtures.staff
media = dossier_fixtures.media
submitted = dossier_fixtures.submitted


@pytest.fixture
def signed_in(client):
    """`signed_in(user)`: the test client, signed in as `user` with a verified OTP device."""

    def sign_in(user):
        client.logout()
        verified_login(client, user)
        return client

    return sign_in


@pytest.fixture
def other_agency(db):
    return AgencyStaff(identifier="000.00.19.H37")


@pytest.fixture
def received(submitted, staff):
    """Accepted at the desk: step 1 (appraisal) open in the unit, nobody holds it yet."""
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    submitted.refresh_from_db()
    return submitted


@pytest.fixture
def taken(received, staff):
    services.dossier_assign(
        dossier=received, actor=staff.specialist, handler=staff.specialist, expected_handler_id=None
    )
    received.refresh_from_db()
    return received


@pytest.fixture
def awaiting_approval(taken, staff):
    act(taken, staff.specialist, "complete", expected_step=1)
    act(taken, staff.head, "complete", expected_step=2)
    taken.refresh_from_db()
    assert taken.status == Status.AWAITING_APPROVAL
    return taken


def listed(staff, **fields):
    """A dossier row made directly, for the lists (no flow: lists only read the table)."""
    fields.setdefault("agency", staff.agency)
    fields.setdefault("status", Status.PROCESSING)
    return DossierFactory(**fields)
