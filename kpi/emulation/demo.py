"""The demo's emulation block: seed 001's Khối 8 of Trà Vinh, 2020 and 2021.

data/demo/blocks.json names the 2021 block (members, head, deputy, plan);
data/demo/emulation/ adds what the seed leaves to the members and the
council: the indicators members register (indicators.csv), each member's
registration, the reports they sent for 2020 (baselines) and 2021 (dates
chosen so that some are late, one is missing, one incomplete, one revised
after the deadline), the council's scores and the scoring scheme. A block of
another year (with its own plan and deadlines) can be added to K8-TV.json the
same way. Everything there is invented for the demo and says so.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from sqlalchemy import Connection

from kpi.actuals import ActualRecord
from kpi.emulation.blocks import Block, CouncilScore, validate_block
from kpi.emulation.registration import REGISTRATION_KIND, registration_plan_code
from kpi.emulation.scheme import dump_scheme, parse_scheme
from kpi.indicators import Indicator
from kpi.plans import Deadline, Plan
from kpi.store.actuals import create_batch, insert_actuals
from kpi.store.blocks import save_block, save_council_scores, save_scheme, set_registration_plan
from kpi.store.catalog import save_indicators, save_plan
from kpi.targets import Target

DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "demo" / "emulation"
ACTOR = "demo"
SOURCE = "Dữ liệu minh họa khối thi đua (đăng ký, báo cáo)"
_FLOATS = ("scale", "min_value", "max_value", "tolerance")


def _indicators(path: Path) -> list[Indicator]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        values = {k: (v if v != "" else None) for k, v in row.items()}
        for key in _FLOATS:
            values[key] = float(values[key]) if values[key] is not None else None
        values["decimals"] = int(values["decimals"]) if values["decimals"] is not None else None
        values["group"] = values.pop("group")
        out.append(Indicator(**values))
    return out


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _plan(doc: dict) -> tuple[Plan, list[Deadline]]:
    plan = Plan(code=doc["code"], title=doc["title"], period=doc["period"], kind=doc["kind"],
                unit_key=doc.get("unit_code"), number=doc.get("number"),
                issuer=doc.get("issuer"), issued_on=_date(doc.get("issued_on")),
                source=doc.get("source"))
    deadlines = [Deadline(doc["code"], d["code"], d["what"], d.get("period"), _date(d.get("due")),
                          d.get("kind", "before")) for d in doc.get("deadlines", [])]
    return plan, deadlines


def _target(unit: str, year: int, plan_code: str, spec: list) -> Target:
    code, kind, value = spec[0], spec[1], spec[2]
    relative = kind in ("increase_by", "decrease_by")
    return Target(indicator_code=code, unit_key=unit, period=str(year), kind=kind, value=value,
                  change_unit=spec[3] if relative else None,
                  baseline_period=spec[4] if relative and len(spec) > 4 else None,
                  plan_code=plan_code, quote="Đơn vị đăng ký thi đua (dữ liệu minh họa)")


def _reports(specs: list[dict]) -> list[ActualRecord]:
    revisions: dict[tuple, int] = {}
    records = []
    for spec in specs:
        for code, value in spec["values"].items():
            cell = (code, spec["unit"], spec["period"], spec["standing"])
            revisions[cell] = revisions.get(cell, 0) + 1
            records.append(ActualRecord(code, spec["unit"], spec["period"], float(value),
                                        spec["standing"], revisions[cell], _date(spec["on"]),
                                        "Cán bộ thi đua (minh họa)"))
    return records


def load_emulation_demo(conn: Connection, blocks_json: list[dict],
                        data_dir: Path | None = None) -> dict[str, int]:
    """Store the demo blocks with registrations, reports, council scores and
    scheme, in the caller's transaction; returns counts by kind.

    `blocks_json` is data/demo/blocks.json (kpi.demo_data.DemoCatalog.blocks);
    its plans and the agencies must already be stored. Raises KeyError for a
    unit, indicator or plan the store lacks.
    """
    root = Path(data_dir) if data_dir is not None else DEMO_DIR
    story = json.loads((root / "K8-TV.json").read_text(encoding="utf-8"))
    scheme = dump_scheme(parse_scheme((root / story["scheme"]).read_text(encoding="utf-8")))
    save_indicators(conn, _indicators(root / "indicators.csv"))
    seed_block = {b["code"]: b for b in blocks_json}
    counts = {"blocks": 0, "registrations": 0, "targets": 0, "actuals": 0}
    for code, extra in story["blocks"].items():
        base = seed_block.get(code) or seed_block[next(iter(seed_block))]
        if "plan" in extra:
            plan, deadlines = _plan(extra["plan"])
            save_plan(conn, plan, [], deadlines=deadlines, actor=ACTOR)
        block = validate_block(Block(
            code=code, name=extra.get("name", base["name"]), year=extra.get("year", base["year"]),
            members=tuple(base["members"]), head=base["head"], deputy=base["deputy"],
            plan_code=extra["plan"]["code"] if "plan" in extra else base["plan_code"],
            registration_deadline=_date(extra.get("registration_deadline")),
            series=story["series"], note=extra.get("note") or base.get("note")))
        save_block(conn, block, actor=ACTOR)
        save_scheme(conn, code, scheme)
        counts["blocks"] += 1
        for unit, specs in story["registrations"].get(code, {}).items():
            plan_code = registration_plan_code(block, unit)
            targets = [_target(unit, block.year, plan_code, spec) for spec in specs]
            save_plan(conn, Plan(plan_code, f"Đăng ký thi đua năm {block.year} (minh họa)",
                                 str(block.year), REGISTRATION_KIND, unit_key=unit,
                                 issued_on=block.registration_deadline,
                                 parent_plan=block.plan_code, source=SOURCE),
                      targets, actor=ACTOR)
            set_registration_plan(conn, code, unit, plan_code)
            counts["registrations"] += 1
            counts["targets"] += len(targets)
        save_council_scores(conn, code, [
            CouncilScore(unit, criterion, points)
            for unit, scores in story["council"].get(code, {}).items()
            for criterion, points in scores.items()
        ], actor=ACTOR)
    batch = create_batch(conn, author=ACTOR, source=SOURCE, kind="demo")
    counts["actuals"] = insert_actuals(conn, batch, _reports(story["reports"]))
    return counts
