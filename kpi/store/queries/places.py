"""Units by key, their children and their lineage, read by id (the
foundation's load_units reads all 14.000 units each time)."""
from __future__ import annotations

from typing import Iterable, Sequence

from sqlalchemy import Connection, bindparam, or_, select, tuple_
from sqlalchemy.orm import aliased

from kpi.schema import actual_values, targets, unit_lineage, units
from kpi.units import Unit

_AV = actual_values.c


def _unit_query():
    parent = aliased(units)
    return select(
        units.c.id, units.c.code_system, units.c.code, units.c.name, units.c.type,
        units.c.level, parent.c.code_system.label("p_system"), parent.c.code.label("p_code"),
        units.c.valid_from, units.c.valid_to,
    ).outerjoin(parent, units.c.parent_id == parent.c.id)


def _unit(row) -> Unit:
    return Unit(row.code_system, row.code, row.name, row.type, row.level,
                f"{row.p_system}:{row.p_code}" if row.p_code is not None else None,
                row.valid_from, row.valid_to)


def units_by_key(conn: Connection, keys: Iterable[str]) -> dict[str, tuple[int, Unit]]:
    """Key → (row id, Unit) for the stored units among `keys`."""
    pairs = sorted({tuple(key.split(":", 1)) for key in keys})
    if not pairs:
        return {}
    rows = conn.execute(_unit_query().where(
        tuple_(units.c.code_system, units.c.code).in_(pairs)))
    return {(u := _unit(row)).key: (row.id, u) for row in rows}


def child_units(conn: Connection, parent_ids: Sequence[int]) -> list[tuple[int, Unit]]:
    """(row id, Unit) of the units directly under the given ones."""
    if not parent_ids:
        return []
    rows = conn.execute(_unit_query().where(
        units.c.parent_id.in_(bindparam("pids", list(parent_ids), expanding=True))))
    return [(row.id, _unit(row)) for row in rows]


def units_with_targets(conn: Connection) -> list[tuple[int, Unit]]:
    """(row id, Unit) of every unit some target is set for."""
    having = select(targets.c.unit_id).distinct().scalar_subquery()
    return [(row.id, _unit(row)) for row in conn.execute(_unit_query().where(units.c.id.in_(having)))]


def units_with_values(conn: Connection, unit_ids: Sequence[int]) -> set[int]:
    """The ids among `unit_ids` that have at least one stored value."""
    if not unit_ids:
        return set()
    found = select(_AV.id).where(_AV.unit_id == units.c.id).exists()
    query = select(units.c.id).where(
        units.c.id.in_(bindparam("ids", list(unit_ids), expanding=True)), found)
    return {row[0] for row in conn.execute(query)}


def lineage(
    conn: Connection, *, into: Sequence[int] = (), out_of: Sequence[int] = ()
) -> list[tuple[str, str, str]]:
    """(old key, new key, relation) edges into the units `into` and out of
    the units `out_of` (row ids)."""
    if not into and not out_of:
        return []
    old, new = aliased(units), aliased(units)
    query = (
        select(old.c.code_system, old.c.code, new.c.code_system, new.c.code,
               unit_lineage.c.relation)
        .join(old, unit_lineage.c.from_unit_id == old.c.id)
        .join(new, unit_lineage.c.to_unit_id == new.c.id)
        .where(or_(
            unit_lineage.c.to_unit_id.in_(bindparam("into", list(into), expanding=True)),
            unit_lineage.c.from_unit_id.in_(bindparam("out", list(out_of), expanding=True)),
        ))
    )
    return [(f"{a}:{b}", f"{c}:{d}", rel) for a, b, c, d, rel in conn.execute(query)]
