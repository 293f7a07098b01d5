from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
                )
            },
        ),
    )
