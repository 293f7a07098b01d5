"""Form 06, Sổ theo dõi hồ sơ: the register of dossiers an agency received, as CSV and A4 PDF."""

import csv
from dataclasses import astuple, dataclass
from datetime import date, datetime, time, timedelta
from io import BytesIO, StringIO

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from ..models import Dossier, Status, StepRecord
from ..models.status import CLOSED_STATUSES, FINISHED_STATUSES
from ..timeliness import dossier_timeliness
from .blocks import Grid
from .fonts import BOLD, ITALIC, fonts_register
from .render import FRAME_PADDING, grid, markup, style, styles
from .text import STATUS, TIMELINESS, clean, vn_day, vn_short

REGISTER_HEADER = [
    "STT",
    "Mã hồ sơ",
    "Tên TTHC",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả",
    "Trả kết quả",
    "Ký nhận",
    "Ghi chú",
]
WIDTHS = [0.03, 0.125, 0.12, 0.035, 0.08, 0.1, 0.08, 0.06, 0.06, 0.06, 0.06, 0.06, 0.05, 0.08]
# Spreadsheet programs run a cell that starts with these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RegisterRow:
    stt: int
    code: str
    procedure: str
    sets: int
    applicant: str
    address_phone: str
    lead_agency: str
    received: str
    due: str
    transferred: str
    result_received: str
    returned: str
    signed: str
    note: str

    def as_list(self) -> list[str]:
        return [str(value) for value in astuple(self)]


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def register_queryset(agency, date_from: date, date_to: date) -> QuerySet[Dossier]:
    """Dossiers the agency received between the two days (both included, local time), in order."""
    first_step = StepRecord.objects.filter(dossier=OuterRef("pk")).order_by("started_at", "pk")
    return (
        Dossier.objects.filter(
            agency=agency,
            received_at__gte=_day_start(date_from),
            received_at__lt=_day_start(date_to + timedelta(days=1)),
        )
        .select_related("procedure", "agency", "unit")
        .annotate(transferred_at=Subquery(first_step.values("started_at")[:1]))
        .order_by("received_at", "pk")
    )


def _note(dossier: Dossier) -> str:
    """Where the dossier stands: in time or late, or how it ended."""
    status = STATUS.get(dossier.status, dossier.status)
    timeliness = TIMELINESS[dossier_timeliness(dossier)]
    if dossier.status in FINISHED_STATUSES:
        return f"{status}; {timeliness}"
    if dossier.status in CLOSED_STATUSES:
        return status
    if dossier.status in (Status.PROCESSING, Status.AWAITING_APPROVAL, Status.RECEIVED):
        return timeliness
    return f"{status}; {timeliness}"


def register_rows(agency, date_from: date, date_to: date) -> list[RegisterRow]:
    """The lines of form 06 for the period, one per dossier received, numbered from 1."""
    rows = []
    for stt, dossier in enumerate(register_queryset(agency, date_from, date_to), start=1):
        contact = "; ".join(
            v for v in (clean(dossier.applicant_address), clean(dossier.applicant_phone)) if v
        )
        lead = dossier.unit.name if dossier.unit else dossier.agency.name
        rows.append(
            RegisterRow(
                stt=stt,
                code=dossier.code or "",
                procedure=clean(dossier.procedure.name),
                sets=1,
                applicant=clean(dossier.applicant_name),
                address_phone=contact,
                lead_agency=clean(lead),
                received=vn_short(dossier.received_at),
                due=vn_short(dossier.due_at),
                transferred=vn_short(dossier.transferred_at),
                result_received=vn_short(dossier.finished_at) if dossier.outcome else "",
                returned=vn_short(dossier.returned_at),
                signed="",
                note=_note(dossier),
            )
        )
    return rows


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value


def register_csv(agency, date_from: date, date_to: date) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows the Vietnamese letters correctly."""
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REGISTER_HEADER)
    for row in register_rows(agency, date_from, date_to):
        writer.writerow([_cell(value) for value in row.as_list()])
    return buffer.getvalue().encode("utf-8-sig")


def register_pdf(agency, date_from: date, date_to: date) -> bytes:
    """The register on A4 landscape, the header repeated on every page."""
    fonts_register()
    st = styles()
    st["cell"] = style("register_cell", 6.5)
    st["cell_center"] = style("register_center", 6.5, alignment=TA_CENTER)
    st["cell_head"] = style("register_head", 6.5, fontName=BOLD, alignment=TA_CENTER)
    buffer = BytesIO()
    page = landscape(A4)
    document = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title="Sổ theo dõi hồ sơ",
        author=agency.name,
        creator="Cổng Dịch vụ công",
        invariant=True,
    )
    rows = [row.as_list() for row in register_rows(agency, date_from, date_to)]
    period = f"Từ ngày {vn_day(date_from)} đến ngày {vn_day(date_to)}"
    story = [
        Paragraph(markup(clean(agency.name).upper()), st["head_bold"]),
        Paragraph("SỔ THEO DÕI HỒ SƠ", st["title"]),
        Paragraph(markup(period), st["subtitle"]),
        Spacer(1, 6),
        grid(
            Grid(REGISTER_HEADER, rows, WIDTHS, centered=(0, 3)),
            st,
            document.width - 2 * FRAME_PADDING,
        ),
    ]

    def number_pages(canvas, doc):
        canvas.saveState()
        canvas.setFont(ITALIC, 7)
        canvas.drawRightString(page[0] - 10 * mm, 6 * mm, f"Mẫu số 06 - Trang {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=number_pages, onLaterPages=number_pages)
    return buffer.getvalue()
