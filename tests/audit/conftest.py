import pytest

from addons.audit.models import AuditEntry


@pytest.fixture
def trail(db):
    """`trail(**filters)`: the entries made since the test began (transactional tests keep the
    entries of the tests before them: the audit table is never flushed)."""
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def entries(**filters):
        return list(AuditEntry.objects.filter(pk__gt=last, **filters).order_by("pk"))

    return entries
