"""Websocket routes of the live add-on (collected by portal.routing)."""

from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/dossiers/<uuid:uuid>/", consumers.ApplicantDossierConsumer.as_asgi()),
    path("ws/backoffice/dossiers/<int:pk>/", consumers.StaffDossierConsumer.as_asgi()),
    path("ws/backoffice/worklists/", consumers.WorklistConsumer.as_asgi()),
    path("ws/backoffice/overview/", consumers.OverviewConsumer.as_asgi()),
]
