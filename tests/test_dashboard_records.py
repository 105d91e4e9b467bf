"""The dashboards' fast reads give the scorecard's own answers.

kpi.dashboard.statuses.load_rows reads only what the rules need (months
summed in SQL, a level's last months only); kpi.scorecard.load_scorecard
reads every revision. For every period and day tried, on SQLite and
PostgreSQL and on the demo, both must agree on each target's status,
achievement, actual, standing and forecast.
"""
from __future__ import annotations

import datetime as dt

import pytest

from kpi.dashboard.records import MONTHS_SUM
from kpi.dashboard.statuses import load_catalog, load_rows
from kpi.scorecard import load_scorecard, scorecard_choices
from tests.dashboard_fixtures import UNITS, build_store

PERIODS = ["2021", "2022", "2023", "2024", "2022-H1", "2022-H2", "2023-Q2", "2022-03",
           "2022-D1", "2022-D2", "2021-2025", "2025"]
DAYS = [dt.date(2022, 5, 10), dt.date(2022, 12, 31), dt.date(2023, 3, 1), dt.date(2024, 8, 15),
        dt.date(2026, 11, 23)]


def _close(value):
    return None if value is None else round(value, 6)


def summary(rows) -> dict:
    """What a leader reads from each row, by target id."""
    return {
        row.target.id: (
            row.due, row.assessment.status, _close(row.assessment.achievement),
            row.assessment.position,
            _close(row.actual.value) if row.actual else None,
            row.actual.standing if row.actual else None,
            row.actual.is_partial if row.actual else None,
            row.forecast.category if row.forecast else None,
            _close(row.forecast.ratio) if row.forecast else None,
            _close(row.baseline), _close(row.previous),
        )
        for row in rows
    }


@pytest.fixture
def generated(fresh_engine):
    build_store(fresh_engine)
    return fresh_engine


def test_fast_rows_equal_the_scorecard_on_a_generated_store(generated):
    keys = [u.key for u in UNITS]
    with generated.connect() as conn:
        catalog = load_catalog(conn)
        for as_of in DAYS:
            for code in PERIODS:
                fast = load_rows(conn, catalog, unit_keys=keys, period=catalog.period(code),
                                 as_of=as_of)
                slow = load_scorecard(generated, code, as_of=as_of)
                assert summary(fast) == summary(slow), (code, as_of)


def test_the_generated_store_covers_what_the_fast_path_must_get_right(generated):
    """Guards the fixture: each shortcut and each fall-back is exercised."""
    with generated.connect() as conn:
        catalog = load_catalog(conn)
        rows = load_rows(conn, catalog, unit_keys=[u.key for u in UNITS],
                         period=catalog.period("2022"), as_of=dt.date(2026, 11, 23))
        statuses = {r.assessment.status for r in rows}
        summed = [r for r in rows if r.actual and r.actual.records
                  and r.actual.records[0].source == MONTHS_SUM]
        running = [r for r in rows if not r.due]
    assert {"met", "not_met"} <= statuses or {"exceeded", "nearly"} & statuses
    assert summed, "a flow year summed from its months in SQL"
    assert running and all(r.forecast for r in running), "a multi-year target with a forecast"


def test_rolled_back_values_never_count(generated):
    with generated.connect() as conn:
        catalog = load_catalog(conn)
        rows = load_rows(conn, catalog, unit_keys=["vn2004:91"], period=catalog.period("2022"),
                         as_of=dt.date(2026, 1, 1), indicator_codes=["REVENUE"])
    assert rows and all(r.actual.value < 99999 for r in rows if r.actual)


# (day, period): a running year and a phase mid-2021; ended years, the
# term and the year the reform split, seen today.
DEMO_VIEWS = [(dt.date(2021, 9, 30), "2021"), (dt.date(2021, 9, 30), "2021-D3"),
              (dt.date(2021, 9, 30), "2021-Q3"), (dt.date(2026, 11, 23), "2021-H1"),
              (dt.date(2026, 11, 23), "2023"), (dt.date(2026, 11, 23), "2025"),
              (dt.date(2026, 11, 23), "2021-2025")]


def test_fast_rows_equal_the_scorecard_on_the_demo(demo_engine):
    units = [unit for unit, _name in scorecard_choices(demo_engine).units]
    compared = 0
    with demo_engine.connect() as conn:
        catalog = load_catalog(conn)
        for as_of, code in DEMO_VIEWS:
            fast = load_rows(conn, catalog, unit_keys=units, period=catalog.period(code),
                             as_of=as_of)
            slow = load_scorecard(demo_engine, code, as_of=as_of)
            assert summary(fast) == summary(slow), code
            compared += len(fast)
    assert compared > 100
