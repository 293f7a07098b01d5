from django import template

from ..selectors import dossier_deliveries

register = template.Library()


@register.simple_tag
def deliveries_of(dossier):
    """`{% deliveries_of dossier as deliveries %}`: what was sent about the dossier, newest first."""
    return dossier_deliveries(dossier)
