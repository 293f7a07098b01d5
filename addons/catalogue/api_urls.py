from django.urls import path

from . import api, api_schema

app_name = "catalogue_api"

urlpatterns = [
    path("procedures/", api.procedure_list, name="procedure_list"),
    path("procedures/<str:code>/", api.procedure_detail_view, name="procedure_detail"),
    path("schema/", api_schema.schema, name="schema"),
]
