"""What every dossier service shares: errors, locking, events, the actor's roles."""

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from addons.accounts.roles import Role

from ..models import Dossier, DossierDocument, DossierEvent, StepRecord


class ServiceError(Exception):
    """A rule forbids this action; the message says why, for the person who tried."""


class ConflictError(ServiceError):
    """Someone else changed the dossier first (two clerks on the same task)."""


class PermissionDenied(ServiceError):
    pass


def locked(dossier: Dossier | int) -> Dossier:
    """Re-read the dossier inside the current transaction, locking its row until commit."""
    pk = dossier if isinstance(dossier, int) else dossier.pk
    return Dossier.objects.select_for_update().get(pk=pk)


def expect_status(dossier: Dossier, *allowed: str) -> None:
    if dossier.status not in allowed:
        raise ConflictError(
            _(
                "This dossier is now “%(status)s”; the action is no longer possible. Reload the page."
            )
            % {"status": dossier.get_status_display()}
        )


def record_event(
    dossier: Dossier,
    kind: str,
    *,
    actor=None,
    status_from: str = "",
    note: str = "",
    data: dict | None = None,
) -> DossierEvent:
    """Append one event; status changes carry from and to. Runs inside the caller's transaction,
    which also writes the event's outbox row: it is published after commit (GEN-4)."""
    from addons.live.outbox import outbox_add

    event = DossierEvent.objects.create(
        dossier=dossier,
        kind=kind,
        status_from=status_from,
        status_to=dossier.status if status_from else "",
        actor=actor,
        at=timezone.now(),
        step=dossier.current_step or None,
        note=note,
        data=data or {},
    )
    outbox_add(event)
    return event


def set_status(
    dossier: Dossier, status: str, kind: str, *, actor=None, note: str = "", data=None
) -> DossierEvent:
    previous = dossier.status
    dossier.status = status
    dossier.save()
    return record_event(dossier, kind, actor=actor, status_from=previous, note=note, data=data)


# The form each event produces (forms 01-04 of Circular 01/2018, the stop notice of 03/2025).
FORM_FOR_EVENT = {
    "received": "01",
    "supplement_requested": "02",
    "refused": "03",
    "apology": "04",
    "stopped": "DG",
}


def issue_form_after_commit(event: DossierEvent) -> None:
    """Render the event's form once the change is committed (a Celery task, idempotent per event)."""
    number = FORM_FOR_EVENT[event.kind]

    def enqueue():
        from ..tasks import form_generate_task

        form_generate_task.delay(event.dossier_id, number, event.actor_id, event.pk)

    transaction.on_commit(enqueue)


def roles_of(user) -> set[Role]:
    names = (
        set(user.groups.values_list("name", flat=True)) if user and user.is_authenticated else set()
    )
    return {role for role in Role if role.value in names}


def require_staff(user, dossier: Dossier, *roles: Role) -> None:
    """The actor works for the dossier's agency (or one of its units) and holds one of the roles."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
    agency_ids = {dossier.agency_id}
    if user.agency_id not in agency_ids and not user.is_superuser:
        raise PermissionDenied(_("This dossier belongs to another agency."))
    held = roles_of(user)
    if roles and not (held & set(roles)) and not user.is_superuser:
        raise PermissionDenied(_("Your role does not allow this action."))
    if not user.is_superuser and not _staff_sees(user, held, dossier):
        raise PermissionDenied(_("This dossier is handled in another unit."))


# Roles that see every dossier of their agency: the one-stop desk and the agency's leaders.
AGENCY_WIDE_ROLES = frozenset({Role.RECEIVING_CLERK, Role.AGENCY_LEADER})


def _staff_sees(user, held: set, dossier: Dossier) -> bool:
    """The same rule as the back office's visible dossiers (SEC): in the services too, so that a
    specialist of another unit cannot act on a dossier whatever calls the service."""
    if held & AGENCY_WIDE_ROLES:
        return True
    if dossier.handler_id == user.pk or (user.unit_id and dossier.unit_id == user.unit_id):
        return True
    return StepRecord.objects.filter(dossier=dossier, assignee_id=user.pk).exists()


def require_applicant(user, dossier: Dossier) -> None:
    if (
        user is None
        or not user.is_authenticated
        or user.pk not in (dossier.applicant_id, dossier.submitter_id)
    ):
        raise PermissionDenied(_("Only the applicant can do this."))


def document_store(*, dossier: Dossier, uploaded, checked, kind: str, actor, **fields):
    """Write an upload that `check_upload` accepted (`checked`) to private storage as one of the
    dossier's documents; `fields` are the document's other fields (title, item, version...)."""
    fields.setdefault("title", uploaded.name)
    fields["title"] = fields["title"][:500]
    document = DossierDocument(
        dossier=dossier,
        kind=kind,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
        **fields,
    )
    document.file.save(uploaded.name, File(uploaded), save=False)
    document.save()
    return document
