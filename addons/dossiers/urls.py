from django.urls import path

from . import lookup

app_name = "dossiers"

urlpatterns = [
    path("tra-cuu-ho-so/", lookup.lookup_page, name="lookup"),
]
