from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import PERMISSION, statistics


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_statistics_url():
    return [path("access-statistics/", statistics, name="analytics_statistics")]


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Access statistics"), reverse("analytics_statistics"), icon_name="table", order=900
    )
