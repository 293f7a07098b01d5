"""Form 05, Phiếu kiểm soát quá trình giải quyết hồ sơ: each hand-over and its timeliness (OSS-7)."""

from ..models import StepRecord
from ..timeliness import dossier_timeliness, step_timeliness
from .base import FormInput
from .blocks import Field, FormContent, Grid
from .text import BLANK, TIMELINESS, clean, vn_datetime, vn_number

HEADER = [
    "TÊN CƠ QUAN, BỘ PHẬN",
    "THỜI GIAN GIAO, NHẬN HỒ SƠ",
    "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ Đúng hạn/ Quá hạn)",
    "GHI CHÚ",
]
WIDTHS = [0.33, 0.33, 0.18, 0.16]


def _holder(record: StepRecord | None, form: FormInput) -> str:
    """Who holds the dossier during a step: the unit, and the person when one is assigned."""
    if record is None:
        return form.desk
    unit = clean(record.unit.name) if record.unit else form.agency
    person = clean(record.assignee.get_full_name()) if record.assignee else ""
    return f"{unit} ({person})" if person else unit


def step_rows(form: FormInput) -> list[list[str]]:
    """One row per step record, in the order the steps happened (a returned step appears twice)."""
    records = list(
        form.dossier.step_records.select_related("unit", "assignee").order_by("started_at", "pk")
    )
    rows = []
    previous = None
    for record in records:
        finished = vn_datetime(record.finished_at) if record.finished_at else "đang giải quyết"
        note = (
            f"Tạm dừng {vn_number(record.paused_hours)} giờ làm việc" if record.paused_hours else ""
        )
        rows.append(
            [
                f"{record.order}. {clean(record.name)}\n"
                f"Giao: {_holder(previous, form)}\nNhận: {_holder(record, form)}",
                f"Giao, nhận: {vn_datetime(record.started_at)}\n"
                f"Hạn xử lý: {vn_datetime(record.due_at)}\nHoàn thành: {finished}",
                TIMELINESS[step_timeliness(record, now=form.issued_at)],
                note,
            ]
        )
        previous = record
    return rows


def build_control(content: FormContent, form: FormInput) -> None:
    dossier = form.dossier
    coordinating = form.value("coordinating", default=[])
    if isinstance(coordinating, str):
        coordinating = [coordinating]
    unit = clean(dossier.unit.name) if dossier.unit else form.agency
    content.subtitle = "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)"
    content.blocks += [
        Field("Cơ quan giải quyết hồ sơ", f"{unit}, {form.agency}" if dossier.unit else unit),
        Field("Cơ quan phối hợp giải quyết", ", ".join(clean(c) for c in coordinating) or BLANK),
        Field("Thời gian nhận hồ sơ", vn_datetime(dossier.received_at)),
        Field("Thời gian hẹn trả kết quả", vn_datetime(dossier.due_at)),
        Grid(HEADER, step_rows(form), WIDTHS, centered=(2,)),
        Field(
            "Kết quả giải quyết hồ sơ",
            TIMELINESS[dossier_timeliness(dossier, now=form.issued_at)],
            strong=True,
        ),
    ]
    if dossier.finished_at:
        content.blocks.append(
            Field("Chuyển kết quả về Bộ phận Một cửa", vn_datetime(dossier.finished_at))
        )
    if dossier.returned_at:
        content.blocks.append(Field("Trả kết quả cho người nộp", vn_datetime(dossier.returned_at)))
