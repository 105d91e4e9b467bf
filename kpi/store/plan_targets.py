"""Plans loaded from documents: commit with adjustments re-applied, adjust, history.

`commit_plan` stores a reviewed plan through `catalog.save_plan` (same code
again replaces that plan's targets rather than duplicating them), then applies
again every adjustment recorded for the plan, so a re-import never brings back
figures a later resolution changed. `adjust_target` records a later
resolution's figures (document, date, the figures replaced) and puts them in
force on the target row, which is what the scorecard reads.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import Connection, and_, insert, select, update

from kpi.plans import Deadline, Phase, Plan
from kpi.schema import indicators, plans, target_adjustments, targets, units
from kpi.store.audit import record_audit
from kpi.store.catalog import load_targets, save_plan
from kpi.store.units import unit_ids
from kpi.targets import Target

_FIGURES = ("value", "min_value", "max_value", "strict")


@dataclass(frozen=True)
class Adjustment:
    """One recorded adjustment of a target (the history row)."""

    plan_code: str
    indicator_code: str
    unit_key: str
    period: str
    kind: str
    value: float | None
    min: float | None
    max: float | None
    strict: bool
    document: str
    document_date: dt.date
    previous: dict | None
    note: str | None
    created_by: str
    created_at: dt.datetime


def _ids(conn: Connection, table, key_column, wanted: str) -> int:
    found = conn.execute(select(table.c.id).where(key_column == wanted)).scalar_one_or_none()
    if found is None:
        raise KeyError(wanted)
    return found


def _cell(plan_id: int, indicator_id: int, unit_id: int, period: str, kind: str):
    return and_(targets.c.plan_id == plan_id, targets.c.indicator_id == indicator_id,
                targets.c.unit_id == unit_id, targets.c.period_code == period, targets.c.kind == kind)


def _reapply(conn: Connection, plan_id: int) -> int:
    """Put the latest adjustment of each cell of a plan in force; returns how many cells."""
    rows = conn.execute(
        select(target_adjustments).where(target_adjustments.c.plan_id == plan_id)
        .order_by(target_adjustments.c.document_date, target_adjustments.c.id)
    ).all()
    latest = {}
    for row in rows:
        latest[(row.indicator_id, row.unit_id, row.period_code, row.kind)] = row
    for (indicator_id, unit_id, period, kind), row in latest.items():
        conn.execute(update(targets).where(_cell(plan_id, indicator_id, unit_id, period, kind)).values(
            value=row.value, min_value=row.min_value, max_value=row.max_value, strict=row.strict))
    return len(latest)


def commit_plan(
    conn: Connection,
    plan: Plan,
    plan_targets: Sequence[Target],
    phases: Sequence[Phase] = (),
    deadlines: Sequence[Deadline] = (),
    *,
    actor: str,
    source: str | None = None,
) -> dict:
    """Store a reviewed plan in the caller's transaction and audit it.

    Returns {"plan_id", "targets", "replaced" (the code existed), "adjusted"
    (cells whose adjustments were re-applied)}. Raises KeyError for an
    unknown unit, indicator or parent plan (see `catalog.save_plan`).
    """
    existed = conn.execute(select(plans.c.id).where(plans.c.code == plan.code)).scalar_one_or_none()
    before = None if existed is None else {
        "targets": len(load_targets(conn, plan_code=plan.code)),
        "title": conn.execute(select(plans.c.title).where(plans.c.id == existed)).scalar_one()}
    plan_id = save_plan(conn, plan, plan_targets, phases, deadlines, actor=actor)
    adjusted = _reapply(conn, plan_id)
    summary = {"plan_id": plan_id, "targets": len(plan_targets), "replaced": existed is not None,
               "adjusted": adjusted}
    record_audit(conn, actor, "import_plan" if existed is None else "reimport_plan", "plan", plan.code,
                 before=before, after={"targets": len(plan_targets), "title": plan.title,
                                       "adjusted": adjusted}, source=source)
    return summary


def adjust_target(
    conn: Connection,
    plan_code: str,
    new: Target,
    *,
    document: str,
    document_date: dt.date,
    actor: str,
    note: str | None = None,
) -> dict:
    """Record a later resolution's figures for one target and put them in force.

    `new` names the cell (indicator, unit, period, kind) and carries the new
    value/min/max/strict. Returns the figures replaced. Raises KeyError when
    the plan, indicator or unit is unknown, and LookupError (Vietnamese) when
    the plan has no such target.
    """
    plan_id = _ids(conn, plans, plans.c.code, plan_code)
    indicator_id = _ids(conn, indicators, indicators.c.code, new.indicator_code)
    unit_id = unit_ids(conn)[new.unit_key]
    row = conn.execute(
        select(targets.c.value, targets.c.min_value, targets.c.max_value, targets.c.strict)
        .where(_cell(plan_id, indicator_id, unit_id, new.period, new.kind)).limit(1)
    ).first()
    if row is None:
        raise LookupError(
            f"Kế hoạch {plan_code} không có chỉ tiêu {new.indicator_code} kỳ {new.period} để điều chỉnh; "
            "hãy nạp kế hoạch trước hoặc kiểm tra mã chỉ tiêu, kỳ."
        )
    previous = {"value": row.value, "min": row.min_value, "max": row.max_value, "strict": bool(row.strict)}
    conn.execute(insert(target_adjustments).values(
        plan_id=plan_id, indicator_id=indicator_id, unit_id=unit_id, period_code=new.period,
        kind=new.kind, value=new.value, min_value=new.min, max_value=new.max, strict=new.strict,
        document=document, document_date=document_date,
        previous=json.dumps(previous, ensure_ascii=False), note=note,
        created_at=dt.datetime.now(dt.timezone.utc), created_by=actor,
    ))
    _reapply(conn, plan_id)
    record_audit(conn, actor, "adjust_target", "target",
                 f"{plan_code}/{new.indicator_code}/{new.unit_key}/{new.period}",
                 before=previous, after={"value": new.value, "min": new.min, "max": new.max,
                                         "document": document, "date": document_date.isoformat()},
                 source=document)
    return previous


def load_adjustments(conn: Connection, plan_code: str | None = None) -> list[Adjustment]:
    """The adjustment history, oldest document first (optionally of one plan)."""
    query = (
        select(target_adjustments, plans.c.code.label("plan_code"),
               indicators.c.code.label("indicator_code"), units.c.code_system,
               units.c.code.label("unit_code"))
        .join(plans, target_adjustments.c.plan_id == plans.c.id)
        .join(indicators, target_adjustments.c.indicator_id == indicators.c.id)
        .join(units, target_adjustments.c.unit_id == units.c.id)
        .order_by(target_adjustments.c.document_date, target_adjustments.c.id)
    )
    if plan_code is not None:
        query = query.where(plans.c.code == plan_code)
    return [
        Adjustment(
            plan_code=r.plan_code, indicator_code=r.indicator_code,
            unit_key=f"{r.code_system}:{r.unit_code}", period=r.period_code, kind=r.kind,
            value=r.value, min=r.min_value, max=r.max_value, strict=bool(r.strict),
            document=r.document, document_date=r.document_date,
            previous=json.loads(r.previous) if r.previous else None, note=r.note,
            created_by=r.created_by, created_at=r.created_at,
        )
        for r in conn.execute(query)
    ]


def plan_committers(conn: Connection, plan_code: str) -> list[tuple[str, dt.datetime]]:
    """Who stored the plan's targets and when (one pair per distinct commit)."""
    rows = conn.execute(
        select(targets.c.created_by, targets.c.created_at).join(plans, targets.c.plan_id == plans.c.id)
        .where(plans.c.code == plan_code).distinct()
    ).all()
    return sorted({(r.created_by, r.created_at) for r in rows}, key=lambda pair: pair[1])
