"""A province-scale store for the dashboard bench: one province, its communes,
~150 indicators, monthly values 2021–2025 with revisions, yearly targets.

An Giang (vn2025:91, 102 communes in the 2025 code list) reports every month
for every indicator; so does each commune. Flows at the province are the sum
of its communes; levels are rates around 50–95%. A tenth of the values get a
second, revised report ("sơ bộ" after "ước"). The province plan 2021–2025
sets a yearly target for every indicator and a 2025 level for the rates; each
commune's plan sets yearly targets for 40 indicators. Values are inserted with
the DBAPI's executemany (SQLAlchemy Core with dicts is ~3× slower at 1M rows).
Deterministic: random.Random(seed) only.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import Engine, select

from kpi.demo import prepare_store
from kpi.indicators import GROUPS, Indicator
from kpi.plans import Phase, Plan
from kpi.schema import actual_values, indicators as indicators_table, units as units_table
from kpi.store.actuals import create_batch
from kpi.store.catalog import save_indicators, save_plan
from kpi.store.units import load_units
from kpi.targets import Target

PROVINCE_KEY = "vn2025:91"
YEARS = tuple(range(2021, 2026))
COMMUNE_INDICATORS = 40
_GROUPS = tuple(GROUPS)[:4]
_SQLITE_NOW = "2026-01-15 00:00:00.000000"


@dataclass(frozen=True)
class BenchStore:
    """What `build_province_store` wrote."""

    communes: int
    indicators: int
    targets: int
    values: int


def bench_indicators(count: int = 150) -> list[Indicator]:
    """`count` indicators: every fourth a rate (level, %), the rest monthly flows;
    the first flows of each group of four have the next two as components."""
    result = []
    for i in range(1, count + 1):
        code = f"BM{i:03d}"
        group = _GROUPS[i % len(_GROUPS)]
        if i % 4 == 0:
            result.append(Indicator(code, f"Tỷ lệ chỉ tiêu mẫu số {i}", "%", group, "higher",
                                    temporal="level", aggregation="none", frequency="month",
                                    min_value=0, max_value=100, decimals=1))
        else:
            parent = f"BM{i - 1:03d}" if i % 4 in (2, 3) and i > 1 else None
            result.append(Indicator(code, f"Giá trị chỉ tiêu mẫu số {i}", "tỷ đồng", group,
                                    "higher", temporal="flow", aggregation="sum",
                                    frequency="month", parent=parent, min_value=0, decimals=1))
    return result


def _month_codes() -> list[tuple[str, dt.date]]:
    codes = []
    for year in YEARS:
        for month in range(1, 13):
            end = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
            codes.append((f"{year}-{month:02d}", end))
    return codes


def _values(rng, unit_ids, catalogue, batch, author) -> list[tuple]:
    """One (or two, for a revised tenth) rows per unit × indicator × month."""
    now = dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)
    months = _month_codes()
    rows = []
    for ind_id, ind in catalogue:
        rate = ind.temporal == "level"
        for unit_id, weight in unit_ids:
            level = rng.uniform(50, 90) if rate else rng.uniform(5, 50) * weight
            for code, end in months:
                value = (min(99.0, level + rng.uniform(-2, 3)) if rate
                         else level * rng.uniform(0.85, 1.2))
                reported = end + dt.timedelta(days=10)
                rows.append((ind_id, unit_id, code, round(value, 2), "uoc", 1, batch, author,
                             now, reported, None))
                if rng.random() < 0.1:
                    rows.append((ind_id, unit_id, code, round(value * rng.uniform(0.97, 1.03), 2),
                                 "so_bo", 1, batch, author, now,
                                 reported + dt.timedelta(days=20), None))
    return rows


def _plans(rng, catalogue, province, communes, flows_yearly) -> list[tuple]:
    """(plan, targets, phases) for the province and every commune."""
    result = []
    province_targets = []
    for ind in catalogue:
        for year in YEARS:
            if ind.temporal == "flow":
                value = round(flows_yearly[ind.code] * rng.uniform(0.9, 1.1), 0)
                province_targets.append(Target(ind.code, province.key, str(year), "at_least",
                                               value=value, term="2021-2025"))
            else:
                province_targets.append(Target(ind.code, province.key, str(year), "at_least",
                                               value=round(rng.uniform(55, 90), 0),
                                               term="2021-2025"))
    plan = Plan("BM-TINH-2021-2025", "Kế hoạch phát triển kinh tế – xã hội 2021–2025 (bench)",
                "2021-2025", "kt-xh", unit_key=province.key, number="01/KH-UBND")
    phases = [Phase(plan.code, "2024-D1", "Đợt thứ nhất", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
              Phase(plan.code, "2024-D2", "Đợt thứ hai", dt.date(2024, 7, 1), dt.date(2024, 12, 31))]
    result.append((plan, province_targets, phases))
    chosen = catalogue[:COMMUNE_INDICATORS]
    for commune in communes:
        targets = []
        for ind in chosen:
            for year in YEARS:
                if ind.temporal == "flow":
                    value = round(flows_yearly[(ind.code, commune.key)] * rng.uniform(0.9, 1.1), 1)
                else:
                    value = round(rng.uniform(55, 90), 0)
                targets.append(Target(ind.code, commune.key, str(year), "at_least", value=value,
                                      term="2021-2025"))
        result.append((Plan(f"BM-XA-{commune.code}", f"Kế hoạch {commune.full_name} 2021–2025",
                            "2021-2025", "kt-xh", unit_key=commune.key,
                            parent_plan=plan.code), targets, []))
    return result


def build_province_store(engine: Engine, communes: int = 102, indicators: int = 150,
                         seed: int = 2025) -> BenchStore:
    """Fill an empty store (schema upgraded here) with the bench province.

    `communes` caps how many of An Giang's communes report (102 = all).
    """
    rng = random.Random(seed)
    prepare_store(engine)
    catalogue = bench_indicators(indicators)
    with engine.connect() as conn:
        everyone = load_units(conn)
    province = next(u for u in everyone if u.key == PROVINCE_KEY)
    chosen = sorted((u for u in everyone if u.parent_key == PROVINCE_KEY), key=lambda u: u.code)
    chosen = chosen[:communes]
    with engine.begin() as conn:
        save_indicators(conn, catalogue)
        ids = dict(conn.execute(select(indicators_table.c.code, indicators_table.c.id)).all())
        unit_id = {key: uid for uid, key in conn.execute(
            select(units_table.c.id, units_table.c.code_system + ":" + units_table.c.code))}
        batch = create_batch(conn, author="bench", source="bench/province_store.py", kind="cli")
        commune_rows = [(unit_id[c.key], 1.0) for c in chosen]
        values = _values(rng, commune_rows, [(ids[i.code], i) for i in catalogue], batch, "bench")
        # The province reports its own figures: flows about the sum of its communes.
        values += _values(rng, [(unit_id[province.key], float(len(chosen)))],
                          [(ids[i.code], i) for i in catalogue], batch, "bench")
        columns = ("indicator_id", "unit_id", "period_code", "value", "standing", "revision",
                   "batch_id", "author", "recorded_at", "reported_on", "note")
        sqlite = engine.dialect.name == "sqlite"
        mark = "?" if sqlite else "%s"
        statement = (f"INSERT INTO {actual_values.name} ({', '.join(columns)}) "
                     f"VALUES ({', '.join([mark] * len(columns))})")
        cursor = conn.connection.driver_connection.cursor()
        for start in range(0, len(values), 100_000):
            chunk = values[start:start + 100_000]
            if sqlite:  # the text forms SQLAlchemy's SQLite types read back
                chunk = [row[:8] + (_SQLITE_NOW, row[9].isoformat(), None) for row in chunk]
            cursor.executemany(statement, chunk)
        # Yearly flow levels for plausible targets: 12 months of the mean level.
        flows_yearly = {}
        by_cell: dict[tuple[int, int], list[float]] = {}
        for row in values:
            by_cell.setdefault((row[0], row[1]), []).append(row[3])
        code_of = {v: k for k, v in ids.items()}
        key_of = {v: k for k, v in unit_id.items()}
        for (ind_id, uid), cell in by_cell.items():
            yearly = sum(cell) / len(cell) * 12
            flows_yearly[(code_of[ind_id], key_of[uid])] = yearly
            if key_of[uid] == PROVINCE_KEY:
                flows_yearly[code_of[ind_id]] = yearly
        target_count = 0
        for plan, targets, phases in _plans(rng, catalogue, province, chosen, flows_yearly):
            save_plan(conn, plan, targets, phases, actor="bench")
            target_count += len(targets)
    return BenchStore(len(chosen), len(catalogue), target_count, len(values))
