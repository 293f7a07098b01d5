"""Acceptance 3 (SEC): the application's own database connection cannot change the trail."""

import pytest
from django.db import DatabaseError, connection, transaction

from addons.audit.models import Action, AuditEntry
from addons.audit.services import audit_record


@pytest.fixture
def entry(db):
    return audit_record(action=Action.EXPORT, object_type="test", detail={"rows": 1})


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET action = 'login' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_sec_audit_row_update_or_delete_through_the_connection_fails(entry, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [entry.pk])
    entry_now = AuditEntry.objects.get(pk=entry.pk)
    assert entry_now.action == Action.EXPORT


def test_sec_audit_table_cannot_be_truncated(entry):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE trigger covers it")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_sec_audit_orm_refuses_changes_before_the_database_does(entry):
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(action=Action.LOGIN)
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry.action = Action.LOGIN
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == Action.EXPORT


def test_sec_audit_trail_survives_deleting_the_user(citizen):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = citizen
    recorded = audit_record(action=Action.LOGIN, request=request)
    citizen.delete()
    kept = AuditEntry.objects.get(pk=recorded.pk)
    assert kept.actor_name == recorded.actor_name and kept.actor_id == recorded.actor_id
