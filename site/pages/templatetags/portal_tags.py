from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The home page's live children marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().in_menu()


@register.simple_tag
def procedure_fields():
    """Fields (lĩnh vực) with published procedures, for the home page."""
    from addons.catalogue.selectors import home_fields

    return home_fields()
