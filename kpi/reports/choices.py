"""What a presenter can choose: a plan, a period within it, a unit, key indicators."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import Engine

from kpi.names import vi_sort_key
from kpi.periods import Period, parse_period, period_label, subperiods
from kpi.plans import Phase, Plan
from kpi.store.catalog import load_indicators, load_phases, load_plans, load_targets
from kpi.store.units import load_units

_LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2, "agency": 3}


@dataclass(frozen=True)
class PlanChoices:
    """(code, label) pairs for one plan: periods (years first), units (None =
    every unit of the plan, offered when it has several) and indicators with
    targets in the plan, by unit key (None: all of them), in plan order."""

    periods: list[tuple[str, str]]
    units: list[tuple[str | None, str]]
    indicators: dict[str | None, list[tuple[str, str]]]


def plan_periods(plan: Plan, phases: Sequence[Phase], lang: str = "vi") -> list[tuple[str, str]]:
    """The periods a plan's report can be made for: its years, then their
    halves (the 6-month review), the whole term, quarters, emulation phases."""
    span = parse_period(plan.period)
    years = subperiods(span, "year") if span.kind == "term" else [span]
    periods: list[Period] = list(years)
    periods += [half for year in years for half in subperiods(year, "half")]
    if span.kind == "term":
        periods.append(span)
    periods += [quarter for year in years for quarter in subperiods(year, "quarter")]
    choices = [(p.code, period_label(p, lang)) for p in periods]
    choices += [(ph.code, period_label(Period(ph.code, "phase", ph.start, ph.end, ph.name), lang))
                for ph in phases if ph.plan_code == plan.code]
    return choices


def load_presenter_plans(engine: Engine) -> list[tuple[str, str]]:
    """Every plan with targets as (code, "code — title"), in the order stored."""
    with engine.connect() as conn:
        with_targets = {t.plan_code for t in load_targets(conn)}
        plans = [p for p in load_plans(conn) if p.code in with_targets]
    return [(p.code, f"{p.code} — {p.title}") for p in plans]


def load_plan_choices(engine: Engine, plan_code: str, lang: str = "vi") -> PlanChoices:
    """The choices for one plan. Raises KeyError for an unknown plan code."""
    with engine.connect() as conn:
        plan = {p.code: p for p in load_plans(conn)}[plan_code]
        phases = load_phases(conn)
        targets = load_targets(conn, plan_code=plan_code)
        units = load_units(conn, {t.unit_key for t in targets})
        indicators = load_indicators(conn)
    ordered = sorted(units, key=lambda u: (_LEVEL_ORDER.get(u.level, 9), vi_sort_key(u.name)))
    unit_choices: list[tuple[str | None, str]] = [(u.key, u.label()) for u in ordered]
    if len(unit_choices) > 1:
        everyone = "Tất cả đơn vị của kế hoạch" if lang != "en" else "All units of the plan"
        unit_choices.insert(0, (None, everyone))
    by_unit: dict[str | None, list[tuple[str, str]]] = {}
    for key, _label in unit_choices:
        codes = dict.fromkeys(t.indicator_code for t in targets if key is None or t.unit_key == key)
        by_unit[key] = [(code, indicators[code].display_name(lang)) for code in codes]
    return PlanChoices(plan_periods(plan, phases, lang), unit_choices, by_unit)
