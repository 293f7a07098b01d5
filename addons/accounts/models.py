"""The user model: citizens and organisations apply; staff belong to agencies and units."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Người dùng. One model for applicants and staff, told apart by `kind`."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Citizen")
        ORGANISATION = "organisation", _("Organisation or business")
        STAFF = "staff", _("Civil servant")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    identity_number = models.CharField(
        _("personal identity number"),
        max_length=12,
        blank=True,
        help_text=_("The 12-digit personal identification number (số định danh cá nhân)."),
    )
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    organisation_name = models.CharField(_("organisation name"), max_length=255, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    agency = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    unit = models.ForeignKey(
        "catalogue.Agency",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unit_staff",
    )
    # Registration (POR-n) and centralised sign-in (GEN-6): what has been proved, and when.
    self_registered = models.BooleanField(
        _("self-registered"),
        default=False,
        help_text=_(
            "Created through the registration form: its identity number is the applicant's own "
            "declaration until an identity provider confirms it."
        ),
    )
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    phone_verified_at = models.DateTimeField(_("phone verified at"), null=True, blank=True)
    identity_verified_at = models.DateTimeField(
        _("identity verified at"),
        null=True,
        blank=True,
        help_text=_("When an identity provider (for example VNeID) confirmed the identity number."),
    )
    representative_name = models.CharField(
        _("representative"), max_length=255, blank=True, help_text=_("For organisations.")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    @property
    def is_staff_member(self) -> bool:
        """Cán bộ: anyone who works in a staff surface (and so needs a verified OTP device)."""
        return self.is_staff or self.is_superuser or self.kind == self.Kind.STAFF

    @property
    def is_contact_verified(self) -> bool:
        """An account someone created for themselves counts once an address or identity is proved."""
        if not self.self_registered:
            return True
        return bool(self.email_verified_at or self.phone_verified_at or self.identity_verified_at)

    @property
    def can_submit_dossiers(self) -> bool:
        """Unverified self-registered accounts may prepare drafts but not submit them (POR-n)."""
        return self.is_contact_verified


class ExternalIdentity(models.Model):
    """Liên kết định danh: an account at an identity provider (its `sub`) linked to a user."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="external_identities"
    )
    provider = models.CharField(_("identity provider"), max_length=50)
    subject = models.CharField(_("subject"), max_length=255)
    linked_by = models.CharField(_("linked by"), max_length=30)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject}"


class ContactVerification(models.Model):
    """Mã xác thực: a code (and, by email, a link) proving the user owns an email or phone."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="verifications"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    destination = models.CharField(_("sent to"), max_length=255)
    code_hash = models.CharField(max_length=128)
    link_hash = models.CharField(max_length=128, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact verification")
        verbose_name_plural = _("contact verifications")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.channel} {self.destination}"


class SignedInSession(models.Model):
    """Phiên đăng nhập: a session a user signed in with, so that an administrator's lock (or the
    user, signing out everywhere) can end every one of them at once."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    signed_in_at = models.DateTimeField(_("signed in at"), auto_now_add=True)

    class Meta:
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")

    def __str__(self) -> str:
        return f"{self.user} {self.signed_in_at:%Y-%m-%d %H:%M}"
