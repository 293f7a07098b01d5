"""What an agency's name says: its kind, and the levels of the procedures it handles.

Summary records name their agencies without ids or levels, so both are read from the name. Names are
compared in lower case, with "uỷ" spelt "ủy" and "UBND" written out.
"""

import re

from ..models import Agency, Procedure

# Generic names stand for every agency of a kind: "Ủy ban nhân dân cấp xã", "Công an cấp Tỉnh",
# "Thuế tỉnh, thành phố".
_GROUP = re.compile(
    r"\bcấp (xã|tỉnh|huyện)\b|\bcác (tỉnh|bộ|cơ quan)\b|\btỉnh, thành phố\b|^bộ, cơ quan ngang bộ"
)
_MINISTRY = re.compile(
    r"^(bộ|cục|tổng cục)[\s,]|\s-\s*bộ\s|^ngân hàng nhà nước việt nam|^văn phòng chính phủ|^thủ tướng"
)
_DEPARTMENT = re.compile(r"^sở\s")
_PROVINCE = re.compile(r"^(chủ tịch )?ủy ban nhân dân (tỉnh|thành phố)\b")
_COMMUNE = re.compile(r"^(chủ tịch )?ủy ban nhân dân (xã|phường|đặc khu)\b")
_DISTRICT = re.compile(r"^(chủ tịch )?ủy ban nhân dân (huyện|quận|thị xã)\b")

_LEVELS = {
    # "xã hội" (social) and "thị xã" (a former district-level town) are not communes.
    Procedure.Level.COMMUNE: re.compile(r"(?<!thị )\b(xã(?! hội)|phường|đặc khu)\b"),
    Procedure.Level.PROVINCE: re.compile(
        r"^sở\s|\bcấp tỉnh\b|ủy ban nhân dân (tỉnh|thành phố)\b"
        r"|^(công an|thuế|bảo hiểm xã hội) tỉnh\b"
    ),
    Procedure.Level.MINISTRY: _MINISTRY,
}


def _key(name: str) -> str:
    key = name.lower().replace("uỷ", "ủy")
    return re.sub(r"\bubnd\b", "ủy ban nhân dân", key)


def agency_kind(name: str) -> str:
    """The kind of a new agency, from its name; an unknown name is a unit."""
    key = _key(name)
    for pattern, kind in [
        (_GROUP, Agency.Kind.GROUP),
        (_MINISTRY, Agency.Kind.MINISTRY),
        (_DEPARTMENT, Agency.Kind.DEPARTMENT),
        (_PROVINCE, Agency.Kind.PROVINCE),
        (_COMMUNE, Agency.Kind.COMMUNE),
        (_DISTRICT, Agency.Kind.DISTRICT),
    ]:
        if pattern.search(key):
            return kind
    return Agency.Kind.UNIT


def levels_from_agencies(names: list[str]) -> set[str]:
    """The levels that these executing agencies point to (none when no name says)."""
    keys = [_key(name) for name in names]
    return {level for level, pattern in _LEVELS.items() if any(pattern.search(k) for k in keys)}
