"""Deadline warnings and the form 04 reminder, the timers of the flow run by Celery beat (OSS-7),
with the clock set by time-machine. Received Monday 30/11/2026 09:00, 5 working days: due Monday
7/12 17:00; the default steps get 24, 8 and 8 working hours (step 1 due Thursday 3/12 09:00)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from addons.dossiers import services
from addons.notifications.deadlines import deadlines_scan
from addons.notifications.factories import NotificationPreferenceFactory
from addons.notifications.models import DeadlineWarning, Delivery
from tests.dossiers.test_rules import accept, at, local, submit_online
from tests.notifications.conftest import publish
from workflows.dossier import act

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_work(staff, media, django_capture_on_commit_callbacks):
    """Accepted Monday 09:00, taken by the specialist of the unit; its staff read English."""
    dossier = submit_online(staff, at(2026, 11, 30, 8, 0), django_capture_on_commit_callbacks)
    accept(dossier, staff, at(2026, 11, 30, 9, 0))
    with time_machine.travel(at(2026, 11, 30, 9, 5), tick=False):
        services.dossier_assign(dossier=dossier, actor=staff.specialist, handler=staff.specialist)
    for user in (staff.specialist, staff.head, staff.leader):
        NotificationPreferenceFactory(user=user, language="en")
    dossier.refresh_from_db()
    assert local(dossier.due_at) == at(2026, 12, 7, 17, 0)
    assert local(dossier.step_records.get().due_at) == at(2026, 12, 3, 9, 0)
    return dossier


def scan(when):
    with time_machine.travel(when, tick=False):
        return deadlines_scan()


def test_oss_7_a_step_about_to_fall_due_warns_the_handler_and_the_unit_head_once(in_work, staff):
    assert scan(at(2026, 12, 1, 16, 0)) == {}  # 9 working hours left: not yet
    assert scan(at(2026, 12, 2, 10, 0)) == {"step_deadline_warning": 1}
    assert scan(at(2026, 12, 2, 15, 0)) == {}  # given once

    event = in_work.events.get(kind="deadline_warning")
    assert event.data["scope"] == "step" and event.data["step"] == 1
    publish(event)
    publish(event)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [staff.specialist.email, staff.head.email]
    )
    assert Delivery.objects.filter(event=event, status="sent").count() == 2
    message = mail.outbox[0]
    assert message.subject == f"Deadline approaching: dossier {in_work.code}"
    assert "falls due at 09:00 03/12/2026" in message.body
    assert reverse("backoffice:dossier", args=[in_work.pk]) in message.body


def test_oss_7_overdue_step_and_dossier_are_warned_once_each(in_work, staff):
    assert scan(at(2026, 12, 3, 10, 0)) == {"step_overdue": 1}
    assert scan(at(2026, 12, 4, 10, 0)) == {"apology_reminder": 1}  # (its own test below)
    # The appointment day: the dossier itself falls due; then it is overdue.
    assert scan(at(2026, 12, 7, 10, 0)) == {"dossier_deadline_warning": 1}
    assert scan(at(2026, 12, 8, 8, 0)) == {"dossier_overdue": 1}
    assert scan(at(2026, 12, 9, 8, 0)) == {}
    kinds = list(
        in_work.events.filter(kind__in=["deadline_warning", "overdue"]).values_list(
            "kind", "data__scope"
        )
    )
    assert kinds == [
        ("overdue", "step"),
        ("deadline_warning", "dossier"),
        ("overdue", "dossier"),
    ]
    publish(in_work.events.filter(kind="overdue").latest("pk"))
    assert mail.outbox[0].subject == f"Overdue: dossier {in_work.code}"
    assert "its appointment date was 17:00 07/12/2026" in mail.outbox[0].body


def test_oss_7_the_warning_window_is_configurable(in_work, settings):
    settings.DEADLINE_WARNING_HOURS = 16
    assert scan(at(2026, 12, 1, 16, 0)) == {"step_deadline_warning": 1}


def test_oss_7_no_warning_while_the_applicant_owes_a_supplement(in_work, staff):
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        services.dossier_request_supplement(
            dossier=in_work, actor=staff.specialist, items=["Tờ khai có chữ ký"]
        )
    assert scan(at(2026, 12, 10, 10, 0)) == {}
    assert not DeadlineWarning.objects.exists()


def test_oss_2_form_04_reminder_for_a_dossier_that_will_be_late(in_work, staff):
    """Step 1 is still open on Friday: with 16 working hours of later steps the result cannot be
    ready by Monday 17:00. Form 04 is possible until Sunday 17:00 (one day before); the reminder
    comes a working day ahead of that, once, and the apology can still be given."""
    assert scan(at(2026, 12, 2, 9, 0)).get("apology_reminder") is None  # on pace
    given = scan(at(2026, 12, 4, 10, 0))
    assert given["apology_reminder"] == 1
    assert scan(at(2026, 12, 4, 11, 0)).get("apology_reminder") is None

    event = in_work.events.get(kind="apology_reminder")
    publish(event)
    reminder = next(m for m in mail.outbox if "form 04" in m.subject)
    assert reminder.subject == f"Issue form 04 for dossier {in_work.code} before 17:00 06/12/2026"
    assert {m.to[0] for m in mail.outbox} == {staff.specialist.email, staff.head.email}

    with time_machine.travel(at(2026, 12, 4, 14, 0), tick=False):
        services.dossier_apologise(
            dossier=in_work,
            actor=staff.specialist,
            new_due_at=in_work.due_at + timedelta(days=7),
            reason="Chờ xác minh",
        )
    in_work.refresh_from_db()
    # A new appointment date: the reminder is not given again (form 04 only once).
    assert scan(at(2026, 12, 11, 10, 0)).get("apology_reminder") is None


def test_oss_2_no_form_04_reminder_for_a_dossier_on_pace(in_work, staff):
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        act(in_work, staff.specialist, "complete", expected_step=1)
    # Step 2 (8 h) was due Wednesday; even if it ends now, step 3 (8 h) ends Monday 10:00.
    assert scan(at(2026, 12, 4, 10, 0)).get("apology_reminder") is None


def test_oss_2_no_form_04_reminder_once_it_is_too_late_to_issue_it(in_work):
    # Sunday 18:00: less than a day before the appointment date, the service refuses form 04.
    assert scan(at(2026, 12, 6, 18, 0)).get("apology_reminder") is None


def test_warnings_stay_out_of_the_applicants_timeline(in_work):
    from addons.dossiers.portal.selectors import timeline

    scan(at(2026, 12, 3, 10, 0))
    assert in_work.events.filter(kind="overdue").exists()
    assert "overdue" not in [row["event"].kind for row in timeline(in_work)]


def test_the_scan_is_on_the_beat_schedule(settings):
    from portal.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["notifications-deadlines"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] > 0
