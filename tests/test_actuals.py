"""The actual that counts: standing, revision, sums of sub-periods, year to date."""
from __future__ import annotations

import pytest

from kpi.actuals import ActualRecord, best_record, counted_actual
from kpi.indicators import Indicator
from kpi.periods import parse_period

REVENUE = Indicator("BUDGET_REVENUE", "Thu ngân sách", "tỷ đồng", "kinh_te", "higher",
                    temporal="flow", frequency="month")
FOREST = Indicator("FOREST_COVER", "Tỷ lệ che phủ rừng", "%", "moi_truong", "higher",
                   frequency="quarter")


def rec(period, value, standing="chinh_thuc", revision=1, code="BUDGET_REVENUE"):
    return ActualRecord(code, "vn2004:911", period, value, standing, revision)


def by_period(*records):
    out = {}
    for r in records:
        out.setdefault(r.period, []).append(r)
    return out


@pytest.mark.parametrize(
    "records, expected_value, expected_standing",
    [
        ([rec("2021", 10, "uoc"), rec("2021", 12, "so_bo")], 12, "so_bo"),
        ([rec("2021", 10, "chinh_thuc"), rec("2021", 12, "so_bo", 3)], 10, "chinh_thuc"),
        ([rec("2021", 10, "uoc", 1), rec("2021", 11, "uoc", 2)], 11, "uoc"),
        ([rec("2021", 9, "so_bo", 2), rec("2021", 11, "uoc", 5), rec("2021", 8, "so_bo", 1)],
         9, "so_bo"),
    ],
)
def test_official_beats_preliminary_beats_estimate_then_latest_revision(
    records, expected_value, expected_standing
):
    best = best_record(records)
    assert (best.value, best.standing) == (expected_value, expected_standing)


def test_own_period_value_wins_over_the_sum_of_months():
    months = [rec(f"2021-{m:02d}", 100) for m in range(1, 13)]
    counted = counted_actual(REVENUE, parse_period("2021"), by_period(rec("2021", 1250), *months))
    assert (counted.value, counted.basis) == (1250, "reported")


def test_flow_year_is_the_sum_of_its_twelve_months_with_the_weakest_standing():
    months = [rec(f"2021-{m:02d}", 100 + m) for m in range(1, 13)]
    months[5] = rec("2021-06", 106, "uoc")
    counted = counted_actual(REVENUE, parse_period("2021"), by_period(*months))
    assert counted.value == sum(100 + m for m in range(1, 13))
    assert (counted.basis, counted.standing, counted.is_partial) == ("sum", "uoc", False)


def test_flow_year_from_quarters_when_months_are_incomplete():
    quarters = [rec(f"2021-Q{q}", 800) for q in range(1, 5)]
    counted = counted_actual(REVENUE, parse_period("2021"),
                             by_period(rec("2021-01", 250), *quarters))
    assert (counted.value, counted.basis) == (3200, "sum")


def test_flow_with_a_gap_gives_a_marked_year_to_date_figure():
    months = [rec(f"2021-{m:02d}", 100) for m in (1, 2, 3, 4, 5, 6, 8)]
    counted = counted_actual(REVENUE, parse_period("2021"), by_period(*months))
    assert counted.is_partial
    assert (counted.value, counted.through) == (600, "2021-06")


def test_year_to_date_takes_the_kind_that_reaches_furthest():
    records = by_period(rec("2021-01", 100), rec("2021-Q1", 310), rec("2021-Q2", 320))
    counted = counted_actual(REVENUE, parse_period("2021"), records)
    assert (counted.value, counted.through) == (630, "2021-Q2")


def test_level_reads_the_last_subperiod_not_a_sum():
    quarters = [rec(f"2021-Q{q}", 46 + q / 10, code="FOREST_COVER") for q in range(1, 5)]
    counted = counted_actual(FOREST, parse_period("2021"), by_period(*quarters))
    assert (counted.value, counted.basis, counted.through) == (46.4, "last_subperiod", "2021-Q4")


def test_level_without_its_last_subperiod_has_no_year_value():
    quarters = [rec(f"2021-Q{q}", 46, code="FOREST_COVER") for q in range(1, 4)]
    assert counted_actual(FOREST, parse_period("2021"), by_period(*quarters)) is None


def test_nothing_reported_is_none():
    assert counted_actual(REVENUE, parse_period("2021"), {}) is None


INVESTMENT = Indicator("TOTAL_INVESTMENT", "Vốn đầu tư toàn xã hội", "tỷ đồng", "kinh_te",
                       "higher", temporal="flow", frequency="quarter")


def test_a_term_flow_sums_years_built_from_their_quarters():
    # Regression: a 2021–2025 total found nothing when years were reported as quarters.
    records = [rec(f"{y}-Q{q}", 5000, code="TOTAL_INVESTMENT")
               for y in range(2021, 2026) for q in range(1, 5)]
    counted = counted_actual(INVESTMENT, parse_period("2021-2025"), by_period(*records))
    assert (counted.value, counted.basis, counted.is_partial) == (100_000, "sum", False)


def test_a_term_flow_with_later_years_missing_is_a_marked_total_to_date():
    records = [rec(f"{y}-Q{q}", 5000, code="TOTAL_INVESTMENT")
               for y in (2021, 2022) for q in range(1, 5)] + [
        rec("2023-Q1", 4000, code="TOTAL_INVESTMENT")]
    counted = counted_actual(INVESTMENT, parse_period("2021-2025"), by_period(*records))
    assert (counted.value, counted.is_partial, counted.through) == (44_000, True, "2023-Q1")
