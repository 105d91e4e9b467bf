"""Units and their lineage in the store."""
from __future__ import annotations

from typing import Iterable, Sequence

from sqlalchemy import Connection, and_, bindparam, insert, select, update
from sqlalchemy.orm import aliased

from kpi.schema import unit_lineage, units
from kpi.units import Unit

_BATCH = 2000


# Above this many keys, reading every unit is cheaper than a long IN list.
_FILTER_LIMIT = 2000


def _code_filter(query, keys: Iterable[str] | None):
    """Narrow a units query to the codes of `keys` (the caller re-checks the
    code system: codes repeat across systems). Returns (query, wanted keys)."""
    if keys is None:
        return query, None
    wanted = {key for key in keys if key}
    if len(wanted) > _FILTER_LIMIT:
        return query, wanted
    codes = sorted({key.split(":", 1)[1] for key in wanted if ":" in key})
    return query.where(units.c.code.in_(codes)), wanted


def unit_ids(conn: Connection, keys: Iterable[str] | None = None) -> dict[str, int]:
    """Unit key ('code_system:code') → row id, for every unit or just `keys`."""
    query, wanted = _code_filter(select(units.c.id, units.c.code_system, units.c.code), keys)
    found = {f"{system}:{code}": uid for uid, system, code in conn.execute(query)}
    return found if wanted is None else {k: v for k, v in found.items() if k in wanted}


def save_units(conn: Connection, new_units: Sequence[Unit]) -> int:
    """Insert the units not stored yet (by key), then link parents.

    Existing units are left as they are. Returns how many were inserted.
    Raises KeyError when a parent_key names no unit.
    """
    known = unit_ids(conn)
    fresh = [u for u in new_units if u.key not in known]
    for start in range(0, len(fresh), _BATCH):
        conn.execute(
            insert(units),
            [
                {
                    "code_system": u.code_system, "code": u.code, "name": u.name,
                    "type": u.type, "level": u.level,
                    "valid_from": u.valid_from, "valid_to": u.valid_to,
                }
                for u in fresh[start:start + _BATCH]
            ],
        )
    known = unit_ids(conn)
    links = [
        {"uid": known[u.key], "pid": known[u.parent_key]}
        for u in fresh
        if u.parent_key
    ]
    if links:
        conn.execute(
            update(units).where(units.c.id == bindparam("uid")).values(parent_id=bindparam("pid")),
            links,
        )
    return len(fresh)


def save_lineage(
    conn: Connection, links: Iterable[tuple[str, str, str]], effective
) -> int:
    """Store (old key, new key, relation) edges not stored yet; returns the count added."""
    known = unit_ids(conn)
    existing = {
        (a, b) for a, b in conn.execute(select(unit_lineage.c.from_unit_id, unit_lineage.c.to_unit_id))
    }
    rows = []
    for old_key, new_key, relation in links:
        pair = (known[old_key], known[new_key])
        if pair not in existing:
            existing.add(pair)
            rows.append({"from_unit_id": pair[0], "to_unit_id": pair[1],
                         "relation": relation, "effective": effective})
    for start in range(0, len(rows), _BATCH):
        conn.execute(insert(unit_lineage), rows[start:start + _BATCH])
    return len(rows)


def load_units(conn: Connection, keys: Iterable[str] | None = None) -> list[Unit]:
    """All units (or those with the given keys), with their parent's key."""
    parent = aliased(units)
    query = select(
        units.c.code_system, units.c.code, units.c.name, units.c.type, units.c.level,
        parent.c.code_system.label("p_system"), parent.c.code.label("p_code"),
        units.c.valid_from, units.c.valid_to,
    ).outerjoin(parent, units.c.parent_id == parent.c.id).order_by(units.c.id)
    query, wanted = _code_filter(query, keys)
    result = [
        Unit(
            code_system=row.code_system, code=row.code, name=row.name, type=row.type,
            level=row.level,
            parent_key=f"{row.p_system}:{row.p_code}" if row.p_code is not None else None,
            valid_from=row.valid_from, valid_to=row.valid_to,
        )
        for row in conn.execute(query)
    ]
    if wanted is not None:
        result = [u for u in result if u.key in wanted]
    return result


def load_lineage(conn: Connection) -> list[tuple[str, str, str]]:
    """Every lineage edge as (old key, new key, relation)."""
    old, new = aliased(units), aliased(units)
    query = (
        select(old.c.code_system, old.c.code, new.c.code_system, new.c.code, unit_lineage.c.relation)
        .join(old, and_(unit_lineage.c.from_unit_id == old.c.id))
        .join(new, unit_lineage.c.to_unit_id == new.c.id)
    )
    return [(f"{a}:{b}", f"{c}:{d}", rel) for a, b, c, d, rel in conn.execute(query)]
