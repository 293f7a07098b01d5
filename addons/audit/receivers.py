"""What the audit trail hears about: sign-ins (every path, SSO included, goes through Django's
signals), administrative changes logged by the Django and Wagtail admins, permission changes."""

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from wagtail.models import ModelLogEntry, PageLogEntry

from . import services
from .models import Action

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    services.audit_record(action=Action.LOGIN, request=request, actor=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        services.audit_record(action=Action.LOGOUT, request=request, actor=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")
    lock = getattr(request, "signin_lock", None) if request is not None else None
    if lock is not None:
        # Refused because of a lock: on record, but not counted as one more failure.
        services.audit_record(
            action=Action.LOGIN_REFUSED,
            request=request,
            username=services.account_key(username),
            detail={"lock": lock.pk, "scope": lock.scope},
        )
        return
    lock = services.signin_failure_record(request, username=username)
    if lock is not None and request is not None:
        request.signin_lock = lock  # the form says so at once


@receiver(post_save, sender=LogEntry, dispatch_uid="audit_django_admin")
def _django_admin_logged(sender, instance: LogEntry, created, **kwargs):
    if not created:
        return
    kind = {1: "add", 2: "change", 3: "delete"}.get(instance.action_flag, "other")
    content_type = instance.content_type
    services.audit_record(
        action=Action.ADMIN_CHANGE,
        actor=instance.user,
        object_type=content_type.app_label + "." + content_type.model if content_type else "",
        object_id=str(instance.object_id or "")[:64],
        object_repr=instance.object_repr[:255],
        detail={"admin": "django", "action": kind, "message": instance.get_change_message()},
    )


def _wagtail_logged(sender, instance, created, **kwargs):
    if not created:
        return
    content_type = instance.content_type
    object_id = getattr(instance, "object_id", None) or getattr(instance, "page_id", "")
    services.audit_record(
        action=Action.ADMIN_CHANGE,
        actor=instance.user,
        object_type=content_type.app_label + "." + content_type.model if content_type else "",
        object_id=str(object_id)[:64],
        object_repr=instance.label[:255],
        detail={"admin": "wagtail", "action": instance.action},
    )


post_save.connect(_wagtail_logged, sender=ModelLogEntry, dispatch_uid="audit_wagtail_models")
post_save.connect(_wagtail_logged, sender=PageLogEntry, dispatch_uid="audit_wagtail_pages")


def _permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Group membership or permissions: who gained or lost what."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return  # nothing actually changed
    names = sorted(str(o) for o in model.objects.filter(pk__in=pk_set or ())) if pk_set else []
    services.audit_record(
        action=Action.PERMISSION_CHANGE,
        obj=instance,
        detail={
            "relation": sender._meta.db_table,
            "change": action.removeprefix("post_"),
            "items": names,
        },
    )


for _through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
    m2m_changed.connect(
        _permissions_changed, sender=_through, dispatch_uid=f"audit_{_through._meta.db_table}"
    )
