"""Badges and navigation of the back office."""

from django import template
from django.utils.html import format_html

from addons.dossiers.models import Status, Timeliness
from addons.dossiers.timeliness import dossier_timeliness
from search.dossiers import masked_identity

from ..selectors import worklists_for

register = template.Library()


@register.filter
def mask_identity(number: str) -> str:
    """Số định danh in lists: only the last 4 digits show (SEC, OSS-4); the dossier page shows it
    all."""
    return masked_identity(number)


@register.filter
def timeliness(dossier) -> str:
    """Early / on time / late when finished, within deadline / overdue in progress (GEN-7)."""
    return dossier_timeliness(dossier)


@register.filter
def asked_items(event) -> list:
    """The documents a supplement request listed. `event.data.items` in a template would be the
    dict's own `items` method whenever the key is absent, and list every key of the event."""
    items = (event.data or {}).get("items")
    return items if isinstance(items, list) else []


@register.simple_tag
def timeliness_badge(value: str):
    if not value or value == Timeliness.NOT_STARTED:
        return ""
    return format_html('<span class="state state-{}">{}</span>', value, Timeliness(value).label)


@register.simple_tag
def status_badge(status: str):
    if not status:
        return ""
    return format_html('<span class="status status-{}">{}</span>', status, Status(status).label)


@register.simple_tag(takes_context=True)
def backoffice_worklists(context):
    staff = getattr(context["request"], "staff", None)
    return worklists_for(staff) if staff is not None else []
