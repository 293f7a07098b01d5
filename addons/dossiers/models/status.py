"""Dossier statuses, their national codes, and the timeliness vocabulary."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Internal statuses; `NATIONAL_CODES` maps each to the National Portal's code (1-10)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting reception")
    NOT_RECEIVED = "not_received", _("Not received")
    RECEIVED = "received", _("Received")
    PROCESSING = "processing", _("Processing")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    PAYMENT_REQUESTED = "payment_requested", _("Payment requested")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    WITHDRAWAL_REQUESTED = "withdrawal_requested", _("Withdrawal requested")
    STOPPED = "stopped", _("Processing stopped")
    RESULT_READY = "result_ready", _("Result ready")
    RETURNED = "returned", _("Result returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


NATIONAL_CODES: dict[str, int | None] = {
    Status.DRAFT: None,
    Status.SUBMITTED: 1,
    Status.RECEIVED: 2,
    Status.NOT_RECEIVED: 3,
    Status.PROCESSING: 4,
    Status.AWAITING_APPROVAL: 4,
    Status.SUPPLEMENT_REQUESTED: 5,
    Status.PAYMENT_REQUESTED: 6,
    Status.WITHDRAWAL_REQUESTED: 7,
    Status.STOPPED: 8,
    Status.WITHDRAWN: 8,
    Status.RESULT_READY: 9,
    Status.RETURNED: 10,
}

# Statuses in which the dossier is with the agency and the clock runs.
OPEN_STATUSES = {
    Status.RECEIVED,
    Status.PROCESSING,
    Status.PAYMENT_REQUESTED,
    Status.AWAITING_APPROVAL,
    Status.WITHDRAWAL_REQUESTED,
}
# Finished from the agency's side: timeliness is early / on time / late.
FINISHED_STATUSES = {Status.RESULT_READY, Status.RETURNED}
# Nothing more will happen.
CLOSED_STATUSES = {Status.RETURNED, Status.NOT_RECEIVED, Status.STOPPED, Status.WITHDRAWN}
# Past the draft and not closed: what worklists count (sorted, so index definitions are stable).
IN_PROGRESS_STATUSES = sorted(str(s) for s in set(Status) - CLOSED_STATUSES - {Status.DRAFT})


class Timeliness(models.TextChoices):
    EARLY = "early", _("Early")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    WITHIN_DEADLINE = "within_deadline", _("Within deadline")
    OVERDUE = "overdue", _("Overdue")
    NOT_STARTED = "not_started", _("Not started")


class Channel(models.TextChoices):
    """Kênh nộp: the National Portal's KenhThucHien 1 desk, 2 online, 3 post."""

    DIRECT = "direct", _("At the desk")
    ONLINE = "online", _("Online")
    POSTAL = "postal", _("By post")


class ReturnMethod(models.TextChoices):
    AT_DESK = "at_desk", _("At the desk")
    BY_POST = "by_post", _("By post")
    ELECTRONIC = "electronic", _("Electronically")


EVENT_LABELS = {
    "draft_created": _("Draft created"),
    "submitted": _("Submitted"),
    "registered_at_desk": _("Registered at the desk"),
    "received": _("Received; appointment date set"),
    "supplement_requested": _("Supplement requested"),
    "supplement_received": _("Supplement received"),
    "refused": _("Not received"),
    "assigned": _("Assigned"),
    "step_completed": _("Step completed"),
    "step_started": _("Step started"),
    "step_returned": _("Returned to the previous step"),
    "approved": _("Result approved"),
    "result_refused": _("Request refused"),
    "result_ready": _("Result ready"),
    "returned": _("Result returned"),
    "apology": _("Apology and new appointment date"),
    "payment_requested": _("Payment requested"),
    "paid": _("Paid"),
    "withdrawal_requested": _("Withdrawal requested"),
    "withdrawn": _("Withdrawn"),
    "stopped": _("Processing stopped"),
    "document_added": _("Document added"),
    "form_issued": _("Form issued"),
    "message": _("Message"),
    "deadline_warning": _("Deadline approaching"),
    "overdue": _("Overdue"),
    "apology_reminder": _("Reminder to issue form 04"),
    "consultation_requested": _("Another unit consulted"),
    "consultation_answered": _("Consultation answered"),
    "consultation_withdrawn": _("Consultation withdrawn"),
}
