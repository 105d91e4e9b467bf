"""Checks of the values read from an upload: errors stop the commit, warnings are shown.

Errors: a unit the uploader may not report for, a period outside the plans
that set the indicator's targets, a value outside what the indicator allows
(a rate above 100%, a negative count), the same cell twice. (Unknown
indicators and units, text where a number belongs, Excel errors are found
while reading.) Warnings: a jump against the previous period beyond a
factor, components that do not add up to their total, structure shares far
from 100%.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Mapping, Sequence

from kpi.indicators import Indicator
from kpi.ingest.issues import Issue, error, warning
from kpi.ingest.lookup import Lookup
from kpi.ingest.reader import Reading
from kpi.numbers import format_number, format_quantity
from kpi.periods import PeriodError, parse_period, period_label, previous_period

Cell = tuple[str, str, str]  # indicator code, unit key, period code


def _at(reading: Reading) -> dict:
    return {"sheet": reading.sheet, "row": reading.row, "column": reading.column}


def check_scope(readings: Iterable[Reading], allowed_units: frozenset[str] | None,
                parents: Mapping[str, str | None],
                describe=lambda key: key) -> list[Issue]:
    """One error per unit the uploader may not report for.

    `allowed_units` holds unit keys the uploader reports for, their sub-units
    included (kpi.auth.writable_units); None means every unit.
    """
    if allowed_units is None:
        return []
    issues, seen = [], set()
    for reading in readings:
        if reading.unit in seen:
            continue
        seen.add(reading.unit)
        key, hops = reading.unit, 0
        while key and key not in allowed_units and hops < 10:
            key, hops = parents.get(key), hops + 1
        if not key or key not in allowed_units:
            issues.append(error("unit_out_of_scope", (
                f"Tài khoản không được nhập số liệu cho {describe(reading.unit)}. Chỉ gửi số liệu "
                "của đơn vị mình phụ trách, hoặc nhờ quản trị mở quyền."), **_at(reading)))
    return issues


def check_values(readings: Sequence[Reading], lookup: Lookup) -> list[Issue]:
    """Errors: period outside the plans, value outside the indicator's bounds, duplicates."""
    issues: list[Issue] = []
    in_plan: dict[tuple[str, str], bool] = {}
    first: dict[tuple[str, str, str, str], Reading] = {}
    for r in readings:
        ind = lookup.indicators[r.indicator]
        pair = (r.indicator, r.period)
        if pair not in in_plan:
            in_plan[pair] = lookup.in_plan(r.indicator, parse_period(r.period, lookup.phases))
            if not in_plan[pair]:
                issues.append(error("period_outside_plan", (
                    f"Kỳ {period_label(parse_period(r.period, lookup.phases))} nằm ngoài các kế "
                    f"hoạch có chỉ tiêu “{ind.name}” (kế hoạch bao gồm: "
                    f"{lookup.plan_span_text(r.indicator) or 'không có'}). Hãy kiểm tra lại kỳ báo "
                    "cáo."), **_at(r)))
        bound = _outside(r.value, ind)
        if bound:
            issues.append(error("out_of_range", bound, **_at(r)))
        key = (r.indicator, r.unit, r.period, r.standing)
        if key in first:
            other = first[key]
            issues.append(error("duplicate", (
                f"Chỉ tiêu “{ind.name}” của cùng đơn vị, cùng kỳ đã có ở trang “{other.sheet}”, ô "
                f"{other.column}{other.row}. Mỗi chỉ tiêu chỉ ghi một lần: hãy xóa một trong hai."),
                **_at(r)))
        else:
            first[key] = r
    return issues


def _outside(value: float, ind: Indicator) -> str | None:
    low, high = ind.min_value, ind.max_value
    if ind.polarity != "boolean" and (low is None or value >= low) and (high is None or value <= high):
        return None
    shown = format_quantity(value, ind.measure)
    if ind.polarity == "boolean":
        if value in (0, 1):
            return None
        return (f"Giá trị {format_number(value)} không hợp lệ: chỉ tiêu “{ind.name}” chỉ nhận Có "
                "hoặc Không (1 hoặc 0).")
    if ind.min_value is not None and value < ind.min_value:
        what = "không được âm" if ind.min_value == 0 else (
            f"không nhỏ hơn {format_quantity(ind.min_value, ind.measure)}")
        return f"Giá trị {shown} không hợp lệ: chỉ tiêu “{ind.name}” {what}. Hãy kiểm tra lại số."
    if ind.max_value is not None and value > ind.max_value:
        hint = " (tỷ lệ nhập theo %, ví dụ 49 là 49%)" if ind.measure.startswith("%") else ""
        return (f"Giá trị {shown} vượt mức tối đa {format_quantity(ind.max_value, ind.measure)} của "
                f"chỉ tiêu “{ind.name}”. Hãy kiểm tra lại số{hint}.")
    return None


def check_jumps(readings: Sequence[Reading], lookup: Lookup, previous: Mapping[Cell, float],
                factor: float) -> list[Issue]:
    """Warnings for values more than `factor` times (or less than 1/factor of) the
    previous period's; `previous` maps (indicator, unit, period) to the value that counts."""
    issues = []
    before: dict[str, str | None] = {}
    for r in readings:
        if r.period not in before:
            try:
                before[r.period] = previous_period(parse_period(r.period, lookup.phases)).code
            except PeriodError:
                before[r.period] = None
        last = previous.get((r.indicator, r.unit, before[r.period] or ""))
        if not last or not r.value or (last > 0) != (r.value > 0):
            continue
        ratio = r.value / last
        if ratio > factor or ratio < 1 / factor:
            ind = lookup.indicators[r.indicator]
            how = (f"gấp {format_number(ratio, 1)} lần" if ratio > 1
                   else f"chỉ bằng {format_number(100 * ratio, 1)}%")
            issues.append(warning("jump", (
                f"“{ind.name}”: {format_quantity(r.value, ind.measure)} so với "
                f"{format_quantity(last, ind.measure)} kỳ trước ({period_label(before[r.period])}) "
                f"— {how}. Hãy kiểm tra lại số và đơn vị tính; nếu đúng, ghi giải thích vào cột "
                "Ghi chú."), **_at(r)))
    return issues


def _groups(readings: Sequence[Reading]) -> dict[tuple[str, str, str], dict[str, Reading]]:
    grouped: dict[tuple[str, str, str], dict[str, Reading]] = defaultdict(dict)
    for r in readings:
        grouped[(r.unit, r.period, r.standing)][r.indicator] = r
    return grouped


def check_sums(readings: Sequence[Reading], lookup: Lookup, share_tolerance: float) -> list[Issue]:
    """Warnings: components that do not add up to their total; structure shares
    (band indicators in % of one denominator) whose sum is far from 100."""
    children: dict[str, list[str]] = defaultdict(list)
    shares: dict[str, list[str]] = defaultdict(list)
    for code, ind in lookup.indicators.items():
        if ind.parent:
            children[ind.parent].append(code)
        if ind.polarity == "band" and ind.measure == "%" and ind.denominator:
            shares[ind.denominator].append(code)
    issues = []
    for values in _groups(readings).values():
        for parent, parts in children.items():
            if parent in values and all(p in values for p in parts):
                issues += _sum_issue(values[parent], [values[p] for p in parts], lookup)
        for members in shares.values():
            if len(members) > 1 and all(m in values for m in members):
                total = sum(values[m].value for m in members)
                if abs(total - 100) > share_tolerance:
                    names = ", ".join(lookup.indicators[m].name for m in members)
                    issues.append(warning("shares_sum", (
                        f"Các tỷ trọng cơ cấu ({names}) cộng lại được {format_number(total, 2)}%, "
                        f"lệch xa 100%. Hãy kiểm tra lại các tỷ trọng."), **_at(values[members[0]])))
    return issues


def _sum_issue(total: Reading, parts: list[Reading], lookup: Lookup) -> list[Issue]:
    ind = lookup.indicators[total.indicator]
    added = sum(p.value for p in parts)
    # Each figure may be rounded by half its last decimal; allow that, and 0,5%.
    slack = sum(0.5 * 10 ** -(lookup.indicators[r.indicator].decimals or 0)
                for r in parts + [total])
    if abs(added - total.value) <= max(slack, 0.005 * abs(total.value)):
        return []
    names = " + ".join(lookup.indicators[p.indicator].name for p in parts)
    return [warning("components_sum", (
        f"Tổng các thành phần ({names}) là {format_quantity(added, ind.measure)}, khác số của "
        f"“{ind.name}” ({format_quantity(total.value, ind.measure)}). Hãy kiểm tra lại các số."),
        **_at(total))]
