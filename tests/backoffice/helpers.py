"""Posting the dossier page's action forms the way the browser does, and reading the answer."""

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext


def post(client, dossier, action, **data):
    """Submit the action's form as the page renders it: field names carry the action's prefix."""
    fields = {f"{action}-{key}": value for key, value in data.items()}
    return client.post(reverse("backoffice:act", args=[dossier.pk, action]), fields)


def page(client, dossier) -> str:
    return client.get(reverse("backoffice:dossier", args=[dossier.pk])).content.decode()


def reload(dossier):
    dossier.refresh_from_db()
    return dossier


def offers(html: str, action: str) -> bool:
    return f'id="action-{action}"' in html


def says(response, message: str, **params) -> bool:
    """The page shows the service's message, in the language the test runs in."""
    text = gettext(message) % params if params else gettext(message)
    return escape(text) in response.content.decode()
