"""Setting up a store: reference units, then the demo built from the seed plans.

`prepare_store` creates or upgrades the schema and loads the administrative
units (idempotent). `load_demo` adds the demo catalogue, plans and actual
values once; a store that already holds a demo batch is left as it is.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select

from kpi.admin_units import load_crosswalk, load_reference_units
from kpi.db import upgrade
from kpi.demo_actuals import generate_demo_actuals
from kpi.demo_data import demo_units_from_reference, load_demo_catalog
from kpi.emulation.demo import load_emulation_demo
from kpi.indicators import Indicator
from kpi.plans import Deadline, Phase, Plan
from kpi.schema import upload_batches
from kpi.store.actuals import create_batch, insert_actuals
from kpi.store.audit import record_audit
from kpi.store.catalog import save_indicators, save_plan
from kpi.store.units import save_lineage, save_units
from kpi.targets import Target
from kpi.units import REFORM_DATE, Unit

DEMO_ACTOR = "demo"
DEMO_SOURCE = "Dữ liệu minh họa (từ các kế hoạch mẫu)"


@dataclass(frozen=True)
class DemoSummary:
    """What `load_demo` stored (all zero when the demo was already there)."""

    indicators: int
    plans: int
    targets: int
    actuals: int


def prepare_store(engine: Engine) -> int:
    """Create or upgrade the schema and load the reference units and lineage.

    Returns how many units were added (0 when they were already there).
    """
    upgrade(engine)
    reference = load_reference_units()
    with engine.begin() as conn:
        added = save_units(conn, reference)
        if added:
            links = [(l.old_key, l.new_key, l.relation) for l in load_crosswalk()]
            save_lineage(conn, links, REFORM_DATE)
    return added


def _number(text: str | None, kind=float):
    return kind(text) if text not in (None, "") else None


def _indicator(row: dict) -> Indicator:
    return Indicator(
        code=row["code"], name=row["name"], name_en=row.get("name_en") or None,
        measure=row["measure"], group=row["group"], polarity=row["polarity"],
        temporal=row["temporal"], aggregation=row["aggregation"],
        numerator=row.get("numerator") or None, denominator=row.get("denominator") or None,
        scale=_number(row.get("scale")), parent=row.get("parent") or None,
        frequency=row["frequency"], min_value=_number(row.get("min_value")),
        max_value=_number(row.get("max_value")), decimals=_number(row.get("decimals"), int),
        tolerance=_number(row.get("tolerance")),
    )


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _plan_parts(doc: dict) -> tuple[Plan, list[Target], list[Phase], list[Deadline]]:
    plan = Plan(
        code=doc["code"], title=doc["title"], period=doc["period"], kind=doc["kind"],
        unit_key=doc.get("unit_code"), number=doc.get("number"), issuer=doc.get("issuer"),
        issued_on=_date(doc.get("issued_on")), parent_plan=doc.get("parent_plan"),
        source=doc.get("source"),
    )
    targets = [
        Target(
            indicator_code=t["indicator_code"], unit_key=t["unit_code"], period=t["period"],
            kind=t["kind"], value=t.get("value"), min=t.get("min"), max=t.get("max"),
            strict=bool(t.get("strict")), change_unit=t.get("change_unit"),
            baseline=t.get("baseline"), baseline_period=t.get("baseline_period"),
            term=t.get("term"), places=t.get("places"), plan_code=doc["code"],
            quote=t.get("quote"),
        )
        for t in doc.get("targets", [])
    ]
    phases = [
        Phase(plan_code=doc["code"], code=p["code"], name=p["name"],
              start=_date(p["start"]), end=_date(p["end"]), content=p.get("content"))
        for p in doc.get("phases", [])
    ]
    deadlines = [
        Deadline(plan_code=doc["code"], code=d["code"], what=d["what"], period=d.get("period"),
                 due=_date(d.get("due")), kind=d.get("kind", "before"),
                 window_start=_date(d.get("window_start")), note=d.get("note"))
        for d in doc.get("deadlines", [])
    ]
    return plan, targets, phases, deadlines


def _agencies(catalog) -> list[Unit]:
    return [
        Unit(code_system="org", code=a["code"], name=a["name"], type="Cơ quan",
             level="agency", parent_key=None,
             valid_from=_date(a.get("valid_from")), valid_to=_date(a.get("valid_to")))
        for a in catalog.agencies
    ]


def has_demo(engine: Engine) -> bool:
    """True when a demo batch is stored."""
    with engine.connect() as conn:
        found = conn.execute(
            select(upload_batches.c.id).where(upload_batches.c.kind == "demo").limit(1)
        ).first()
    return found is not None


def load_demo(engine: Engine) -> DemoSummary:
    """Load the demo (catalogue, plans, actual values) in one transaction, once.

    Calls `prepare_store` first. Nothing is written when a demo batch exists.
    """
    prepare_store(engine)
    if has_demo(engine):
        return DemoSummary(0, 0, 0, 0)
    catalog = load_demo_catalog()
    indicators = [_indicator(row) for row in catalog.indicators]
    demo_units = demo_units_from_reference(load_reference_units(), load_crosswalk())
    actuals = generate_demo_actuals(catalog, demo_units)
    with engine.begin() as conn:
        save_units(conn, _agencies(catalog))
        save_indicators(conn, indicators)
        target_count = 0
        # Parents first: a city plan cites its province's plan.
        for doc in sorted(catalog.plans, key=lambda d: d.get("parent_plan") is not None):
            plan, targets, phases, deadlines = _plan_parts(doc)
            save_plan(conn, plan, targets, phases, deadlines, actor=DEMO_ACTOR)
            target_count += len(targets)
        batch = create_batch(conn, author=DEMO_ACTOR, source=DEMO_SOURCE, kind="demo")
        count = insert_actuals(conn, batch, actuals)
        load_emulation_demo(conn, catalog.blocks)  # seed 001's block: registrations, reports, scheme
        record_audit(conn, DEMO_ACTOR, "load_demo", "upload_batch", str(batch),
                     after={"indicators": len(indicators), "plans": len(catalog.plans),
                            "targets": target_count, "actuals": count},
                     batch_id=batch, source=DEMO_SOURCE)
    return DemoSummary(len(indicators), len(catalog.plans), target_count, count)
