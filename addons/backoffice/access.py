"""Who is at the back office: a verified staff member of an agency, and the roles they hold."""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from addons.accounts.roles import Role

DOSSIER_ROLES = frozenset(
    {Role.RECEIVING_CLERK, Role.SPECIALIST, Role.UNIT_HEAD, Role.AGENCY_LEADER}
)


@dataclass(frozen=True)
class Staff:
    """Cán bộ: the signed-in user with their agency, unit and roles, read once per request."""

    user: object
    roles: frozenset[Role]

    @property
    def agency_id(self) -> int:
        return self.user.agency_id

    @property
    def unit_id(self) -> int | None:
        return self.user.unit_id

    def has(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))

    @property
    def is_clerk(self) -> bool:
        return Role.RECEIVING_CLERK in self.roles

    @property
    def is_specialist(self) -> bool:
        return Role.SPECIALIST in self.roles

    @property
    def is_unit_head(self) -> bool:
        return Role.UNIT_HEAD in self.roles

    @property
    def is_leader(self) -> bool:
        return Role.AGENCY_LEADER in self.roles

    @property
    def sees_whole_agency(self) -> bool:
        """Leaders oversee the agency; the desk receives and returns every dossier of it."""
        return self.is_leader or self.is_clerk


def staff_of(user) -> Staff:
    names = set(user.groups.values_list("name", flat=True))
    return Staff(user=user, roles=frozenset(Role(name) for name in names if name in Role.values))


def staff_required(*roles: Role):
    """The view is for a verified staff member of an agency holding one of `roles` (any dossier
    role when none is given). Anonymous users go to the login page; anyone else gets 403.

    The OTP middleware already guards /backoffice/; the check is repeated here so that the views
    stay safe wherever they are mounted.
    """
    wanted = frozenset(roles) or DOSSIER_ROLES

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_staff_member or not user.is_verified():
                raise PermissionDenied(_("This area is for staff only."))
            if user.agency_id is None:
                raise PermissionDenied(_("Your account is not attached to an agency."))
            staff = staff_of(user)
            if not staff.roles & wanted:
                raise PermissionDenied(_("Your role does not give access to this page."))
            request.staff = staff
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
