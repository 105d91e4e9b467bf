"""The dashboards' aggregate reads (kpi.store.queries) on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from kpi.actuals import STANDINGS, ActualRecord, best_record
from kpi.indicators import Indicator
from kpi.plans import Plan
from kpi.schema import upload_batches
from kpi.store.actuals import create_batch, insert_actuals
from kpi.store.catalog import save_indicators, save_plan
from kpi.store.queries import (
    STANDING_RANK, best_values, child_units, data_version, indicator_ids, lineage, month_totals,
    period_targets, reports_received, target_indicators, target_periods, units_by_key,
    units_with_targets, units_with_values, value_history,
)
from kpi.store.units import save_lineage, save_units
from kpi.targets import Target
from kpi.units import REFORM_DATE, Unit

KG = Unit("vn2004", "91", "Kiên Giang", "Tỉnh", "province", None, None, dt.date(2025, 6, 30))
PQ = Unit("vn2004", "911", "Phú Quốc", "Thành phố", "district", "vn2004:91", None,
          dt.date(2025, 6, 30))
AG = Unit("vn2025", "91", "An Giang", "Tỉnh", "province", None, REFORM_DATE, None)
REVENUE = Indicator("REVENUE", "Thu ngân sách", "tỷ đồng", "kinh_te", "higher", temporal="flow",
                    aggregation="sum", frequency="month")
LATE = dt.date(2030, 1, 1)


@pytest.fixture
def store(fresh_engine):
    with fresh_engine.begin() as conn:
        save_units(conn, [KG, PQ, AG])
        save_lineage(conn, [(KG.key, AG.key, "whole")], REFORM_DATE)
        save_indicators(conn, [REVENUE])
    return fresh_engine


def _ids(conn):
    units = {key: uid for key, (uid, _u) in units_by_key(conn, [KG.key, PQ.key, AG.key]).items()}
    return units, indicator_ids(conn)["REVENUE"]


def _add(engine, records, rolled_back=False):
    with engine.begin() as conn:
        batch = create_batch(conn, author="test", source="bao-cao.xlsx", kind="upload")
        insert_actuals(conn, batch, records)
        if rolled_back:
            conn.execute(update(upload_batches).where(upload_batches.c.id == batch)
                         .values(status="rolled_back"))


def _r(period, value, standing, revision, day=dt.date(2022, 1, 10), unit=KG.key):
    return ActualRecord("REVENUE", unit, period, value, standing, revision, day, "Cán bộ")


def test_standing_ranks_follow_kpi_actuals():
    assert sorted(STANDING_RANK, key=STANDING_RANK.get) == list(STANDINGS)


@pytest.mark.parametrize("revisions, rolled_back, as_of, expected", [
    ([("uoc", 1, 10.0), ("so_bo", 1, 11.0)], [], LATE, (11.0, "so_bo")),
    ([("so_bo", 1, 11.0), ("so_bo", 2, 12.0)], [], LATE, (12.0, "so_bo")),
    ([("chinh_thuc", 1, 13.0), ("uoc", 5, 9.0)], [], LATE, (13.0, "chinh_thuc")),
    ([("uoc", 1, 10.0)], [("chinh_thuc", 1, 99.0)], LATE, (10.0, "uoc")),
    ([("uoc", 1, 10.0), ("so_bo", 1, 11.0)], [], dt.date(2022, 1, 15), (10.0, "uoc")),
    ([("uoc", 1, 10.0)], [], dt.date(2021, 12, 31), None),
])
def test_best_value_is_the_revision_that_counts(store, revisions, rolled_back, as_of, expected):
    days = {"uoc": dt.date(2022, 1, 10), "so_bo": dt.date(2022, 2, 1),
            "chinh_thuc": dt.date(2022, 4, 1)}
    _add(store, [_r("2021-12", v, s, n, days[s]) for s, n, v in revisions])
    if rolled_back:
        _add(store, [_r("2021-12", v, s, n + 10, days[s]) for s, n, v in rolled_back], True)
    with store.connect() as conn:
        units, ind = _ids(conn)
        found = best_values(conn, unit_ids=[units[KG.key]], indicator_ids=[ind], as_of=as_of,
                            period_codes=["2021-12"])
    assert [(v.value, v.standing) for v in found] == ([expected] if expected else [])
    if expected:  # the same choice as kpi.actuals.best_record
        chosen = best_record([_r("2021-12", v, s, n) for s, n, v in revisions])
        assert as_of < LATE or (chosen.value, chosen.standing) == expected


def test_best_values_by_years_take_every_code_of_those_years(store):
    _add(store, [_r("2021", 100.0, "uoc", 1), _r("2021-Q1", 30.0, "uoc", 1),
                 _r("2021-06", 9.0, "uoc", 1), _r("2022-01", 8.0, "uoc", 1),
                 _r("2020-12", 7.0, "uoc", 1)])
    with store.connect() as conn:
        units, ind = _ids(conn)
        found = best_values(conn, unit_ids=[units[KG.key]], indicator_ids=[ind], as_of=LATE,
                            first_year=2021, last_year=2021)
    assert sorted(v.period for v in found) == ["2021", "2021-06", "2021-Q1"]


def test_month_totals_sum_the_counting_months_of_each_year(store):
    records = [_r(f"2021-{m:02d}", float(m), "uoc", 1) for m in range(1, 13)]
    records += [_r("2021-03", 30.0, "so_bo", 1), _r("2021-Q1", 1000.0, "uoc", 1)]
    records += [_r(f"2022-{m:02d}", 1.0, "so_bo", 1) for m in range(1, 12)]
    _add(store, records)
    with store.connect() as conn:
        units, ind = _ids(conn)
        totals = month_totals(conn, unit_ids=[units[KG.key]], indicator_ids=[ind],
                              years=[2021, 2022], as_of=LATE)
    by_year = {t.year: (t.months, t.total, t.weakest) for t in totals}
    assert by_year == {2021: (12, sum(range(1, 13)) - 3 + 30, "uoc"), 2022: (11, 11.0, "so_bo")}


def test_reports_received_count_periods_with_a_counting_value(store):
    _add(store, [_r("2021-01", 1.0, "uoc", 1), _r("2021-01", 2.0, "so_bo", 1),
                 _r("2021-02", 1.0, "uoc", 1, unit=PQ.key)])
    _add(store, [_r("2021-03", 1.0, "uoc", 1)], rolled_back=True)
    with store.connect() as conn:
        units, ind = _ids(conn)
        got = reports_received(conn, unit_ids=list(units.values()), indicator_ids=[ind],
                               period_codes=["2021-01", "2021-02", "2021-03"], as_of=LATE)
    assert got == {(ind, units[KG.key]): 1, (ind, units[PQ.key]): 1}


def test_value_history_lists_every_revision_with_its_source(store):
    _add(store, [_r("2021-01", 1.0, "uoc", 1), _r("2021-01", 2.0, "so_bo", 1,
                                                   dt.date(2022, 2, 1))])
    _add(store, [_r("2021-01", 3.0, "chinh_thuc", 1, dt.date(2022, 3, 1))], rolled_back=True)
    with store.connect() as conn:
        units, ind = _ids(conn)
        rows = value_history(conn, indicator_id=ind, unit_id=units[KG.key],
                             period_codes=["2021-01"])
    assert [(r["value"], r["standing"], r["batch_status"], r["source"]) for r in rows] == [
        (1.0, "uoc", "committed", "bao-cao.xlsx"), (2.0, "so_bo", "committed", "bao-cao.xlsx"),
        (3.0, "chinh_thuc", "rolled_back", "bao-cao.xlsx")]


def test_period_targets_leave_out_a_running_target_when_one_is_due(store):
    targets = [Target("REVENUE", KG.key, "2022", "at_least", value=10, term="2021-2025"),
               Target("REVENUE", KG.key, "2023", "at_least", value=11, term="2021-2025"),
               Target("REVENUE", PQ.key, "2025", "at_least", value=5, term="2021-2025")]
    with store.begin() as conn:
        save_plan(conn, Plan("KH", "Kế hoạch", "2021-2025", "kt-xh", unit_key=KG.key), targets,
                  actor="test")
    with store.connect() as conn:
        units, _ind = _ids(conn)
        found = period_targets(conn, unit_ids=list(units.values()), due_codes=["2022"],
                               running_terms=["2021-2025"], later_codes=["2023", "2025"])
        assert [(t.unit_key, t.period) for t in found] == [(KG.key, "2022"), (PQ.key, "2025")]
        assert target_periods(conn) == (["2022", "2023", "2025"], ["2021-2025"])
        assert target_indicators(conn, [units[PQ.key]]) == [indicator_ids(conn)["REVENUE"]]
        assert {u.key for _i, u in units_with_targets(conn)} == {KG.key, PQ.key}


def test_units_children_lineage_and_values(store):
    _add(store, [_r("2021-01", 1.0, "uoc", 1, unit=PQ.key)])
    with store.connect() as conn:
        units, _ind = _ids(conn)
        assert units_by_key(conn, [KG.key, "vn2025:99"])[KG.key][1] == KG
        assert [u.key for _i, u in child_units(conn, [units[KG.key]])] == [PQ.key]
        assert lineage(conn, into=[units[AG.key]]) == [(KG.key, AG.key, "whole")]
        assert lineage(conn, out_of=[units[KG.key]]) == [(KG.key, AG.key, "whole")]
        assert units_with_values(conn, list(units.values())) == {units[PQ.key]}


def test_data_version_changes_with_uploads_and_rollbacks(store):
    with store.connect() as conn:
        before = data_version(conn)
    _add(store, [_r("2021-01", 1.0, "uoc", 1)])
    with store.connect() as conn:
        added = data_version(conn)
    with store.begin() as conn:
        conn.execute(update(upload_batches).values(status="rolled_back"))
    with store.connect() as conn:
        rolled = data_version(conn)
    assert len({before, added, rolled}) == 3
