from django.urls import path

from .views import consultations, desk, dossier, lists, register, search

app_name = "backoffice"

urlpatterns = [
    path("", lists.home, name="home"),
    path("lists/<slug:name>/", lists.worklist, name="worklist"),
    path("overview/", lists.overview, name="overview"),
    path("desk/receive/", desk.receive, name="receive"),
    path("register/", register.register_page, name="register"),
    path("register/export.<slug:fmt>", register.register_export, name="register_export"),
    path("dossiers/search/", search.dossier_search, name="search"),
    path("dossiers/<int:pk>/", dossier.dossier_page, name="dossier"),
    path("dossiers/<int:pk>/actions/<slug:name>/", dossier.dossier_act, name="act"),
    path("dossiers/<int:pk>/forms/<slug:number>/", dossier.form_print, name="form_print"),
    path("documents/<int:pk>/", dossier.document_download, name="document"),
    path("consultations/", consultations.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", consultations.consultation_page, name="consultation"),
    path(
        "consultations/<int:pk>/documents/<int:document_id>/",
        consultations.consultation_document,
        name="consultation_document",
    ),
]
