"""Channel-layer group names: who hears about a dossier event.

Per dossier (the applicant's page, the staff's dossier page), per handling unit and per handler
(worklists), per agency (desk worklists and the leaders' overview). The last three only need to
know that something changed, so a batch sends them one message each, whatever its size: a burst
of a thousand events cannot overflow a leader's channel.
"""


def dossier_group(dossier_id: int) -> str:
    return f"dossier.{dossier_id}"


def unit_group(unit_id: int) -> str:
    return f"unit.{unit_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def agency_group(agency_id: int) -> str:
    return f"agency.{agency_id}"


def worklist_groups(event) -> set[str]:
    """The worklists and counters an event may change, including those a dossier just left."""
    dossier = event.dossier
    groups = {agency_group(dossier.agency_id)}
    units = {dossier.unit_id, event.data.get("unit"), event.data.get("previous_unit")}
    handlers = {dossier.handler_id, event.data.get("handler"), event.data.get("previous")}
    if event.kind.startswith("step_"):
        # The dossier may have left a unit and a handler for the next step's.
        from addons.dossiers.models import StepRecord

        orders = {event.step, event.data.get("step")} - {None}
        for unit, assignee in StepRecord.objects.filter(
            dossier_id=dossier.pk, order__in=orders
        ).values_list("unit_id", "assignee_id"):
            units.add(unit)
            handlers.add(assignee)
    groups |= {unit_group(u) for u in units if isinstance(u, int)}
    groups |= {user_group(h) for h in handlers if isinstance(h, int)}
    return groups
