"""Scorecard records as the tables a page shows: grouped by field, status coloured.

Numbers arrive already formatted in Vietnamese notation (the `*_text`
fields of `scorecard_records`), so the table does not depend on the
viewer's browser locale.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

import pandas as pd
from pandas.io.formats.style import Styler

from kpi.indicators import GROUPS, group_label
from kpi.status import STATUS_COLORS, STATUS_ORDER, STATUS_SYMBOLS, status_label

STATUS_COLUMN = {"vi": "Trạng thái", "en": "Status"}
_COLUMNS = {
    "vi": ["Trạng thái", "Chỉ tiêu", "Kỳ", "Kế hoạch", "Thực hiện", "Mức đạt", "Tiến độ",
           "Số liệu"],
    "en": ["Status", "Indicator", "Period", "Target", "Actual", "Achievement", "Progress",
           "Standing"],
}
_STANDINGS = {"uoc": ("Ước", "Estimate"), "so_bo": ("Sơ bộ", "Preliminary"),
              "chinh_thuc": ("Chính thức", "Official")}


def status_counts(records: Sequence[dict], lang: str = "vi") -> list[tuple[str, int]]:
    """(label with symbol, count) for each status present, in status order."""
    counts = Counter(r["status"] for r in records)
    return [
        (f"{STATUS_SYMBOLS[s]} {status_label(s, lang)}", counts[s])
        for s in STATUS_ORDER if counts[s]
    ]


def _standing(record: dict, lang: str) -> str:
    if not record["standing"]:
        return ""
    text = _STANDINGS[record["standing"]][0 if lang == "vi" else 1]
    if record["actual_basis"] == "year_to_date":
        text += f" (lũy kế đến {record['actual_through']})" if lang == "vi" else (
            f" (to {record['actual_through']})")
    return text


def status_frame(records: Sequence[dict], lang: str = "vi") -> list[tuple[str, pd.DataFrame]]:
    """One (field heading, table) per field that has targets, in report order.

    Each table's `attrs["statuses"]` keeps the status codes of its rows.
    """
    tables = []
    for group in GROUPS:
        rows = [r for r in records if r["group"] == group]
        if not rows:
            continue
        frame = pd.DataFrame(
            [
                [
                    f"{STATUS_SYMBOLS[r['status']]} {r['status_label']}",
                    r["indicator"] + (f" ({r['places']})" if r["places"] else ""),
                    r["period_label"],
                    r["target_text"],
                    r["actual_text"],
                    r["achievement_text"],
                    r["forecast_label"] or r["reason"] or "",
                    _standing(r, lang),
                ]
                for r in rows
            ],
            columns=_COLUMNS["vi" if lang == "vi" else "en"],
        )
        frame.attrs["statuses"] = [r["status"] for r in rows]
        tables.append((group_label(group, lang), frame))
    return tables


def style_status(frame: pd.DataFrame, lang: str = "vi") -> Styler:
    """The table with its status cells coloured (colour-blind-safe palette)."""
    statuses = frame.attrs.get("statuses", [])
    column = STATUS_COLUMN["vi" if lang == "vi" else "en"]

    def colour(cells: pd.Series) -> list[str]:
        return [
            f"background-color: {STATUS_COLORS[s]}; color: {'#000' if s in ('no_data', 'not_due', 'nearly') else '#fff'}"
            for s in statuses
        ]

    return frame.style.apply(colour, subset=[column])
