"""The working calendar in the Wagtail admin, under one menu, at /admin/workcalendar/<model>/."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import CalendarDay, WorkingPeriod


class WorkCalendarViewSet(ModelViewSet):
    copy_view_enabled = False
    inspect_view_enabled = True

    @property
    def url_prefix(self) -> str:
        return f"workcalendar/{self.model._meta.model_name}"

    @property
    def url_namespace(self) -> str:
        return f"workcalendar_{self.model._meta.model_name}"


class CalendarDayViewSet(WorkCalendarViewSet):
    model = CalendarDay
    icon = "calendar-alt"
    menu_label = _("Holidays and make-up days")
    list_display = ["date", "name", "kind", "confirmed"]
    list_filter = ["kind", "confirmed", "date"]
    search_fields = ["name", "source"]
    form_fields = ["date", "kind", "name", "hours_from", "confirmed", "source"]


class WorkingPeriodViewSet(WorkCalendarViewSet):
    model = WorkingPeriod
    icon = "time"
    menu_label = _("Working hours")
    list_display = ["weekday", "start", "end"]
    list_filter = ["weekday"]
    form_fields = ["weekday", "start", "end"]


class WorkCalendarGroup(ModelViewSetGroup):
    menu_label = _("Working calendar")
    menu_icon = "calendar"
    menu_order = 260
    items = (CalendarDayViewSet, WorkingPeriodViewSet)


@hooks.register("register_admin_viewset")
def register_work_calendar():
    return WorkCalendarGroup()
