"""Drawing a `FormContent` on A5 paper with reportlab (forms 01-05 and the notice of stopping)."""

from io import BytesIO
from xml.sax.saxutils import escape  # escapes text we write, parses nothing  # nosec B406

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    HRFlowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .blocks import Field, FormContent, Grid, Items, Text
from .fonts import BOLD, ITALIC, REGULAR, fonts_register

MARGIN = 13 * mm
FRAME_PADDING = 6  # platypus frames keep 6 pt inside the margins; tables must fit within them
QR_SIZE = 21 * mm
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"


def markup(text: str) -> str:
    """Plain text made safe for a Paragraph; line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def style(name: str, size: float = 9, **options) -> ParagraphStyle:
    options.setdefault("fontName", REGULAR)
    return ParagraphStyle(name, fontSize=size, leading=size * 1.25, **options)


def styles() -> dict[str, ParagraphStyle]:
    fonts_register()
    return {
        "body": style("body", alignment=TA_JUSTIFY, spaceAfter=1.5),
        "italic": style("italic", fontName=ITALIC, spaceAfter=1.5),
        "bold": style("bold", fontName=BOLD, spaceAfter=1.5),
        "item": style("item", leftIndent=12, firstLineIndent=-8, spaceAfter=1),
        "head": style("head", 7.8, alignment=TA_CENTER),
        "head_bold": style("head_bold", 7.8, fontName=BOLD, alignment=TA_CENTER),
        "dateline": style("dateline", 8, fontName=ITALIC, alignment=TA_RIGHT),
        "title": style("title", 11.5, fontName=BOLD, alignment=TA_CENTER, spaceBefore=6),
        "subtitle": style("subtitle", 8.5, fontName=ITALIC, alignment=TA_CENTER),
        "code": style("code", 9.5),
        "small": style("small", 7),
        "cell": style("cell", 7.5),
        "cell_center": style("cell_center", 7.5, alignment=TA_CENTER),
        "cell_head": style("cell_head", 7, fontName=BOLD, alignment=TA_CENTER),
        "sign_role": style("sign_role", 8.5, fontName=BOLD, alignment=TA_CENTER),
        "sign_hint": style("sign_hint", 7.5, fontName=ITALIC, alignment=TA_CENTER),
        "sign_name": style("sign_name", 9, fontName=BOLD, alignment=TA_CENTER),
        "note": style("note", 7, fontName=ITALIC, alignment=TA_JUSTIFY),
    }


def qr_drawing(payload: str, size: float = QR_SIZE) -> Drawing:
    """The QR code of `payload`, drawn as vectors by reportlab's own widget."""
    widget = QrCodeWidget(payload, barLevel="M", barBorder=1)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    return drawing


def fitted(text: str, font: str, width: float, size: float) -> float:
    """The largest size up to `size` at which `text` fits on one line of `width`."""
    return min(size, size * width / stringWidth(text, font, size))


def one_line(text: str, font: str, width: float, base: ParagraphStyle, smallest: float = 6.5):
    """A header line shrunk to stay on one line if it can; a very long name still wraps."""
    if not text:
        return Spacer(1, 0)
    size = max(smallest, fitted(text, font, width - 4, base.fontSize))
    return Paragraph(
        markup(text), style(f"{base.name}_{size:.1f}", size, fontName=font, alignment=TA_CENTER)
    )


def header(content: FormContent, st: dict, width: float) -> list:
    left_width, right_width = width * 0.44, width * 0.56
    motto_size = fitted(MOTTO, BOLD, right_width - 6, 8.2)
    motto = style("motto", motto_size, fontName=BOLD, alignment=TA_CENTER)
    left = [
        one_line(content.issuer_parent.upper(), REGULAR, left_width, st["head"]),
        one_line(content.issuer.upper(), BOLD, left_width, st["head_bold"]),
        HRFlowable(width="40%", thickness=0.6, color=colors.black, spaceBefore=2),
    ]
    right = [
        Paragraph(MOTTO, motto),
        Paragraph(MOTTO_LINE, style("motto_line", 8.5, fontName=BOLD, alignment=TA_CENTER)),
        HRFlowable(width="62%", thickness=0.6, color=colors.black, spaceBefore=2),
    ]
    table = Table(
        [[left, right], ["", Paragraph(markup(content.dateline), st["dateline"])]],
        colWidths=[left_width, right_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 4),
            ]
        )
    )
    return [table]


def title(content: FormContent, st: dict, width: float, copy: str) -> list:
    parts = [Paragraph(markup(content.title.upper()), st["title"])]
    if content.subtitle:
        parts.append(Paragraph(markup(content.subtitle), st["subtitle"]))
    if copy:
        parts.append(Paragraph(markup(copy), st["subtitle"]))
    code = [
        Paragraph(f"Mã hồ sơ: <b>{markup(content.code)}</b>", st["code"]),
        Spacer(1, 2),
        Paragraph(
            "Tra cứu tình trạng hồ sơ: quét mã QR bên cạnh hoặc truy cập "
            f"{markup(content.lookup_url)}",
            st["small"],
        ),
    ]
    table = Table(
        [[code, qr_drawing(content.lookup_url)]], colWidths=[width - QR_SIZE - 4, QR_SIZE + 4]
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ]
        )
    )
    return [*parts, Spacer(1, 4), table, Spacer(1, 4)]


def grid(block: Grid, st: dict, width: float) -> Table:
    rows = [[Paragraph(markup(text), st["cell_head"]) for text in block.header]]
    rows += [
        [
            Paragraph(markup(text), st["cell_center" if n in block.centered else "cell"])
            for n, text in enumerate(row)
        ]
        for row in block.rows
    ]
    table = Table(rows, colWidths=[share * width for share in block.widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def body(content: FormContent, st: dict, width: float) -> list:
    story = []
    for block in content.blocks:
        if isinstance(block, Field):
            value = f"<b>{markup(block.value)}</b>" if block.strong else markup(block.value)
            story.append(Paragraph(f"{markup(block.label)}: {value}", st["body"]))
        elif isinstance(block, Text):
            story.append(Paragraph(markup(block.text), st[block.style]))
        elif isinstance(block, Items):
            story.append(Paragraph(markup(block.label), st["body"]))
            story += [
                Paragraph(f"{n}. {markup(item)}", st["item"])
                for n, item in enumerate(block.items, 1)
            ]
        elif isinstance(block, Grid):
            story += [Spacer(1, 2), grid(block, st, width), Spacer(1, 4)]
    return story


def signatures(content: FormContent, st: dict, width: float) -> list:
    if not content.signatures:
        return []
    cells = [
        [
            Paragraph(markup(sign.role), st["sign_role"]),
            Paragraph(markup(sign.hint), st["sign_hint"]),
            Spacer(1, 30),
            Paragraph(markup(sign.name), st["sign_name"]),
        ]
        for sign in content.signatures
    ]
    if len(cells) == 1:  # one signer signs on the right, as on official papers
        cells.insert(0, "")
    table = Table([cells], colWidths=[width / len(cells)] * len(cells))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 4), KeepTogether([table])]


def form_story(content: FormContent, width: float) -> list:
    st = styles()
    story = []
    for index, copy in enumerate(content.copies or [""]):
        if index:
            story.append(PageBreak())
        story += header(content, st, width)
        story += title(content, st, width, copy)
        story += body(content, st, width)
        story += signatures(content, st, width)
        if content.notes:
            story.append(Spacer(1, 4))
            story += [
                Paragraph(f"<b>Ghi chú:</b> {markup(note)}", st["note"]) for note in content.notes
            ]
    return story


def render_form(content: FormContent, *, compress: bool = True) -> bytes:
    """The PDF of the form on A5; the same content gives the same bytes (no timestamps)."""
    fonts_register()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A5,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=content.document_title,
        author=", ".join(part for part in (content.issuer, content.issuer_parent) if part),
        subject=content.code,
        creator="Cổng Dịch vụ công",
        invariant=True,
        pageCompression=1 if compress else 0,
    )

    def stamp(canvas, doc):
        canvas.saveState()
        canvas.setFont(ITALIC, 7)
        canvas.drawRightString(A5[0] - MARGIN - FRAME_PADDING, A5[1] - 7 * mm, content.reference)
        canvas.restoreState()

    width = document.width - 2 * FRAME_PADDING
    document.build(form_story(content, width), onFirstPage=stamp, onLaterPages=stamp)
    return buffer.getvalue()
