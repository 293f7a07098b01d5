"""Worklists (OSS-8): what each staff member has to do, with counts by status.

Every list starts from the staff member's agency and their place in it, filters on one of the
dossier table's indexes — (agency, status, due_at), (unit, status, due_at), (handler, status,
due_at) — is ordered by due date and fetched with LIMIT, one row more than the page to know
whether another page follows (no COUNT of the list). The counts by status are one aggregate query.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from addons.accounts.roles import Role
from addons.dossiers.models import Dossier, DossierEvent, Status
from addons.dossiers.models.status import OPEN_STATUSES

from ..access import Staff

PAGE_SIZE = 25
MAX_PAGE = 400
# "Due soon": the appointment falls within this many working hours (two working days).
DUE_SOON_WORKING_HOURS = 16

# Dossiers someone at the agency still has to act on.
LIVE_STATUSES = (
    Status.SUBMITTED,
    Status.PROCESSING,
    Status.SUPPLEMENT_REQUESTED,
    Status.PAYMENT_REQUESTED,
    Status.AWAITING_APPROVAL,
    Status.WITHDRAWAL_REQUESTED,
    Status.RESULT_READY,
)


# What a worklist row shows: no form data, no long procedure texts.
ROW_FIELDS = (
    "code",
    "status",
    "agency_id",
    "applicant_name",
    "applicant_identity_number",
    "submitted_at",
    "received_at",
    "due_at",
    "paused_since",
    "finished_at",
    "procedure__code",
    "procedure__name",
    "unit__name",
    "handler__username",
    "handler__full_name",
    "handler__first_name",
    "handler__last_name",
)


def overdue_q(now: datetime) -> Q:
    """In progress and past the appointment date; the clock stops while a supplement is owed."""
    return Q(status__in=OPEN_STATUSES, due_at__lt=now)


@dataclass(frozen=True)
class Worklist:
    name: str
    title: str
    description: str
    statuses: tuple[str, ...]
    roles: frozenset[Role]
    scope: Callable[[Staff], Q]
    default_status: str = ""
    needs_unit: bool = False


def _approvals_scope(staff: Staff) -> Q:
    if staff.is_leader:
        return Q(agency_id=staff.agency_id)
    return Q(agency_id=staff.agency_id, unit_id=staff.unit_id)


WORKLISTS: dict[str, Worklist] = {
    worklist.name: worklist
    for worklist in (
        Worklist(
            "mine",
            _("My worklist"),
            _("Dossiers you handle now."),
            (
                Status.PROCESSING,
                Status.AWAITING_APPROVAL,
                Status.PAYMENT_REQUESTED,
                Status.SUPPLEMENT_REQUESTED,
                Status.WITHDRAWAL_REQUESTED,
            ),
            frozenset({Role.SPECIALIST, Role.UNIT_HEAD, Role.AGENCY_LEADER, Role.RECEIVING_CLERK}),
            lambda staff: Q(agency_id=staff.agency_id, handler_id=staff.user.pk),
        ),
        Worklist(
            "unit",
            _("My unit's worklist"),
            _("Dossiers of your unit waiting for someone to take them."),
            (Status.PROCESSING,),
            frozenset({Role.SPECIALIST, Role.UNIT_HEAD}),
            lambda staff: Q(agency_id=staff.agency_id, unit_id=staff.unit_id, handler__isnull=True),
            needs_unit=True,
        ),
        Worklist(
            "desk",
            _("One-stop desk"),
            _("Dossiers to receive, supplements awaited, results to return, withdrawals."),
            (
                Status.SUBMITTED,
                Status.SUPPLEMENT_REQUESTED,
                Status.RESULT_READY,
                Status.WITHDRAWAL_REQUESTED,
            ),
            frozenset({Role.RECEIVING_CLERK, Role.AGENCY_LEADER}),
            lambda staff: Q(agency_id=staff.agency_id),
            default_status=Status.SUBMITTED,
        ),
        Worklist(
            "approvals",
            _("Approvals"),
            _("Results waiting for approval and signature."),
            (Status.AWAITING_APPROVAL,),
            frozenset({Role.AGENCY_LEADER, Role.UNIT_HEAD}),
            _approvals_scope,
        ),
        Worklist(
            "agency",
            _("Agency dossiers"),
            _("Every dossier of the agency in progress, by unit and deadline."),
            LIVE_STATUSES,
            frozenset({Role.AGENCY_LEADER}),
            lambda staff: Q(agency_id=staff.agency_id),
        ),
    )
}


def worklists_for(staff: Staff) -> list[Worklist]:
    return [
        w
        for w in WORKLISTS.values()
        if staff.has(*w.roles) and (staff.unit_id is not None or not w.needs_unit)
    ]


@dataclass
class StatusCount:
    status: str
    label: str
    total: int = 0
    overdue: int = 0


def status_counts(scope: Q, statuses, *, now: datetime) -> dict[str, StatusCount]:
    """Per status: how many dossiers, how many overdue. One GROUP BY query.

    COUNT(status), not COUNT(id): every column it reads (scope, status, due_at) is in the partial
    indexes of dossiers in progress, so PostgreSQL counts from the index without the table.
    """
    counts = {s: StatusCount(s, Status(s).label) for s in statuses}
    rows = (
        Dossier.objects.filter(scope, status__in=statuses)
        .values("status")
        .annotate(total=Count("status"), overdue=Count("status", filter=overdue_q(now)))
        .order_by()
    )
    for row in rows:
        counts[row["status"]].total = row["total"]
        counts[row["status"]].overdue = row["overdue"]
    return counts


@dataclass
class WorklistPage:
    worklist: Worklist
    rows: list[Dossier]
    number: int
    has_next: bool
    counts: dict[str, StatusCount] = field(default_factory=dict)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def total(self) -> int:
        return sum(c.total for c in self.counts.values())


def first_keys(base: QuerySet, statuses, ordering: tuple[str, str], offset: int, count: int):
    """The ids of rows offset..offset+count of `base` in `ordering`, one status at a time.

    Each status is its own branch, `scope AND status = s ORDER BY due_at LIMIT n`, which reads
    the (scope, status, due_at) index in order and stops at the limit; the branches are merged
    with UNION ALL. A single `status IN (...) ORDER BY due_at LIMIT n` lets the planner walk the
    due_at index of the whole table instead, filtering row by row: fast for a big agency, a full
    scan for a small unit or a handler with little to do.
    """
    branches = [
        base.filter(status=s).order_by(*ordering).values_list(ordering[0], "pk")[: offset + count]
        for s in statuses
    ]
    if not branches:
        return []
    if len(branches) > 1 and connection.features.supports_slicing_ordering_in_compound:
        merged = branches[0].union(*branches[1:], all=True).order_by(*ordering)
    else:  # SQLite, the embedded default, cannot order inside a UNION; its tables are small
        merged = base.filter(status__in=statuses).order_by(*ordering).values_list(ordering[0], "pk")
    return [pk for _key, pk in merged[offset : offset + count]]


def worklist_page(
    staff: Staff,
    worklist: Worklist,
    *,
    status: str = "",
    overdue: bool = False,
    unit_id: int | None = None,
    page: int = 1,
    now: datetime | None = None,
) -> WorklistPage:
    """One page of a worklist, earliest appointment first (the desk's queue: first come first).

    Three queries: the page's ids (`first_keys`), those rows with what the table shows, and the
    counts by status.
    """
    now = now or timezone.now()
    scope = worklist.scope(staff)
    if unit_id is not None:
        scope &= Q(unit_id=unit_id)
    base = Dossier.objects.filter(scope)
    statuses = (status,) if status else worklist.statuses
    if overdue:
        base = base.filter(due_at__lt=now)
        statuses = tuple(s for s in statuses if s in OPEN_STATUSES)
    ordering = ("submitted_at", "pk") if status == Status.SUBMITTED else ("due_at", "pk")
    number = min(max(page, 1), MAX_PAGE)
    ids = first_keys(base, statuses, ordering, (number - 1) * PAGE_SIZE, PAGE_SIZE + 1)
    rows = Dossier.objects.filter(pk__in=ids).select_related("procedure", "unit", "handler")
    rows = rows.only(*ROW_FIELDS).order_by()
    if worklist.name == "desk":
        supplemented = DossierEvent.objects.filter(
            dossier=OuterRef("pk"), kind="supplement_received"
        )
        rows = rows.annotate(supplemented=Exists(supplemented))
    position = {pk: n for n, pk in enumerate(ids)}
    ordered = sorted(rows, key=lambda row: position[row.pk])
    return WorklistPage(
        worklist=worklist,
        rows=ordered[:PAGE_SIZE],
        number=number,
        has_next=len(ordered) > PAGE_SIZE,
        counts=status_counts(scope, worklist.statuses, now=now),
    )


def worklist_total(staff: Staff, worklist: Worklist, *, now: datetime | None = None) -> int:
    scope = worklist.scope(staff)
    statuses = (worklist.default_status,) if worklist.default_status else worklist.statuses
    counts = status_counts(scope, statuses, now=now or timezone.now())
    return sum(c.total for c in counts.values())
