"""Who may listen to a dossier (POR-đ, acceptance 3 of issue 6), on a real Redis channel layer:
the applicant and the staff who may open the dossier join its group; anyone else is refused."""

import pytest
from asgiref.sync import sync_to_async

from addons.accounts.factories import StaffFactory, UserFactory
from addons.catalogue.factories import UnitFactory
from addons.dossiers.factories import AgencyStaff
from addons.live.models import OutboxEntry
from workflows.dossier import act

from .conftest import can_join, communicator, run_async, session_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("allowed_hosts")]


@pytest.fixture
def received(submitted, staff):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    submitted.refresh_from_db()
    return submitted


def dossier_path(dossier) -> str:
    return f"/ws/dossiers/{dossier.uuid}/"


def staff_path(dossier) -> str:
    return f"/ws/backoffice/dossiers/{dossier.pk}/"


def test_POR_dj_applicant_joins_own_dossier_and_nobody_else_does(
    redis_channel_layer, received, staff
):
    applicant = session_cookie(received.applicant, staff=False)
    stranger = session_cookie(UserFactory(), staff=False)
    assert can_join(dossier_path(received), applicant)
    assert not can_join(dossier_path(received), stranger)
    assert not can_join(dossier_path(received), None)  # anonymous
    # Staff use the back office's socket, never the applicant's.
    assert not can_join(dossier_path(received), session_cookie(staff.clerk, staff=True))


def test_POR_dj_staff_of_the_unit_join_staff_of_another_unit_or_agency_do_not(
    redis_channel_layer, received, staff
):
    other_unit = UnitFactory(parent=staff.agency, name="Phòng khác")
    outsider = StaffFactory(agency=staff.agency, unit=other_unit, roles=["Chuyên viên"], otp=True)
    other_agency = AgencyStaff(identifier="000.00.19.H37")
    for member in (staff.specialist, staff.head, staff.clerk, staff.leader):
        assert can_join(staff_path(received), session_cookie(member, staff=True)), member
    for member in (outsider, other_agency.leader, other_agency.clerk, other_agency.specialist):
        assert not can_join(staff_path(received), session_cookie(member, staff=True)), member
    # The applicant is not staff; staff without the OTP check are not either.
    assert not can_join(staff_path(received), session_cookie(received.applicant, staff=False))
    assert not can_join(staff_path(received), session_cookie(staff.specialist, staff=False))


def test_POR_dj_overview_is_for_leaders_and_worklists_for_staff(redis_channel_layer, staff):
    leader = session_cookie(staff.leader, staff=True)
    specialist = session_cookie(staff.specialist, staff=True)
    assert can_join("/ws/backoffice/overview/", leader)
    assert not can_join("/ws/backoffice/overview/", specialist)
    assert can_join("/ws/backoffice/worklists/", specialist)
    assert not can_join("/ws/backoffice/worklists/", session_cookie(UserFactory(), staff=False))


def test_POR_dj_origin_of_another_site_is_refused(redis_channel_layer, received):
    applicant = session_cookie(received.applicant, staff=False)
    assert can_join(dossier_path(received), applicant)
    assert not can_join(dossier_path(received), applicant, origin="https://evil.example")


def test_POR_dj_each_side_hears_what_concerns_it(redis_channel_layer, submitted, staff):
    """The clerk accepts: the applicant's page, the unit's worklist and the leader's overview
    hear of it; a specialist of another agency's worklist does not."""
    other_agency = AgencyStaff(identifier="000.00.19.H37")
    cookies = {
        "applicant": (dossier_path(submitted), session_cookie(submitted.applicant, staff=False)),
        "specialist": ("/ws/backoffice/worklists/", session_cookie(staff.specialist, staff=True)),
        "leader": ("/ws/backoffice/overview/", session_cookie(staff.leader, staff=True)),
        "outsider": (
            "/ws/backoffice/worklists/",
            session_cookie(other_agency.specialist, staff=True),
        ),
    }

    async def scenario():
        sockets = {}
        for name, (path, cookie) in cookies.items():
            sockets[name] = communicator(path, cookie)
            connected, _ = await sockets[name].connect(timeout=10)
            assert connected, name
        await sync_to_async(act)(submitted, staff.clerk, "accept", unit=staff.unit)
        heard = {
            name: await sockets[name].receive_json_from(timeout=5)
            for name in ("applicant", "specialist", "leader")
        }
        assert await sockets["outsider"].receive_nothing(timeout=0.5)
        for socket_ in sockets.values():
            await socket_.disconnect()
        return heard

    heard = run_async(scenario)
    assert heard["applicant"]["kind"] == "received"
    assert heard["applicant"]["status"] == "processing"  # received, then at once in processing
    assert heard["applicant"]["dossier"] == submitted.pk
    assert heard["specialist"]["count"] >= 1
    assert heard["leader"]["count"] >= 1
    assert not OutboxEntry.objects.filter(published_at=None).exists()


def test_POR_dj_embedded_default_in_memory_layer_and_eager_tasks_deliver(
    submitted, staff, settings
):
    """`make run`: one process, the in-memory layer, eager Celery; the applicant still hears."""
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"
    assert settings.CELERY_TASK_ALWAYS_EAGER
    cookie = session_cookie(submitted.applicant, staff=False)

    async def scenario():
        page = communicator(dossier_path(submitted), cookie)
        connected, _ = await page.connect(timeout=10)
        assert connected
        await sync_to_async(act)(submitted, staff.clerk, "accept", unit=staff.unit)
        message = await page.receive_json_from(timeout=5)
        await page.disconnect()
        return message

    assert run_async(scenario)["kind"] == "received"
    assert not OutboxEntry.objects.filter(published_at=None).exists()
