"""The typeface of the forms: DejaVu Serif Condensed, shipped here (a fresh server has no fonts).

The condensed cut keeps the national motto and a 14-column register within A5 and A4 widths. The
licence is in fonts/LICENSE.txt.
"""

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "FormSerif"
BOLD = "FormSerif-Bold"
ITALIC = "FormSerif-Italic"
FILES = {
    REGULAR: "DejaVuSerifCondensed.ttf",
    BOLD: "DejaVuSerifCondensed-Bold.ttf",
    ITALIC: "DejaVuSerifCondensed-Italic.ttf",
}

# Every letter of the Vietnamese alphabet with a diacritic, both cases.
VIETNAMESE_LETTERS = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
    "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
)


@cache
def fonts_register() -> str:
    """Register the three faces once per process; returns the family name for paragraph styles."""
    for name, filename in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR


def missing_glyphs(text: str, face: str = REGULAR) -> set[str]:
    """The characters of `text` the face cannot draw (they would print as empty boxes)."""
    fonts_register()
    covered = pdfmetrics.getFont(face).face.charToGlyph
    return {char for char in text if not char.isspace() and ord(char) not in covered}
