"""What each event tells whom: the texts of the emails and SMS, in the recipient's language."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

# Event kind -> message template, for the applicant (POR-đ).
APPLICANT_TEMPLATES = {
    "received": "received",
    "supplement_requested": "supplement_requested",
    "payment_requested": "payment_requested",
    "apology": "apology",
    "result_ready": "result_ready",
    "approved": "result_ready",
    "result_refused": "result_ready",
    "returned": "returned",
    "refused": "refused",
    "stopped": "stopped",
}
# Event kind -> message template, for the handler and the unit head (OSS-7), by email only.
STAFF_TEMPLATES = {
    "deadline_warning": "deadline_warning",
    "overdue": "overdue",
    "apology_reminder": "apology_reminder",
}
NOTIFIED_KINDS = frozenset(APPLICANT_TEMPLATES) | frozenset(STAFF_TEMPLATES)

SUBJECTS = {
    "received": _("Dossier %(code)s received: appointment on %(due)s"),
    "supplement_requested": _("Dossier %(code)s: documents to add or correct"),
    "payment_requested": _("Dossier %(code)s: fees to pay"),
    "apology": _("Dossier %(code)s: apology and new appointment date"),
    "result_ready": _("Dossier %(code)s: the result is ready"),
    "returned": _("Dossier %(code)s: result returned"),
    "refused": _("Dossier %(code)s was not received"),
    "stopped": _("Dossier %(code)s: processing stopped"),
    "deadline_warning": _("Deadline approaching: dossier %(code)s"),
    "overdue": _("Overdue: dossier %(code)s"),
    "apology_reminder": _("Issue form 04 for dossier %(code)s before %(cutoff)s"),
}
DATE_FORMAT = "H:i d/m/Y"


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    sms: str


def _when(value) -> datetime | None:
    if isinstance(value, str) and value:
        return datetime.fromisoformat(value)
    return value or None


def _local(moment) -> str:
    return formats.date_format(timezone.localtime(moment), DATE_FORMAT) if moment else ""


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _supplement_items(event) -> list[str]:
    """The items as the applicant knows them: a catalogue code becomes the document's name."""
    from addons.catalogue.models import DocumentItem

    items = [str(i) for i in event.data.get("items", []) if str(i).strip()]
    known = DocumentItem.objects.filter(group__procedure=event.dossier.procedure_id)
    names = {i.code.strip().casefold(): i.name for i in known if i.code.strip()}
    return [names.get(i.strip().casefold(), i) for i in items]


def _context(event, template: str, recipient_name: str) -> dict:
    dossier = event.dossier
    data = event.data or {}
    context = {
        "event": event,
        "dossier": dossier,
        "code": dossier.code or f"#{dossier.pk}",
        "name": recipient_name,
        "procedure": dossier.procedure.name,
        "agency": dossier.agency.name,
        "due_at": _when(data.get("due_at")) or dossier.due_at,
        "note": event.note,
        "lookup_url": _absolute(reverse("dossiers:lookup")) + f"?code={dossier.code or ''}",
    }
    if template in APPLICANT_TEMPLATES.values() and dossier.applicant_id:
        context["account_url"] = _absolute(reverse("dossiers:detail", args=[dossier.uuid]))
    if template == "supplement_requested":
        context["items"] = _supplement_items(event)
    elif template == "payment_requested":
        context["amount"] = data.get("amount", "")
        context["fee"] = dossier.fees.filter(pk=data.get("fee")).first()
    elif template == "apology":
        context["previous_due_at"] = _when(data.get("previous_due_at"))
    elif template == "result_ready":
        context["refused"] = event.kind == "result_refused" or dossier.outcome == "refused"
    elif template == "returned":
        context["method"] = dossier.get_return_method_display()
        context["electronic"] = dossier.return_method == "electronic"
    elif template in STAFF_TEMPLATES:
        context["step"] = data.get("step_name", "")
        context["scope_step"] = data.get("scope") == "step"
        context["backoffice_url"] = _absolute(reverse("backoffice:dossier", args=[dossier.pk]))
        if template == "apology_reminder" and context["due_at"]:
            context["cutoff"] = context["due_at"] - timedelta(days=1)
    context["subject_values"] = {
        "code": context["code"],
        "due": _local(context["due_at"]),
        "cutoff": _local(context.get("cutoff")),
    }
    return context


def message_render(event, *, language: str, recipient_name: str = "") -> Message:
    """The email and SMS texts of `event`, rendered in `language` (Vietnamese by default)."""
    template = APPLICANT_TEMPLATES.get(event.kind) or STAFF_TEMPLATES[event.kind]
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        context = _context(event, template, recipient_name)
        subject = str(SUBJECTS[template]) % context["subject_values"]
        body = render_to_string(f"notifications/email/{template}.txt", context).strip() + "\n"
        sms = ""
        if template in APPLICANT_TEMPLATES.values():
            sms = render_to_string(f"notifications/sms/{template}.txt", context)
    return Message(
        subject=" ".join(subject.split()),
        body=re.sub(r"\n{3,}", "\n\n", body),
        sms=" ".join(sms.split()),
    )
