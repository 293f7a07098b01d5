"""Small helpers of the citizen's dossier pages."""

import os

from django import template

register = template.Library()


@register.filter
def file_name(document) -> str:
    """The name the file was uploaded with (storage paths keep it last)."""
    return os.path.basename(document.file.name) or document.title


@register.filter
def vnd(amount) -> str:
    """An amount in đồng as Vietnamese write it: 200.000 đ."""
    return f"{int(amount):,} đ".replace(",", ".")
