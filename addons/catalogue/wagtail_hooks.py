"""The shared electronic catalogues (OSS-5) in the Wagtail admin, under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import AdministrativeUnit, Agency, Field, LegalDocument, ResultType, SubjectType


class CatalogueViewSet(ModelViewSet):
    """Admin URLs under /admin/catalogue/<model>/."""

    copy_view_enabled = False
    inspect_view_enabled = True

    @property
    def url_prefix(self) -> str:
        return f"catalogue/{self.model._meta.model_name}"

    @property
    def url_namespace(self) -> str:
        return f"catalogue_{self.model._meta.model_name}"


class CatalogueEntryViewSet(CatalogueViewSet):
    list_display = ["name", "code", "external_id", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code", "external_id"]
    form_fields = ["code", "name", "external_id", "is_active"]


class FieldViewSet(CatalogueEntryViewSet):
    model = Field
    icon = "folder-open-inverse"
    menu_label = _("Fields")


class SubjectTypeViewSet(CatalogueEntryViewSet):
    model = SubjectType
    icon = "group"
    menu_label = _("Subject types")


class ResultTypeViewSet(CatalogueEntryViewSet):
    model = ResultType
    icon = "doc-full"
    menu_label = _("Result types")


class LegalDocumentViewSet(CatalogueEntryViewSet):
    model = LegalDocument
    icon = "doc-full-inverse"
    menu_label = _("Legal documents")


class AdministrativeUnitViewSet(CatalogueEntryViewSet):
    model = AdministrativeUnit
    icon = "site"
    menu_label = _("Administrative units")
    list_display = ["name", "code", "level", "parent", "is_active"]
    list_filter = ["level", "is_active"]
    form_fields = ["code", "name", "level", "parent", "external_id", "is_active"]


class AgencyViewSet(CatalogueViewSet):
    model = Agency
    icon = "home"
    menu_label = _("Agencies")
    list_display = ["name", "identifier", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "identifier", "code", "external_id"]
    form_fields = ["name", "identifier", "code", "kind", "parent", "external_id", "is_active"]


class SharedCataloguesGroup(ModelViewSetGroup):
    menu_label = _("Shared catalogues")
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        AgencyViewSet,
        FieldViewSet,
        AdministrativeUnitViewSet,
        SubjectTypeViewSet,
        ResultTypeViewSet,
        LegalDocumentViewSet,
    )


@hooks.register("register_admin_viewset")
def register_shared_catalogues():
    return SharedCataloguesGroup()
