"""What a form says, as data: built from the dossier first, drawn on paper second.

Tests and previews read a `FormContent`; only `render` knows about reportlab.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    """One filled-in line: "Tiếp nhận hồ sơ của: Nguyễn Văn A"."""

    label: str
    value: str
    strong: bool = False


@dataclass(frozen=True)
class Text:
    """A sentence of the form's wording; `style` is body, italic or bold."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Items:
    """A numbered list under a lead-in line (form 02: everything the applicant must add)."""

    label: str
    items: list[str]


@dataclass(frozen=True)
class Grid:
    """A ruled table; `widths` are shares of the line width and add up to 1."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    centered: tuple[int, ...] = ()  # columns of short values (numbers, counts, verdicts)


@dataclass(frozen=True)
class Signature:
    role: str
    hint: str = "(Ký, ghi rõ họ tên)"
    name: str = ""


@dataclass
class FormContent:
    """Everything printed on one form, in the order it is printed."""

    number: str
    title: str
    reference: str
    code: str
    lookup_url: str
    issuer_parent: str
    issuer: str
    dateline: str
    subtitle: str = ""
    blocks: list = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)

    @property
    def fields(self) -> dict[str, str]:
        return {block.label: block.value for block in self.blocks if isinstance(block, Field)}

    @property
    def items(self) -> list[str]:
        return [item for block in self.blocks if isinstance(block, Items) for item in block.items]

    @property
    def grid(self) -> Grid | None:
        return next((block for block in self.blocks if isinstance(block, Grid)), None)

    @property
    def texts(self) -> list[str]:
        return [block.text for block in self.blocks if isinstance(block, Text)]

    @property
    def document_title(self) -> str:
        """The name the stored PDF gets in the dossier's document list."""
        return f"{self.reference}: {self.title}"
