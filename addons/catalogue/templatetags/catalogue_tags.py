from decimal import Decimal

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from addons.catalogue.models.procedures import TimeUnit

register = template.Library()


@register.filter
def vnd(value) -> str:
    """A fee in đồng: "Miễn phí" for 0, "50.000 đồng" otherwise (Vietnamese thousands dots)."""
    if value in (None, ""):
        return ""
    amount = Decimal(str(value))
    if amount == 0:
        return _("Free of charge")
    whole = f"{amount:,.0f}".replace(",", ".")
    return _("%(amount)s đồng") % {"amount": whole}


@register.filter
def duration(channel_or_case) -> str:
    """Processing time with its unit, e.g. "3 ngày làm việc"; OTHER defers to the cases."""
    unit = channel_or_case.time_unit
    if unit == TimeUnit.OTHER or channel_or_case.processing_time is None:
        return _("depends on the case")
    amount = channel_or_case.processing_time.normalize()
    return f"{amount:f} {TimeUnit(unit).label}" if unit else f"{amount:f}"


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    params = context["request"].GET.copy()
    params["page"] = number
    return f"?{params.urlencode()}"


@register.simple_tag
def apply_url(procedure) -> str:
    """Where to apply online for this procedure, once the dossier add-on provides it."""
    try:
        return reverse("dossiers:apply", kwargs={"code": procedure.code})
    except NoReverseMatch:
        return ""
