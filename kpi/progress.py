"""Progress during a target's period: is it on track, will it be reached?

DESIGN.md §3 ("On track during a period") and §6 ("Progress methods"): a
summed flow against the elapsed share of its target (`flow_on_track`), a
points-per-year target along a straight path (`linear_on_track`), a level
due at the end of a term by the Open SDG growth ratio (`open_sdg_progress`)
with ESCAP's anticipated progress as a second opinion
(`escap_anticipated_progress`); `choose_method` says which fits. Values are
floats in the indicator's measure, years integers; each returns a `Forecast`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from kpi.numbers import format_number as _num
from kpi.numbers import format_percent as _pct
from kpi.numbers import format_quantity as _with_unit

METHODS = ("flow_ytd", "linear_path", "open_sdg", "escap")
CATEGORIES = (
    "reached", "on_track", "needs_acceleration", "limited_progress",
    "deterioration", "insufficient_data",
)
# Open SDG's default thresholds for a quantitative target (progress_thresholds
# high/med/low); the flow and linear methods reuse them so that one dashboard
# reads the same at every method.
ON_TRACK_RATIO = 0.95
ACCELERATION_RATIO = 0.60

# Mirrors kpi.indicators.TEMPORALS and the kinds of kpi.targets.KINDS that a
# forecast can read (a test keeps them in step).
TEMPORALS = ("flow", "level")
LEVEL_KINDS = ("at_least", "at_most", "range", "exact")
CHANGE_KINDS = ("increase_by", "decrease_by")
LINEAR_CHANGE_UNITS = ("points", "absolute")
GEOMETRIC_CHANGE_UNITS = ("percent", "times")

_VERDICT = {
    "reached": "đã đạt mục tiêu",
    "on_track": "đúng tiến độ",
    "needs_acceleration": "cần đẩy nhanh tiến độ",
    "limited_progress": "tiến bộ còn hạn chế",
    "deterioration": "đang đi ngược mục tiêu",
    "insufficient_data": "chưa đủ số liệu để đánh giá",
}


@dataclass(frozen=True)
class Forecast:
    """One method's reading of a target during its period.

    `ratio`: the method's measure (ytd / expected for flows, observed /
    required change for the linear path, R for Open SDG, AP for ESCAP);
    `expected_now`: where the series should be at the latest reading;
    `projected`: the value expected at the period's end or target year;
    `note`: one Vietnamese sentence, numbers in Vietnamese notation.
    """

    method: str
    category: str
    ratio: float | None
    expected_now: float | None
    projected: float | None
    note: str

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"Phương pháp không hợp lệ: '{self.method}'")
        if self.category not in CATEGORIES:
            raise ValueError(f"Mức đánh giá không hợp lệ: '{self.category}'")


# --- formatting: Vietnamese notation, rounded half up (kpi.numbers) ----------------

def _moved(change: float, suffix: str, per: str = "") -> str:
    """+1,3 → "tăng 1,3%", −2 → "giảm 2 điểm %", 0 → "không đổi"."""
    if _num(change) == "0":
        return "không đổi"
    return f"{'tăng' if change > 0 else 'giảm'} {_num(abs(change))}{suffix}{per}"


def _change_unit(unit: str) -> str:
    # A change of a rate is in points, not percent of the rate.
    if unit in ("%", "‰"):
        return f" điểm {unit}"
    return f" {unit}" if unit else " điểm"


# --- shared rules --------------------------------------------------------------

def _check_finite(**values: float) -> None:
    for name, value in values.items():
        if value is None or not math.isfinite(value):
            raise ValueError(f"{name} phải là số hữu hạn, nhận được {value!r}")


def _meets(value: float, target: float, d: int) -> bool:
    """Whether value is at or beyond target in the good direction d (±1)."""
    # A relative epsilon so that 5 − 1,5 × 2 reads as exactly 2.
    return d * (value - target) >= -1e-9 * max(1.0, abs(target))


def _check_years(base: int, latest: int, target: int) -> None:
    if latest < base:
        raise ValueError(f"Năm số liệu {latest} trước năm gốc {base}")
    if target <= base:
        raise ValueError(f"Năm mục tiêu {target} phải sau năm gốc {base}")


def _judge(reached: bool, ratio: float | None) -> str:
    # No ratio means the required change is nil: a series not at the target
    # has moved away from it.
    if reached:
        return "reached"
    return "deterioration" if ratio is None else _category(ratio)


def _category(ratio: float) -> str:
    if ratio >= ON_TRACK_RATIO:
        return "on_track"
    if ratio >= ACCELERATION_RATIO:
        return "needs_acceleration"
    if ratio >= 0:
        return "limited_progress"
    return "deterioration"


# --- flows -------------------------------------------------------------------

def flow_on_track(
    ytd_actual: float, year_target: float, elapsed_share: float,
    higher_is_better: bool = True, on_track_share: float = 0.95, *, unit: str = "",
) -> Forecast:
    """Compare a flow's year-to-date total with the elapsed share of its target.

    `elapsed_share` is the share of the period gone (0–1; 0,5 at mid-year);
    `year_target` the period's total in the unit of `ytd_actual`. ratio =
    ytd / (elapsed × target); projected = ytd / elapsed ("ước cả năm").
    Higher-better (revenue): reached when ytd ≥ target, on_track when ratio ≥
    `on_track_share`, then needs_acceleration (≥ 0,60), limited_progress.
    Lower-better (a cap: chi không vượt dự toán): deterioration once ytd
    exceeds the cap; reached only at elapsed 1 (later spending may still
    break it); on_track while ratio ≤ 1 / `on_track_share` (the revenue
    slack, taken above the allowed pace); else needs_acceleration (on pace
    to overrun). A zero cap is on track while ytd is 0. At elapsed 1 the
    period is over: a shortfall is never "on track". elapsed 0 gives
    insufficient_data.

    Raises ValueError for non-finite inputs, elapsed_share outside [0, 1],
    on_track_share outside (0, 1], a negative target or a zero one to reach.
    """
    _check_finite(ytd_actual=ytd_actual, year_target=year_target,
                  elapsed_share=elapsed_share, on_track_share=on_track_share)
    if not 0 <= elapsed_share <= 1:
        raise ValueError(f"elapsed_share phải trong [0, 1], nhận được {elapsed_share}")
    if not 0 < on_track_share <= 1:
        raise ValueError(f"on_track_share phải trong (0, 1], nhận được {on_track_share}")
    if year_target < 0 or (year_target == 0 and higher_is_better):
        raise ValueError(f"Kế hoạch của chỉ tiêu cộng dồn phải dương, nhận được {year_target}")
    ytd, target = ytd_actual, year_target
    if elapsed_share == 0:
        return Forecast("flow_ytd", "insufficient_data", None, 0.0, None,
                        "Kỳ kế hoạch chưa bắt đầu, chưa đánh giá được tiến độ.")
    over = elapsed_share == 1
    expected = float(elapsed_share * target)
    projected = ytd / elapsed_share
    ratio = ytd / expected if expected else None
    if higher_is_better:
        if _meets(ytd, target, 1):
            category = "reached"
        elif ratio >= on_track_share and not over:
            category = "on_track"
        elif ratio >= ACCELERATION_RATIO:
            category = "needs_acceleration"
        else:
            category = _category(ratio)
        pace, limit = "mức cần đạt", "kế hoạch"
    else:
        if not _meets(ytd, target, -1):
            category = "deterioration"
        elif over:
            category = "reached"
        elif ratio is None or ratio <= 1 / on_track_share:
            category = "on_track"
        else:
            category = "needs_acceleration"
        pace, limit = "mức cho phép", "giới hạn"
    so_far = f"Lũy kế {_with_unit(ytd, unit)}"
    if category in ("reached", "deterioration") or ratio is None:
        verdict = "đã vượt giới hạn" if not higher_is_better and category == "deterioration" \
            else _VERDICT[category]
        note = f"{so_far} so với {limit} cả năm {_with_unit(target, unit)}; {verdict}."
    else:
        verdict = _VERDICT[category] if higher_is_better or category == "on_track" else (
            "cần kiểm soát để không vượt")
        note = (f"{so_far}, bằng {_pct(ratio)} {pace} theo tiến độ ({_with_unit(expected, unit)}); "
                f"ước cả năm {_with_unit(projected, unit)}, bằng {_pct(projected / target)} "
                f"{limit}; {verdict}.")
    return Forecast("flow_ytd", category, ratio, expected, projected, note)


# --- linear path (points per year) ---------------------------------------------

def linear_path(baseline: float, baseline_year: int, per_year_change: float, year: int) -> float:
    """The value a straight path from `baseline` reaches in `year`.

    `per_year_change` is in the measure's units per year (−1,5 for "giảm 1,5
    điểm/năm"). Years before the baseline extrapolate backwards.
    """
    return baseline + per_year_change * (year - baseline_year)


def linear_on_track(
    baseline: float, baseline_year: int,
    per_year_change_min: float, per_year_change_max: float,
    latest_value: float, latest_year: int, target_year: int,
    higher_is_better: bool, *, unit: str = "",
) -> Forecast:
    """Read a target written as a change per year along a straight path.

    The changes are the band's ends ("giảm 1,5–2%/năm" → −1,5 and −2, either
    order); the less demanding end, the one that counts as met, sets the
    path. ratio = observed change since baseline / change the path requires
    by `latest_year` (1 exactly on schedule; a level ratio would misread
    lower-better rates near zero), read with the Open SDG thresholds.
    reached when the latest value meets the path's `target_year` level;
    latest_year == baseline_year is insufficient_data. projected = latest
    carried to `target_year` at the observed average change per year.

    Raises ValueError for non-finite values, latest_year before baseline_year,
    target_year not after baseline_year, or a planned change running against
    the polarity (a rise for a lower-better indicator).
    """
    _check_finite(baseline=baseline, per_year_change_min=per_year_change_min,
                  per_year_change_max=per_year_change_max, latest_value=latest_value)
    _check_years(baseline_year, latest_year, target_year)
    d = 1 if higher_is_better else -1
    slow = min(per_year_change_min, per_year_change_max, key=lambda c: d * c)
    if d * slow < 0:
        raise ValueError(f"Mức thay đổi {slow}/năm ngược chiều tốt của chỉ tiêu")
    final = linear_path(baseline, baseline_year, slow, target_year)
    expected = linear_path(baseline, baseline_year, slow, latest_year)
    years = latest_year - baseline_year
    if years == 0:
        category = "reached" if _meets(latest_value, final, d) else "insufficient_data"
        note = (f"Mới có số liệu năm gốc {baseline_year} ({_with_unit(baseline, unit)}); "
                f"{_VERDICT[category]}.")
        return Forecast("linear_path", category, None, expected, None, note)
    change = latest_value - baseline
    average = change / years
    projected = latest_value + average * max(0, target_year - latest_year)
    required = slow * years
    ratio = change / required if required else None
    category = _judge(_meets(latest_value, final, d), ratio)
    # A negative share of the path reads badly; the verb already says it.
    share = f", bằng {_pct(ratio)} mức cần đạt theo lộ trình" if ratio and ratio > 0 else ""
    note = (f"Từ {_with_unit(baseline, unit)} năm {baseline_year} đến "
            f"{_with_unit(latest_value, unit)} năm {latest_year}, "
            f"{_moved(change, _change_unit(unit))}{share} "
            f"({_with_unit(expected, unit)} năm {latest_year}); theo tốc độ bình quân, năm "
            f"{target_year} ước {_with_unit(projected, unit)} so với mục tiêu "
            f"{_with_unit(final, unit)}; {_VERDICT[category]}.")
    return Forecast("linear_path", category, ratio, expected, projected, note)


# --- Open SDG / Statistics Canada --------------------------------------------------

def open_sdg_progress(
    y0: float, t0: int, yt: float, t: int, target: float, target_year: int,
    higher_is_better: bool, *, unit: str = "",
) -> Forecast:
    """The Open SDG progress measure (sdg-build, sdg/ProgressMeasure.py).

    CAGRo = (yt/y0)^(1/(t−t0)) − 1, CAGRr = (target/y0)^(1/(target_year−t0))
    − 1, R = sign(y0)·d·CAGRo/|CAGRr| (d = +1 higher-better, −1 lower-better).
    A target already met (yt ≥ target, or ≤ when lower is better) is
    "reached" before anything else; then R ≥ 0,95 on_track, ≥ 0,60
    needs_acceleration, ≥ 0 limited_progress, < 0 deterioration. t == t0 is
    insufficient_data. projected carries yt to target_year at CAGRo;
    expected_now is the required path y0·(1+CAGRr)^(t−t0).

    Deviations from sdg-build where it cannot compute: if y0, yt and target
    are not all non-zero with one sign (zero baseline, target 0, a sign
    change) growth rates are undefined, so R = d·Δobserved/|Δrequired| on
    absolute changes per year, said in the note (sdg-build substitutes 0,001
    for a zero baseline or target and gives up on a sign change). If target
    equals y0 sdg-build divides by zero; here R is None and a series that
    has left the target reads as deterioration.

    Raises ValueError for non-finite values, t before t0, or target_year not
    after t0.
    """
    _check_finite(y0=y0, yt=yt, target=target)
    _check_years(t0, t, target_year)
    d = 1 if higher_is_better else -1
    reached = _meets(yt, target, d)
    goal = f"mục tiêu {_with_unit(target, unit)} năm {target_year}"
    if t == t0:
        category = "reached" if reached else "insufficient_data"
        note = (f"Mới có số liệu năm gốc {t0} ({_with_unit(y0, unit)}), {goal}; "
                f"{_VERDICT[category]}.")
        return Forecast("open_sdg", category, None, y0, None, note)
    ahead = max(0, target_year - t)
    geometric = y0 != 0 and yt != 0 and target != 0 and (y0 > 0) == (yt > 0) == (target > 0)
    if geometric:
        observed = (yt / y0) ** (1 / (t - t0)) - 1
        required = (target / y0) ** (1 / (target_year - t0)) - 1
        sign = -1 if y0 < 0 else 1
        ratio = sign * d * observed / abs(required) if required != 0 else None
        expected = y0 * (1 + required) ** (t - t0)
        projected = yt * (1 + observed) ** ahead
        pace = (f"bình quân {_moved(observed * 100, '%', '/năm')}, trong khi cần "
                f"{_moved(required * 100, '%', '/năm')}")
    else:
        observed = (yt - y0) / (t - t0)
        required = (target - y0) / (target_year - t0)
        ratio = d * observed / abs(required) if required != 0 else None
        expected = y0 + required * (t - t0)
        projected = yt + observed * ahead
        step = _change_unit(unit)
        pace = (f"có giá trị bằng 0 hoặc đổi dấu nên tính theo mức thay đổi tuyệt đối: "
                f"bình quân {_moved(observed, step, '/năm')}, trong khi cần "
                f"{_moved(required, step, '/năm')}")
    category = _judge(reached, ratio)
    r_text = f" (R = {_num(ratio)})" if ratio is not None else ""
    note = (f"Từ {_with_unit(y0, unit)} năm {t0} đến {_with_unit(yt, unit)} năm {t}, "
            f"{pace}{r_text} để đạt {goal}; {_VERDICT[category]}.")
    return Forecast("open_sdg", category, ratio, expected, projected, note)


# --- ESCAP anticipated progress ---------------------------------------------------

def _weighted_line(points: Sequence[tuple[int, float]]) -> tuple[float, float]:
    """Slope and intercept of the least-squares line, weight 1 + years since the first point."""
    # ESCAP's "time-weighted linear regression" as UNECE's technical notes
    # describe it; ESCAP's exact weights were not found, linear is ours.
    first = points[0][0]
    weights = [1.0 + (year - first) for year, _ in points]
    total = sum(weights)
    mean_x = sum(w * y for w, (y, _) in zip(weights, points)) / total
    mean_v = sum(w * v for w, (_, v) in zip(weights, points)) / total
    sxx = sum(w * (y - mean_x) ** 2 for w, (y, _) in zip(weights, points))
    sxv = sum(w * (y - mean_x) * (v - mean_v) for w, (y, v) in zip(weights, points))
    slope = sxv / sxx
    return slope, mean_v - slope * mean_x


def escap_anticipated_progress(
    series: Sequence[tuple[int, float]], baseline_year: int, target: float,
    target_year: int, higher_is_better: bool, *, unit: str = "",
) -> Forecast:
    """ESCAP's anticipated progress AP = (Î_T − I₀)/(TV − I₀).

    `series` is (year, value) pairs; points before `baseline_year` are
    ignored. I₀ is the value at `baseline_year` (or the first year after it
    with one, said in the note). Î_T is the target-year value of a straight
    line fitted by weighted least squares to the points since the baseline,
    a point weighing 1 + years since the first one (recent years count
    more; a line also reads zeros, negatives and points-per-year targets).
    AP ≥ 1 on_track (ESCAP: maintain progress), 0 < AP < 1
    needs_acceleration (gap 1 − AP in the note), AP ≤ 0 deterioration. A
    latest value meeting the target is "reached", even alone; otherwise
    fewer than two points is insufficient_data. Where I₀ already met the
    target AP means nothing: ratio is None and the projection decides.

    Raises ValueError for non-finite values, a repeated year, or target_year
    not after baseline_year.
    """
    _check_finite(target=target)
    if target_year <= baseline_year:
        raise ValueError(f"Năm mục tiêu {target_year} phải sau năm gốc {baseline_year}")
    if len({year for year, _ in series}) != len(series):
        raise ValueError("Chuỗi số liệu có năm lặp lại")
    _check_finite(**{f"giá trị năm {year}": value for year, value in series})
    points = sorted((y, float(v)) for y, v in series if y >= baseline_year)
    d = 1 if higher_is_better else -1
    goal = f"mục tiêu {_with_unit(target, unit)} năm {target_year}"
    if len(points) < 2:
        met = bool(points) and _meets(points[-1][1], target, d)
        category = "reached" if met else "insufficient_data"
        have = ", ".join(f"{_with_unit(v, unit)} năm {y}" for y, v in points) or "chưa có"
        return Forecast("escap", category, None, None, None,
                        f"Số liệu từ năm {baseline_year}: {have}, {goal}; {_VERDICT[category]}.")
    latest_year, latest = points[-1]
    first_year, i0 = points[0]
    slope, intercept = _weighted_line(points)
    projected = intercept + slope * target_year
    expected = i0 + (target - i0) * (latest_year - first_year) / (target_year - first_year)
    moved = f" (năm gốc {baseline_year} chưa có số liệu)" if first_year != baseline_year else ""
    trend = (f"Theo xu hướng từ năm {first_year}{moved}, năm gần đây có trọng số lớn hơn, "
             f"năm {target_year} ước đạt {_with_unit(projected, unit)} so với {goal}")
    # Where the baseline already met the target, AP's denominator points the
    # wrong way; only the projection can say anything.
    ratio = (projected - i0) / (target - i0) if d * (target - i0) > 0 else None
    if _meets(latest, target, d):
        category = "reached"
    elif ratio is None:
        category = "on_track" if _meets(projected, target, d) else "deterioration"
    elif ratio >= 1 - 1e-9:
        category = "on_track"
    else:
        category = "needs_acceleration" if ratio > 0 else "deterioration"
    gap = f", còn thiếu {_num(1 - ratio)}" if category == "needs_acceleration" else ""
    tail = f" (AP = {_num(ratio)}{gap})" if ratio is not None else ""
    return Forecast("escap", category, ratio, expected, projected,
                    f"{trend}{tail}; {_VERDICT[category]}.")


# --- which method --------------------------------------------------------------------

def choose_method(target_kind: str, change_unit: str | None, temporal: str) -> str:
    """Name the progress method that fits a target (a value of METHODS).

    - temporal "flow" (sub-periods add up: budget revenue, investment over a
      term) → "flow_ytd" whatever the kind; the caller gives the total.
    - increase_by / decrease_by in change_unit "points" or "absolute" ("hộ
      nghèo giảm 1,5–2%/năm", "tăng thêm 7 xã") → "linear_path": the plan
      moves in equal steps, and a growth-rate projection reads an
      on-schedule series as behind (DESIGN §6).
    - increase_by / decrease_by in "percent" or "times", and at_least /
      at_most / range / exact levels (forest cover 49% by 2025) →
      "open_sdg", whose compound growth fits a level due at the end of a
      term; "escap" is the second opinion. For a range pass the bound that
      counts as met. An annual rate ("GRDP tăng 10–11%/năm") is judged
      year by year by the status rules, not forecast.

    Raises ValueError for boolean and *_vs_previous kinds (nothing to
    project), an unknown temporal, or a change kind without a known
    change_unit.
    """
    if temporal not in TEMPORALS:
        raise ValueError(f"temporal phải là một trong {TEMPORALS}, nhận được '{temporal}'")
    if target_kind not in LEVEL_KINDS + CHANGE_KINDS:
        raise ValueError(f"Không có phương pháp dự báo cho loại chỉ tiêu '{target_kind}'")
    if temporal == "flow":
        return "flow_ytd"
    if target_kind in CHANGE_KINDS:
        if change_unit in LINEAR_CHANGE_UNITS:
            return "linear_path"
        if change_unit in GEOMETRIC_CHANGE_UNITS:
            return "open_sdg"
        raise ValueError(f"Chỉ tiêu tăng/giảm cần đơn vị thay đổi, nhận được {change_unit!r}")
    return "open_sdg"
