"""The catalogue's Wagtail pages: the index with its filters, and one page per procedure."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from pages.blocks import BodyBlock, QuestionBlock


class ProcedureIndexPage(Page):
    """Thủ tục hành chính: the catalogue, with filters by field, agency, level, channel, subject."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["catalogue.ProcedurePage"]
    max_count = 1

    class Meta:
        verbose_name = _("procedure catalogue")

    def get_context(self, request, *args, **kwargs):
        from addons.catalogue.views import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(request, index=self))
        return context


class ProcedurePage(Page):
    """Trang thủ tục: shows a procedure's national record, enriched by editors (POR-g).

    The record itself lives in `Procedure` and is rewritten by each import; the fields here are the
    editors' and survive every import.
    """

    procedure = models.OneToOneField(
        "catalogue.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="page",
    )
    guidance = StreamField(BodyBlock(), verbose_name=_("guidance"), blank=True)
    sample_dossier = StreamField(
        [("document", DocumentChooserBlock(label=_("Sample document")))],
        verbose_name=_("sample dossier"),
        blank=True,
    )
    form_templates = StreamField(
        [("document", DocumentChooserBlock(label=_("Form template")))],
        verbose_name=_("form templates"),
        blank=True,
    )
    video = StreamField(
        [("video", EmbedBlock(label=_("Video")))], verbose_name=_("video"), blank=True, max_num=3
    )
    faq = StreamField(
        [("question", QuestionBlock())], verbose_name=_("frequently asked questions"), blank=True
    )

    content_panels = [
        HelpPanel(
            content=_(
                "The national record of this procedure (code, agencies, channels, documents, legal "
                "basis, results) comes from the national catalogue import and is not edited here."
            )
        ),
        *Page.content_panels,
        FieldPanel("procedure", read_only=True),
        FieldPanel("guidance"),
        FieldPanel("sample_dossier"),
        FieldPanel("form_templates"),
        FieldPanel("video"),
        FieldPanel("faq"),
        InlinePanel("form_fields", heading=_("Online application form"), label=_("Form field")),
    ]
    parent_page_types = ["catalogue.ProcedureIndexPage"]
    subpage_types = []
    # The catalogue search of `search/` indexes procedures; Wagtail's own index need not.
    search_fields = []

    class Meta:
        verbose_name = _("procedure page")

    def get_context(self, request, *args, **kwargs):
        from addons.catalogue.selectors import procedure_detail

        context = super().get_context(request, *args, **kwargs)
        context["procedure"] = procedure_detail(self.procedure_id)
        return context
