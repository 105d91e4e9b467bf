"""Which targets a period shows, and the status each gets from stored values."""
from __future__ import annotations

import datetime as dt

import pytest

from kpi.actuals import ActualRecord
from kpi.config import load_settings
from kpi.indicators import Indicator
from kpi.periods import parse_period
from kpi.scorecard import build_scorecard, scorecard_records, select_targets
from kpi.targets import Target
from kpi.units import Unit

KG = "vn2004:91"
UNITS = {KG: Unit("vn2004", "91", "Kiên Giang", "Tỉnh", "province")}
INDICATORS = {
    i.code: i for i in (
        Indicator("GRDP_GROWTH", "Tốc độ tăng GRDP", "%", "kinh_te", "higher"),
        Indicator("POOR_RATE", "Tỷ lệ hộ nghèo", "%", "xa_hoi", "lower"),
        Indicator("FOREST", "Tỷ lệ che phủ rừng", "%", "moi_truong", "higher"),
        Indicator("REVENUE", "Thu ngân sách", "tỷ đồng", "kinh_te", "higher", temporal="flow",
                  frequency="month"),
        Indicator("INVEST", "Vốn đầu tư toàn xã hội", "tỷ đồng", "kinh_te", "higher",
                  temporal="flow"),
    )
}
TERM = "2021-2025"
# Seed 000 on Kiên Giang: yearly targets expanded over the term, levels due in 2025.
TARGETS = [
    *[Target("GRDP_GROWTH", KG, str(y), "range", min=10, max=11, term=TERM, plan_code="KG", id=y)
      for y in range(2021, 2026)],
    *[Target("POOR_RATE", KG, str(y), "decrease_by", min=1.5, max=2, change_unit="points",
             term=TERM, plan_code="KG", id=10 + y) for y in range(2021, 2026)],
    Target("FOREST", KG, "2025", "at_least", value=49, term=TERM, plan_code="KG", id=5000),
    Target("INVEST", KG, TERM, "range", min=100_000, max=105_000, term=TERM, plan_code="KG",
           id=5001),
    Target("REVENUE", KG, "2021", "exact", value=3400, plan_code="PQ", id=5002),
]


def value(code, period, amount, standing="chinh_thuc", revision=1, reported=None):
    reported = reported or parse_period(period).end + dt.timedelta(days=20)
    return ActualRecord(code, KG, period, amount, standing, revision, reported)


RECORDS = [
    value("GRDP_GROWTH", "2021", 10.4),
    value("POOR_RATE", "2020", 5.0), value("POOR_RATE", "2021", 3.2),
    value("FOREST", "2020", 46.0), value("FOREST", "2021", 46.5),
    value("INVEST", "2021", 20_500),
    *[value("REVENUE", f"2021-{m:02d}", 300) for m in range(1, 13)],
]


def rows_for(period: str, as_of: dt.date, records=RECORDS):
    rows = build_scorecard(TARGETS, INDICATORS, UNITS, records, parse_period(period), as_of,
                           settings=load_settings({}))
    return {(r.target.indicator_code, r.target.period): r for r in rows}


def test_a_year_shows_its_own_targets_and_the_running_multi_year_ones():
    chosen = select_targets(TARGETS, parse_period("2021"), {})
    assert sorted((t.indicator_code, t.period, due) for t, due in chosen) == [
        ("FOREST", "2025", False), ("GRDP_GROWTH", "2021", True), ("INVEST", TERM, False),
        ("POOR_RATE", "2021", True), ("REVENUE", "2021", True),
    ]


def test_the_term_shows_every_target():
    assert len(select_targets(TARGETS, parse_period(TERM), {})) == len(TARGETS)


def test_statuses_after_the_year_from_stored_values():
    rows = rows_for("2021", dt.date(2022, 6, 30))
    assert rows[("GRDP_GROWTH", "2021")].assessment.status == "met"
    poverty = rows[("POOR_RATE", "2021")]  # 5% − 1,5…2 points = [3; 3,5]; 3,2 is inside
    assert (poverty.baseline, poverty.assessment.status) == (5.0, "met")
    revenue = rows[("REVENUE", "2021")]  # twelve months of 300 = 3.600 ≥ 3.400
    assert (revenue.actual.basis, revenue.actual.value) == ("sum", 3600)
    assert revenue.assessment.status == "exceeded"
    assert revenue.assessment.achievement == pytest.approx(3600 / 3400)


def test_running_targets_carry_an_on_track_forecast():
    rows = rows_for("2021", dt.date(2022, 6, 30))
    forest = rows[("FOREST", "2025")]
    assert forest.assessment.status == "not_due" and forest.actual.value == 46.5
    # 46 → 46,5 in a year against the 49 needed by 2025: Open SDG says accelerate.
    assert forest.forecast.method == "open_sdg"
    assert forest.forecast.category in ("needs_acceleration", "limited_progress")
    invest = rows[("INVEST", TERM)]  # 20.500 after one year of five: 102,5% of the pace
    assert invest.actual.value == 20_500 and invest.forecast.category == "on_track"


def test_as_of_replays_the_past_values_reported_later_are_ignored():
    rows = rows_for("2021", dt.date(2021, 7, 31))
    assert rows[("GRDP_GROWTH", "2021")].assessment.status == "not_due"
    revenue = rows[("REVENUE", "2021")]
    assert revenue.assessment.status == "not_due"
    assert revenue.forecast.method == "flow_ytd"  # six months reported by 31/07
    assert revenue.forecast.category == "on_track"  # 1.800 against 3.400 × 181/365


def test_a_revision_changes_the_status():
    revised = RECORDS + [value("GRDP_GROWTH", "2021", 9.0, revision=2,
                               reported=dt.date(2022, 3, 1))]
    assert rows_for("2021", dt.date(2022, 6, 30), revised)[
        ("GRDP_GROWTH", "2021")].assessment.status == "nearly"
    assert rows_for("2021", dt.date(2022, 2, 1), revised)[
        ("GRDP_GROWTH", "2021")].assessment.status == "met"


def test_records_carry_numbers_as_numbers_and_vietnamese_text():
    rows = build_scorecard(TARGETS, INDICATORS, UNITS, RECORDS, parse_period("2021"),
                           dt.date(2022, 6, 30), settings=load_settings({}))
    records = {r["indicator_code"]: r for r in scorecard_records(rows)}
    poverty = records["POOR_RATE"]
    assert (poverty["target_min"], poverty["target_max"]) == (3.0, 3.5)
    assert poverty["target_text"] == "giảm 1,5–2 điểm % (3–3,5%)"
    revenue = records["REVENUE"]
    assert revenue["achievement"] == pytest.approx(3600 / 3400)
    assert revenue["achievement_text"] == "đạt 106% kế hoạch"
    assert revenue["actual_text"] == "3.600 tỷ đồng"
    assert records["GRDP_GROWTH"]["period_label"] == "Năm 2021"


def test_a_unit_ended_by_the_reform_says_why_its_2025_figure_is_missing():
    ended = {KG: Unit("vn2004", "91", "Kiên Giang", "Tỉnh", "province",
                      valid_to=dt.date(2025, 6, 30))}
    rows = build_scorecard(TARGETS, INDICATORS, ended, RECORDS, parse_period("2025"),
                           dt.date(2026, 3, 1), settings=load_settings({}))
    forest = next(r for r in rows if r.target.indicator_code == "FOREST")
    assert forest.assessment.status == "no_data"
    assert "kết thúc ngày 30/06/2025" in forest.assessment.reason
