"""The source and revision history of the values behind a figure.

Values are revised, never overwritten: every revision of every period
within the chosen one is listed with who sent it, from which file, when,
and whether it is the one that counts (kpi.actuals.best_record among the
committed revisions reported by the day the dashboard looks at).
"""
from __future__ import annotations

import datetime as dt
from typing import Sequence

import pandas as pd
from sqlalchemy import Connection

from kpi.actuals import ActualRecord, best_record, standing_label
from kpi.dashboard.overview import periods_within
from kpi.dashboard.statuses import Catalog
from kpi.indicators import Indicator
from kpi.periods import Period, PeriodError, parse_period, period_label
from kpi.status import actual_text
from kpi.store.queries import units_by_key, value_history
from kpi.units import Unit

COLUMNS = ["unit", "period", "period_label", "value", "value_text", "standing",
           "standing_label", "revision", "counts", "author", "reported_on", "recorded_at",
           "source", "batch_status", "note"]


def _codes(period: Period) -> list[str]:
    codes = [period.code]
    for kind in ("year", "half", "quarter", "month"):
        codes += [p.code for p in periods_within(period, kind) if p.code != period.code]
    return codes


def _label(code: str, catalog: Catalog, lang: str) -> str:
    try:
        return period_label(catalog.period(code), lang)
    except PeriodError:
        return code


def value_table(conn: Connection, catalog: Catalog, indicator: Indicator, units: Sequence[Unit],
                period: Period, as_of: dt.date, lang: str = "vi") -> pd.DataFrame:
    """Every revision of the indicator for the units and every period within
    `period`, by unit, period (in time order) and report date. Columns:
    COLUMNS; `counts` marks the revision that counts."""
    found = units_by_key(conn, [u.key for u in units])
    rows = []
    codes = _codes(period)
    for unit in units:
        if unit.key not in found:
            continue
        history = value_history(conn, indicator_id=catalog.indicator_ids[indicator.code],
                                unit_id=found[unit.key][0], period_codes=codes)
        counting = {}
        for entry in history:
            if entry["batch_status"] == "committed" and entry["reported_on"] <= as_of:
                counting.setdefault(entry["period"], []).append(entry)
        chosen = {code: best_record([ActualRecord("", "", code, e["value"], e["standing"],
                                                  e["revision"]) for e in entries])
                  for code, entries in counting.items()}
        for entry in history:
            best = chosen.get(entry["period"])
            rows.append({
                "unit": unit.label(), "period": entry["period"],
                "period_label": _label(entry["period"], catalog, lang), "value": entry["value"],
                "value_text": actual_text(entry["value"], indicator, lang),
                "standing": entry["standing"], "standing_label": standing_label(entry["standing"], lang),
                "revision": entry["revision"],
                "counts": bool(best and best.standing == entry["standing"]
                               and best.revision == entry["revision"]
                               and entry["batch_status"] == "committed"
                               and entry["reported_on"] <= as_of),
                "author": entry["author"], "reported_on": entry["reported_on"],
                "recorded_at": entry["recorded_at"], "source": entry["source"],
                "batch_status": entry["batch_status"], "note": entry["note"],
            })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if frame.empty:
        return frame
    # The chosen period's own value first, then its parts in time order.
    order = {code: (code != period.code, parse_period(code, catalog.phases).sort_key)
             for code in frame["period"].unique()}
    frame["_order"] = frame["period"].map(order)
    return frame.sort_values(["unit", "_order", "reported_on", "revision"], kind="stable") \
        .drop(columns="_order").reset_index(drop=True)
