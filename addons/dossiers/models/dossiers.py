"""Dossier (hồ sơ) and what belongs to it: documents, fees, events, step records."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage
from .status import (
    CLOSED_STATUSES,
    FINISHED_STATUSES,
    IN_PROGRESS_STATUSES,
    Channel,
    ReturnMethod,
    Status,
)


class Dossier(models.Model):
    """Hồ sơ: one application for one procedure, from draft to returned result."""

    class ApplicantKind(models.TextChoices):
        PERSON = "person", _("Citizen")
        ORGANISATION = "organisation", _("Organisation or business")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("dossier code"), max_length=60, unique=True, null=True, blank=True)
    procedure = models.ForeignKey(
        "catalogue.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    case = models.ForeignKey(
        "catalogue.ProcedureCase",
        verbose_name=_("processing case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("receiving agency"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    # Applicant (người yêu cầu) and submitter (người nộp: may be an authorised representative).
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    applicant_kind = models.CharField(
        _("applicant kind"),
        max_length=15,
        choices=ApplicantKind.choices,
        default=ApplicantKind.PERSON,
    )
    applicant_name = models.CharField(_("applicant name"), max_length=255, blank=True)
    applicant_identity_number = models.CharField(
        _("identity number or tax code"), max_length=14, blank=True
    )
    applicant_address = models.CharField(_("address"), max_length=500, blank=True)
    applicant_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("email"), blank=True)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submitted_dossiers",
    )
    submitter_name = models.CharField(_("submitter name"), max_length=255, blank=True)
    form_data = models.JSONField(_("form data"), default=dict, blank=True)

    # Process (quy trình nội bộ): the template version this dossier started with.
    process_template = models.ForeignKey(
        "dossiers.ProcessTemplate",
        verbose_name=_("process template"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    current_step = models.PositiveSmallIntegerField(_("current step"), default=0)
    unit = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_dossiers",
    )

    # Times. The clock stops while the applicant owes a supplement (`paused_since`).
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    counting_from = models.DateTimeField(_("deadline counted from"), null=True, blank=True)
    due_at = models.DateTimeField(_("appointment date"), null=True, blank=True)
    original_due_at = models.DateTimeField(_("first appointment date"), null=True, blank=True)
    apology_issued_at = models.DateTimeField(_("apology (form 04) issued"), null=True, blank=True)
    paused_since = models.DateTimeField(_("clock stopped since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("result ready"), null=True, blank=True)
    returned_at = models.DateTimeField(_("result returned"), null=True, blank=True)
    return_method = models.CharField(
        _("return method"), max_length=12, choices=ReturnMethod.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["agency", "status", "due_at"]),
            models.Index(fields=["unit", "status", "due_at"]),
            models.Index(fields=["handler", "status", "due_at"]),
            models.Index(fields=["applicant", "status"]),
            # Worklists and the leader's overview count and page the dossiers still in progress,
            # a small share of a table that keeps every finished dossier: partial indexes over
            # them alone, covering what the counts and the page keys (due_at, id) read, so
            # PostgreSQL answers from the index.
            models.Index(
                fields=["agency", "status", "due_at"],
                include=["unit", "handler", "id"],
                condition=models.Q(status__in=IN_PROGRESS_STATUSES),
                name="dossier_open_agency_idx",
            ),
            models.Index(
                fields=["unit", "status", "due_at"],
                include=["agency", "handler", "id"],
                condition=models.Q(status__in=IN_PROGRESS_STATUSES),
                name="dossier_open_unit_idx",
            ),
            models.Index(
                fields=["handler", "status", "due_at"],
                include=["agency", "id"],
                condition=models.Q(status__in=IN_PROGRESS_STATUSES),
                name="dossier_open_handler_idx",
            ),
            models.Index(
                fields=["agency", "submitted_at"],
                condition=models.Q(status=Status.SUBMITTED),
                name="dossier_submitted_idx",
            ),
            # The overview's count of closed dossiers reads the agency's whole history: keys
            # this short deduplicate into posting lists, a tenth of the pages of the index above.
            models.Index(
                fields=["agency", "status"],
                condition=models.Q(status__in=sorted(str(s) for s in CLOSED_STATUSES)),
                name="dossier_closed_idx",
            ),
            models.Index(
                fields=["agency", "finished_at"],
                include=["due_at"],
                condition=models.Q(status__in=sorted(str(s) for s in FINISHED_STATUSES)),
                name="dossier_finished_idx",
            ),
        ]
        permissions = [
            ("receive_dossier", _("Can receive dossiers at the one-stop desk")),
            ("process_dossier", _("Can process dossiers")),
            ("approve_dossier", _("Can approve dossier results")),
            ("oversee_dossier", _("Can oversee and reassign the agency's dossiers")),
        ]

    def __str__(self) -> str:
        return self.code or f"#{self.pk} ({self.get_status_display()})"

    @property
    def national_status_code(self) -> int | None:
        from .status import NATIONAL_CODES

        return NATIONAL_CODES[self.status]

    @property
    def is_paper(self) -> bool:
        return self.channel in (Channel.DIRECT, Channel.POSTAL)


def dossier_file_path(instance: "DossierDocument", filename: str) -> str:
    return f"dossiers/{instance.dossier.uuid}/{uuid.uuid4().hex}/{filename}"


class DossierDocument(models.Model):
    """Giấy tờ: a file of the dossier. Supplements add versions; nothing is overwritten."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted document")
        SCAN = "scan", _("Scan made at the desk")
        RESULT = "result", _("Result")
        FORM = "form", _("Form")
        ATTACHMENT = "attachment", _("Message attachment")
        CONSULTATION = "consultation", _("Answer to a consultation")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SUBMITTED)
    item = models.ForeignKey(
        "catalogue.DocumentItem",
        verbose_name=_("required document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    item_code = models.CharField(_("required document code"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500)
    file = models.FileField(
        _("file"), upload_to=dossier_file_path, storage=private_storage, max_length=300
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    form_number = models.CharField(_("form number"), max_length=4, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["kind", "item_code", "-version"]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Fee(models.Model):
    """Phí, lệ phí: an amount the applicant owes, requested and paid."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        PAID = "paid", _("Paid")
        WAIVED = "waived", _("Waived")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="fees")
    description = models.CharField(_("description"), max_length=500)
    amount = models.DecimalField(_("amount (VND)"), max_digits=14, decimal_places=0)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    reference = models.CharField(_("payment reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(f"{self.model.__name__} rows are append-only")

    def delete(self):
        raise TypeError(f"{self.model.__name__} rows are append-only")


class DossierEvent(models.Model):
    """Nhật ký: one thing that happened to a dossier. Append-only: never updated or deleted."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("event"), max_length=40)
    status_from = models.CharField(_("from status"), max_length=30, blank=True)
    status_to = models.CharField(_("to status"), max_length=30, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("time"), db_index=True)
    step = models.PositiveSmallIntegerField(_("step"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("DossierEvent rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("DossierEvent rows are append-only")

    @property
    def label(self) -> str:
        from .status import EVENT_LABELS

        return str(EVENT_LABELS.get(self.kind, self.kind))


class StepRecord(models.Model):
    """One step of a dossier's process as it happened (form 05 control slip)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="step_records")
    order = models.PositiveSmallIntegerField(_("step"))
    name = models.CharField(_("name"), max_length=255)
    unit = models.ForeignKey(
        "catalogue.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    budget_hours = models.DecimalField(
        _("time budget (working hours)"), max_digits=7, decimal_places=2
    )
    started_at = models.DateTimeField(_("started"))
    due_at = models.DateTimeField(_("due"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    paused_hours = models.DecimalField(_("hours paused"), max_digits=7, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("step record")
        verbose_name_plural = _("step records")
        ordering = ["dossier", "started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class DossierCounter(models.Model):
    """The running number of dossiers an agency received on a day (XXXX of the dossier code)."""

    agency = models.ForeignKey("catalogue.Agency", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossiers_counter_agency_day")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last_number}"
