"""From a target as written (§5 record) to the targets the store keeps (`kpi.targets.Target`).

The document's wording becomes the domain's: figures move into the
indicator's canonical measure (43,5 "nghìn tỷ đồng" → 43.500 "tỷ đồng"); a
change gets its `change_unit` (points of a rate for "%" on a rate indicator or
"điểm %", percent growth for "%" on a value, "lần" for a multiple, otherwise
an absolute amount in the measure); the period as plans say it becomes
period codes:

- "2021" → one target for 2021 (with the plan's term, when it has one);
- "hằng năm (2021-2025)" → one target a year, 2021 … 2025, each relative
  target measured from the year before;
- "2021-2025" → a flow (summed indicator) is due over the term; a level is
  read on the term's last year (forest cover "49% in the plan period" is
  judged on 2025);
- any other period code ("2021-H1") passes through.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kpi.indicators import Indicator
from kpi.numbers import UnitMismatchError, convert
from kpi.periods import PeriodError, parse_period
from kpi.targets import KINDS, RELATIVE_KINDS, Target

_ANNUAL = re.compile(r"^\s*(?:hằng|hàng|mỗi)\s+năm\s*\(\s*(\d{4})\s*[-–]\s*(\d{4})\s*\)\s*$", re.I)
_TERM = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")
_POINTS = re.compile(r"^điểm(?:\s+%|\s+phần\s+trăm)?$", re.I)


class ConversionError(ValueError):
    """A record that cannot become a stored target; the message says what to fix."""


@dataclass(frozen=True)
class Placement:
    """Where the targets go: the unit they belong to, the plan and its period."""

    unit_key: str
    plan_code: str
    plan_period: str


def _base_unit(unit: str | None) -> str:
    """The unit without a per-year denominator ("%/năm" → "%", "ha/năm" → "ha")."""
    text = " ".join((unit or "").split())
    return re.sub(r"\s*/\s*năm$", "", text)


def change_unit(unit: str | None, indicator: Indicator) -> str:
    """"points", "percent", "times" or "absolute" for a change written in `unit`."""
    base = _base_unit(unit).lower()
    if base == "lần":
        return "times"
    if _POINTS.match(base):
        return "points"
    if base in ("%", ""):
        return "points" if indicator.measure.strip() in ("%", "‰") else "percent"
    return "absolute"


def _in_measure(value: float | None, unit: str | None, indicator: Indicator) -> float | None:
    if value is None:
        return None
    base = _base_unit(unit)
    if not base or base == indicator.measure:
        return value
    try:
        return convert(value, base, indicator.measure)
    except UnitMismatchError:
        raise ConversionError(
            f"Đơn vị “{unit}” của chỉ tiêu không đổi được sang đơn vị “{indicator.measure}” của "
            f"“{indicator.name}”: sửa đơn vị hoặc chọn chỉ tiêu khác."
        ) from None


def periods_of(period: str, indicator: Indicator, plan_period: str) -> list[tuple[str, str | None, str | None]]:
    """(period code, term, baseline period) of each target a written period gives."""
    annual = _ANNUAL.match(period or "")
    if annual:
        first, last = int(annual[1]), int(annual[2])
        term = f"{first}-{last}"
        return [(str(y), term, str(y - 1)) for y in range(first, last + 1)]
    term_match = _TERM.match(period or "")
    if term_match:
        term = f"{term_match[1]}-{term_match[2]}"
        return [(term if indicator.is_flow else term_match[2], term, None)]
    code = (period or plan_period or "").strip()
    try:
        own = parse_period(code)
    except PeriodError:
        raise ConversionError(
            f"Kỳ “{period}” không đọc được: ghi năm (2021), giai đoạn (2021-2025) hoặc "
            f"“hằng năm (2021-2025)”."
        ) from None
    term = None
    plan_term = _TERM.match(plan_period or "")
    if plan_term and own.kind != "term" and int(plan_term[1]) <= own.start.year <= int(plan_term[2]):
        term = f"{plan_term[1]}-{plan_term[2]}"
    return [(own.code, term, None)]


def to_targets(record: dict, indicator: Indicator, placement: Placement) -> list[Target]:
    """The stored targets for one record (a dict in the schema of DESIGN.md §5).

    Raises ConversionError (Vietnamese, says what to fix) for an unknown
    direction, a range without both ends, a unit that does not convert to the
    indicator's measure, or an unreadable period.
    """
    kind = record.get("direction")
    if kind not in KINDS:
        raise ConversionError(f"Chiều chỉ tiêu “{kind}” không hợp lệ: chọn một trong {', '.join(KINDS)}.")
    unit = record.get("unit")
    value, low, high = record.get("value"), record.get("min"), record.get("max")
    if kind == "range" and (low is None or high is None):
        raise ConversionError("Chỉ tiêu dạng khoảng cần cả giá trị nhỏ nhất và lớn nhất.")
    change = None
    if kind in RELATIVE_KINDS:
        change = change_unit(unit, indicator)
        if change == "absolute":
            value, low, high = (_in_measure(v, unit, indicator) for v in (value, low, high))
        if value is None and (low is None or high is None):
            raise ConversionError("Chỉ tiêu tăng/giảm cần mức thay đổi (một số hoặc một khoảng).")
    elif kind not in ("decrease_vs_previous", "increase_vs_previous", "boolean"):
        value, low, high = (_in_measure(v, unit, indicator) for v in (value, low, high))
        if value is None and low is None:
            raise ConversionError(f"Chỉ tiêu “{record.get('indicator')}” chưa có số: nhập giá trị.")
    targets = []
    for code, term, baseline_period in periods_of(record.get("period") or "", indicator,
                                                  placement.plan_period):
        targets.append(Target(
            indicator_code=indicator.code, unit_key=placement.unit_key, period=code, kind=kind,
            value=value, min=low, max=high, strict=bool(record.get("strict")), change_unit=change,
            baseline_period=baseline_period if kind in RELATIVE_KINDS else None, term=term,
            places=record.get("locality") or None, plan_code=placement.plan_code,
            quote=record.get("quote") or None,
        ))
    return targets
