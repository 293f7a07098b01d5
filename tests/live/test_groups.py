"""Who hears of an event (POR-đ): a dossier that moves on is removed from the worklists it left."""

from addons.dossiers import services
from addons.live.groups import agency_group, unit_group, user_group, worklist_groups
from workflows.dossier import act


def test_POR_dj_step_completed_reaches_the_worklist_the_dossier_left(submitted, staff):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    services.dossier_assign(
        dossier=submitted,
        actor=staff.specialist,
        handler=staff.specialist,
        expected_handler_id=None,
    )
    act(submitted, staff.specialist, "complete", expected_step=1)
    submitted.refresh_from_db()
    event = submitted.events.get(kind="step_completed")
    groups = worklist_groups(event)
    assert user_group(staff.specialist.pk) in groups
    assert unit_group(staff.unit.pk) in groups
    assert agency_group(staff.agency.pk) in groups
    assert submitted.handler_id != staff.specialist.pk  # the page it left is not the current one


def test_POR_dj_reassignment_reaches_both_handlers(submitted, staff):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    services.dossier_assign(
        dossier=submitted, actor=staff.head, handler=staff.specialist, expected_handler_id=None
    )
    services.dossier_assign(
        dossier=submitted,
        actor=staff.head,
        handler=staff.specialist2,
        expected_handler_id=staff.specialist.pk,
    )
    event = submitted.events.filter(kind="assigned").latest("pk")
    groups = worklist_groups(event)
    assert {user_group(staff.specialist.pk), user_group(staff.specialist2.pk)} <= groups
