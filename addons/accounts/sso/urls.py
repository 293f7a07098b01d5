from django.urls import path

from . import views

app_name = "sso"

# Outside the language prefix: a provider knows one redirect URI per portal.
urlpatterns = [
    path("<slug:provider_name>/", views.start, name="start"),
    path("<slug:provider_name>/callback/", views.callback, name="callback"),
]
