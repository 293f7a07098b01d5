"""What goes on record (SEC): administrative and permission changes, dossier openings and
downloads, exports; the administrators' search and export; the applicant sees who opened."""

import csv
import io
import re

import pytest
from django.urls import reverse

from addons.accounts.factories import StaffFactory, UserFactory
from addons.accounts.roles import Role
from addons.audit.models import Action
from addons.audit.services import audit_record
from tests.conftest import verified_login
from tests.dossiers import conftest as dossier_fixtures

staff = dossier_fixtures.staff
media = dossier_fixtures.media
submitted = dossier_fixtures.submitted


@pytest.fixture
def administrator(client, db):
    admin = StaffFactory(roles=[Role.ADMINISTRATOR.value], otp=True, full_name="Trần Quản Trị")
    verified_login(client, admin)
    return admin


def test_sec_group_membership_change_is_on_record_with_who_made_it(client, trail, db):
    superuser = StaffFactory(is_superuser=True, otp=True)
    verified_login(client, superuser)
    user = StaffFactory()
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=Role.SPECIALIST.value)
    url = f"/django-admin/accounts/user/{user.pk}/change/"
    # the inlines' management forms, as the browser would send them back
    management = dict(
        re.findall(r'name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)" value="(\d+)"',
                   client.get(url).content.decode())
    )  # fmt: skip
    response = client.post(
        url,
        {
            **management,
            "username": user.username,
            "kind": "staff",
            "groups": [group.pk],
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    changes = trail(action=Action.PERMISSION_CHANGE)
    assert changes and changes[0].object_id == str(user.pk)
    assert changes[0].detail["items"] == [Role.SPECIALIST.value]
    assert changes[0].actor_id == superuser.pk
    admin_changes = trail(action=Action.ADMIN_CHANGE)
    assert admin_changes[0].detail["admin"] == "django"
    assert admin_changes[0].object_type == "accounts.user"


def test_sec_wagtail_admin_change_is_on_record(client, administrator, trail):
    response = client.post(
        reverse("workcalendar_calendarday:add"),
        {"date": "2027-03-06", "kind": "makeup", "name": "Làm bù", "hours_from": "4"},
    )
    assert response.status_code == 302
    entries = trail(action=Action.ADMIN_CHANGE)
    assert [(e.detail["admin"], e.detail["action"]) for e in entries] == [
        ("wagtail", "wagtail.create")
    ]
    assert entries[0].object_type == "workcalendar.calendarday"
    assert entries[0].actor_id == administrator.pk


def test_sec_staff_opening_a_dossier_is_on_record_and_the_applicant_sees_it(
    client, staff, submitted, trail
):
    verified_login(client, staff.leader)
    assert client.get(f"/backoffice/dossiers/{submitted.pk}/").status_code == 200
    document = submitted.documents.first()
    assert client.get(f"/backoffice/documents/{document.pk}/").status_code == 200
    entries = trail(dossier_id=submitted.pk)
    assert [e.action for e in entries] == [Action.DOSSIER_VIEW, Action.DOCUMENT_DOWNLOAD]
    assert entries[0].actor_role == Role.AGENCY_LEADER.value
    assert entries[0].actor_agency == str(staff.agency)

    client.logout()
    client.force_login(submitted.applicant)
    page = client.get(f"/ho-so-cua-toi/{submitted.uuid}/").content.decode()
    openings = page.split('id="openings"', 1)[1].split("</section>", 1)[0]
    assert staff.leader.get_full_name() in openings
    assert openings.count(f'data-actor="{staff.leader.pk}"') == 2
    # The applicant's own opening is on record, but not listed as someone else's.
    assert f'data-actor="{submitted.applicant_id}"' not in openings
    assert trail(action=Action.DOSSIER_VIEW, actor_id=submitted.applicant_id)


def test_sec_register_export_is_on_record(client, staff, trail):
    verified_login(client, staff.clerk)
    response = client.get("/backoffice/register/export.csv")
    assert response.status_code == 200
    (entry,) = trail(action=Action.EXPORT)
    assert entry.object_type == "dossiers.register" and entry.detail["format"] == "csv"
    assert entry.actor_id == staff.clerk.pk


def test_sec_administrator_searches_and_exports_the_trail(client, administrator, trail):
    target = UserFactory(username="nguoi-can-tim")
    audit_record(action=Action.LOGIN_FAILED, username=target.username, address="192.0.2.1")
    audit_record(action=Action.LOGIN_FAILED, username="someone-else", address="192.0.2.2")
    page = client.get("/admin/audit/", {"user": "nguoi-can-tim", "action": "login_failed"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "192.0.2.1" in body and "192.0.2.2" not in body

    response = client.get("/admin/audit/export.csv", {"user": "nguoi-can-tim"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "time" and len(rows) == 2
    assert rows[1][1] == "login_failed" and rows[1][7] == "192.0.2.1"
    (export,) = trail(action=Action.EXPORT)
    assert export.object_type == "audit.auditentry" and export.detail["rows"] == 1
    assert export.actor_id == administrator.pk


def test_sec_trail_is_for_administrators_only(client, staff):
    verified_login(client, staff.leader)
    for url in ("/admin/audit/", "/admin/audit/export.csv"):
        response = client.get(url)
        assert response.status_code in (302, 403) and not response.get("Content-Disposition")
