"""The applicant's side (mounted with the portal's pages, under the language prefix)."""

from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("ho-so-cua-toi/<uuid:uuid>/cap-nhat/", views.portal_fragment, name="portal_fragment"),
    path("ho-so-cua-toi/<uuid:uuid>/tin-nhan/", views.portal_message, name="portal_message"),
    path(
        "ho-so-cua-toi/<uuid:uuid>/tin-nhan/<int:message_id>/tep/",
        views.portal_attachment,
        name="portal_attachment",
    ),
]
