"""A staff member in front of a dossier: their place (role, unit, holding it) and the flow node."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import cached_property

from addons.accounts.roles import Role
from addons.dossiers.models import Consultation, Dossier
from workflows.dossier import open_task

from ..access import Staff


@dataclass
class Situation:
    """A staff member in front of a dossier, with the flow node waiting on it."""

    staff: Staff
    dossier: Dossier

    @cached_property
    def node(self) -> str | None:
        task = open_task(self.dossier)
        return task.flow_task.name if task else None

    @property
    def status(self) -> str:
        return self.dossier.status

    @property
    def holder(self) -> bool:
        return self.dossier.handler_id == self.staff.user.pk

    @property
    def in_unit(self) -> bool:
        return (
            self.staff.unit_id is not None
            and self.staff.unit_id == self.dossier.unit_id
            and self.staff.has(Role.SPECIALIST, Role.UNIT_HEAD)
        )

    @property
    def lead(self) -> bool:
        """The leader of the agency, or the head of the dossier's unit."""
        return self.staff.is_leader or (self.staff.is_unit_head and self.in_unit)

    @property
    def handles(self) -> bool:
        return self.holder or self.lead

    @property
    def desk(self) -> bool:
        return self.staff.is_clerk

    def supplement_still_possible(self) -> bool:
        """During processing a supplement is asked within 3 working days of receipt."""
        from addons.dossiers.services.reception import SUPPLEMENT_REQUEST_WINDOW_DAYS, add_days

        if self.dossier.counting_from is None:
            return False
        limit = add_days(self.dossier.counting_from, Decimal(SUPPLEMENT_REQUEST_WINDOW_DAYS))
        return timezone.now() <= limit

    def has_previous_step(self) -> bool:
        template = self.dossier.process_template
        return bool(
            template and template.steps.filter(order__lt=self.dossier.current_step).exists()
        )

    def has_open_consultation(self) -> bool:
        return self.dossier.consultations.filter(state=Consultation.State.OPEN).exists()
