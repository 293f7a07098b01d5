from django.urls import path

from . import lookup

app_name = "dossiers_api"

urlpatterns = [
    path("lookup/", lookup.lookup_api, name="lookup"),
]
