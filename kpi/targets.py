"""Targets and their status: the rules a leader trusts (DESIGN.md §3).

A target's effective bounds come from its kind (at_least, range, decrease_by…),
the baseline it moves from and the indicator's polarity; its status compares
the actual that counts with those bounds. Everything here is pure: the caller
fetches the actual, the baseline and the previous value.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from kpi.indicators import Indicator

KINDS = (
    "at_least", "at_most", "range", "exact", "increase_by", "decrease_by",
    "decrease_vs_previous", "increase_vs_previous", "boolean",
)
CHANGE_UNITS = ("points", "percent", "absolute", "times")
STATUSES = ("exceeded", "met", "nearly", "not_met", "no_data", "not_due")
# Kinds whose bounds move from a baseline value.
RELATIVE_KINDS = ("increase_by", "decrease_by")
VS_PREVIOUS_KINDS = ("decrease_vs_previous", "increase_vs_previous")


@dataclass(frozen=True)
class Target:
    """A target: indicator × unit × period, with its kind and figures.

    Figures are in the indicator's measure, except the change of
    increase_by / decrease_by, which is in `change_unit` (points of a rate,
    percent growth of a value, an absolute amount, or a multiple).
    """

    indicator_code: str
    unit_key: str
    period: str
    kind: str
    value: float | None = None
    min: float | None = None
    max: float | None = None
    strict: bool = False
    change_unit: str | None = None
    baseline: float | None = None
    baseline_period: str | None = None
    term: str | None = None
    places: str | None = None
    plan_code: str | None = None
    quote: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Loại chỉ tiêu không hợp lệ: '{self.kind}'")
        if self.kind == "range" and (self.min is None or self.max is None):
            raise ValueError("Chỉ tiêu dạng khoảng cần cả giá trị nhỏ nhất và lớn nhất")
        if self.kind in RELATIVE_KINDS and self.change_unit not in CHANGE_UNITS:
            raise ValueError(
                f"Chỉ tiêu tăng/giảm cần đơn vị thay đổi ({', '.join(CHANGE_UNITS)})"
            )
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                f"Khoảng chỉ tiêu ngược: {self.min} lớn hơn {self.max}"
            )

    @property
    def needs_baseline(self) -> bool:
        return self.kind in RELATIVE_KINDS

    @property
    def needs_previous(self) -> bool:
        return self.kind in VS_PREVIOUS_KINDS


@dataclass(frozen=True)
class Bounds:
    """Effective bounds in the indicator's measure; None is unbounded."""

    lower: float | None
    upper: float | None
    lower_strict: bool = False
    upper_strict: bool = False


@dataclass(frozen=True)
class Assessment:
    """The status of one target against the actual that counts.

    `achievement` is a ratio (1.04 for "đạt 104% kế hoạch"), None where the
    reading has none (a band, a bound at or below zero, no data). `position`
    is "inside", "above" or "below" for a band reading.
    """

    status: str
    achievement: float | None
    bounds: Bounds | None
    reading: str | None  # higher, lower, band, boolean
    position: str | None = None
    reason: str | None = None


def reading_polarity(target: Target, indicator: Indicator) -> str:
    """Which way is better when reading this target.

    The wording decides for one-sided and relative kinds ("đạt X trở lên" is
    read higher-is-better, "giảm … còn X" lower-is-better); a range or a bare
    value is read by the indicator's polarity.
    """
    if target.kind == "boolean" or indicator.polarity == "boolean":
        return "boolean"
    if target.kind in ("at_least", "increase_by", "increase_vs_previous"):
        return "higher"
    if target.kind in ("at_most", "decrease_by", "decrease_vs_previous"):
        return "lower"
    return indicator.polarity


def _moved(baseline: float, change: float, unit: str, sign: int) -> float:
    if unit == "points" or unit == "absolute":
        return baseline + sign * change
    if unit == "percent":
        return baseline * (1 + sign * change / 100)
    # times: "tăng gấp 2 lần" multiplies; "giảm 2 lần" divides.
    return baseline * change if sign > 0 else baseline / change


def effective_bounds(
    target: Target,
    indicator: Indicator,
    baseline: float | None = None,
    previous: float | None = None,
) -> Bounds | None:
    """The bounds the actual is compared with, in the indicator's measure.

    `baseline` is the value increase_by / decrease_by move from (the target's
    own baseline wins when set); `previous` is the same period of the previous
    year, for *_vs_previous. Returns None when the needed baseline or
    previous value is missing.
    """
    if target.kind == "at_least":
        return Bounds(target.value, None, lower_strict=target.strict)
    if target.kind == "at_most":
        return Bounds(None, target.value, upper_strict=target.strict)
    if target.kind == "range":
        return Bounds(target.min, target.max)
    if target.kind == "boolean":
        return Bounds(1.0, 1.0)
    if target.kind == "exact":
        polarity = reading_polarity(target, indicator)
        if polarity == "higher":
            return Bounds(target.value, None)
        if polarity == "lower":
            return Bounds(None, target.value)
        if polarity == "boolean":
            return Bounds(1.0, 1.0)
        tolerance = indicator.rounding_tolerance
        return Bounds(target.value - tolerance, target.value + tolerance)
    if target.kind in VS_PREVIOUS_KINDS:
        if previous is None:
            return None
        # strict: "giảm hơn so với cùng kỳ"; not strict: "… (hoặc không tăng)".
        if target.kind == "decrease_vs_previous":
            return Bounds(None, previous, upper_strict=target.strict)
        return Bounds(previous, None, lower_strict=target.strict)
    # increase_by / decrease_by
    base = target.baseline if target.baseline is not None else baseline
    if base is None:
        return None
    sign = 1 if target.kind == "increase_by" else -1
    if target.value is not None:
        edge = _moved(base, target.value, target.change_unit, sign)
        return Bounds(edge, None) if sign > 0 else Bounds(None, edge)
    # A range of change: "giảm 1,5–2 điểm" from 5 → [3; 3,5].
    near = _moved(base, target.min, target.change_unit, sign)
    far = _moved(base, target.max, target.change_unit, sign)
    return Bounds(min(near, far), max(near, far))


def _below(value: float, bound: float, strict: bool) -> bool:
    """True when `value` fails a lower bound."""
    return value <= bound if strict else value < bound


def _above(value: float, bound: float, strict: bool) -> bool:
    """True when `value` fails an upper bound."""
    return value >= bound if strict else value > bound


def _ratio(numerator: float, denominator: float) -> float | None:
    if denominator <= 0 or numerator < 0:
        return None
    if numerator == 0:
        return 0.0
    return numerator / denominator


def _shortfall(target: Target, achievement: float | None, nearly_share: float) -> str:
    # "Lower than last year" is kept or broken: a rise is never "nearly".
    if target.kind in VS_PREVIOUS_KINDS:
        return "not_met"
    if achievement is not None and achievement >= nearly_share:
        return "nearly"
    return "not_met"


def assess(
    target: Target,
    indicator: Indicator,
    actual: float | None,
    *,
    baseline: float | None = None,
    previous: float | None = None,
    period_ended: bool = True,
    nearly_share: float = 0.9,
) -> Assessment:
    """Status of `target` for the actual that counts (DESIGN.md §3).

    `actual` is in the indicator's measure (1 / 0 for a yes/no duty), None
    when nothing is reported. With no actual the status is "not_due" while
    the period runs and "no_data" once it has ended. Higher-better: met at
    the lower bound, exceeded above the upper bound (one-sided: above it by
    more than the rounding tolerance), achievement = actual / lower bound.
    Lower-better mirrors it with achievement = upper bound / actual.
    "Better than the same period last year" is met or not met, never
    exceeded or nearly. A band
    is met inside, not met outside either way. "nearly" is a shortfall with
    achievement ≥ `nearly_share`.
    """
    reading = reading_polarity(target, indicator)
    if actual is None or (isinstance(actual, float) and math.isnan(actual)):
        return Assessment("no_data" if period_ended else "not_due", None, None, reading)
    bounds = effective_bounds(target, indicator, baseline, previous)
    if bounds is None:
        missing = "kỳ gốc" if target.needs_baseline else "cùng kỳ năm trước"
        return Assessment(
            "no_data", None, None, reading, reason=f"Thiếu số liệu {missing} để so sánh"
        )
    if reading == "boolean":
        done = actual >= 0.5
        return Assessment("met" if done else "not_met", 1.0 if done else 0.0, bounds, reading)

    if reading == "band":
        if bounds.lower is not None and _below(actual, bounds.lower, bounds.lower_strict):
            return Assessment("not_met", None, bounds, reading, position="below")
        if bounds.upper is not None and _above(actual, bounds.upper, bounds.upper_strict):
            return Assessment("not_met", None, bounds, reading, position="above")
        return Assessment("met", None, bounds, reading, position="inside")

    if reading == "higher":
        lower, upper = bounds.lower, bounds.upper
        if lower is None:  # only an upper bound: a cap read higher-is-better
            lower = upper
        achievement = _ratio(actual, lower)
        if _below(actual, lower, bounds.lower_strict):
            return Assessment(_shortfall(target, achievement, nearly_share), achievement, bounds, reading)
        if target.kind in VS_PREVIOUS_KINDS:  # "better than last year" has no "exceeded"
            return Assessment("met", achievement, bounds, reading)
        if upper is not None and bounds.lower is not None:
            ceiling = upper
        else:
            ceiling = lower + indicator.tolerance_for(lower)
        status = "exceeded" if actual > ceiling else "met"
        return Assessment(status, achievement, bounds, reading)

    # lower is better
    lower, upper = bounds.lower, bounds.upper
    if upper is None:
        upper = lower
    achievement = _ratio(upper, actual) if actual > 0 else None
    if _above(actual, upper, bounds.upper_strict):
        return Assessment(_shortfall(target, achievement, nearly_share), achievement, bounds, reading)
    if target.kind in VS_PREVIOUS_KINDS:
        return Assessment("met", achievement, bounds, reading)
    if lower is not None and bounds.upper is not None:
        floor = lower
    else:
        floor = upper - indicator.tolerance_for(upper)
    status = "exceeded" if actual < floor else "met"
    return Assessment(status, achievement, bounds, reading)
