"""Indicators, plans (with phases and deadlines) and targets in the store."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from sqlalchemy import Connection, bindparam, delete, insert, select, update
from sqlalchemy.orm import aliased

from kpi.indicators import Indicator
from kpi.plans import Deadline, Phase, Plan
from kpi.schema import indicators, plan_deadlines, plan_phases, plans, targets, units
from kpi.store.units import unit_ids
from kpi.targets import Target

_INDICATOR_FIELDS = (
    "name", "name_en", "measure", "polarity", "temporal", "aggregation", "scale",
    "frequency", "min_value", "max_value", "decimals", "tolerance",
)


def save_indicators(conn: Connection, catalogue: Sequence[Indicator]) -> int:
    """Insert or update indicators by code, then link numerator, denominator, parent.

    Returns how many were inserted. Raises KeyError for a link to an unknown code.
    """
    known = dict(conn.execute(select(indicators.c.code, indicators.c.id)).all())
    added = 0
    for ind in catalogue:
        values = {f: getattr(ind, f) for f in _INDICATOR_FIELDS}
        values["group_code"] = ind.group
        if ind.code in known:
            conn.execute(update(indicators).where(indicators.c.id == known[ind.code]).values(**values))
        else:
            known[ind.code] = conn.execute(
                insert(indicators).values(code=ind.code, **values).returning(indicators.c.id)
            ).scalar_one()
            added += 1
    for ind in catalogue:
        conn.execute(
            update(indicators).where(indicators.c.id == known[ind.code]).values(
                numerator_id=known[ind.numerator] if ind.numerator else None,
                denominator_id=known[ind.denominator] if ind.denominator else None,
                parent_id=known[ind.parent] if ind.parent else None,
            )
        )
    return added


def load_indicators(conn: Connection) -> dict[str, Indicator]:
    """Every indicator by code."""
    num, den, par = aliased(indicators), aliased(indicators), aliased(indicators)
    query = (
        select(indicators, num.c.code.label("num"), den.c.code.label("den"), par.c.code.label("par"))
        .outerjoin(num, indicators.c.numerator_id == num.c.id)
        .outerjoin(den, indicators.c.denominator_id == den.c.id)
        .outerjoin(par, indicators.c.parent_id == par.c.id)
        .order_by(indicators.c.id)
    )
    result = {}
    for row in conn.execute(query):
        result[row.code] = Indicator(
            code=row.code, group=row.group_code, numerator=row.num, denominator=row.den,
            parent=row.par, **{f: getattr(row, f) for f in _INDICATOR_FIELDS},
        )
    return result


def _plan_ids(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(plans.c.code, plans.c.id)).all())


def save_plan(
    conn: Connection,
    plan: Plan,
    plan_targets: Sequence[Target],
    phases: Sequence[Phase] = (),
    deadlines: Sequence[Deadline] = (),
    *,
    actor: str,
) -> int:
    """Store a plan with its targets, phases and deadlines; returns the plan id.

    Storing a plan code again replaces that plan's targets, phases and
    deadlines (a re-import updates rather than duplicates). Raises KeyError
    for an unknown unit, indicator or parent plan.
    """
    now = dt.datetime.now(dt.timezone.utc)
    unit_id = unit_ids(conn, {t.unit_key for t in plan_targets} | {plan.unit_key})
    indicator_id = dict(conn.execute(select(indicators.c.code, indicators.c.id)).all())
    plan_id_by_code = _plan_ids(conn)
    header = {
        "title": plan.title, "number": plan.number, "issuer": plan.issuer,
        "issued_on": plan.issued_on,
        "unit_id": unit_id[plan.unit_key] if plan.unit_key else None,
        "period_code": plan.period, "kind": plan.kind,
        "parent_plan_id": plan_id_by_code[plan.parent_plan] if plan.parent_plan else None,
        "source": plan.source,
    }
    plan_id = plan_id_by_code.get(plan.code)
    if plan_id is None:
        plan_id = conn.execute(
            insert(plans).values(code=plan.code, created_at=now, created_by=actor, **header)
            .returning(plans.c.id)
        ).scalar_one()
    else:
        conn.execute(update(plans).where(plans.c.id == plan_id).values(**header))
        for table in (targets, plan_phases, plan_deadlines):
            conn.execute(delete(table).where(table.c.plan_id == plan_id))
    if plan_targets:
        conn.execute(insert(targets), [
            {
                "plan_id": plan_id, "indicator_id": indicator_id[t.indicator_code],
                "unit_id": unit_id[t.unit_key], "period_code": t.period, "term_code": t.term,
                "kind": t.kind, "value": t.value, "min_value": t.min, "max_value": t.max,
                "strict": t.strict, "change_unit": t.change_unit, "baseline": t.baseline,
                "baseline_period": t.baseline_period, "places": t.places, "quote": t.quote,
                "note": None, "created_at": now, "created_by": actor,
            }
            for t in plan_targets
        ])
    if phases:
        conn.execute(insert(plan_phases), [
            {"plan_id": plan_id, "code": p.code, "name": p.name, "start_date": p.start,
             "end_date": p.end, "content": p.content}
            for p in phases
        ])
    if deadlines:
        conn.execute(insert(plan_deadlines), [
            {"plan_id": plan_id, "code": d.code, "what": d.what, "period_code": d.period,
             "due_date": d.due, "kind": d.kind, "window_start": d.window_start, "note": d.note}
            for d in deadlines
        ])
    return plan_id


def load_plans(conn: Connection) -> list[Plan]:
    """Every plan, oldest first."""
    parent = aliased(plans)
    query = (
        select(plans, units.c.code_system, units.c.code.label("unit_code"),
               parent.c.code.label("parent_code"))
        .outerjoin(units, plans.c.unit_id == units.c.id)
        .outerjoin(parent, plans.c.parent_plan_id == parent.c.id)
        .order_by(plans.c.id)
    )
    return [
        Plan(
            code=row.code, title=row.title, period=row.period_code, kind=row.kind,
            unit_key=f"{row.code_system}:{row.unit_code}" if row.unit_code else None,
            number=row.number, issuer=row.issuer, issued_on=row.issued_on,
            parent_plan=row.parent_code, source=row.source,
        )
        for row in conn.execute(query)
    ]


def load_targets(
    conn: Connection,
    *,
    plan_code: str | None = None,
    unit_keys: Iterable[str] | None = None,
) -> list[Target]:
    """Targets, optionally of one plan and/or some units, in plan order."""
    query = (
        select(targets, indicators.c.code.label("indicator_code"), units.c.code_system,
               units.c.code.label("unit_code"), plans.c.code.label("plan_code"))
        .join(indicators, targets.c.indicator_id == indicators.c.id)
        .join(units, targets.c.unit_id == units.c.id)
        .join(plans, targets.c.plan_id == plans.c.id)
        .order_by(targets.c.id)
    )
    if plan_code is not None:
        query = query.where(plans.c.code == plan_code)
    if unit_keys is not None:
        unit_keys = list(unit_keys)
        ids = unit_ids(conn, unit_keys)
        wanted = [ids[k] for k in unit_keys if k in ids]
        query = query.where(targets.c.unit_id.in_(bindparam("uids", wanted, expanding=True)))
    return [target_from_row(row) for row in conn.execute(query)]


def target_from_row(row) -> Target:
    """A Target from a row of `targets` joined with the indicator code
    (`indicator_code`), the unit (`code_system`, `unit_code`) and the plan
    code (`plan_code`)."""
    return Target(
        indicator_code=row.indicator_code, unit_key=f"{row.code_system}:{row.unit_code}",
        period=row.period_code, kind=row.kind, value=row.value, min=row.min_value,
        max=row.max_value, strict=bool(row.strict), change_unit=row.change_unit,
        baseline=row.baseline, baseline_period=row.baseline_period, term=row.term_code,
        places=row.places, plan_code=row.plan_code, quote=row.quote, id=row.id,
    )


def load_phases(conn: Connection) -> list[Phase]:
    """Every emulation phase, by plan then start date."""
    query = (
        select(plan_phases, plans.c.code.label("plan_code"))
        .join(plans, plan_phases.c.plan_id == plans.c.id)
        .order_by(plans.c.id, plan_phases.c.start_date)
    )
    return [
        Phase(plan_code=r.plan_code, code=r.code, name=r.name, start=r.start_date,
              end=r.end_date, content=r.content)
        for r in conn.execute(query)
    ]


def load_deadlines(conn: Connection) -> list[Deadline]:
    """Every reporting deadline, by plan then due date."""
    query = (
        select(plan_deadlines, plans.c.code.label("plan_code"))
        .join(plans, plan_deadlines.c.plan_id == plans.c.id)
        .order_by(plans.c.id, plan_deadlines.c.due_date)
    )
    return [
        Deadline(plan_code=r.plan_code, code=r.code, what=r.what, period=r.period_code,
                 due=r.due_date, kind=r.kind, window_start=r.window_start, note=r.note)
        for r in conn.execute(query)
    ]
