"""Shared electronic catalogues (OSS-5) and the procedure catalogue (OSS-1, POR-c)."""

from .agencies import Agency
from .catalogues import AdministrativeUnit, Field, LegalDocument, ResultType, SubjectType
from .eforms import ProcedureFormField
from .pages import ProcedureIndexPage, ProcedurePage
from .procedures import (
    DocumentGroup,
    DocumentItem,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureChannel,
)

__all__ = [
    "AdministrativeUnit",
    "Agency",
    "DocumentGroup",
    "DocumentItem",
    "Field",
    "LegalDocument",
    "Procedure",
    "ProcedureAgency",
    "ProcedureCase",
    "ProcedureChannel",
    "ProcedureFormField",
    "ProcedureIndexPage",
    "ProcedurePage",
    "ResultType",
    "SubjectType",
]
