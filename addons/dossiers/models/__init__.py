from .consultations import Consultation
from .dossiers import Dossier, DossierCounter, DossierDocument, DossierEvent, Fee, StepRecord
from .payments import Payment
from .process import ProcessStep, ProcessTemplate
from .status import NATIONAL_CODES, Channel, ReturnMethod, Status, Timeliness

__all__ = [
    "NATIONAL_CODES",
    "Channel",
    "Consultation",
    "Dossier",
    "DossierCounter",
    "DossierDocument",
    "DossierEvent",
    "Fee",
    "Payment",
    "ProcessStep",
    "ProcessTemplate",
    "ReturnMethod",
    "Status",
    "StepRecord",
    "Timeliness",
]
