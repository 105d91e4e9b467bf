"""The words statisticians head their columns with, and what each means.

Headers are compared after `fold_label` (case, accents, spacing and dash
style ignored, trailing ':' dropped), so "MÃ CHỈ TIÊU", "Mã chỉ tiêu:" and
"ma chi tieu" are one header. A value column headed with a standing ("Ước
thực hiện") sets the standing of its values.
"""
from __future__ import annotations

import datetime as dt

from kpi.ingest.lookup import fold_label
from kpi.periods import Period, is_ended

INDICATOR_CODE, INDICATOR_NAME, MEASURE, VALUE = "indicator_code", "indicator_name", "measure", "value"
UNIT, PERIOD, STANDING, NOTE, TARGET, IGNORED, TOTAL = (
    "unit", "period", "standing", "note", "target", "ignored", "total")

_ALIASES = {
    INDICATOR_CODE: ("ma chi tieu", "ma so chi tieu", "ma", "ma so", "ma ct", "code",
                     "indicator code"),
    INDICATOR_NAME: ("chi tieu", "ten chi tieu", "noi dung", "noi dung chi tieu",
                     "chi tieu chu yeu", "ten", "indicator", "indicator name"),
    MEASURE: ("don vi tinh", "dvt", "don vi do", "unit of measure", "measure"),
    VALUE: ("thuc hien", "gia tri", "so lieu", "so thuc hien", "so lieu thuc hien",
            "ket qua thuc hien", "ket qua", "thuc hien ky bao cao", "thuc hien ky nay", "value",
            "actual"),
    UNIT: ("don vi", "ma don vi", "don vi bao cao", "ten don vi", "dia phuong", "ma dia phuong",
           "dia ban", "ma dvhc", "unit", "unit code", "locality"),
    PERIOD: ("ky", "ky bao cao", "ma ky", "thoi ky", "period"),
    STANDING: ("tinh trang so lieu", "tinh trang", "loai so lieu", "muc do so lieu", "standing"),
    NOTE: ("ghi chu", "ghi chu/giai trinh", "giai trinh", "note", "notes"),
    TARGET: ("ke hoach", "chi tieu ke hoach", "ke hoach nam", "ke hoach giao", "muc tieu",
             "target"),
    IGNORED: ("stt", "tt", "so tt", "so thu tu", "no", "#"),
    TOTAL: ("tong", "tong cong", "tong so", "cong", "toan tinh", "toan huyen", "toan thanh pho",
            "toan xa", "total"),
}
ROLE_OF = {alias: role for role, aliases in _ALIASES.items() for alias in aliases}
LABELS = {INDICATOR_CODE: "Mã chỉ tiêu", INDICATOR_NAME: "Chỉ tiêu", MEASURE: "Đơn vị tính",
          VALUE: "Thực hiện", UNIT: "Đơn vị", PERIOD: "Kỳ báo cáo", STANDING: "Tình trạng số liệu",
          NOTE: "Ghi chú", TARGET: "Kế hoạch"}

STANDING_WORDS = {
    "uoc": "uoc", "uoc tinh": "uoc", "uoc thuc hien": "uoc", "estimate": "uoc",
    "so bo": "so_bo", "so_bo": "so_bo", "preliminary": "so_bo",
    "chinh thuc": "chinh_thuc", "chinh_thuc": "chinh_thuc", "official": "chinh_thuc",
}
# A value column headed by its standing.
VALUE_STANDING = {"uoc thuc hien": "uoc", "uoc th": "uoc", "so bo": "so_bo",
                  "so lieu so bo": "so_bo", "chinh thuc": "chinh_thuc",
                  "so lieu chinh thuc": "chinh_thuc"}
META_LABELS = {"don vi": UNIT, "ma don vi": UNIT, "don vi bao cao": UNIT, "ten don vi": UNIT,
               "dia phuong": UNIT, "ky": PERIOD, "ky bao cao": PERIOD, "ma ky": PERIOD,
               "tinh trang so lieu": STANDING}
NO_REPORT = frozenset({"-", "–", "—", "x", "…", "...", "..", "k/c"})
YES = frozenset({"co", "dat", "hoan thanh", "yes", "true", "dung"})
NO = frozenset({"khong", "khong dat", "chua dat", "chua hoan thanh", "no", "false", "sai"})


def role(value: object) -> str | None:
    """The role of a header cell (INDICATOR_CODE, VALUE, …) or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    folded = fold_label(value)
    if folded in VALUE_STANDING:
        return VALUE
    return ROLE_OF.get(folded)


def value_standing(value: object) -> str | None:
    """The standing a value column's header implies ("Ước thực hiện" → uoc), or None."""
    return VALUE_STANDING.get(fold_label(value)) if isinstance(value, str) else None


def parse_standing(value: object) -> str | None:
    """'uoc', 'so_bo' or 'chinh_thuc' for "Ước", "Sơ bộ", "Chính thức" (and codes); else None."""
    if not isinstance(value, str):
        return None
    return STANDING_WORDS.get(fold_label(value))


def default_standing(period: Period, today: dt.date) -> str:
    """The standing of a value whose file says none: sơ bộ once the period has
    ended, ước (an estimate) while it runs."""
    return "so_bo" if is_ended(period, today) else "uoc"


def meta_label(value: object) -> tuple[str | None, str | None]:
    """(role, inline value) of a heading cell such as "Đơn vị:" or "Kỳ báo cáo: Năm 2021"."""
    if not isinstance(value, str) or not value.strip():
        return None, None
    label, _, rest = value.partition(":")
    found = META_LABELS.get(fold_label(label))
    if found is None:
        return None, None
    return found, rest.strip() or None
