"""The calendar a new installation starts with: the public administration's working week and
Vietnam's public holidays with the Government's swaps for 2024–2027.

Public holidays (Labour Code 2019, art. 112.1): Tết Dương lịch 1/1; Tết Âm lịch 5 days, which days
the Prime Minister picks each year; Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; Quốc khánh 2/9 plus
one day before or after it, also picked each year. A holiday on a weekly rest day gives a day off on
the next working day (art. 111.3). For civil servants the Government may also swap a working day
inside a holiday bridge with a Saturday (ngày làm bù).

`confirmed=False` marks what follows the law but was not checked against the year's announcement:
which days of Tết 2027 (laid out as in 2024, the last Tết on a Saturday) and the day next to Quốc
khánh 2027. Administrators correct them in the admin once the announcement is out. Not seeded:
24/11 (Ngày Văn hóa Việt Nam), a holiday that Resolution 80-NQ/TW (January 2026) and Resolution
30/NQ-CP (February 2026) ask for, but that no amendment of art. 112 had enacted in the sources read.
"""

from datetime import date, time

MONDAY, FRIDAY = 0, 4

# Giờ hành chính: Monday to Friday, 07:30–11:30 and 13:00–17:00 (8 working hours a day).
DEFAULT_WORKING_PERIODS: list[tuple[int, time, time]] = [
    (weekday, start, end)
    for weekday in range(MONDAY, FRIDAY + 1)
    for start, end in ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
]

HOLIDAY, DAY_OFF, MAKEUP = "holiday", "day_off", "makeup"

LAW = "Bộ luật Lao động 2019, Điều 112"
COMPENSATION = "Bộ luật Lao động 2019, Điều 111.3: ngày lễ trùng ngày nghỉ hằng tuần"
TET_2024 = "Bộ LĐTBXH: nghỉ Tết Âm lịch 08/02–14/02/2024 (2 ngày trước, 3 ngày sau Tết, 2 ngày bù)"
SWAP_2024 = "Công văn 2450/VPCP-KGVX ngày 12/4/2024: hoán đổi 29/4 với thứ Bảy 4/5/2024"
TET_2025 = "Công văn 8726/VPCP-KGVX ngày 26/11/2024: nghỉ 25/01–02/02/2025, 5 ngày Tết"
SWAP_2025 = "Thủ tướng đồng ý (2025): hoán đổi thứ Sáu 2/5 với thứ Bảy 26/4/2025"
SWAP_2026 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025: hoán đổi thứ Sáu 2/1 với thứ Bảy 10/1/2026"
TET_2026 = "Thủ tướng đồng ý: nghỉ Tết 14/02–22/02/2026, 5 ngày Tết từ 16/02 đến 20/02"
NATIONAL_2026 = (
    "Phương án của Bộ Nội vụ (10/2025) được Chính phủ thông qua: nghỉ 29/8–2/9, "
    "hoán đổi thứ Hai 31/8 với thứ Bảy 22/8/2026"
)
UNANNOUNCED = "Theo luật; chưa có thông báo của Chính phủ cho năm này"

NEW_YEAR = "Tết Dương lịch"
TET = "Tết Nguyên đán"
TET_OFF = "Nghỉ bù Tết Nguyên đán"
HUNG_KINGS = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
VICTORY = "Ngày Chiến thắng (30/4)"
LABOUR = "Ngày Quốc tế Lao động (1/5)"
NATIONAL = "Quốc khánh (2/9)"
NATIONAL_NEXT = "Quốc khánh (ngày liền kề)"


def _day(
    iso: str, kind: str, name: str, source: str, *, confirmed: bool = True, hours_from: int = MONDAY
) -> dict:
    return {
        "date": date.fromisoformat(iso),
        "kind": kind,
        "name": name,
        "source": source,
        "confirmed": confirmed,
        "hours_from": hours_from,
    }


VIETNAM_CALENDAR_DAYS: list[dict] = [
    # --- 2024 (Tết Giáp Thìn: 10/02) ---
    _day("2024-01-01", HOLIDAY, NEW_YEAR, LAW),
    *[_day(f"2024-02-{d:02d}", HOLIDAY, TET, TET_2024) for d in (8, 9, 10, 11, 12)],
    *[_day(f"2024-02-{d:02d}", DAY_OFF, TET_OFF, TET_2024) for d in (13, 14)],
    _day("2024-04-18", HOLIDAY, HUNG_KINGS, LAW),
    _day("2024-04-29", DAY_OFF, "Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)", SWAP_2024),
    _day("2024-04-30", HOLIDAY, VICTORY, LAW),
    _day("2024-05-01", HOLIDAY, LABOUR, LAW),
    _day("2024-05-04", MAKEUP, "Làm bù cho thứ Hai 29/4/2024", SWAP_2024, hours_from=MONDAY),
    _day("2024-09-02", HOLIDAY, NATIONAL, LAW),
    _day("2024-09-03", HOLIDAY, NATIONAL_NEXT, "Bộ LĐTBXH: nghỉ Quốc khánh 31/8–3/9/2024"),
    # --- 2025 (Tết Ất Tỵ: 29/01) ---
    _day("2025-01-01", HOLIDAY, NEW_YEAR, LAW),
    *[_day(f"2025-01-{d:02d}", HOLIDAY, TET, TET_2025) for d in (27, 28, 29, 30, 31)],
    _day("2025-04-07", HOLIDAY, HUNG_KINGS, LAW),
    _day("2025-04-26", MAKEUP, "Làm bù cho thứ Sáu 2/5/2025", SWAP_2025, hours_from=FRIDAY),
    _day("2025-04-30", HOLIDAY, VICTORY, LAW),
    _day("2025-05-01", HOLIDAY, LABOUR, LAW),
    _day("2025-05-02", DAY_OFF, "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)", SWAP_2025),
    _day("2025-09-01", HOLIDAY, NATIONAL_NEXT, "Thủ tướng đồng ý: nghỉ Quốc khánh 30/8–2/9/2025"),
    _day("2025-09-02", HOLIDAY, NATIONAL, LAW),
    # --- 2026 (Tết Bính Ngọ: 17/02) ---
    _day("2026-01-01", HOLIDAY, NEW_YEAR, LAW),
    _day("2026-01-02", DAY_OFF, "Nghỉ hoán đổi (làm bù thứ Bảy 10/1/2026)", SWAP_2026),
    _day("2026-01-10", MAKEUP, "Làm bù cho thứ Sáu 2/1/2026", SWAP_2026, hours_from=FRIDAY),
    *[_day(f"2026-02-{d:02d}", HOLIDAY, TET, TET_2026) for d in (16, 17, 18, 19, 20)],
    _day("2026-04-26", HOLIDAY, HUNG_KINGS, LAW),
    _day("2026-04-27", DAY_OFF, "Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)", COMPENSATION),
    _day("2026-04-30", HOLIDAY, VICTORY, LAW),
    _day("2026-05-01", HOLIDAY, LABOUR, LAW),
    _day("2026-08-22", MAKEUP, "Làm bù cho thứ Hai 31/8/2026", NATIONAL_2026, hours_from=MONDAY),
    _day("2026-08-31", DAY_OFF, "Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)", NATIONAL_2026),
    _day("2026-09-01", HOLIDAY, NATIONAL_NEXT, NATIONAL_2026),
    _day("2026-09-02", HOLIDAY, NATIONAL, LAW),
    # --- 2027 (Tết Đinh Mùi: 06/02, a Saturday: laid out as in 2024) ---
    _day("2027-01-01", HOLIDAY, NEW_YEAR, LAW),
    *[
        _day(f"2027-02-{d:02d}", HOLIDAY, TET, UNANNOUNCED, confirmed=False)
        for d in (4, 5, 6, 7, 8)
    ],
    *[_day(f"2027-02-{d:02d}", DAY_OFF, TET_OFF, UNANNOUNCED, confirmed=False) for d in (9, 10)],
    _day("2027-04-16", HOLIDAY, HUNG_KINGS, LAW),
    _day("2027-04-30", HOLIDAY, VICTORY, LAW),
    _day("2027-05-01", HOLIDAY, LABOUR, LAW),
    _day("2027-05-03", DAY_OFF, "Nghỉ bù Ngày Quốc tế Lao động (trùng thứ Bảy)", COMPENSATION),
    _day("2027-09-02", HOLIDAY, NATIONAL, LAW),
    _day("2027-09-03", HOLIDAY, NATIONAL_NEXT, UNANNOUNCED, confirmed=False),
]


def calendar_seed(working_period_model, calendar_day_model) -> None:
    """Add the default week when there is no working period, and the seeded days of every year
    that has no calendar day yet.

    Takes the model classes so that a data migration can pass its historical models. A year that
    administrators have entered or corrected (a date moved, a day deleted) is left as it is.
    """
    if not working_period_model.objects.exists():
        working_period_model.objects.bulk_create(
            working_period_model(weekday=weekday, start=start, end=end)
            for weekday, start, end in DEFAULT_WORKING_PERIODS
        )
    present = {day.year for day in calendar_day_model.objects.values_list("date", flat=True)}
    calendar_day_model.objects.bulk_create(
        calendar_day_model(**row)
        for row in VIETNAM_CALENDAR_DAYS
        if row["date"].year not in present
    )
