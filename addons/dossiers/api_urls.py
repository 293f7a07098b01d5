from django.urls import path

from . import lookup
from .portal.views import pay

app_name = "dossiers_api"

urlpatterns = [
    path("lookup/", lookup.lookup_api, name="lookup"),
    path("payments/ipn/", pay.payment_ipn, name="payment_ipn"),
]
