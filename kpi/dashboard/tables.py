"""The dashboards' tables, with the headers people read, for the screen and for Excel.

Each `*_table` function returns numbers as numbers (ratios for shares:
1.04 for 104%, listed in `attrs["percent"]`) and Vietnamese headers (English
with lang="en"); `display_frame` turns the numbers into Vietnamese notation
for the screen, since Streamlit's own number format follows the viewer's
browser locale.
"""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from kpi.actuals import standing_label
from kpi.numbers import format_number, format_percent
from kpi.periods import format_date
from kpi.status import STATUS_SYMBOLS, status_label

_H = {
    "place": ("Địa bàn", "Locality"), "group": ("Lĩnh vực", "Field"),
    "indicator": ("Chỉ tiêu", "Indicator"), "period": ("Kỳ", "Period"),
    "target": ("Kế hoạch", "Target"), "lower": ("Cận dưới", "Lower bound"),
    "upper": ("Cận trên", "Upper bound"), "actual": ("Thực hiện", "Actual"),
    "measure": ("Đơn vị tính", "Unit"), "achievement": ("Mức đạt", "Achievement"),
    "status": ("Trạng thái", "Status"), "progress": ("Tiến độ", "Progress"),
    "standing": ("Số liệu", "Standing"), "note": ("Ghi chú", "Note"),
    "forecast_note": ("Nhận định", "Assessment"), "expected": ("Số báo cáo phải có", "Expected"),
    "received": ("Đã nhận", "Received"), "share": ("Tỷ lệ", "Share"),
    "basis": ("Nguồn số liệu", "Basis"), "cumulative": ("Lũy kế", "Year to date"),
    "pro_rata": ("Kế hoạch theo tiến độ", "Target pro rata"),
    "partial": ("Lũy kế chưa đủ kỳ", "Partial"), "component": ("Chỉ tiêu thành phần", "Component"),
    "value": ("Giá trị", "Value"), "revision": ("Lần sửa", "Revision"),
    "counts": ("Được tính", "Counts"), "author": ("Người nhập", "Entered by"),
    "reported_on": ("Ngày báo cáo", "Reported on"), "recorded_at": ("Ngày ghi nhận", "Recorded at"),
    "source": ("Nguồn", "Source"), "targets": ("Số chỉ tiêu", "Targets"),
    "due": ("Đến hạn", "Due"), "meeting": ("Đạt, vượt", "Met or exceeded"),
    "at_risk": ("Không đạt, gần đạt", "Not or nearly met"),
    "no_data": ("Chưa có số liệu", "No data"), "share_meeting": ("Tỷ lệ đạt", "Share met"),
    "column_unit": ("Địa bàn", "Locality"), "column_period": ("Kỳ", "Period"),
}
_BASIS = {"reported": ("Tự báo cáo", "Reported"), "carried": ("Ghép từ đơn vị cũ", "From former units"),
          "gap": ("Thiếu", "Missing")}


def _i(lang: str) -> int:
    return 1 if lang == "en" else 0


def header(key: str, lang: str = "vi") -> str:
    """A column header in the viewer's language."""
    return _H[key][_i(lang)]


def _frame(rows: list[dict], keys: list[str], lang: str, percent=(), statuses=None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=keys).rename(columns={k: header(k, lang) for k in keys})
    frame.attrs["percent"] = [header(k, lang) for k in percent]
    if statuses is not None:
        frame.attrs["statuses"] = list(statuses)
        frame.attrs["status_column"] = header("status", lang)
    return frame


def _status(status, lang: str) -> str:
    # pandas hands a missing status over as NaN.
    return f"{STATUS_SYMBOLS[status]} {status_label(status, lang)}" if isinstance(status, str) \
        else ""


def _str(value) -> str:
    return value if isinstance(value, str) else ""


def _standing(record: dict, lang: str) -> str:
    if not record.get("standing"):
        return ""
    text = standing_label(record["standing"], "en" if lang == "en" else "vi")
    if record.get("actual_basis") == "year_to_date":
        text += f" (lũy kế đến {record['actual_through']})" if lang != "en" else (
            f" (to {record['actual_through']})")
    return text


def targets_table(records: list[dict], lang: str = "vi") -> pd.DataFrame:
    """Every target with its bounds, actual, achievement, status and progress
    (records of kpi.dashboard.overview.row_records)."""
    keys = ["place", "group", "indicator", "period", "target", "lower", "upper", "actual",
            "measure", "achievement", "status", "progress", "standing", "note"]
    rows = [{
        "place": r["unit_label"], "group": r["group_label"],
        "indicator": r["indicator"] + (f" ({r['places']})" if r.get("places") else ""),
        "period": r["period_label"], "target": r["target_text"], "lower": r["target_min"],
        "upper": r["target_max"], "actual": r["actual"], "measure": r["measure"],
        "achievement": r["achievement"], "status": _status(r["status"], lang),
        "progress": r["forecast_label"], "standing": _standing(r, lang),
        "note": r["forecast_note"] or r["reason"] or "",
    } for r in records]
    return _frame(rows, keys, lang, percent=["achievement"], statuses=[r["status"] for r in records])


def matrix_table(matrix: pd.DataFrame, by: str, lang: str = "vi") -> pd.DataFrame:
    """The status matrix as rows: indicator, locality or period, status,
    achievement, cell text. `by` is "unit" or "period"."""
    keys = ["indicator", f"column_{by}", "status", "achievement", "note"]
    rows = [{"indicator": r.indicator, f"column_{by}": r.column_label,
             "status": _status(r.status, lang), "achievement": r.achievement, "note": r.text}
            for r in matrix.itertuples()]
    return _frame(rows, keys, lang, percent=["achievement"], statuses=list(matrix["status"]))


def at_risk_table(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Targets at risk (kpi.dashboard.overview.at_risk), worst first."""
    keys = ["place", "indicator", "period", "status", "target", "actual", "achievement",
            "progress", "forecast_note"]
    rows = [{"place": r.unit, "indicator": r.indicator, "period": r.period_label,
             "status": _status(r.status, lang), "target": r.target_text, "actual": r.actual_text,
             "achievement": r.achievement, "progress": r.forecast_label,
             "forecast_note": _str(r.forecast_note)} for r in frame.itertuples()]
    return _frame(rows, keys, lang, percent=["achievement"], statuses=list(frame["status"]))


def reports_table(by_unit: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Reports expected and received by unit, least complete first."""
    keys = ["place", "expected", "received", "share"]
    rows = [{"place": r.unit, "expected": r.expected, "received": r.received, "share": r.share}
            for r in by_unit.itertuples()]
    return _frame(rows, keys, lang, percent=["share"])


def series_table(series: pd.DataFrame, measure: str, lang: str = "vi") -> pd.DataFrame:
    """An indicator's yearly values with the target due each year."""
    keys = ["period", "actual", "measure", "basis", "target", "lower", "upper", "status", "note"]
    rows = [{"period": r.label, "actual": r.value, "measure": measure,
             "basis": _BASIS[r.basis][_i(lang)], "target": _str(r.target_text),
             "lower": r.lower, "upper": r.upper, "status": _status(r.status, lang),
             "note": _str(r.note)} for r in series.itertuples()]
    return _frame(rows, keys, lang, statuses=list(series["status"]))


def year_to_date_table(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """A flow's periods within the year: value, running total, target pro rata."""
    keys = ["period", "actual", "cumulative", "pro_rata"]
    rows = [{"period": r.full_label, "actual": r.value, "cumulative": r.cumulative,
             "pro_rata": r.expected} for r in frame.itertuples()]
    return _frame(rows, keys, lang)


def localities_table(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Values by locality, largest first, with each locality's own target."""
    keys = ["place", "actual", "partial", "status", "target"]
    rows = [{"place": r.unit, "actual": r.value, "partial": bool(r.partial),
             "status": _status(r.status, lang),
             "target": r.target} for r in frame.itertuples()]
    return _frame(rows, keys, lang)


def components_table(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Components and their total by year."""
    keys = ["period", "component", "value"]
    rows = [{"period": r.label, "component": r.name + (" (tổng)" if r.role == "total" else ""),
             "value": r.value} for r in frame.itertuples()]
    return _frame(rows, keys, lang)


def history_table(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Every revision of the values (kpi.dashboard.history.value_table)."""
    keys = ["place", "period", "value", "standing", "revision", "counts", "author",
            "reported_on", "recorded_at", "source"]
    rows = [{"place": r.unit, "period": r.period_label, "value": r.value,
             "standing": r.standing_label, "revision": r.revision, "counts": bool(r.counts),
             "author": r.author, "reported_on": r.reported_on, "recorded_at": r.recorded_at,
             "source": r.source} for r in frame.itertuples()]
    return _frame(rows, keys, lang)


def children_table(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Children of a locality with their counts (kpi.dashboard.locality.children_frame)."""
    keys = ["place", "targets", "due", "meeting", "at_risk", "no_data", "share_meeting"]
    rows = [{k: getattr(r, "unit" if k == "place" else k) for k in keys}
            for r in frame.itertuples()]
    return _frame(rows, keys, lang, percent=["share_meeting"])


def unit_history_table(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """A unit's series across the reform (kpi.dashboard.locality.unit_history)."""
    keys = ["period", "value", "basis", "source", "note"]
    rows = [{"period": r.label, "value": r.value, "basis": _BASIS[r.basis][_i(lang)],
             "source": r.sources, "note": _str(r.note)}
            for r in frame.itertuples()]
    return _frame(rows, keys, lang)


def _text(value, percent: bool, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return ("Có" if value else "Không") if lang != "en" else ("Yes" if value else "No")
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return format_date(value.date(), lang) + value.strftime(" %H:%M")
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, (int, float)):
        return format_percent(value, 0, lang) if percent else format_number(value, None, lang)
    return str(value)


def display_frame(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The table with every value as Vietnamese text ("1.234,5", "104%",
    "05/06/2021", "Có"); attrs are kept."""
    percent = set(frame.attrs.get("percent", ()))
    shown = pd.DataFrame({col: [_text(v, col in percent, lang) for v in frame[col].tolist()]
                          for col in frame.columns}, columns=frame.columns)
    shown.attrs = dict(frame.attrs)
    return shown
