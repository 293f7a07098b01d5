from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ExternalIdentity, User


class ExternalIdentityInline(admin.TabularInline):
    """Identities at OpenID providers linked to the account; deleting one unlinks it (OSS-6)."""

    model = ExternalIdentity
    extra = 0
    fields = ("provider", "subject", "linked_by", "created_at", "last_login_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [ExternalIdentityInline]
    list_display = ("username", "full_name", "kind", "agency", "unit", "is_active")
    list_filter = ("kind", "is_active", "groups", "agency")
    search_fields = ("username", "full_name", "email", "identity_number", "phone")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Portal"),
            {
                "fields": (
                    "kind",
                    "full_name",
                    "identity_number",
                    "phone",
                    "organisation_name",
                    "tax_code",
                    "agency",
                    "unit",
                    "representative_name",
                )
            },
        ),
        (
            _("Verification"),
            {
                "fields": (
                    "self_registered",
                    "email_verified_at",
                    "phone_verified_at",
                    "identity_verified_at",
                )
            },
        ),
    )
