"""Back-office reads, permission-aware: every read starts from the staff member's agency and their
place in it (OSS-7, OSS-8). Lists use the dossier table's indexes and LIMIT; counts are aggregates.
"""

from .consultations import (
    ConsultationLine,
    ConsultationView,
    consultation_documents,
    consultation_for_staff,
    consultations_to_answer,
    dossier_consultations,
    open_consultation_count,
)
from .details import FORM_CONTROL, FORM_RECEIPT, DossierDetails, dossier_details
from .dossiers import (
    agency_units,
    citizen_by_identity,
    dossier_for_staff,
    procedures_matching,
    visible_dossiers,
)
from .overview import Overview, UnitLine, agency_overview
from .worklists import (
    DUE_SOON_WORKING_HOURS,
    LIVE_STATUSES,
    PAGE_SIZE,
    WORKLISTS,
    StatusCount,
    Worklist,
    WorklistPage,
    overdue_q,
    status_counts,
    worklist_page,
    worklist_total,
    worklists_for,
)

__all__ = [
    "DUE_SOON_WORKING_HOURS",
    "FORM_CONTROL",
    "FORM_RECEIPT",
    "LIVE_STATUSES",
    "PAGE_SIZE",
    "WORKLISTS",
    "ConsultationLine",
    "ConsultationView",
    "DossierDetails",
    "Overview",
    "StatusCount",
    "UnitLine",
    "Worklist",
    "WorklistPage",
    "agency_overview",
    "agency_units",
    "citizen_by_identity",
    "consultation_documents",
    "consultation_for_staff",
    "consultations_to_answer",
    "dossier_consultations",
    "dossier_for_staff",
    "dossier_details",
    "open_consultation_count",
    "overdue_q",
    "procedures_matching",
    "status_counts",
    "visible_dossiers",
    "worklist_page",
    "worklist_total",
    "worklists_for",
]
