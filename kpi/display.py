"""Drawing dashboard pieces in Streamlit: a chart with its image button, a
table in Vietnamese notation with its Excel download, status counts.

The only dashboard module besides kpi.filters and kpi.cache that imports
Streamlit; what it draws comes ready from kpi.dashboard and kpi.charts.
"""
from __future__ import annotations

import re
from typing import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kpi.charts import chart_config
from kpi.dashboard.excel import table_xlsx
from kpi.dashboard.tables import display_frame
from kpi.names import strip_accents
from kpi.status import STATUS_COLORS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLES = {
    "counts": ("Số chỉ tiêu theo trạng thái – {where}", "Targets by status – {where}"),
    "matrix": ("Trạng thái chỉ tiêu – {where}", "Target status – {where}"),
    "matrix_table": ("Ma trận trạng thái – {where}", "Status matrix – {where}"),
    "at_risk": ("Chỉ tiêu có nguy cơ không đạt – {where}", "Targets at risk – {where}"),
    "reports": ("Báo cáo đã nhận – {where}", "Reports received – {where}"),
    "ytd": ("Lũy kế năm {year} – {place}", "Year to date {year} – {place}"),
    "own_target": ("Chỉ tiêu của {place}", "Target of {place}"),
    "components": ("Cơ cấu – {place}", "Components – {place}"),
    "share_map": ("Tỷ lệ chỉ tiêu đạt – {where}", "Share of targets met – {where}"),
}


def title(key: str, lang: str = "vi", **values: str) -> str:
    """A chart or table title in the viewer's language, filled in."""
    return TITLES[key][1 if lang == "en" else 0].format(**values)


def file_name(*parts: str) -> str:
    """"tong-quan-tinh-kien-giang-nam-2021": ASCII, dashes, for downloads."""
    text = strip_accents(" ".join(parts)).replace("đ", "d").replace("Đ", "D").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80] or "bang"


def chart(fig: go.Figure, name: str) -> None:
    """The figure, full width, its toolbar's camera saving `name`.png."""
    st.plotly_chart(fig, config=chart_config(name), key=f"chart_{name}")


STYLED_ROWS = 300  # colouring cell by cell costs more than it helps beyond this


def table(frame: pd.DataFrame, *, name: str, title: str, lang: str = "vi",
          height: int | str = "auto", limit: int | None = None) -> None:
    """The table in Vietnamese notation (statuses coloured when the frame has
    them), its first `limit` rows only when given (with a line saying how
    many there are), and a button that downloads all of it as `name`.xlsx."""
    rows = frame if limit is None else frame.head(limit)
    if len(rows) < len(frame):
        rows.attrs = dict(frame.attrs, statuses=frame.attrs.get("statuses", [])[:limit])
    shown = display_frame(rows, lang)
    st.dataframe(_styled(shown) if len(shown) <= STYLED_ROWS else _plain(shown),
                 hide_index=True, height=height, key=f"table_{name}")
    if len(rows) < len(frame):
        total = f"{len(frame):,}".replace(",", ".")
        st.caption(f"{len(rows)}/{total} dòng đầu; bảng Excel có đủ." if lang != "en"
                   else f"First {len(rows)} of {total} rows; the Excel file has them all.")
    download(frame, name=name, title=title, lang=lang)


def download(frame: pd.DataFrame, *, name: str, title: str, lang: str = "vi") -> None:
    """A button that downloads the table as `name`.xlsx (written on click)."""
    st.download_button(
        "Tải bảng Excel" if lang != "en" else "Download as Excel",
        data=lambda: table_xlsx(frame, title=title), file_name=f"{name}.xlsx", mime=XLSX,
        key=f"xlsx_{name}", icon=":material/download:", on_click="ignore",
    )


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    plain = frame.copy()
    plain.attrs = {}
    return plain


def _styled(frame: pd.DataFrame):
    """The frame with its status cells coloured (kpi.status palette, dark
    text on the light colours); rows without a status stay plain."""
    statuses, column = frame.attrs.get("statuses"), frame.attrs.get("status_column")
    # Streamlit sends attrs to the browser as JSON: a NaN there breaks the table.
    frame = frame.copy()
    frame.attrs = {}
    if not statuses or column not in frame.columns:
        return frame

    def colour(cells: pd.Series) -> list[str]:
        return [
            f"background-color: {STATUS_COLORS[s]}; color: "
            f"{'#000' if s in ('no_data', 'not_due', 'nearly') else '#fff'}"
            if s in STATUS_COLORS else "" for s in statuses
        ]

    return frame.style.apply(colour, subset=[column])


def status_metrics(counts: Sequence[tuple[str, str, int]],
                   compare: Sequence[tuple[str, str, int]] | None = None,
                   compare_text: str | None = None, lang: str = "vi") -> None:
    """One metric per status (label with its symbol, count), with the change
    against the compared period when there is one."""
    before = {status: n for status, _l, n in compare or ()}
    columns = st.columns(len(counts))
    for column, (status, label, count) in zip(columns, counts):
        delta = None
        if compare is not None:
            delta = count - before.get(status, 0)
        column.metric(label, count, delta=delta, delta_color="off",
                      help=(f"So với {compare_text}" if lang != "en" else f"Against {compare_text}")
                      if compare_text else None)
