"""Reads for the staff's dossier page: documents with versions, forms, steps (form 05), history."""

from dataclasses import dataclass

from addons.catalogue.models.eforms import ProcedureFormField
from addons.dossiers.models import Dossier, DossierDocument, DossierEvent, StepRecord
from addons.dossiers.timeliness import dossier_timeliness, step_timeliness

FORM_RECEIPT = "01"
FORM_CONTROL = "05"


@dataclass
class StepLine:
    record: StepRecord
    timeliness: str


@dataclass
class DossierDetails:
    timeliness: str
    form_data: list[tuple[str, object]]
    documents: list[DossierDocument]
    earlier_versions: list[DossierDocument]
    forms: list[DossierDocument]
    receipt: DossierDocument | None
    steps: list[StepLine]
    events: list[DossierEvent]
    fees: list


def _form_data(dossier: Dossier) -> list[tuple[str, object]]:
    """The e-form's values under the labels the editors gave the fields, in the form's order."""
    labels = dict(
        ProcedureFormField.objects.filter(page__procedure_id=dossier.procedure_id)
        .order_by("sort_order")
        .values_list("key", "label")
    )
    ordered = [key for key in labels if key in dossier.form_data]
    ordered += [key for key in dossier.form_data if key not in labels]
    return [(labels.get(key, key), dossier.form_data[key]) for key in ordered]


def dossier_details(dossier: Dossier) -> DossierDetails:
    documents = list(
        dossier.documents.select_related("uploaded_by").order_by(
            "kind", "item_code", "form_number", "-version", "-pk"
        )
    )
    current = [d for d in documents if d.is_current and d.kind != DossierDocument.Kind.FORM]
    forms = [d for d in documents if d.is_current and d.kind == DossierDocument.Kind.FORM]
    steps = dossier.step_records.select_related("unit", "assignee").order_by("started_at", "pk")
    return DossierDetails(
        timeliness=dossier_timeliness(dossier),
        form_data=_form_data(dossier),
        documents=current,
        earlier_versions=[d for d in documents if not d.is_current],
        forms=forms,
        receipt=next((d for d in forms if d.form_number == FORM_RECEIPT), None),
        steps=[StepLine(record, step_timeliness(record)) for record in steps],
        events=list(dossier.events.select_related("actor").order_by("at", "pk")),
        fees=list(dossier.fees.order_by("requested_at", "pk")),
    )
