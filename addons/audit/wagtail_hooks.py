"""The audit trail and the sign-in locks in the Wagtail admin, under Settings."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def audit_urls():
    return [
        path("audit/", views.trail, name="audit_trail"),
        path("audit/export.csv", views.trail_export, name="audit_trail_export"),
        path("audit/locks/", views.locks, name="audit_locks"),
        path("audit/locks/lock/", views.lock, name="audit_lock"),
        path("audit/locks/<int:pk>/unlock/", views.unlock, name="audit_unlock"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_settings_menu_item")
def audit_trail_menu_item():
    return PermissionMenuItem(
        _("Audit trail"),
        reverse("audit_trail"),
        icon_name="list-ul",
        order=900,
        permission="audit.view_auditentry",
    )


@hooks.register("register_settings_menu_item")
def sign_in_locks_menu_item():
    return PermissionMenuItem(
        _("Sign-in locks"),
        reverse("audit_locks"),
        icon_name="lock",
        order=910,
        permission="audit.view_signinlock",
    )
