"""Tables the emulation pages and exports show, as pandas DataFrames (pure).

Numbers stay numbers (points, days); dates are `dd/mm/yyyy` text; labels are
Vietnamese (English with lang="en").
"""
from __future__ import annotations

import datetime as dt
from typing import Mapping, Sequence

import pandas as pd

from kpi.emulation.discipline import ReportCheck, status_label
from kpi.emulation.ranking import BlockRanking
from kpi.numbers import format_number, round_half_up
from kpi.periods import format_date, period_label
from kpi.units import key_to_code

_COLUMNS = {
    "stt": {"vi": "STT", "en": "No."},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "report": {"vi": "Báo cáo", "en": "Report"},
    "period": {"vi": "Kỳ", "en": "Period"},
    "deadline": {"vi": "Hạn nộp", "en": "Deadline"},
    "received": {"vi": "Ngày nhận", "en": "Received"},
    "status": {"vi": "Tình trạng", "en": "Status"},
    "days_late": {"vi": "Số ngày trễ", "en": "Days late"},
    "missing": {"vi": "Chỉ tiêu còn thiếu", "en": "Missing indicators"},
    "total": {"vi": "Tổng điểm", "en": "Total"},
    "rank": {"vi": "Xếp hạng", "en": "Rank"},
    "change": {"vi": "So với năm trước", "en": "Change from last year"},
    "award": {"vi": "Đề nghị khen thưởng", "en": "Proposed award"},
    "criterion": {"vi": "Tiêu chí", "en": "Criterion"},
    "item": {"vi": "Nội dung", "en": "Item"},
    "points": {"vi": "Điểm", "en": "Points"},
    "max_points": {"vi": "Điểm tối đa", "en": "Max points"},
    "reason": {"vi": "Giải thích", "en": "Reason"},
    "on_time_share": {"vi": "Tỷ lệ đúng hạn (%)", "en": "Share on time (%)"},
}


def column(key: str, lang: str = "vi") -> str:
    """A column heading in the viewer's language."""
    return _COLUMNS[key][lang if lang in ("vi", "en") else "vi"]


def _deadline_text(check: ReportCheck, lang: str) -> str:
    text = format_date(check.effective.deadline, lang)
    if check.effective.moved_because:
        moved = "lùi từ" if lang == "vi" else "moved from"
        text += f" ({moved} {format_date(check.effective.last_day, lang)})"
    return text


def discipline_frame(checks: Sequence[ReportCheck], names: Mapping[str, str],
                     lang: str = "vi") -> pd.DataFrame:
    """One row per member × report: unit, report, period, deadline (moved when
    it fell on a day off), received, status, days late, missing indicators."""
    rows = []
    for c in checks:
        rows.append({
            column("unit", lang): names.get(c.unit_key, key_to_code(c.unit_key)),
            column("report", lang): c.deadline.what,
            column("period", lang): period_label(c.deadline.period, lang),
            column("deadline", lang): _deadline_text(c, lang),
            column("received", lang): format_date(c.received_on, lang) if c.received_on else "",
            column("status", lang): status_label(c.status, lang)
            + (f" {c.days_late} ngày" if c.status == "late" and lang == "vi" else
               f" {c.days_late} days" if c.status == "late" else ""),
            column("days_late", lang): c.days_late if c.status == "late" else None,
            column("missing", lang): ", ".join(c.missing),
        })
    return pd.DataFrame(rows)


def on_time_by_unit(checks: Sequence[ReportCheck], names: Mapping[str, str],
                    lang: str = "vi") -> pd.DataFrame:
    """Per member: reports due, on time, late, missing or incomplete, and the share on time."""
    rows: dict[str, dict] = {}
    for c in checks:
        row = rows.setdefault(c.unit_key, {"due": 0, "on_time": 0, "late": 0, "missing": 0})
        if not c.is_due:
            continue
        row["due"] += 1
        key = "missing" if c.status in ("missing", "incomplete") else c.status
        row[key] += 1
    labels = {"due": "Đến hạn" if lang == "vi" else "Due",
              "on_time": status_label("on_time", lang), "late": status_label("late", lang),
              "missing": "Chưa nộp/thiếu" if lang == "vi" else "Missing/incomplete"}
    out = []
    for unit, row in rows.items():
        share = round_half_up(100 * row["on_time"] / row["due"], 1) if row["due"] else None
        out.append({column("unit", lang): names.get(unit, key_to_code(unit)),
                    **{labels[k]: v for k, v in row.items()},
                    column("on_time_share", lang): share})
    return pd.DataFrame(out)


def change_text(change: int | None, lang: str = "vi") -> str:
    """"↑ 2", "↓ 1", "=" or "–" (not ranked last year)."""
    if change is None:
        return "–"
    if change == 0:
        return "="
    return f"↑ {change}" if change > 0 else f"↓ {-change}"


def ranking_frame(ranking: BlockRanking, lang: str = "vi") -> pd.DataFrame:
    """The block head's table: STT, unit, points per criterion, total, rank,
    change from last year, proposed award. Points are numbers."""
    criteria = ranking.state.scheme.criteria
    rows = []
    for number, m in enumerate(ranking.members, start=1):
        row = {column("stt", lang): number, column("unit", lang): m.unit_name}
        for c in criteria:
            row[f"{c.label} ({c.weight:g})"] = m.by_criterion.get(c.code, 0.0)
        row[column("total", lang)] = m.total
        row[column("rank", lang)] = m.rank
        row[column("change", lang)] = change_text(ranking.change(m.unit_key), lang)
        row[column("award", lang)] = m.award or ""
        rows.append(row)
    return pd.DataFrame(rows)


def explanation_frame(ranking: BlockRanking, unit_key: str, lang: str = "vi") -> pd.DataFrame:
    """A member's score line by line: criterion, item, status, points, max, reason."""
    member = next(m for m in ranking.members if m.unit_key == unit_key)
    return pd.DataFrame([
        {column("criterion", lang): l.criterion, column("item", lang): l.item,
         column("status", lang): l.status_label, column("points", lang): l.points,
         column("max_points", lang): l.max_points, column("reason", lang): l.reason}
        for l in member.lines
    ])


def as_of_caption(block_name: str, year: int, as_of: dt.date, lang: str = "vi") -> str:
    """"Khối thi đua Khối 8 · Năm 2021 · số liệu đến ngày 01/03/2022"."""
    data = "số liệu đến ngày" if lang == "vi" else "data as of"
    return f"{block_name} · {period_label(str(year), lang)} · {data} {format_date(as_of, lang)}"


def formatted(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """A copy with every numeric column written the viewer's way ("103,08"),
    for display: Streamlit's own number formats follow the browser's locale."""
    out = frame.copy()
    for name in out.columns:
        if pd.api.types.is_numeric_dtype(out[name]) and not pd.api.types.is_bool_dtype(out[name]):
            out[name] = [("" if pd.isna(v) else format_number(v, lang=lang)) for v in out[name]]
    return out
