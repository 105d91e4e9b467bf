"""The actual that counts for a target's period (DESIGN.md §3).

Among values reported for the same cell (indicator × unit × period),
chính thức beats sơ bộ beats ước, and within one standing the latest revision
wins. A summed flow with no value for the period itself is the sum of its
sub-periods when all are present, otherwise a year-to-date figure marked as
such. A level with no value for the period takes the value of its last
sub-period when that one is reported.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping, Sequence

from kpi.indicators import Indicator
from kpi.periods import Period, subperiods

STANDINGS = ("uoc", "so_bo", "chinh_thuc")
STANDING_LABELS = {
    "uoc": {"vi": "Ước", "en": "Estimate"},
    "so_bo": {"vi": "Sơ bộ", "en": "Preliminary"},
    "chinh_thuc": {"vi": "Chính thức", "en": "Official"},
}
_RANK = {standing: rank for rank, standing in enumerate(STANDINGS)}
# Finest first: a year is summed from months if all twelve are there.
_SUBPERIOD_KINDS = {
    "year": ("month", "quarter", "half"),
    "half": ("month", "quarter"),
    "quarter": ("month",),
}


@dataclass(frozen=True)
class ActualRecord:
    """One stored revision of a reported value, in the indicator's measure."""

    indicator_code: str
    unit_key: str
    period: str
    value: float
    standing: str
    revision: int
    reported_on: dt.date | None = None
    author: str | None = None
    source: str | None = None
    batch_id: int | None = None


@dataclass(frozen=True)
class CountedActual:
    """The value that counts for a period, and how it was obtained.

    `basis`: "reported" (a value for the period itself), "sum" (all
    sub-periods summed), "year_to_date" (the sub-periods reported so far,
    summed: `through` names the last one), "last_subperiod" (a level read
    from the period's last sub-period). `standing` is the weakest standing
    among the values used.
    """

    value: float
    standing: str
    basis: str
    through: str | None
    records: tuple[ActualRecord, ...]

    @property
    def is_partial(self) -> bool:
        return self.basis == "year_to_date"


def standing_label(standing: str, lang: str = "vi") -> str:
    """"Chính thức", "Sơ bộ", "Ước" (or English)."""
    return STANDING_LABELS.get(standing, {}).get(lang, standing)


def best_record(records: Sequence[ActualRecord]) -> ActualRecord | None:
    """The revision that counts among records of one cell, or None."""
    if not records:
        return None
    return max(records, key=lambda r: (_RANK.get(r.standing, -1), r.revision))


def _weakest(records: Sequence[ActualRecord]) -> str:
    return min((r.standing for r in records), key=lambda s: _RANK.get(s, -1))


def counted_actual(
    indicator: Indicator,
    period: Period,
    records_by_period: Mapping[str, Sequence[ActualRecord]],
) -> CountedActual | None:
    """The actual that counts for `period`, from the cell's records by period code.

    Returns None when nothing usable is reported.
    """
    own = best_record(records_by_period.get(period.code, ()))
    if own is not None:
        return CountedActual(own.value, own.standing, "reported", None, (own,))
    if period.kind == "term" and indicator.is_flow:
        return _term_total(indicator, period, records_by_period)
    best_partial: CountedActual | None = None
    best_reach: dt.date | None = None  # how far the best partial sum reaches
    for kind in _SUBPERIOD_KINDS.get(period.kind, ()):
        parts = subperiods(period, kind)
        chosen = [best_record(records_by_period.get(p.code, ())) for p in parts]
        if indicator.is_flow:
            if all(chosen):
                return CountedActual(
                    sum(r.value for r in chosen), _weakest(chosen), "sum", None, tuple(chosen)
                )
            leading = []
            for record in chosen:
                if record is None:
                    break
                leading.append(record)
            reach = parts[len(leading) - 1].end if leading else None
            if reach is not None and (best_reach is None or reach > best_reach):
                best_reach = reach
                best_partial = CountedActual(
                    sum(r.value for r in leading), _weakest(leading), "year_to_date",
                    leading[-1].period, tuple(leading),
                )
        elif chosen and chosen[-1] is not None:
            last = chosen[-1]
            return CountedActual(last.value, last.standing, "last_subperiod", last.period, (last,))
    return best_partial


def _term_total(indicator: Indicator, term: Period,
                records_by_period: Mapping[str, Sequence[ActualRecord]]) -> CountedActual | None:
    """A flow over a multi-year term: the sum of its years, each counted as a
    year is (its own value, or its months or quarters); the leading complete
    years, marked year to date, when a later year is missing or partial."""
    total, used, through, weakest = 0.0, [], None, []
    for year in subperiods(term, "year"):
        counted = counted_actual(indicator, year, records_by_period)
        if counted is None:
            break
        total += counted.value
        used.extend(counted.records)
        weakest.append(counted.standing)
        through = counted.through if counted.is_partial else year.code
        if counted.is_partial:
            break
    if not used:
        return None
    standing = min(weakest, key=lambda s: _RANK.get(s, -1))
    complete = through == term.end.strftime("%Y")
    return CountedActual(total, standing, "sum" if complete else "year_to_date",
                         None if complete else through, tuple(used))
