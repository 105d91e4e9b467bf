"""Adjusting a stored plan's target by a later resolution (HĐND điều chỉnh chỉ tiêu).

The page lists a plan's targets, the administrator enters the new figures with
the adjusting document and its date, and `apply_adjustment` records it
(`kpi.store.plan_targets.adjust_target`): the new figures are in force from
then on, the old ones stay in the history (`adjustment_frame`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
from sqlalchemy import Engine

from kpi.auth import User, require_role
from kpi.numbers import format_number
from kpi.periods import format_date, period_label
from kpi.store.catalog import load_indicators, load_targets
from kpi.store.plan_targets import adjust_target, load_adjustments
from kpi.targets import Target
from kpi.user_text import clean_text


def target_key(target: Target) -> str:
    """A stable key for one target of a plan: indicator|unit|period|kind."""
    return "|".join((target.indicator_code, target.unit_key, target.period, target.kind))


def _figures(value, low, high) -> str:
    if low is not None or high is not None:
        return f"{format_number(low)}–{format_number(high)}"
    return format_number(value)


def target_choices(engine: Engine, plan_code: str) -> list[tuple[str, str]]:
    """(key, label) of each target of a plan, in plan order, for a selectbox."""
    with engine.connect() as conn:
        catalogue = load_indicators(conn)
        targets = load_targets(conn, plan_code=plan_code)
    choices = []
    for t in targets:
        name = catalogue[t.indicator_code].name if t.indicator_code in catalogue else t.indicator_code
        choices.append((target_key(t), f"{name} · {period_label(t.period)} · {_figures(t.value, t.min, t.max)}"))
    return choices


def apply_adjustment(engine: Engine, plan_code: str, key: str, *, value: float | None,
                     low: float | None, high: float | None, document: str, document_date: dt.date,
                     user: User | None, note: str | None = None) -> dict:
    """Record an adjustment of one target (administrators only); returns the figures replaced.

    Raises PermissionDenied, ValueError (Vietnamese) for a missing document or
    figure, LookupError for a target the plan does not have.
    """
    require_role(user, "admin")
    if not document or not document.strip():
        raise ValueError("Nhập số, ký hiệu văn bản điều chỉnh (ví dụ Nghị quyết 25/NQ-HĐND).")
    document = clean_text(document, "Văn bản điều chỉnh", 200, required=True)
    note = clean_text(note, "Ghi chú", 2000, multiline=True)
    indicator, unit_key, period, kind = key.split("|")
    with engine.connect() as conn:
        current = {target_key(t): t for t in load_targets(conn, plan_code=plan_code)}
    if key not in current:
        raise LookupError(f"Kế hoạch {plan_code} không có chỉ tiêu này; chọn lại chỉ tiêu.")
    if kind == "range" and (low is None or high is None):
        raise ValueError("Chỉ tiêu dạng khoảng cần cả giá trị nhỏ nhất và lớn nhất.")
    if kind != "range" and value is None and low is None:
        raise ValueError("Nhập giá trị mới của chỉ tiêu.")
    new = dataclasses.replace(current[key], value=value, min=low, max=high)
    with engine.begin() as conn:
        return adjust_target(conn, plan_code, new, document=document,
                             document_date=document_date, actor=user.username, note=note)


def adjustment_frame(engine: Engine, plan_code: str | None = None, lang: str = "vi") -> pd.DataFrame:
    """The adjustment history for display: indicator, period, before, after, document, date, who."""
    vi = lang == "vi"
    with engine.connect() as conn:
        catalogue = load_indicators(conn)
        history = load_adjustments(conn, plan_code)
    rows = []
    for a in history:
        before = a.previous or {}
        rows.append({
            ("Chỉ tiêu" if vi else "Indicator"): catalogue[a.indicator_code].name
            if a.indicator_code in catalogue else a.indicator_code,
            ("Kỳ" if vi else "Period"): period_label(a.period, lang),
            ("Trước" if vi else "Before"): _figures(before.get("value"), before.get("min"), before.get("max")),
            ("Sau" if vi else "After"): _figures(a.value, a.min, a.max),
            ("Văn bản" if vi else "Document"): a.document,
            ("Ngày văn bản" if vi else "Document date"): format_date(a.document_date, lang),
            ("Người ghi" if vi else "Recorded by"): a.created_by,
        })
    return pd.DataFrame(rows)
