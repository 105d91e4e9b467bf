"""A summed flow within its year: lũy kế (year-to-date total) against the
elapsed share of the year's target, and ước cả năm (the full-year estimate).

The judgement is `kpi.progress.flow_on_track`'s: the estimate is the total
so far divided by the share of the year its reports cover.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kpi.dashboard.values import CellValues
from kpi.indicators import Indicator
from kpi.periods import Period, elapsed_share, period_label, subperiods
from kpi.progress import Forecast, flow_on_track

_PART_KIND = {"month": "month", "quarter": "quarter", "half": "half"}
_ROMAN = ("I", "II", "III", "IV")


def short_label(part: Period, lang: str = "vi") -> str:
    """A part of a year as an axis says it when the year is in the title:
    "T6" (tháng 6), "Quý II", "6 tháng đầu"; English "Jun", "Q2", "H1"."""
    index = part.start.month
    if part.kind == "month":
        return f"T{index}" if lang != "en" else part.start.strftime("%b")
    if part.kind == "quarter":
        q = (index - 1) // 3 + 1
        return f"Quý {_ROMAN[q - 1]}" if lang != "en" else f"Q{q}"
    first = index == 1
    return ("6 tháng đầu" if first else "6 tháng cuối") if lang != "en" else ("H1" if first else "H2")


@dataclass(frozen=True)
class YearToDate:
    """`frame` columns: period, label (short: "T6"), full_label ("Tháng 6/2021"),
    value (None when not reported),
    cumulative (over the leading reported parts), expected (the year's target
    × the share of the year elapsed at the part's end; None without a
    target). `through` is the last part of the leading run of reports."""

    year: Period
    frame: pd.DataFrame
    through: Period | None
    cumulative: float | None
    target: float | None
    estimate: float | None
    forecast: Forecast | None

    @property
    def share_of_target(self) -> float | None:
        """Year-to-date total as a share of the year's target."""
        if self.cumulative is None or not self.target:
            return None
        return self.cumulative / self.target


def year_to_date(
    values: CellValues,
    indicator: Indicator,
    unit_key: str,
    year: Period,
    target: float | None,
    as_of: dt.date,
    *,
    higher_is_better: bool = True,
    on_track_share: float = 0.95,
    lang: str = "vi",
) -> YearToDate | None:
    """The flow's months (or quarters, halves — its reporting frequency) of
    `year` up to `as_of`; None for a level, a yearly indicator or a period
    that is not a year. `target` is the year's level in the indicator's
    measure (None when the year has no target)."""
    kind = _PART_KIND.get(indicator.frequency)
    if not indicator.is_flow or kind is None or year.kind != "year":
        return None
    rows, running, through, leading = [], 0.0, None, True
    for part in subperiods(year, kind):
        counted = values.counted(indicator.code, unit_key, part) if part.end <= as_of else None
        value = None if counted is None or counted.is_partial else counted.value
        if value is None:
            leading = False
        elif leading:
            running += value
            through = part
        rows.append({
            "period": part.code, "label": short_label(part, lang),
            "full_label": period_label(part, lang), "value": value,
            "cumulative": running if leading and value is not None else None,
            "expected": target * elapsed_share(year, part.end) if target else None,
        })
    frame = pd.DataFrame(rows, columns=["period", "label", "full_label", "value", "cumulative",
                                       "expected"])
    if through is None:
        return YearToDate(year, frame, None, None, target, None, None)
    share = elapsed_share(year, through.end)
    forecast = None
    if target and target > 0:
        forecast = flow_on_track(running, target, share, higher_is_better, on_track_share,
                                 unit=indicator.measure)
    estimate = forecast.projected if forecast else running / share
    return YearToDate(year, frame, through, running, target, estimate, forecast)
