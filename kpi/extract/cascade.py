"""Cascading plans: a lower plan's target next to the higher plan's target it serves.

A city's yearly plan cites its province's five-year plan (`Plan.parent_plan`);
for each of the city's targets the province target it serves is the parent
plan's target of the same indicator whose period is the closest one that
contains the city's period: the same year first, then a year expanded from an
annual rate, then the term itself or a level due at the term's end (read as
the term, since that is the path the yearly target is a step on).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from kpi.indicators import Indicator
from kpi.periods import PeriodError, contains, parse_period, period_label
from kpi.plans import Plan
from kpi.status import target_text
from kpi.store.catalog import load_indicators, load_plans, load_targets
from kpi.store.units import load_units
from kpi.targets import Target


@dataclass(frozen=True)
class CascadeRow:
    """A lower plan's target and the higher plan's target it serves (None when the parent sets none)."""

    child: Target
    parent: Target | None
    parent_plan: str | None


def _span(target: Target):
    """The period a parent target covers: its own, or its term for a level due at the term's end."""
    try:
        own = parse_period(target.period)
        if target.term:
            term = parse_period(target.term)
            if own.end == term.end and own.kind != "term" and own.start != term.start:
                return term, 1
        return own, 0
    except PeriodError:
        return None, 9


def parent_target(child: Target, candidates: list[Target]) -> Target | None:
    """The parent plan's target of the same indicator whose period best contains the child's."""
    try:
        wanted = parse_period(child.period)
    except PeriodError:
        return None
    best, best_key = None, None
    for candidate in candidates:
        if candidate.indicator_code != child.indicator_code:
            continue
        span, widened = _span(candidate)
        if span is None or not contains(span, wanted):
            continue
        key = ((span.end - span.start).days, widened, candidate.kind != child.kind)
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


def cascade(child_plan: Plan, targets: list[Target]) -> list[CascadeRow]:
    """For every target of `child_plan`, the parent plan's target it serves.

    `targets` holds the targets of both plans (others are ignored).
    """
    mine = [t for t in targets if t.plan_code == child_plan.code]
    above = [t for t in targets if child_plan.parent_plan and t.plan_code == child_plan.parent_plan]
    return [CascadeRow(t, parent_target(t, above), child_plan.parent_plan) for t in mine]


def load_cascade(engine: Engine, plan_code: str) -> list[CascadeRow]:
    """`cascade` for a stored plan. Raises KeyError for an unknown plan code."""
    with engine.connect() as conn:
        plans = {p.code: p for p in load_plans(conn)}
        plan = plans[plan_code]
        targets = load_targets(conn, plan_code=plan_code)
        if plan.parent_plan:
            targets += load_targets(conn, plan_code=plan.parent_plan)
    return cascade(plan, targets)


def cascade_frame(engine: Engine, plan_code: str, lang: str = "vi") -> pd.DataFrame:
    """The cascade for display: indicator, unit and period, its target; the higher unit, plan, target."""
    vi = lang == "vi"
    rows = load_cascade(engine, plan_code)
    with engine.connect() as conn:
        catalogue: dict[str, Indicator] = load_indicators(conn)
        names = {u.key: u.name for u in load_units(conn)}
    table = []
    for row in rows:
        indicator = catalogue[row.child.indicator_code]
        parent = row.parent
        table.append({
            ("Chỉ tiêu" if vi else "Indicator"): indicator.display_name(lang),
            ("Đơn vị" if vi else "Unit"): names.get(row.child.unit_key, row.child.unit_key),
            ("Kỳ" if vi else "Period"): period_label(row.child.period, lang),
            ("Chỉ tiêu của đơn vị" if vi else "Unit's target"): target_text(row.child, indicator, lang=lang),
            ("Đơn vị cấp trên" if vi else "Higher unit"): names.get(parent.unit_key, parent.unit_key) if parent else "",
            ("Kỳ cấp trên" if vi else "Higher period"): period_label(parent.period, lang) if parent else "",
            ("Chỉ tiêu cấp trên" if vi else "Higher target"):
                target_text(parent, indicator, lang=lang) if parent else "–",
        })
    return pd.DataFrame(table)
