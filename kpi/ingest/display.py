"""What the "Nộp báo cáo" page shows: the choices, the preview, the issues, past uploads.

Plain tables (pandas DataFrames) with Vietnamese headers and numbers already
written the Vietnamese way, so the page only lays them out.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from kpi.actuals import standing_label
from kpi.ingest.directory import UnitDirectory
from kpi.ingest.preview import CHANGED, NEW, UNCHANGED, Preview
from kpi.numbers import format_number
from kpi.periods import VN_TZ, format_date, is_ended, parse_period, period_label, subperiods
from kpi.scorecard import phase_periods, scorecard_choices
from kpi.store.catalog import load_indicators, load_phases
from kpi.store.units import load_units
from kpi.store.uploads import UploadRecord, load_uploads
from kpi.units import key_to_code

CHANGE_LABELS = {NEW: ("Mới", "New"), CHANGED: ("Thay đổi", "Changed"),
                 UNCHANGED: ("Không đổi", "Unchanged")}


def _t(vi: str, en: str, lang: str) -> str:
    return en if lang == "en" else vi


@dataclass(frozen=True)
class UploadChoices:
    """(key, label) pairs for the unit and period pickers; `period_default` is an index."""

    units: list[tuple[str, str]]
    periods: list[tuple[str, str]]
    period_default: int


def upload_choices(engine: Engine, allowed_units: frozenset[str] | None, today: dt.date,
                   lang: str = "vi") -> UploadChoices:
    """Units the uploader may report for that have targets (or are in its scope),
    and the periods plans cover down to months; the default is the latest
    period ended by `today`."""
    base = scorecard_choices(engine, lang)
    units = base.units
    if allowed_units is not None:
        with engine.connect() as conn:
            scoped = load_units(conn, allowed_units)
        known = {key for key, _ in units}
        units = [(k, label) for k, label in units if k in allowed_units] + [
            (u.key, u.label()) for u in scoped if u.key not in known]
    periods = dict(base.periods)
    for code in list(periods):
        if code.isdigit():
            for month in subperiods(parse_period(code), "month"):
                periods[month.code] = period_label(month, lang)
    with engine.connect() as conn:
        phases = phase_periods(load_phases(conn))
    ordered = sorted(periods, key=lambda c: parse_period(c, phases).sort_key)
    ended = [i for i, c in enumerate(ordered) if is_ended(parse_period(c, phases), today)
             and parse_period(c, phases).kind in ("quarter", "year")]
    return UploadChoices(units, [(c, periods[c]) for c in ordered], ended[-1] if ended else 0)


PREVIEW_ROWS = 2000
_ORDER = {CHANGED: 0, NEW: 1, UNCHANGED: 2}


def preview_frame(preview: Preview, engine: Engine, lang: str = "vi",
                  limit: int = PREVIEW_ROWS) -> pd.DataFrame:
    """One row per value — cell, indicator, unit, period, standing, old and new
    value, change — changed values first, at most `limit` rows."""
    shown = sorted(preview.changes, key=lambda c: _ORDER[c.status])[:limit]
    with engine.connect() as conn:
        names = {code: ind.display_name(lang) for code, ind in load_indicators(conn).items()}
        units = {u.key: u.label() for u in UnitDirectory(conn).values_for(
            {c.reading.unit for c in shown})}
    rows = [
        {_t("Ô", "Cell", lang): f"{c.reading.sheet}!{c.reading.column}{c.reading.row}",
         _t("Chỉ tiêu", "Indicator", lang): names.get(c.reading.indicator, c.reading.indicator),
         _t("Đơn vị", "Unit", lang): units.get(c.reading.unit, c.reading.unit),
         _t("Kỳ", "Period", lang): c.reading.period if "-D" in c.reading.period
         else period_label(c.reading.period, lang),
         _t("Tình trạng", "Standing", lang): standing_label(c.reading.standing, lang),
         _t("Số cũ", "Old value", lang): format_number(c.old_value, lang=lang),
         _t("Số mới", "New value", lang): format_number(c.reading.value, lang=lang),
         _t("Thay đổi", "Change", lang): CHANGE_LABELS[c.status][lang == "en"]}
        for c in shown
    ]
    return pd.DataFrame(rows)


def issues_frame(preview: Preview, lang: str = "vi") -> pd.DataFrame:
    """Errors first, then warnings: kind, place, message."""
    ordered = preview.errors + preview.warnings
    return pd.DataFrame([
        {_t("Loại", "Kind", lang): _t("Lỗi", "Error", lang) if i.is_error
         else _t("Cảnh báo", "Warning", lang),
         _t("Vị trí", "Where", lang): i.where, _t("Nội dung", "Message", lang): i.message}
        for i in ordered
    ])


def _local(at: dt.datetime) -> dt.datetime:
    """Vietnam time of a stored instant (SQLite returns it naive, in UTC)."""
    return (at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)).astimezone(VN_TZ)


def _outcome(u: UploadRecord, lang: str) -> str:
    if u.status == "rolled_back":
        when = format_date(_local(u.rolled_back_at).date(), lang) if u.rolled_back_at else ""
        return _t(f"Đã hủy {when} ({u.rolled_back_by})", f"Rolled back {when} ({u.rolled_back_by})",
                  lang)
    return _t("Đã ghi", "Committed", lang)


def uploads_frame(engine: Engine, lang: str = "vi", limit: int = 50) -> pd.DataFrame:
    """Past uploads, newest first, with their outcome."""
    with engine.connect() as conn:
        uploads = load_uploads(conn, limit=limit)
        units = {u.key: u.label() for u in UnitDirectory(conn).values_for(
            {u.unit_key for u in uploads if u.unit_key})}
    rows = []
    for u in uploads:
        local = _local(u.created_at)
        rows.append({
            _t("Số", "No.", lang): u.id,
            _t("Thời điểm", "When", lang): f"{format_date(local.date(), lang)} {local:%H:%M}",
            _t("Người nộp", "By", lang): u.author, _t("Tệp", "File", lang): u.file_name,
            _t("Đơn vị", "Unit", lang): units.get(u.unit_key, key_to_code(u.unit_key)
                                                  if u.unit_key else ""),
            _t("Kỳ", "Period", lang): period_label(u.period, lang)
            if u.period and "-D" not in u.period else (u.period or ""),
            _t("Mới", "New", lang): u.new, _t("Thay đổi", "Changed", lang): u.changed,
            _t("Không đổi", "Unchanged", lang): u.unchanged,
            _t("Cảnh báo", "Warnings", lang): u.warnings,
            _t("Kết quả", "Outcome", lang): _outcome(u, lang),
        })
    return pd.DataFrame(rows)
