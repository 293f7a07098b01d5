"""Staff roles, each a Django group with the permissions it needs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The value is the group's name, so that the admin shows it in Vietnamese."""

    EDITOR = "Biên tập viên", _("Editor")
    RECEIVING_CLERK = "Cán bộ một cửa", _("Receiving clerk")
    SPECIALIST = "Chuyên viên", _("Specialist")
    UNIT_HEAD = "Lãnh đạo phòng", _("Unit head")
    AGENCY_LEADER = "Lãnh đạo cơ quan", _("Agency leader")
    ADMINISTRATOR = "Quản trị viên", _("Administrator")


# Permissions by role, as (app_label, codename). Every staff role may enter the admin; the back
# office of later issues adds its own permissions here.
ROLE_PERMISSIONS: dict[Role, list[tuple[str, str]]] = {
    Role.EDITOR: [
        ("wagtailadmin", "access_admin"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        *[("search", f"{action}_synonym") for action in ("add", "change", "delete", "view")],
    ],
    Role.RECEIVING_CLERK: [("wagtailadmin", "access_admin")],
    Role.SPECIALIST: [("wagtailadmin", "access_admin")],
    Role.UNIT_HEAD: [("wagtailadmin", "access_admin")],
    Role.AGENCY_LEADER: [("wagtailadmin", "access_admin"), ("analytics", "view_statistics")],
    Role.ADMINISTRATOR: [
        ("wagtailadmin", "access_admin"),
        ("accounts", "add_user"),
        ("accounts", "change_user"),
        ("accounts", "view_user"),
        *[
            ("catalogue", f"{action}_{model}")
            for model in (
                "agency",
                "field",
                "administrativeunit",
                "subjecttype",
                "resulttype",
                "legaldocument",
            )
            for action in ("add", "change", "view")
        ],
        *[
            ("workcalendar", f"{action}_{model}")
            for model in ("workingperiod", "calendarday")
            for action in ("add", "change", "delete", "view")
        ],
        ("wagtailcore", "change_site"),
        # The audit trail (search, export) and the sign-in locks (OSS-6).
        ("audit", "view_auditentry"),
        ("audit", "export_auditentry"),
        ("audit", "view_signinlock"),
        ("audit", "change_signinlock"),
        ("analytics", "view_statistics"),
    ],
}

# Page permissions on the whole page tree, granted to editors.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
