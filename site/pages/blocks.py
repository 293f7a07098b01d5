"""StreamField blocks shared by the page types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class StepBlock(blocks.StructBlock):
    """Một bước: one step of a step-by-step guide."""

    title = blocks.CharBlock(label=_("Title"))
    body = blocks.RichTextBlock(
        label=_("Explanation"), features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "pages/blocks/step.html"


class QuestionBlock(blocks.StructBlock):
    """Câu hỏi thường gặp: a frequently asked question and its answer."""

    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "pages/blocks/question.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="pages/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    image = ImageChooserBlock(label=_("Image"), template="pages/blocks/image.html")
    document = DocumentChooserBlock(
        label=_("Document to download"), template="pages/blocks/document.html"
    )
    video = EmbedBlock(label=_("Video"), max_width=800)
    step = StepBlock()
    question = QuestionBlock()
