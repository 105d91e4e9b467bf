"""Units read from the store as an upload names them, not all 14.000 at once.

A workbook names a few hundred units at most; reading every unit of both
code systems costs a third of a second, which every rerun of the upload page
would pay. `UnitDirectory` reads the units with given codes in one query
(`prefetch`) or one by one when asked, and all of them only when something
iterates it (matching by name).
"""
from __future__ import annotations

from typing import Iterable, Iterator, Mapping

from sqlalchemy import Connection

from kpi.store.units import load_units
from kpi.store.uploads import units_with_codes
from kpi.units import Unit


class UnitDirectory(Mapping[str, Unit]):
    """Units by key, read from the store as they are asked for (a file names a
    few hundred of the 14.000); iterating reads them all. Valid while the
    connection it was given is open."""

    def __init__(self, conn: Connection):
        self._conn = conn
        self._known: dict[str, Unit | None] = {}
        self._complete = False

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the units with these keys in one query (absent ones are remembered)."""
        missing = {k for k in keys if k not in self._known} if not self._complete else set()
        if not missing:
            return
        for unit in units_with_codes(self._conn, {k.split(":", 1)[1] for k in missing}):
            self._known[unit.key] = unit
        for key in missing:
            self._known.setdefault(key, None)

    def values_for(self, keys: Iterable[str]) -> list[Unit]:
        """The units with these keys that exist, read in one query."""
        keys = list(keys)
        self.prefetch(keys)
        return [self._known[k] for k in keys if self._known.get(k) is not None]

    def _all(self) -> dict[str, Unit | None]:
        if not self._complete:
            self._known.update({u.key: u for u in load_units(self._conn)})
            self._complete = True
        return self._known

    def __getitem__(self, key: str) -> Unit:
        if key not in self._known and not self._complete:
            self.prefetch([key])
        found = self._known.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter([k for k, u in self._all().items() if u is not None])

    def __len__(self) -> int:
        return sum(u is not None for u in self._all().values())


class Parents(Mapping[str, str | None]):
    """Unit key → parent key, through a UnitDirectory."""

    def __init__(self, units: Mapping[str, Unit]):
        self._units = units

    def __getitem__(self, key: str) -> str | None:
        return self._units[key].parent_key

    def get(self, key, default=None):
        return self._units[key].parent_key if key in self._units else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._units)

    def __len__(self) -> int:
        return len(self._units)
