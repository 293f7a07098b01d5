from django import template

from ..selectors import dossier_messages

register = template.Library()


@register.simple_tag
def live_messages(dossier):
    """The messages of a dossier, oldest first, for the page's message panel."""
    return dossier_messages(dossier)
