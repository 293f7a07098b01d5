"""Procedure (thủ tục hành chính): the national record, as imported from the national catalogue.

The record is kept apart from its Wagtail page: a re-import rewrites the record and its parts, and
never touches what editors added to the page (guidance, sample dossier, video, FAQ).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeUnit(models.TextChoices):
    WORKING_DAY = "WORKING_DAY", _("working days")
    DAY = "DAY", _("days")
    HOUR = "HOUR", _("hours")
    MONTH = "MONTH", _("months")
    OTHER = "OTHER", _("see processing cases")


class Procedure(models.Model):
    """Thủ tục hành chính: one procedure of the national catalogue, with every part of its record."""

    class Completeness(models.TextChoices):
        SUMMARY = "summary", _("Summary only")
        FULL = "full", _("Full record")

    class OnlineService(models.TextChoices):
        """Mức độ dịch vụ công trực tuyến (Decree 42/2022: full process / partial)."""

        FULL = "full", _("Full-process online service")
        PARTIAL = "partial", _("Partial online service")
        NONE = "none", _("Information only")

    class Level(models.TextChoices):
        MINISTRY = "ministry", _("Ministry level")
        PROVINCE = "province", _("Province level")
        COMMUNE = "commune", _("Commune level")

    code = models.CharField(_("code"), max_length=40, unique=True)
    external_id = models.CharField(_("national catalogue id"), max_length=64, blank=True)
    name = models.CharField(_("name"), max_length=2000)
    description = models.TextField(_("description"), blank=True)
    record_type = models.CharField(_("record type"), max_length=30, blank=True)
    state = models.CharField(_("state in the national catalogue"), max_length=30, blank=True)
    completeness = models.CharField(
        _("completeness"), max_length=10, choices=Completeness.choices, default=Completeness.SUMMARY
    )
    field = models.ForeignKey(
        "catalogue.Field",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_procedures",
    )
    fields = models.ManyToManyField(
        "catalogue.Field", verbose_name=_("fields"), blank=True, related_name="procedures"
    )

    # Levels (cấp thực hiện); a summary record names no level, so it is inferred from its agencies.
    level_ministry = models.BooleanField(_("ministry level"), default=False)
    level_province = models.BooleanField(_("province level"), default=False)
    level_commune = models.BooleanField(_("commune level"), default=False)
    level_inferred = models.BooleanField(_("level inferred from the agencies"), default=False)
    is_vertical = models.BooleanField(_("vertical agency"), default=False)

    online_service = models.CharField(
        _("online service"),
        max_length=10,
        choices=OnlineService.choices,
        default=OnlineService.NONE,
    )
    has_online = models.BooleanField(_("can be submitted online"), default=False)
    has_postal = models.BooleanField(_("can be submitted by post"), default=False)
    has_direct = models.BooleanField(_("can be submitted at the desk"), default=False)
    offline_only = models.BooleanField(_("offline only"), default=False)

    steps = models.JSONField(_("steps"), default=list, blank=True)
    requirements = models.TextField(_("requirements and conditions"), blank=True)
    returning_methods = models.JSONField(_("ways of returning results"), default=list, blank=True)
    decision = models.JSONField(_("announcing decision"), default=dict, blank=True)
    legal_bases = models.ManyToManyField(
        "catalogue.LegalDocument",
        verbose_name=_("legal basis"),
        blank=True,
        related_name="procedures",
    )
    results = models.ManyToManyField(
        "catalogue.ResultType", verbose_name=_("results"), blank=True, related_name="procedures"
    )
    subject_types = models.ManyToManyField(
        "catalogue.SubjectType",
        verbose_name=_("subject types"),
        blank=True,
        related_name="procedures",
    )
    agencies = models.ManyToManyField(
        "catalogue.Agency",
        verbose_name=_("agencies"),
        through="catalogue.ProcedureAgency",
        blank=True,
        related_name="procedures",
    )

    source_created_at = models.DateTimeField(
        _("created in the national catalogue"), null=True, blank=True
    )
    source_updated_at = models.DateTimeField(
        _("updated in the national catalogue"), null=True, blank=True
    )
    source_hash = models.CharField(
        _("fingerprint of the imported record"), max_length=64, blank=True
    )
    imported_at = models.DateTimeField(_("last import"), null=True, blank=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["online_service"]),
            models.Index(fields=["level_province", "level_commune", "level_ministry"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def levels(self) -> list[str]:
        flags = [
            (self.level_ministry, self.Level.MINISTRY),
            (self.level_province, self.Level.PROVINCE),
            (self.level_commune, self.Level.COMMUNE),
        ]
        return [level for on, level in flags if on]

    @property
    def channels_offered(self) -> list[str]:
        flags = [
            (self.has_online, ProcedureChannel.Method.ONLINE),
            (self.has_postal, ProcedureChannel.Method.POSTAL),
            (self.has_direct, ProcedureChannel.Method.DIRECT),
        ]
        return [method for on, method in flags if on]


class ProcedureAgency(models.Model):
    """The part an agency plays in a procedure."""

    class Role(models.TextChoices):
        PROMULGATING = "promulgating", _("Promulgating agency")
        EXECUTING = "executing", _("Executing agency")
        COMPETENT = "competent", _("Competent agency")
        AUTHORIZED = "authorized", _("Authorised agency")
        COORDINATING = "coordinating", _("Coordinating agency")

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="agency_roles")
    agency = models.ForeignKey(
        "catalogue.Agency", on_delete=models.PROTECT, related_name="procedure_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("agency of a procedure")
        verbose_name_plural = _("agencies of procedures")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "agency", "role"], name="catalogue_procedure_agency_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_role_display()})"


class ProcedureChannel(models.Model):
    """Cách thức thực hiện: a way to submit (online, post, desk) with its time and fees."""

    class Method(models.TextChoices):
        ONLINE = "ONLINE", _("Online")
        POSTAL = "POSTAL", _("By post")
        DIRECT = "DIRECT", _("At the desk")

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="channels")
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    processing_time = models.DecimalField(
        _("processing time"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    time_unit = models.CharField(
        _("time unit"), max_length=15, choices=TimeUnit.choices, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    fees = models.JSONField(_("fees"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("submission channel")
        verbose_name_plural = _("submission channels")
        ordering = ["order"]

    def __str__(self) -> str:
        return str(self.get_method_display())


class ProcedureCase(models.Model):
    """Trường hợp: a processing case with its own processing time."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="cases")
    code = models.CharField(_("code"), max_length=60, blank=True)
    name = models.CharField(_("name"), max_length=2000)
    processing_time = models.DecimalField(
        _("processing time"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    time_unit = models.CharField(
        _("time unit"), max_length=15, choices=TimeUnit.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("processing case")
        verbose_name_plural = _("processing cases")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class DocumentGroup(models.Model):
    """Thành phần hồ sơ: a group of required documents, e.g. "Giấy tờ phải nộp"."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="document_groups"
    )
    name = models.CharField(_("name"), max_length=2000)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("document group")
        verbose_name_plural = _("document groups")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class DocumentItem(models.Model):
    """Giấy tờ: one required document, with how many originals and copies."""

    group = models.ForeignKey(DocumentGroup, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=100, blank=True)
    name = models.TextField(_("name"))
    original_qty = models.PositiveSmallIntegerField(_("originals"), default=0)
    copy_qty = models.PositiveSmallIntegerField(_("copies"), default=0)
    required = models.BooleanField(_("required"), default=False)
    has_electronic_form = models.BooleanField(_("has an electronic form"), default=False)
    templates = models.JSONField(_("form templates"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name
