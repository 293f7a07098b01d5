from django.urls import path

from search.views import procedure_suggest

from . import api, api_schema

app_name = "catalogue_api"

urlpatterns = [
    path("procedures/", api.procedure_list, name="procedure_list"),
    path("procedures/suggest/", procedure_suggest, name="procedure_suggest"),
    path("procedures/<str:code>/", api.procedure_detail_view, name="procedure_detail"),
    path("schema/", api_schema.schema, name="schema"),
]
