"""Chỉ tiêu data on the demo: each figure checked against the scorecard or the raw revisions."""
from __future__ import annotations

import datetime as dt

import pytest

from kpi.actuals import best_record
from kpi.dashboard.indicator import load_indicator_view
from kpi.dashboard.year_to_date import short_label
from kpi.periods import parse_period
from kpi.progress import flow_on_track
from kpi.scorecard import load_scorecard
from kpi.store.actuals import load_actuals

TODAY = dt.date(2026, 11, 23)
KG, PQ = "vn2004:91", "vn2004:911"


def _row(engine, period, unit, code):
    return next(r for r in load_scorecard(engine, period, unit_key=unit, as_of=TODAY)
                if r.target.indicator_code == code)


@pytest.fixture
def forest(demo_engine):
    return load_indicator_view(demo_engine, indicator_code="FOREST_COVER", unit_key=KG,
                               period_code="2023", as_of=TODAY)


@pytest.fixture
def revenue(demo_engine):
    return load_indicator_view(demo_engine, indicator_code="BUDGET_REVENUE", unit_key=PQ,
                               period_code="2021", as_of=TODAY)


def test_series_values_are_the_counted_actuals_of_each_year(demo_engine, forest):
    series = forest.series.set_index("period")
    assert list(series.index) == ["2020", "2021", "2022", "2023", "2024", "2025"]
    for year in ("2021", "2023"):
        seen_from = _row(demo_engine, year, KG, "FOREST_COVER")
        assert series.loc[year, "value"] == pytest.approx(seen_from.actual.value)
    assert series.loc["2025", "lower"] == 49 and series.loc["2025", "target_text"] == "≥ 49%"


def test_multi_year_target_has_a_path_from_the_baseline_and_the_scorecards_forecast(
        demo_engine, forest):
    path = forest.path.set_index("period")["value"]
    assert list(path.index) == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert path["2020"] == pytest.approx(forest.series.set_index("period").loc["2020", "value"])
    assert path["2025"] == pytest.approx(49)
    running = _row(demo_engine, "2023", KG, "FOREST_COVER")
    assert forest.forecast["category"] == running.forecast.category
    assert forest.forecast["value"] == pytest.approx(running.forecast.projected)
    assert forest.forecast["period"] == "2025"


def test_a_range_target_is_a_band_each_year(demo_engine):
    v = load_indicator_view(demo_engine, indicator_code="GRDP_GROWTH", unit_key=KG,
                            period_code="2022", as_of=TODAY)
    bands = v.series.set_index("period")[["lower", "upper"]]
    assert bands.loc["2021"].tolist() == [10, 11] and bands.loc["2025"].tolist() == [10, 11]
    assert v.path.empty


def test_year_to_date_is_the_running_total_against_the_target_pro_rata(demo_engine, revenue):
    ytd = revenue.ytd
    frame = ytd.frame
    assert list(frame["label"])[:3] == ["T1", "T2", "T3"] and len(frame) == 12
    assert frame["cumulative"].is_monotonic_increasing
    assert frame["expected"].iloc[-1] == pytest.approx(3400)
    assert ytd.through.code == "2021-12"
    with demo_engine.connect() as conn:
        january = best_record(load_actuals(conn, unit_keys=[PQ], period_codes=["2021-01"],
                                           indicator_codes=["BUDGET_REVENUE"]))
    assert frame["value"].iloc[0] == pytest.approx(january.value)
    expected = flow_on_track(ytd.cumulative, 3400, 1.0)
    assert ytd.estimate == pytest.approx(expected.projected)
    assert ytd.share_of_target == pytest.approx(ytd.cumulative / 3400)


def test_year_to_date_part_way_through_the_year(demo_engine):
    v = load_indicator_view(demo_engine, indicator_code="BUDGET_REVENUE", unit_key=PQ,
                            period_code="2021", as_of=dt.date(2021, 7, 20))
    ytd = v.ytd
    assert ytd.through.code == "2021-06"
    assert ytd.frame["value"].iloc[6:].isna().all()
    assert ytd.estimate == pytest.approx(ytd.cumulative / (181 / 365))


@pytest.mark.parametrize("code, kind, expected", [
    ("2021-06", "month", "T6"), ("2021-Q3", "quarter", "Quý III"), ("2021-H1", "half", "6 tháng đầu"),
])
def test_short_labels_for_parts_of_a_year(code, kind, expected):
    assert short_label(parse_period(code)) == expected


def test_components_are_stacked_against_their_total(demo_engine):
    v = load_indicator_view(demo_engine, indicator_code="GO_FISHERY", unit_key=PQ,
                            period_code="2021", as_of=TODAY)
    comps = v.components
    assert set(comps[comps.role == "component"]["code"]) == {
        "GO_AGRICULTURE", "GO_FORESTRY", "GO_FISHERY"}
    assert set(comps[comps.role == "total"]["code"]) == {"GO_AGRI_FORESTRY_FISHERY"}
    fishery = comps[(comps.code == "GO_FISHERY") & (comps.period == "2021")]["value"].iloc[0]
    assert fishery == pytest.approx(_row(demo_engine, "2021", PQ, "GO_FISHERY").actual.value)


def test_same_period_last_year(revenue):
    series = revenue.series.set_index("period")["value"]
    last = revenue.last_year
    assert (last["value"], last["previous"]) == (series["2021"], series["2020"])
    assert last["change"] == pytest.approx(series["2021"] / series["2020"] - 1)
    assert last["previous_label"] == "Năm 2020"


def test_history_marks_the_revision_that_counts_for_each_period(demo_engine, revenue):
    h = revenue.history
    assert h["period"].iloc[0] == "2021"  # the period itself first, then its parts
    counting = h[h["counts"]]
    assert counting["period"].is_unique
    with demo_engine.connect() as conn:
        revisions = load_actuals(conn, unit_keys=[PQ], indicator_codes=["BUDGET_REVENUE"],
                                 period_codes=["2021", "2021-03"])
    for code in ("2021", "2021-03"):
        best = best_record([r for r in revisions if r.period == code])
        row = counting[counting["period"] == code].iloc[0]
        assert (row.value, row.standing, row.revision) == (best.value, best.standing,
                                                            best.revision)
    assert set(h["source"]) == {"Dữ liệu minh họa (từ các kế hoạch mẫu)"}


def test_values_by_locality_sorted_with_the_provinces_target(forest):
    frame = forest.by_locality
    assert len(frame) == 15 and list(frame["value"]) == sorted(frame["value"], reverse=True)
    assert forest.locality_target == 49


def test_unknown_indicator_is_refused_in_vietnamese(demo_engine):
    with pytest.raises(KeyError, match="Không có chỉ tiêu"):
        load_indicator_view(demo_engine, indicator_code="NOPE", unit_key=KG, period_code="2021",
                            as_of=TODAY)
