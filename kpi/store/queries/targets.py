"""The targets a period can show, by the period codes that can be due in it
or still running, and what the catalogue needs from the targets table."""
from __future__ import annotations

from typing import Sequence

from sqlalchemy import Connection, and_, bindparam, func, or_, select
from sqlalchemy.orm import aliased

from kpi.schema import indicators as indicators_table
from kpi.schema import plans, targets, units
from kpi.store.catalog import target_from_row
from kpi.targets import Target


def period_targets(
    conn: Connection,
    *,
    unit_ids: Sequence[int],
    due_codes: Sequence[str],
    running_terms: Sequence[str] = (),
    later_codes: Sequence[str] = (),
    plan_code: str | None = None,
    indicator_ids: Sequence[int] | None = None,
) -> list[Target]:
    """Targets of the units whose period is one of `due_codes`, or whose term
    is one of `running_terms` and period one of `later_codes`; optionally of
    one plan and some indicators. In stored order."""
    if not unit_ids:
        return []
    wanted = targets.c.period_code.in_(bindparam("due", list(due_codes), expanding=True))
    if running_terms and later_codes:
        # kpi.scorecard.select_targets drops a running target when the same plan
        # has one due in the period for the indicator and unit: so does SQL.
        due = aliased(targets)
        blocked = select(due.c.id).where(
            due.c.plan_id == targets.c.plan_id, due.c.indicator_id == targets.c.indicator_id,
            due.c.unit_id == targets.c.unit_id,
            due.c.period_code.in_(bindparam("due2", list(due_codes), expanding=True)),
        ).exists()
        wanted = or_(wanted, and_(
            targets.c.term_code.in_(bindparam("terms", list(running_terms), expanding=True)),
            targets.c.period_code.in_(bindparam("later", list(later_codes), expanding=True)),
            ~blocked,
        ))
    query = (
        select(targets, indicators_table.c.code.label("indicator_code"), units.c.code_system,
               units.c.code.label("unit_code"), plans.c.code.label("plan_code"))
        .join(indicators_table, targets.c.indicator_id == indicators_table.c.id)
        .join(units, targets.c.unit_id == units.c.id)
        .join(plans, targets.c.plan_id == plans.c.id)
        .where(targets.c.unit_id.in_(bindparam("uids", list(unit_ids), expanding=True)), wanted)
        .order_by(targets.c.id)
    )
    if plan_code is not None:
        query = query.where(plans.c.code == plan_code)
    if indicator_ids is not None:
        query = query.where(targets.c.indicator_id.in_(
            bindparam("iids", list(indicator_ids), expanding=True)))
    return [target_from_row(row) for row in conn.execute(query)]


def target_periods(conn: Connection) -> tuple[list[str], list[str]]:
    """(every distinct period code of a target, every distinct term code)."""
    periods = select(targets.c.period_code).distinct()
    terms = select(targets.c.term_code).where(targets.c.term_code.is_not(None)).distinct()
    return (sorted(row[0] for row in conn.execute(periods)),
            sorted(row[0] for row in conn.execute(terms)))


def indicator_ids(conn: Connection) -> dict[str, int]:
    """Indicator code → row id."""
    return dict(conn.execute(select(indicators_table.c.code, indicators_table.c.id)).all())



def target_indicators(conn: Connection, unit_ids: Sequence[int],
                      plan_code: str | None = None) -> list[int]:
    """Ids of the indicators some target of the units (of one plan) is set
    for, in the order the plans first list them."""
    if not unit_ids:
        return []
    first = func.min(targets.c.id)
    query = (select(targets.c.indicator_id, first)
             .where(targets.c.unit_id.in_(bindparam("uids", list(unit_ids), expanding=True)))
             .group_by(targets.c.indicator_id).order_by(first))
    if plan_code is not None:
        query = query.join(plans, targets.c.plan_id == plans.c.id).where(plans.c.code == plan_code)
    return [row[0] for row in conn.execute(query)]
