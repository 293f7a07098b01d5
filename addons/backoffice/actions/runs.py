"""What each action calls: the flow's `act` or one dossier service, with the form's values."""

from django.db import transaction

from addons.dossiers import services
from workflows.dossier import act

from .situation import Situation


def flow_action(action: str, *keys: str):
    def run(s: Situation, data: dict):
        return act(s.dossier, s.staff.user, action, **{key: data[key] for key in keys})

    return run


def request_supplement(s: Situation, data: dict):
    return services.dossier_request_supplement(
        dossier=s.dossier, actor=s.staff.user, items=data["all_items"], note=data["note"]
    )


@transaction.atomic
def supplement_received(s: Situation, data: dict):
    for scan in data["scans"]:
        services.document_add(dossier=s.dossier, actor=s.staff.user, uploaded=scan, kind="scan")
    return services.dossier_supplement(dossier=s.dossier, actor=s.staff.user, note=data["note"])


def assign(s: Situation, data: dict):
    return services.dossier_assign(
        dossier=s.dossier,
        actor=s.staff.user,
        handler=data.get("handler") or s.staff.user,
        expected_handler_id=data["expected_handler"],
    )


def attach_result(s: Situation, data: dict):
    return services.document_add(
        dossier=s.dossier, actor=s.staff.user, uploaded=data["file"], kind="result"
    )


def apologise(s: Situation, data: dict):
    return services.dossier_apologise(
        dossier=s.dossier, actor=s.staff.user, new_due_at=data["new_due_at"], reason=data["reason"]
    )


def request_payment(s: Situation, data: dict):
    return services.dossier_request_payment(
        dossier=s.dossier,
        actor=s.staff.user,
        amount=data["amount"],
        description=data["description"],
    )


def confirm_payment(s: Situation, data: dict):
    return services.dossier_confirm_payment(
        dossier=s.dossier, actor=s.staff.user, fee=data["fee"], reference=data["reference"]
    )


def stop(s: Situation, data: dict):
    """The service closes the dossier's flow once the stop is committed."""
    return services.dossier_stop(dossier=s.dossier, actor=s.staff.user, reason=data["reason"])


def confirm_withdrawal(s: Situation, data: dict):
    return services.dossier_confirm_withdrawal(dossier=s.dossier, actor=s.staff.user)


def consult(s: Situation, data: dict):
    return services.consultation_request(
        dossier=s.dossier,
        actor=s.staff.user,
        unit=data["unit"],
        question=data["question"],
        days=data["days"],
    )


def withdraw_consultation(s: Situation, data: dict):
    return services.consultation_withdraw(
        consultation=data["consultation"], actor=s.staff.user, reason=data["reason"]
    )
