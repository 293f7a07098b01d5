"""The staff's side (under /backoffice/, where the OTP check applies)."""

from django.urls import path

from . import views

app_name = "live_backoffice"

urlpatterns = [
    path("dossiers/<int:pk>/live/", views.backoffice_fragment, name="fragment"),
    path("dossiers/<int:pk>/messages/", views.backoffice_message, name="message"),
]
