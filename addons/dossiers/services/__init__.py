"""Every write to a dossier goes through these services: the portal, the desk, the flow and the API."""

from .common import ConflictError, PermissionDenied, ServiceError
from .consultations import (
    consultation_answer,
    consultation_request,
    consultation_withdraw,
)
from .processing import (
    dossier_apologise,
    dossier_assign,
    dossier_confirm_payment,
    dossier_confirm_withdrawal,
    dossier_decide,
    dossier_request_payment,
    dossier_return_result,
    dossier_step_complete,
    dossier_step_return,
    dossier_stop,
    dossier_withdraw,
)
from .reception import (
    dossier_accept,
    dossier_refuse,
    dossier_request_supplement,
    dossier_supplement,
)
from .submission import (
    applicant_prefill,
    document_add,
    dossier_draft_create,
    dossier_draft_delete,
    dossier_draft_update,
    dossier_register_at_desk,
    dossier_submit,
    missing_required_items,
)

__all__ = [
    "ConflictError",
    "PermissionDenied",
    "ServiceError",
    "applicant_prefill",
    "consultation_answer",
    "consultation_request",
    "consultation_withdraw",
    "document_add",
    "dossier_accept",
    "dossier_apologise",
    "dossier_assign",
    "dossier_confirm_payment",
    "dossier_confirm_withdrawal",
    "dossier_decide",
    "dossier_draft_create",
    "dossier_draft_delete",
    "dossier_draft_update",
    "dossier_refuse",
    "dossier_register_at_desk",
    "dossier_request_payment",
    "dossier_request_supplement",
    "dossier_return_result",
    "dossier_step_complete",
    "dossier_step_return",
    "dossier_stop",
    "dossier_submit",
    "dossier_supplement",
    "dossier_withdraw",
    "missing_required_items",
]
