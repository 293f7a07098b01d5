"""Writes about accounts: role groups, staff members and their OTP devices."""

import secrets

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .roles import EDITOR_PAGE_PERMISSIONS, ROLE_PERMISSIONS, Role

BACKUP_CODE_COUNT = 10


@transaction.atomic
def role_groups_ensure() -> dict[Role, Group]:
    """Create the role groups and give each its permissions; safe to run any number of times."""
    groups = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = [
            Permission.objects.filter(content_type__app_label=app, codename=codename).first()
            for app, codename in perms
        ]
        group.permissions.add(*[p for p in wanted if p is not None])
        groups[role] = group
    _editor_page_permissions_ensure(groups[Role.EDITOR])
    return groups


def _editor_page_permissions_ensure(group: Group) -> None:
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


@transaction.atomic
def staff_member_create(
    *,
    username: str,
    password: str,
    full_name: str,
    email: str = "",
    roles: list[Role],
    agency=None,
    unit=None,
    is_superuser: bool = False,
) -> User:
    """Create (or update) a staff member with the given roles."""
    groups = role_groups_ensure()
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "kind": User.Kind.STAFF,
            "full_name": full_name,
            "email": email,
            "is_staff": True,
            "is_superuser": is_superuser,
            "agency": agency,
            "unit": unit,
        },
    )
    user.set_password(password)
    user.save()
    user.groups.set([groups[r] for r in roles])
    return user


def totp_device_get_or_create(user: User, *, confirmed: bool = False) -> TOTPDevice:
    """The staff member's authenticator-app device (one per user, named "default")."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="default", defaults={"confirmed": confirmed}
    )
    if confirmed and not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def backup_codes_issue(user: User) -> list[str]:
    """Replace the staff member's backup codes with a fresh set and return them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_remaining(user: User) -> list[str]:
    return list(
        StaticToken.objects.filter(device__user=user, device__name="backup").values_list(
            "token", flat=True
        )
    )
