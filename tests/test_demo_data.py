"""Demo data: the catalogue against the seeds' hand labels, and the generated actuals' invariants."""
from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from kpi.demo_actuals import generate_demo_actuals, report_deadline
from kpi.demo_data import DemoUnit, demo_units_from_reference, load_demo_catalog
from kpi.periods import parse_period

SEED_PLANS = {"000_5ad4baef313c7ace": "KG-2021-2025", "004_f551e7e76508aef6": "PQ-2021"}
# Scale words the labels keep in `unit`; the catalogue stores the canonical measure.
UNIT_FACTORS = {"ngàn tỷ đồng": 1000, "nghìn tỷ đồng": 1000, "triệu lượt": 1_000_000}
# README: for 100 % targets exact and at_least mean the same; a bare exact is compatible with at_least.
COMPATIBLE = {"exact": {"exact", "at_least"}, "at_least": {"at_least", "exact"}}
STANDING_RANK = {"uoc": 0, "so_bo": 1, "chinh_thuc": 2}
TERM_YEARS = [str(y) for y in range(2021, 2026)]


def _labels_dir() -> Path | None:
    candidates = [Path(__file__).resolve().parents[2] / "shared" / "seeds-labels"]
    if os.environ.get("KPI_SHARED_DIR"):
        candidates.append(Path(os.environ["KPI_SHARED_DIR"]) / "seeds-labels")
    return next((p for p in candidates if p.is_dir()), None)


def _label_file(stem: str, kind: str) -> list | dict:
    folder = _labels_dir()
    if folder is None:
        pytest.skip("shared/seeds-labels not found (set KPI_SHARED_DIR to the shared folder)")
    return json.loads((folder / f"{stem}.{kind}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog():
    return load_demo_catalog()


@pytest.fixture(scope="module")
def plans(catalog):
    return {p["code"]: p for p in catalog.plans}


@pytest.fixture(scope="module")
def indicators(catalog):
    return {row["code"]: row for row in catalog.indicators}


@pytest.fixture(scope="module")
def units():
    admin_units = pytest.importorskip("kpi.admin_units")
    return demo_units_from_reference(admin_units.load_reference_units(), admin_units.load_crosswalk())


@pytest.fixture(scope="module")
def actuals(catalog, units):
    return generate_demo_actuals(catalog, units)


@pytest.fixture(scope="module")
def best(actuals):
    """The value that counts per cell: chính thức > sơ bộ > ước, then the latest revision."""
    chosen = {}
    for row in actuals:
        key = (row.indicator_code, row.unit_key, row.period)
        if key not in chosen or (STANDING_RANK[row.standing], row.revision) > (
                STANDING_RANK[chosen[key].standing], chosen[key].revision):
            chosen[key] = row
    return {key: row.value for key, row in chosen.items()}


# --- the catalogue -----------------------------------------------------------------------------

def _matches(label: dict, target: dict, period: str) -> bool:
    factor = UNIT_FACTORS.get(label["unit"] or "", 1)
    scaled = {k: None if label[k] is None else label[k] * factor for k in ("value", "min", "max")}
    return (target["quote"] == label["quote"]
            and target["kind"] in COMPATIBLE.get(label["direction"], {label["direction"]})
            and all(target[k] == pytest.approx(scaled[k]) if scaled[k] is not None else target[k] is None
                    for k in ("value", "min", "max"))
            and target["period"] == period)


@pytest.mark.parametrize("stem", sorted(SEED_PLANS))
def test_every_labelled_target_is_in_the_demo_plan(stem, plans):
    plan = plans[SEED_PLANS[stem]]
    missing = []
    for label in _label_file(stem, "expected"):
        period = label["period"]
        if period.startswith("hằng năm"):
            wanted = [(y, "2021-2025") for y in TERM_YEARS]
        elif period == "2021-2025":  # the horizon: a sum over the term, or a level read on 2025
            wanted = [("2021-2025", "2021-2025") if any(_matches(label, t, "2021-2025") for t in plan["targets"])
                      else ("2025", "2021-2025")]
        else:
            wanted = [(period, None)]
        for year, term in wanted:
            hits = [t for t in plan["targets"] if _matches(label, t, year) and (term is None or t["term"] == term)]
            if not hits:
                missing.append(f"{label['indicator']} @ {year}")
    assert missing == []


def test_relative_targets_carry_their_change_unit_and_baseline(plans):
    for plan in plans.values():
        for t in plan["targets"]:
            if t["kind"] in ("increase_by", "decrease_by"):
                assert t["change_unit"] in ("points", "percent", "absolute", "times"), t
                assert t["baseline_period"], t
    poverty = [t for t in plans["KG-2021-2025"]["targets"] if t["indicator_code"] == "POOR_HOUSEHOLD_RATE"]
    assert {t["change_unit"] for t in poverty} == {"points"}
    growth = [t for t in plans["PQ-2021"]["targets"] if t["kind"] == "increase_by"]
    assert len(growth) == 4 and all(t["change_unit"] == "percent" and t["baseline"] for t in growth)


def test_catalogue_references_resolve(catalog, indicators, plans):
    assert len(indicators) == len(catalog.indicators), "indicator codes must be unique"
    for row in catalog.indicators:
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", row["code"])
        assert row["group"] in ("kinh_te", "xa_hoi", "moi_truong", "quoc_phong_an_ninh", "khac")
        assert row["polarity"] in ("higher", "lower", "band", "boolean")
        assert row["temporal"] in ("flow", "level") and row["frequency"] in ("month", "quarter", "half", "year")
        assert row["aggregation"] in ("sum", "ratio", "count", "none")
        for ref in ("numerator", "denominator", "parent"):
            assert row[ref] is None or row[ref] in indicators, (row["code"], ref)
        if row["aggregation"] == "ratio":
            assert row["numerator"] and row["denominator"] and row["scale"], row["code"]
    for plan in plans.values():
        assert plan["parent_plan"] is None or plan["parent_plan"] in plans
        for t in plan["targets"]:
            assert t["indicator_code"] in indicators, t["indicator_code"]
            assert t["kind"] in ("at_least", "at_most", "range", "exact", "increase_by", "decrease_by",
                                 "decrease_vs_previous", "increase_vs_previous", "boolean")
            assert t["kind"] != "range" or t["min"] < t["max"]


def test_plan_units_and_block_members_exist(catalog, plans):
    admin_units = pytest.importorskip("kpi.admin_units")
    known = {u.key for u in admin_units.load_reference_units()} | {f"org:{a['code']}" for a in catalog.agencies}
    for plan in plans.values():
        assert plan["unit_code"] in known
        assert {t["unit_code"] for t in plan["targets"]} <= known
    block = catalog.blocks[0]
    assert block["code"] in plans and len(block["members"]) == 8
    assert {block["head"], block["deputy"]} <= set(block["members"]) <= known


def test_seed_000_phases_match_the_schedule_labels(plans):
    expected = [{k: p[k] for k in ("name", "start", "end", "content")}
                for p in _label_file("000_5ad4baef313c7ace", "schedule")["phases"]]
    got = [{k: p[k] for k in ("name", "start", "end", "content")} for p in plans["KG-2021-2025"]["phases"]]
    assert got == expected
    assert [p["code"] for p in plans["KG-2021-2025"]["phases"]] == ["2021-D1", "2021-D2", "2021-D3"]


def test_seed_001_deadlines_match_the_schedule_labels(plans):
    dated = [r for r in _label_file("001_f985cad02d80434b", "schedule")["reporting"] if r["deadline"]]
    got = {(d["due"], d["kind"], d["window_start"]) for d in plans["K8-TV-2021"]["deadlines"]}
    assert got == {(r["deadline"], r["deadline_type"], r.get("window_start")) for r in dated}


# --- units -------------------------------------------------------------------------------------

def _ref(system, code, level, parent, name="", type_=""):
    valid_to = date(2025, 6, 30) if system == "vn2004" else None
    valid_from = date(2025, 7, 1) if system == "vn2025" else None
    return SimpleNamespace(code_system=system, code=code, name=name, type=type_, level=level,
                           parent_code=parent, valid_from=valid_from, valid_to=valid_to)


def test_demo_units_pick_kien_giang_phu_quoc_and_their_successors():
    refs = [_ref("vn2004", "91", "province", None), _ref("vn2004", "89", "province", None),
            _ref("vn2004", "899", "district", "91"), _ref("vn2004", "911", "district", "91"),
            _ref("vn2004", "883", "district", "89"), _ref("vn2004", "31078", "commune", "911"),
            _ref("vn2004", "31105", "commune", "911"), _ref("vn2004", "30280", "commune", "883"),
            _ref("vn2025", "91", "province", None), _ref("vn2025", "31078", "commune", "91"),
            _ref("vn2025", "31105", "commune", "91")]
    links = [SimpleNamespace(old_level="province", old_code="91", new_level="province", new_code="91"),
             SimpleNamespace(old_level="commune", old_code="31078", new_level="commune", new_code="31078"),
             SimpleNamespace(old_level="commune", old_code="31105", new_level="commune", new_code="31105"),
             SimpleNamespace(old_level="commune", old_code="31081", new_level="commune", new_code="31078")]
    refs.append(_ref("vn2004", "31081", "commune", "911"))
    keys = [u.key for u in demo_units_from_reference(refs, links)]
    assert keys == ["vn2004:91", "vn2004:899", "vn2004:911", "vn2004:31078", "vn2004:31081", "vn2004:31105",
                    "vn2025:31078", "vn2025:91"]


@pytest.mark.parametrize("period, deadline", [
    ("2021", date(2022, 2, 14)),  # 31/12 + 45 days
    ("2021-H1", date(2021, 7, 30)),  # 30/06 + 30
    ("2021-Q3", date(2021, 10, 20)),  # 30/09 + 20
    ("2021-12", date(2022, 1, 15)),  # 31/12 + 15
    ("2024-02", date(2024, 3, 15)),  # 29/02 (leap year) + 15
])
def test_report_deadline_is_the_period_end_plus_its_grace_days(period, deadline):
    assert report_deadline(period) == deadline


# --- generated actuals -------------------------------------------------------------------------

def test_actuals_are_deterministic_and_small(catalog, units, actuals):
    assert generate_demo_actuals(catalog, units) == actuals
    assert generate_demo_actuals(catalog, units, seed=7) != actuals
    assert 5_000 < len(actuals) < 100_000


def test_district_values_add_up_to_the_province(units, indicators, best):
    districts = [u.key for u in units if u.parent_key == "vn2004:91"]
    cells = defaultdict(dict)
    for (code, unit, period), value in best.items():
        cells[(code, period)][unit] = value
    ever = defaultdict(set)  # a district that reports an indicator at all reports it every period
    for (code, unit, _), _value in best.items():
        if unit in districts:
            ever[code].add(unit)
    checked = Counter()
    for (code, period), by_unit in cells.items():
        row = indicators[code]
        reporting = [d for d in districts if d in by_unit]
        if row["aggregation"] not in ("sum", "count") or not reporting or "vn2004:91" not in by_unit:
            continue
        assert set(reporting) == ever[code], (code, period)
        assert by_unit["vn2004:91"] == pytest.approx(sum(by_unit[d] for d in reporting), abs=1e-6), (code, period)
        checked[row["temporal"]] += 1
    assert checked["flow"] > 500 and checked["level"] > 100


def test_rates_are_ratios_of_summed_components(indicators, best):
    checked = 0
    for (code, unit, period), value in best.items():
        row = indicators[code]
        if row["aggregation"] != "ratio":
            continue
        num, den = best.get((row["numerator"], unit, period)), best.get((row["denominator"], unit, period))
        assert num is not None and den, (code, unit, period)
        assert abs(value - num / den * row["scale"]) <= 0.5 * 10 ** -row["decimals"] + 1e-9, (code, unit, period)
        checked += unit == "vn2004:91"
    assert checked > 50


def test_sub_periods_add_up_to_the_year(indicators, best):
    parts = defaultdict(list)
    for (code, unit, period), value in best.items():
        if parse_period(period).kind in ("month", "quarter", "half"):
            parts[(code, unit, period[:4])].append(value)
    size = {"month": 12, "quarter": 4, "half": 2}
    checked = 0
    for (code, unit, year), values in parts.items():
        if (code, unit, year) in best and len(values) == size[indicators[code]["frequency"]]:
            assert best[(code, unit, year)] == pytest.approx(sum(values), abs=1e-6), (code, unit, year)
            checked += 1
    assert checked > 500


def test_economic_structure_shares_add_up_to_100(best):
    for year in ("2020", "2021", "2022", "2023", "2024"):
        shares = [best[(c, "vn2004:91", year)] for c in
                  ("ECON_SHARE_AGRI", "ECON_SHARE_INDUSTRY_CONSTRUCTION", "ECON_SHARE_SERVICES")]
        assert abs(sum(shares) - 100) <= 0.5


def test_every_revision_respects_the_indicator_bounds(actuals, indicators):
    for row in actuals:
        low, high = indicators[row.indicator_code]["min_value"], indicators[row.indicator_code]["max_value"]
        assert (low is None or row.value >= low) and (high is None or row.value <= high), row


def test_units_report_only_while_valid(actuals):
    reform = date(2025, 7, 1)
    for row in actuals:
        period = parse_period(row.period)
        start, end = period.start, period.end
        if row.unit_key.startswith("vn2004:"):
            assert start < reform and end < reform, row
        if row.unit_key.startswith("vn2025:"):
            assert end >= reform, row
    successor_codes = {(r.unit_key, r.indicator_code) for r in actuals if r.period == "2025"}
    for key in ("vn2025:91", "vn2025:31078"):
        assert len({c for u, c in successor_codes if u == key}) >= 3


def test_revisions_estimates_and_late_reports(actuals):
    history = defaultdict(list)
    for row in actuals:
        history[(row.indicator_code, row.unit_key, row.period)].append(row)
    late, second, monthly_first = 0, 0, Counter()
    for (_, _, period), rows in history.items():
        assert [r.revision for r in rows] == list(range(1, len(rows) + 1))
        assert [r.reported_on for r in rows] == sorted(r.reported_on for r in rows)
        assert [STANDING_RANK[r.standing] for r in rows] == sorted(STANDING_RANK[r.standing] for r in rows)
        late += rows[0].reported_on > report_deadline(period)
        second += len({r.standing for r in rows}) < len(rows)
        if parse_period(period).kind == "month":
            monthly_first[rows[0].standing] += 1
    assert 0.02 < late / len(history) < 0.15
    assert second > 0.03 * len(history)
    assert monthly_first["uoc"] > 0.8 * sum(monthly_first.values())


def test_baselines_in_the_plans_equal_the_2020_actuals(plans, best):
    for t in plans["PQ-2021"]["targets"]:
        if t["baseline"] is not None:
            assert best[(t["indicator_code"], t["unit_code"], t["baseline_period"])] == pytest.approx(t["baseline"])


def test_forest_cover_needs_acceleration_by_2023(best):
    # Open SDG progress ratio (DESIGN.md §6), higher is better.
    y0, y23, target = best[("FOREST_COVER", "vn2004:91", "2020")], best[("FOREST_COVER", "vn2004:91", "2023")], 49
    observed = (y23 / y0) ** (1 / 3) - 1
    required = (target / y0) ** (1 / 5) - 1
    assert 0.60 <= observed / required < 0.95


def test_poverty_falls_by_1_5_to_2_points_in_most_years(best):
    rates = [best[("POOR_HOUSEHOLD_RATE", "vn2004:91", str(y))] for y in range(2020, 2025)]
    drops = [round(a - b, 2) for a, b in zip(rates, rates[1:])]
    assert sum(1.5 <= d <= 2 for d in drops) >= 3 and all(d > 0 for d in drops)


def test_phu_quoc_2021_targets_land_on_several_statuses(catalog, plans, best):
    targets = pytest.importorskip("kpi.targets")
    indicators_mod = pytest.importorskip("kpi.indicators")
    rows = {r["code"]: indicators_mod.Indicator(**r) for r in catalog.indicators}
    statuses = Counter()
    for t in plans["PQ-2021"]["targets"]:
        target = targets.Target(
            indicator_code=t["indicator_code"], unit_key=t["unit_code"], period=t["period"], kind=t["kind"],
            value=t["value"], min=t["min"], max=t["max"], strict=t["strict"], change_unit=t["change_unit"],
            baseline=t["baseline"], baseline_period=t["baseline_period"])
        earlier = best.get((t["indicator_code"], t["unit_code"], t["baseline_period"] or ""))
        actual = best.get((t["indicator_code"], t["unit_code"], t["period"]))
        statuses[targets.assess(target, rows[t["indicator_code"]], actual, previous=earlier).status] += 1
    assert {"exceeded", "met", "nearly", "not_met", "no_data"} <= set(statuses), statuses


def test_hand_made_units_get_values_only_where_the_story_has_them(catalog):
    units = [DemoUnit("vn2004:91", "province", None, None, date(2025, 6, 30)),
             DemoUnit("vn2004:911", "district", "vn2004:91", None, date(2025, 6, 30), "Phú Quốc", "Thành phố"),
             DemoUnit("vn2004:31093", "commune", "vn2004:911", None, date(2025, 6, 30), "Hàm Ninh", "Xã")]
    rows = generate_demo_actuals(catalog, units)
    assert {r.unit_key for r in rows if not r.unit_key.startswith("org:")} == {u.key for u in units}
    assert any(r.indicator_code == "NTM_COMMUNES_NEW" and r.unit_key == "vn2004:31093" and r.period == "2021"
               and r.value == 1 for r in rows)
