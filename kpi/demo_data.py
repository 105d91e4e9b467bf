"""The demo catalogue in data/demo/ and the units the demo reports for.

The catalogue (indicators.csv, plans/*.json, agencies.csv, blocks.json) holds
the seed plans' facts; scenario.json holds the invented story that
kpi.demo_actuals turns into reported values. The demo's units are Kiên Giang,
its districts, Phú Quốc's communes and their vn2025 successors, plus the
catalogue's agencies.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from kpi.periods import parse_period

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
PROVINCE_KEY = "vn2004:91"  # Kiên Giang
PHU_QUOC_KEY = "vn2004:911"
_FLOAT_COLUMNS = ("scale", "min_value", "max_value", "tolerance")


@dataclass(frozen=True)
class DemoCatalog:
    """The demo catalogue: indicator rows, plan documents, agencies, emulation blocks, the scenario."""

    indicators: list[dict]
    plans: list[dict]
    agencies: list[dict]
    blocks: list[dict]
    scenario: dict = field(default_factory=dict)

    def indicator(self, code: str) -> dict:
        """The indicator row with this code; raises KeyError when there is none."""
        for row in self.indicators:
            if row["code"] == code:
                return row
        raise KeyError(code)


@dataclass(frozen=True)
class DemoUnit:
    """A unit the demo reports for; `key` is "code_system:code", dates are inclusive."""

    key: str
    level: str
    parent_key: str | None
    valid_from: date | None
    valid_to: date | None
    name: str = ""
    type: str = ""

    def reports(self, period: str) -> bool:
        """True when the last day of `period` (a kpi.periods code) falls inside the unit's validity.

        Raises PeriodError for a code kpi.periods cannot read.
        """
        end = parse_period(period).end
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or end <= self.valid_to)


def _cell(text: str, column: str) -> Any:
    if text == "":
        return None
    if column == "decimals":
        return int(text)
    return float(text) if column in _FLOAT_COLUMNS else text


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: _cell(v, k) for k, v in row.items()} for row in csv.DictReader(f)]


def load_demo_catalog(data_dir: Path | None = None) -> DemoCatalog:
    """Read data/demo (or `data_dir`): empty CSV cells become None, numeric columns numbers.

    Plans come sorted by file name. Raises FileNotFoundError when a file is missing.
    """
    root = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    plans = [json.loads(p.read_text(encoding="utf-8"))
             for p in sorted((root / "plans").glob("*.json"))]
    return DemoCatalog(
        indicators=_read_csv(root / "indicators.csv"),
        plans=plans,
        agencies=_read_csv(root / "agencies.csv"),
        blocks=json.loads((root / "blocks.json").read_text(encoding="utf-8")),
        scenario=json.loads((root / "scenario.json").read_text(encoding="utf-8")),
    )


def demo_units_from_reference(reference_units: Iterable[Any], crosswalk: Iterable[Any]) -> list[DemoUnit]:
    """Kiên Giang, its districts, Phú Quốc's communes and their vn2025 successors.

    `reference_units` carry code_system, code, name, type, level, parent_code,
    valid_from, valid_to (kpi.admin_units.ReferenceUnit); `crosswalk` links carry
    old_level, old_code, new_level, new_code. The successors are Kiên Giang's new
    province and the new commune that took most of Phú Quốc's communes. Units
    missing from `reference_units` are left out.
    """
    units = list(reference_units)
    by_key = {f"{u.code_system}:{u.code}": u for u in units}
    old = [u for u in units if u.code_system == "vn2004"]
    picked = [by_key[PROVINCE_KEY]] if PROVINCE_KEY in by_key else []
    picked += sorted((u for u in old if u.parent_code == "91"), key=lambda u: u.code)
    communes = sorted((u for u in old if u.parent_code == "911"), key=lambda u: u.code)
    picked += communes
    links = list(crosswalk)
    successors = {f"vn2025:{link.new_code}" for link in links
                  if link.old_level == "province" and link.old_code == "91" and link.new_level == "province"}
    # Phú Quốc's communes merged into a few new ones: follow the one most of them went to.
    votes: dict[str, int] = {}
    commune_codes = {c.code for c in communes}
    for link in links:
        if link.old_level == "commune" and link.new_level == "commune" and link.old_code in commune_codes:
            votes[link.new_code] = votes.get(link.new_code, 0) + 1
    if votes:
        successors.add("vn2025:" + min(votes, key=lambda code: (-votes[code], code)))
    picked += [by_key[k] for k in sorted(successors) if k in by_key]
    return [DemoUnit(key=f"{u.code_system}:{u.code}", level=u.level,
                     parent_key=f"{u.code_system}:{u.parent_code}" if u.parent_code else None,
                     valid_from=u.valid_from, valid_to=u.valid_to, name=u.name, type=u.type)
            for u in picked]


def demo_agency_units(catalog: DemoCatalog) -> list[DemoUnit]:
    """The agencies of the catalogue as units ("org:TV-STTTT"), at level "agency"."""
    def day(text: str | None) -> date | None:
        return date.fromisoformat(text) if text else None
    return [DemoUnit(f"org:{a['code']}", "agency", a["parent_unit"], day(a["valid_from"]),
                     day(a["valid_to"]), a["name"], "Cơ quan")
            for a in catalog.agencies]
