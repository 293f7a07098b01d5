"""The synonym list in the Wagtail admin: editors keep the words citizens use (POR-k)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Synonym


class SynonymViewSet(ModelViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = True
    menu_order = 900
    copy_view_enabled = False
    list_display = ["phrases", "note", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["phrases", "note"]
    form_fields = ["phrases", "note", "is_active"]


@hooks.register("register_admin_viewset")
def register_synonym_viewset():
    return SynonymViewSet("synonyms")
