"""Back-office writes that chain dossier services: desk reception (OSS-2, OSS-4)."""

from dataclasses import dataclass

from addons.dossiers import services
from addons.dossiers.models import Dossier, DossierDocument
from workflows.dossier import act

from .printing import FORM_RECEIPT, form_issue


@dataclass
class Reception:
    dossier: Dossier
    receipt: DossierDocument | None = None
    problem: str = ""  # why the dossier was not accepted, or has no receipt yet


def desk_receive(
    *,
    clerk,
    procedure,
    channel: str,
    applicant: dict[str, str],
    applicant_user=None,
    unit=None,
    scans=(),
    form_data: dict | None = None,
) -> Reception:
    """Tiếp nhận trực tiếp: register a walk-in or postal dossier, keep the scans of its papers,
    accept it at once and issue the receipt (form 01).

    Not one transaction, on purpose: the flow starts when the registration commits and acceptance
    is a step of that flow. Should acceptance fail, the dossier waits in the desk's queue with its
    scans, like a dossier submitted online; should the receipt fail, the clerk prints it again from
    the dossier page.
    """
    dossier = services.dossier_register_at_desk(
        clerk=clerk,
        procedure=procedure,
        agency=clerk.agency,
        channel=channel,
        applicant=applicant,
        applicant_user=applicant_user,
        form_data=form_data or {},
    )
    for item, uploaded in scans:
        services.document_add(
            dossier=dossier,
            actor=clerk,
            uploaded=uploaded,
            item=item,
            kind=DossierDocument.Kind.SCAN,
        )
    try:
        act(dossier, clerk, "accept", unit=unit)
        dossier.refresh_from_db()
        return Reception(dossier, form_issue(dossier, FORM_RECEIPT, actor=clerk))
    except services.ServiceError as exc:
        dossier.refresh_from_db()
        return Reception(dossier, problem=str(exc))
