"""The units a view covers: a locality, the units it was made of before the
2025 reform (for periods that start before it), and their children.

A plan of 2021–2025 names units that no longer exist: viewing today's An
Giang for 2023 shows the targets Kiên Giang's plan set, labelled as the
former unit, because old targets stay on old units (DESIGN §6).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from kpi.names import vi_sort_key
from kpi.periods import Period
from kpi.store.queries import child_units, lineage, units_by_key
from kpi.units import REFORM_DATE, Unit


@dataclass(frozen=True)
class Scope:
    """`unit` and its `predecessors` (same level), then `children` of both,
    each list in Vietnamese name order."""

    unit: Unit
    predecessors: tuple[Unit, ...]
    children: tuple[Unit, ...]

    @property
    def own_keys(self) -> list[str]:
        """The unit and its predecessors."""
        return [self.unit.key] + [u.key for u in self.predecessors]

    @property
    def keys(self) -> list[str]:
        """Every unit of the scope."""
        return self.own_keys + [u.key for u in self.children]

    @property
    def columns(self) -> list[tuple[str, str]]:
        """(key, label) in display order: the unit, its predecessors, the children."""
        units = (self.unit,) + self.predecessors + self.children
        return [(u.key, u.label()) for u in units]

    @property
    def label(self) -> str:
        """The unit's name as a title says it."""
        return self.unit.label()


def _sorted(units) -> tuple[Unit, ...]:
    return tuple(sorted(units, key=lambda u: vi_sort_key(u.name)))


def scope_units(conn: Connection, unit_key: str, period: Period, *, children: bool = True) -> Scope:
    """The scope of `unit_key` for `period`. Raises KeyError, in Vietnamese,
    for a unit that is not stored."""
    found = units_by_key(conn, [unit_key])
    if unit_key not in found:
        raise KeyError(f"Không tìm thấy đơn vị {unit_key}: chọn lại địa bàn.")
    uid, unit = found[unit_key]
    predecessors: tuple[Unit, ...] = ()
    olds: list[int] = []
    if period.start < REFORM_DATE:
        old_units = units_by_key(conn, {old for old, _new, _rel in lineage(conn, into=[uid])})
        same_level = [(i, u) for i, u in old_units.values() if u.level == unit.level]
        predecessors = _sorted(u for _i, u in same_level)
        olds = [i for i, _u in same_level]
    kids: tuple[Unit, ...] = ()
    if children:
        # Today's children first (statistics offices recompute old years on
        # the new boundaries), then those of the units it was made of.
        kids = _sorted(u for _i, u in child_units(conn, [uid]))
        kids += _sorted(u for _i, u in child_units(conn, olds))
    return Scope(unit, predecessors, kids)
