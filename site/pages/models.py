"""Page types of the portal (Wagtail pages) and the site settings shown in header and footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock, QuestionBlock, StepBlock


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Thông tin cơ quan: the agency that runs this portal, shown in header and footer."""

    agency_name = models.CharField(_("agency name"), max_length=255, default="Ủy ban nhân dân tỉnh")
    portal_name = models.CharField(_("portal name"), max_length=255, default="Cổng Dịch vụ công")
    address = models.CharField(_("address"), max_length=255, blank=True)
    hotline = models.CharField(_("hotline"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    footer_note = models.TextField(_("footer note"), blank=True)

    panels = [
        FieldPanel("agency_name"),
        FieldPanel("portal_name"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("hotline"),
                FieldPanel("email"),
                FieldPanel("footer_note"),
            ],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")


class HomePage(Page):
    """Trang chủ: the search box, the fields of procedures, lookup and feedback."""

    hero_title = models.CharField(_("headline"), max_length=255, default="Cổng Dịch vụ công")
    hero_text = models.CharField(_("text under the headline"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    subpage_types = [
        "pages.StandardPage",
        "pages.GuidanceIndexPage",
        "pages.NewsIndexPage",
        "catalogue.ProcedureIndexPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """Trang thông thường: an ordinary page (about, contacts, terms)."""

    intro = models.CharField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")


class GuidanceIndexPage(Page):
    """Hướng dẫn: the list of guides."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["pages.GuidancePage"]

    class Meta:
        verbose_name = _("guidance index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = GuidancePage.objects.child_of(self).live().public().specific()
        return context


class GuidancePage(Page):
    """Một hướng dẫn: step-by-step guide with FAQ, sample documents and video (POR-g)."""

    summary = models.CharField(_("summary"), max_length=500, blank=True)
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    faq = StreamField(
        [("question", QuestionBlock())], verbose_name=_("frequently asked questions"), blank=True
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("steps"),
        index.SearchField("body"),
        index.SearchField("faq"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("steps"),
        FieldPanel("body"),
        FieldPanel("faq"),
    ]
    parent_page_types = ["pages.GuidanceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guidance page")


class NewsIndexPage(Page):
    """Tin tức: news, newest first."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["pages.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["news"] = Paginator(news, 10).get_page(request.GET.get("page"))
        return context


class NewsPage(Page):
    """Một tin: a news item."""

    date = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
