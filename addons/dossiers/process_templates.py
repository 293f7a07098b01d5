"""Process templates: the one a dossier uses, and the default derived from the processing time."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from addons.catalogue.models import Procedure

from .models import ProcessStep, ProcessTemplate

HOURS_PER_DAY = Decimal(8)
FALLBACK_DAYS = Decimal(5)
# Share of the legal time each default step gets: appraisal, review, approval.
DEFAULT_SPLIT = [
    (_("Appraise the dossier"), ProcessStep.Role.SPECIALIST, Decimal("0.6"), False),
    (_("Review and submit for signature"), ProcessStep.Role.UNIT_HEAD, Decimal("0.2"), False),
    (_("Approve and sign the result"), ProcessStep.Role.AGENCY_LEADER, Decimal("0.2"), True),
]


def _as_working_days(amount: Decimal | None, unit: str) -> Decimal | None:
    if amount is None or amount <= 0:
        return None
    if unit == "WORKING_DAY":
        return amount
    if unit == "DAY":  # calendar days: five working days in seven
        return (amount * 5 / 7).quantize(Decimal("0.01"))
    if unit == "HOUR":
        return (amount / HOURS_PER_DAY).quantize(Decimal("0.01"))
    if unit == "MONTH":
        return amount * 22
    return None


def legal_working_days(procedure: Procedure, channel: str | None = None) -> Decimal:
    """The legal processing time in working days: of the channel, else of the first case."""
    channels = list(procedure.channels.all())
    preferred = [
        c
        for c in channels
        if c.method == {"online": "ONLINE", "postal": "POSTAL"}.get(channel, "DIRECT")
    ]
    for candidate in preferred + channels:
        days = _as_working_days(candidate.processing_time, candidate.time_unit)
        if days:
            return days
    for case in procedure.cases.all():
        days = _as_working_days(case.processing_time, case.time_unit)
        if days:
            return days
    return FALLBACK_DAYS


@transaction.atomic
def default_template_create(procedure: Procedure) -> ProcessTemplate:
    days = legal_working_days(procedure)
    version = (
        procedure.process_templates.filter(agency=None)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    template = ProcessTemplate.objects.create(
        procedure=procedure, agency=None, version=version, is_default=True, total_days=days
    )
    total_hours = days * HOURS_PER_DAY
    for order, (name, role, share, is_approval) in enumerate(DEFAULT_SPLIT, start=1):
        ProcessStep.objects.create(
            template=template,
            order=order,
            name=str(name),
            role=role,
            budget_hours=(total_hours * share).quantize(Decimal("0.01")),
            is_approval=is_approval,
        )
    return template


def process_template_for(procedure: Procedure, agency) -> ProcessTemplate:
    """The active template of this procedure at this agency, else the default one (made if needed)."""
    template = (
        ProcessTemplate.objects.filter(procedure=procedure, is_active=True, agency=agency)
        .order_by("-version")
        .first()
        or ProcessTemplate.objects.filter(procedure=procedure, is_active=True, agency=None)
        .order_by("-version")
        .first()
    )
    return template or default_template_create(procedure)
