"""How values read on the forms: Vietnamese dates and times, numbers, and the fixed wording.

The forms are legal documents whose wording is set by the circular in Vietnamese, so their text is
written here in Vietnamese and not passed through the translation catalogue.
"""

import unicodedata
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from ..models import Status, Timeliness

BLANK = "…………"

TIMELINESS = {
    Timeliness.EARLY: "Trước hạn",
    Timeliness.ON_TIME: "Đúng hạn",
    Timeliness.LATE: "Quá hạn",
    Timeliness.WITHIN_DEADLINE: "Đang giải quyết, trong hạn",
    Timeliness.OVERDUE: "Đang giải quyết, quá hạn",
    Timeliness.NOT_STARTED: "Chưa giải quyết",
}

# Names of the statuses as the National Portal shows them (regulation notes 4.4).
STATUS = {
    Status.DRAFT: "Chưa nộp",
    Status.SUBMITTED: "Mới đăng ký",
    Status.NOT_RECEIVED: "Không được tiếp nhận",
    Status.RECEIVED: "Được tiếp nhận",
    Status.PROCESSING: "Đang xử lý",
    Status.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    Status.PAYMENT_REQUESTED: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Status.AWAITING_APPROVAL: "Đang xử lý",
    Status.WITHDRAWAL_REQUESTED: "Công dân yêu cầu rút hồ sơ",
    Status.STOPPED: "Dừng xử lý",
    Status.RESULT_READY: "Đã xử lý xong",
    Status.RETURNED: "Đã trả kết quả",
    Status.WITHDRAWN: "Đã rút hồ sơ",
}


def clean(value) -> str:
    """Text in composed form: decomposed accents (NFD, as some keyboards type) would print apart."""
    return unicodedata.normalize("NFC", str(value or "")).strip()


def vn_datetime(value: datetime | None) -> str:
    """15 giờ 30 phút, ngày 28/11/2026 (in the portal's time zone)."""
    if value is None:
        return BLANK
    local = timezone.localtime(value)
    return f"{local.hour:02d} giờ {local.minute:02d} phút, ngày {local:%d/%m/%Y}"


def vn_short(value: datetime | None) -> str:
    """28/11/2026 15:30: for table cells and the register."""
    return "" if value is None else f"{timezone.localtime(value):%d/%m/%Y %H:%M}"


def vn_day(value: date | datetime | None) -> str:
    if value is None:
        return BLANK
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return f"{value:%d/%m/%Y}"


def vn_long_date(value: datetime, place: str = "") -> str:
    """The dateline under the national motto: "Hà Nội, ngày 28 tháng 11 năm 2026"."""
    local = timezone.localdate(value)
    day = f"ngày {local.day:02d} tháng {local.month:02d} năm {local.year}"
    return f"{clean(place)}, {day}" if place else day[0].upper() + day[1:]


def vn_number(value: Decimal | int | float) -> str:
    """5 → "5", 2.50 → "2,5": Vietnamese uses the comma as decimal separator."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")


def two_digits(value: int) -> str:
    """Counts on the forms read "01 bộ", "02 liên"."""
    return f"{value:02d}"
