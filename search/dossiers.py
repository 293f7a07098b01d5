"""Dossier search for staff (OSS-4): by code, applicant name or identity number, procedure, status
and dates, always within what the staff member may open.

    results = search_dossiers(staff, DossierQuery(text="nguyen van an", status="processing"))

The visible set comes from the back office's `visible_dossiers(staff)` and every filter narrows it,
so no search can reach a dossier of another agency or unit. The backend (the database, the only
one for dossiers) only narrows a queryset it is given.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from django.db.models import F, QuerySet

from addons.dossiers.models import Dossier

PER_PAGE = 25


@dataclass
class DossierQuery:
    """What the staff member asked; empty values mean "any". Dates are local calendar days."""

    text: str = ""  # a dossier code, an identity number or tax code, or (part of) a name
    procedure: str = ""  # a procedure code, or words of its name
    status: str = ""
    received_from: date | None = None
    received_to: date | None = None
    due_from: date | None = None
    due_to: date | None = None
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.per_page


@dataclass
class DossierResults:
    total: int
    dossiers: list[Dossier] = field(default_factory=list)
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


class DossierSearchBackend(Protocol):
    def narrow(self, dossiers: QuerySet[Dossier], query: DossierQuery) -> QuerySet[Dossier]:
        """`dossiers` meeting the query (only ever a subset of them)."""
        ...


def dossier_backend() -> DossierSearchBackend:
    from .backends.database.dossiers import DatabaseDossierSearch

    return DatabaseDossierSearch()


def search_dossiers(staff, query: DossierQuery) -> DossierResults:
    """One page of the dossiers `staff` may open that meet `query`, latest received first."""
    from addons.backoffice.selectors import visible_dossiers

    matching = dossier_backend().narrow(visible_dossiers(staff), query)
    total = matching.count()
    page = min(max(query.page, 1), max(1, -(-total // query.per_page)))
    start = (page - 1) * query.per_page
    rows = matching.select_related("procedure", "unit", "handler").order_by(
        F("received_at").desc(nulls_last=True), "-submitted_at", "-pk"
    )[start : start + query.per_page]
    return DossierResults(total=total, dossiers=list(rows), page=page, per_page=query.per_page)


def masked_identity(number: str, *, shown: int = 4) -> str:
    """An identity number or tax code with all but its last digits hidden: "******1234"."""
    number = (number or "").strip()
    if not number:
        return ""
    if len(number) <= shown:
        return "*" * len(number)
    return "*" * (len(number) - shown) + number[-shown:]
