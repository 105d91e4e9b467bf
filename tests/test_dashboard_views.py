"""Tổng quan and Địa bàn data, and what the filters offer, on the demo and on hand-made rows."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd
import pytest

from kpi.dashboard.choices import (
    compare_period, default_locality, default_period, indicator_options, load_options,
    period_options,
)
from kpi.dashboard.locality import compare_localities, load_locality, unit_history
from kpi.dashboard.overview import at_risk, load_overview, report_share, status_matrix
from kpi.dashboard.statuses import load_catalog
from kpi.periods import parse_period
from kpi.scorecard import load_scorecard
from kpi.series import load_unit_series
from tests.dashboard_fixtures import DISTRICT_B, build_store

TODAY = dt.date(2026, 11, 23)
KG, PQ, AG, DK_PQ = "vn2004:91", "vn2004:911", "vn2025:91", "vn2025:31078"


def _statuses(engine, period, units):
    rows = load_scorecard(engine, period, as_of=TODAY)
    return Counter(r.assessment.status for r in rows if r.unit.key in units)


# --- what the filters offer -----------------------------------------------------------

@pytest.mark.parametrize("kind, count, first, last", [
    ("year", 5, ("2021", "Năm 2021"), ("2025", "Năm 2025")),
    ("half", 10, ("2021-H1", "6 tháng đầu năm 2021"), ("2025-H2", "6 tháng cuối năm 2025")),
    ("quarter", 20, ("2021-Q1", "Quý I/2021"), ("2025-Q4", "Quý IV/2025")),
    ("month", 60, ("2021-01", "Tháng 1/2021"), ("2025-12", "Tháng 12/2025")),
    ("phase", 3, ("2021-D1", "Đợt thứ nhất năm 2021"), ("2021-D3", "Đợt thứ ba năm 2021")),
    ("term", 1, ("2021-2025", "Giai đoạn 2021–2025"), ("2021-2025", "Giai đoạn 2021–2025")),
])
def test_periods_offered_by_kind_with_vietnamese_labels(demo_engine, kind, count, first, last):
    with demo_engine.connect() as conn:
        options = period_options(load_catalog(conn), kind)
    assert (len(options), options[0], options[-1]) == (count, first, last)


@pytest.mark.parametrize("today, expected", [
    (dt.date(2026, 11, 23), "2025"), (dt.date(2023, 3, 1), "2023"), (dt.date(2019, 1, 1), "2021"),
])
def test_default_period_is_the_latest_year_covered_not_after_today(demo_engine, today, expected):
    with demo_engine.connect() as conn:
        assert default_period(load_catalog(conn), today) == expected


@pytest.mark.parametrize("code, how, expected", [
    ("2021-Q1", "previous", "2020-Q4"), ("2021-Q1", "last_year", "2020-Q1"),
    ("2022", "previous", "2021"), ("2021-D2", "previous", "2021-D1"),
    ("2021-D1", "previous", None), ("2021-2025", "last_year", None),
    ("2021-2025", "previous", "2016-2020"),
])
def test_compare_period(demo_engine, code, how, expected):
    with demo_engine.connect() as conn:
        catalog = load_catalog(conn)
        found = compare_period(catalog.period(code), how, catalog)
    assert (found.code if found else None) == expected


def test_localities_form_a_tree_with_todays_units_that_took_over(demo_engine):
    with demo_engine.connect() as conn:
        options = load_options(conn)
        offered = indicator_options(conn, options.catalog, KG)
    keys = [p.key for p in options.localities]
    assert default_locality(options.localities) == KG
    assert keys.index(KG) < keys.index(PQ) < keys.index("vn2004:31078")  # PQ's communes follow PQ
    assert {AG, DK_PQ} <= set(keys)  # successors, for the history across the reform
    assert options.locality(PQ).label == "Thành phố Phú Quốc (trước 01/07/2025)"
    assert offered[0] == ("GRDP_GROWTH",
                          "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP, giá so sánh 2010)")


# --- Tổng quan -------------------------------------------------------------------------

def test_overview_counts_equal_the_scorecards_of_the_unit_and_its_children(demo_engine):
    o = load_overview(demo_engine, period_code="2021", unit_key=KG, as_of=TODAY)
    expected = _statuses(demo_engine, "2021", {KG, PQ})
    assert {s: n for s, _label, n in o.counts if n} == dict(expected)
    assert sum(n for *_x, n in o.counts) == len(o.records)
    assert (o.place, o.period_text) == ("Tỉnh Kiên Giang (trước 01/07/2025)", "Năm 2021")


def test_overview_matrix_has_one_cell_per_indicator_and_unit(demo_engine):
    o = load_overview(demo_engine, period_code="2021", unit_key=KG, as_of=TODAY)
    m = o.matrix
    assert not m.duplicated(["indicator_code", "column"]).any()
    assert set(m["column"]) == {KG, PQ}
    cell = m[(m.indicator_code == "BUDGET_REVENUE") & (m.column == PQ)].iloc[0]
    pq = {r.target.indicator_code: r for r in load_scorecard(demo_engine, "2021", unit_key=PQ,
                                                             as_of=TODAY)}
    assert cell.status == pq["BUDGET_REVENUE"].assessment.status
    assert cell.text == f"{round(pq['BUDGET_REVENUE'].assessment.achievement * 100)}%"


def test_overview_of_todays_unit_shows_the_targets_of_the_units_it_was_made_of(demo_engine):
    o = load_overview(demo_engine, period_code="2023", unit_key=AG, as_of=TODAY)
    assert o.place == "Tỉnh An Giang"
    assert {r["unit_key"] for r in o.records} == {KG}
    assert dict(Counter(r["status"] for r in o.records)) == dict(_statuses(demo_engine, "2023", {KG}))


def test_overview_by_period_puts_the_plan_years_in_columns(demo_engine):
    o = load_overview(demo_engine, period_code="2022", unit_key=KG, as_of=TODAY, axis="periods",
                      children=False)
    assert list(dict.fromkeys(o.matrix["column"])) == ["2021", "2022", "2023", "2024", "2025"]
    growth = o.matrix[o.matrix.indicator_code == "GRDP_GROWTH"].set_index("column")["status"]
    by_year = {y: next(r.assessment.status for r in load_scorecard(
        demo_engine, y, unit_key=KG, as_of=TODAY) if r.target.indicator_code == "GRDP_GROWTH")
        for y in ("2021", "2024")}
    assert growth["2021"] == by_year["2021"] and growth["2024"] == by_year["2024"]


def test_overview_compares_with_the_same_period_last_year(demo_engine):
    o = load_overview(demo_engine, period_code="2022", unit_key=KG, as_of=TODAY,
                      compare="last_year")
    assert o.compare_text == "Năm 2021"
    assert {s: n for s, _l, n in o.compare_counts if n} == dict(
        _statuses(demo_engine, "2021", {KG, PQ}))


def _light(code, unit, status, achievement=None, forecast=None):
    return {"indicator_code": code, "indicator": code.title(), "group": "kinh_te",
            "unit_key": unit, "unit_label": unit.upper(), "status": status,
            "status_label": status, "achievement": achievement, "position": None,
            "forecast": forecast, "forecast_label": forecast or "", "cell_text": status,
            "row": None}


@pytest.mark.parametrize("statuses, worst", [
    (["met", "nearly"], "nearly"), (["exceeded", "not_met"], "not_met"),
    (["not_due", "no_data"], "no_data"), (["exceeded", "met"], "met"),
])
def test_a_matrix_cell_with_several_targets_shows_the_worst(statuses, worst):
    records = [_light("A", "u1", s) for s in statuses]
    m = status_matrix(records, "unit_key", [("u1", "U1")])
    assert (len(m), m.iloc[0].status, m.iloc[0].targets) == (1, worst, len(statuses))


def test_matrix_keeps_the_indicator_order_and_the_column_order():
    records = [_light("B", "u2", "met"), _light("A", "u1", "met"), _light("B", "u1", "not_met")]
    m = status_matrix(records, "unit_key", [("u1", "U1"), ("u2", "U2")])
    assert list(zip(m.indicator_code, m.column)) == [("B", "u1"), ("B", "u2"), ("A", "u1")]


def test_at_risk_lists_shortfalls_and_bad_forecasts_worst_first(demo_engine):
    o = load_overview(demo_engine, period_code="2021", unit_key=KG, as_of=TODAY)
    risky = o.at_risk
    assert list(risky["status"]) == sorted(risky["status"], key=["not_met", "nearly", "no_data",
                                                                    "not_due"].index)
    expected = sum(1 for r in o.records if r["status"] in ("not_met", "nearly", "no_data")
                   or r["forecast"] in ("needs_acceleration", "limited_progress", "deterioration"))
    assert len(risky) == expected and len(risky) > 5
    assert at_risk([_light("A", "u", "met"), _light("B", "u", "not_due", forecast="on_track")]).empty


def test_reports_received_count_the_missing_month(fresh_engine):
    build_store(fresh_engine)
    with fresh_engine.connect() as conn:
        catalog = load_catalog(conn)
        records = [{"indicator_code": "REVENUE", "unit_key": DISTRICT_B.key, "unit_label": "B"},
                   {"indicator_code": "OUTPUT", "unit_key": DISTRICT_B.key, "unit_label": "B"}]
        share = report_share(conn, catalog, records, parse_period("2023"), TODAY)
        partial = report_share(conn, catalog, records, parse_period("2023"), dt.date(2023, 3, 31))
    assert (share.expected, share.received) == (13, 12)  # 12 months + the year; May is missing
    assert (partial.expected, partial.received) == (3, 3)  # only months ended by 31/03
    assert share.by_unit.iloc[0].share == pytest.approx(12 / 13)


# --- Địa bàn ---------------------------------------------------------------------------

def test_locality_lists_its_targets_parent_and_children_on_the_map(demo_engine):
    v = load_locality(demo_engine, unit_key=PQ, period_code="2021", as_of=TODAY)
    slow = load_scorecard(demo_engine, "2021", unit_key=PQ, as_of=TODAY)
    assert [r["status"] for r in v.records] == [r.assessment.status for r in slow]
    assert v.parent.key == KG
    assert len(v.children) == 9 and v.children[["lat", "lon"]].notna().all().all()
    # Phú Quốc's communes sit on the island, west of the mainland districts.
    assert v.children["lon"].between(103.4, 104.1).all()


def test_locality_of_todays_province_drills_into_the_districts_it_was_made_of(demo_engine):
    v = load_locality(demo_engine, unit_key=AG, period_code="2023", as_of=TODAY)
    assert KG in [u.key for u in v.predecessors]
    keys = list(v.children["unit_key"])
    # Today's communes first, then the districts of the provinces it was made of.
    assert keys[0].startswith("vn2025:") and keys[-1].startswith("vn2004:")
    assert PQ in keys
    pq = v.children.set_index("unit_key").loc[PQ]
    assert pq.targets == 0  # Phú Quốc's plan covers 2021 only


def test_history_across_the_reform_is_kpi_series(demo_engine):
    h = unit_history(demo_engine, indicator_code="POOR_HOUSEHOLD_RATE", unit_key=DK_PQ, as_of=TODAY)
    expected = load_unit_series(demo_engine, "POOR_HOUSEHOLD_RATE", DK_PQ, list(h["period"]))
    assert list(h["basis"]) == [p.basis for p in expected]
    assert list(h["value"].fillna(-1)) == pytest.approx([-1 if p.value is None else p.value
                                                         for p in expected])
    assert "carried" in set(h["basis"]) and "reported" in set(h["basis"])


def test_compare_localities_reads_a_rate_against_the_parents_target(demo_engine):
    frame, level = compare_localities(demo_engine, indicator_code="FOREST_COVER", unit_key=KG,
                                      period_code="2023", as_of=TODAY)
    assert level == 49
    assert len(frame) == 15 and list(frame["value"]) == sorted(frame["value"], reverse=True)
    _frame, none = compare_localities(demo_engine, indicator_code="BUDGET_REVENUE", unit_key=KG,
                                      period_code="2021", as_of=TODAY)
    assert none is None  # a sum over districts is not read against the province's target
    assert isinstance(frame, pd.DataFrame)
