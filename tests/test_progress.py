"""Progress during a period (kpi.progress): DESIGN §3 "On track", §6 methods.

Figures follow the seeds: budget revenue 3.400 tỷ đồng a year, forest cover
49% by 2025 from 46% in 2020, the poor-household rate falling 1,5–2 points a
year from 5%.
"""
import math

import numpy as np
import pytest

from kpi import indicators, targets
from kpi.progress import (
    CATEGORIES, CHANGE_KINDS, GEOMETRIC_CHANGE_UNITS, LEVEL_KINDS, LINEAR_CHANGE_UNITS,
    TEMPORALS, Forecast, choose_method, escap_anticipated_progress, flow_on_track,
    linear_on_track, linear_path, open_sdg_progress,
)

REVENUE = 3400.0  # tỷ đồng a year
CAP = 2800.0  # chi thường xuyên not to exceed, tỷ đồng


# --- flows -------------------------------------------------------------------

@pytest.mark.parametrize(
    "ytd, elapsed, category, ratio, expected, projected",
    [
        # Mid-year: 1.800 of the 1.700 due by the pace.
        (1800, 0.5, "on_track", 1800 / 1700, 1700, 3600),
        # 97% of the pace is within the 95% slack.
        (1650, 0.5, "on_track", 1650 / 1700, 1700, 3300),
        (1500, 0.5, "needs_acceleration", 1500 / 1700, 1700, 3000),
        (900, 0.5, "limited_progress", 900 / 1700, 1700, 1800),
        # Three quarters in, the year's target is already collected.
        (3450, 0.75, "reached", 3450 / 2550, 2550, 4600),
        # The year is over: 97% is a shortfall, not "on track".
        (3300, 1.0, "needs_acceleration", 3300 / 3400, 3400, 3300),
        (3400, 1.0, "reached", 1.0, 3400, 3400),
    ],
)
def test_flow_revenue(ytd, elapsed, category, ratio, expected, projected):
    f = flow_on_track(ytd, REVENUE, elapsed)
    assert (f.method, f.category) == ("flow_ytd", category)
    assert f.ratio == pytest.approx(ratio)
    assert f.expected_now == pytest.approx(expected)
    assert f.projected == pytest.approx(projected)


@pytest.mark.parametrize(
    "ytd, elapsed, category",
    [
        (1300, 0.5, "on_track"),  # under the allowed pace of 1.400
        (1450, 0.5, "on_track"),  # 104% of pace: within 1 / 0,95
        (1600, 0.5, "needs_acceleration"),  # on pace to overrun the cap
        (2900, 0.75, "deterioration"),  # the cap is already broken
        (2700, 1.0, "reached"),  # the year ended under the cap
        (2700, 0.9, "needs_acceleration"),  # under the cap, not yet safe
    ],
)
def test_flow_spending_cap(ytd, elapsed, category):
    assert flow_on_track(ytd, CAP, elapsed, higher_is_better=False).category == category


@pytest.mark.parametrize("ytd, category", [(0, "on_track"), (1, "deterioration")])
def test_flow_zero_cap(ytd, category):
    # "Không để xảy ra cháy rừng": any occurrence breaks it.
    f = flow_on_track(ytd, 0, 0.5, higher_is_better=False, unit="vụ")
    assert (f.category, f.ratio) == (category, None)


def test_flow_note_reads_like_a_report():
    f = flow_on_track(1800, REVENUE, 0.5, unit="tỷ đồng")
    assert f.note.startswith(
        "Lũy kế 1.800 tỷ đồng, bằng 106% mức cần đạt theo tiến độ (1.700 tỷ đồng)"
    )
    assert "ước cả năm 3.600 tỷ đồng" in f.note


def test_flow_nothing_elapsed_is_insufficient():
    f = flow_on_track(0, REVENUE, 0.0)
    assert (f.category, f.ratio, f.projected) == ("insufficient_data", None, None)


def test_flow_custom_on_track_share():
    assert flow_on_track(1530, REVENUE, 0.5, on_track_share=0.9).category == "on_track"
    assert flow_on_track(1530, REVENUE, 0.5).category == "needs_acceleration"


@pytest.mark.parametrize(
    "args",
    [
        (1800, REVENUE, 1.2),
        (1800, REVENUE, -0.1),
        (math.nan, REVENUE, 0.5),
        (1800, 0, 0.5),  # nothing to reach
        (1800, -100, 0.5),
        (1800, REVENUE, 0.5, True, 0.0),
    ],
)
def test_flow_rejects_bad_input(args):
    with pytest.raises(ValueError):
        flow_on_track(*args)


# --- linear path ---------------------------------------------------------------

@pytest.mark.parametrize(
    "baseline, year0, change, year, expected",
    [(5.0, 2021, -1.5, 2022, 3.5), (5.0, 2021, -1.5, 2023, 2.0), (65.0, 2020, 2.0, 2025, 75.0),
     (5.0, 2021, -2.0, 2021, 5.0)],
)
def test_linear_path(baseline, year0, change, year, expected):
    assert linear_path(baseline, year0, change, year) == pytest.approx(expected)


# Poverty 5% in 2021, "giảm 1,5–2%/năm" until 2023 (path 3,5 then 2).
@pytest.mark.parametrize(
    "latest, category, ratio, projected",
    [
        (3.5, "on_track", 1.0, 2.0),  # exactly on schedule
        (3.0, "on_track", 2 / 1.5, 1.0),  # at the demanding end
        (3.6, "needs_acceleration", 1.4 / 1.5, 2.2),
        (4.5, "limited_progress", 0.5 / 1.5, 4.0),
        (5.3, "deterioration", -0.3 / 1.5, 5.6),
        (2.0, "reached", 2.0, -1.0),  # already at the 2023 level
    ],
)
def test_linear_poverty(latest, category, ratio, projected):
    f = linear_on_track(5.0, 2021, -1.5, -2.0, latest, 2022, 2023, higher_is_better=False)
    assert (f.method, f.category) == ("linear_path", category)
    assert f.ratio == pytest.approx(ratio)
    assert f.expected_now == pytest.approx(3.5)
    assert f.projected == pytest.approx(projected)


def test_linear_band_order_does_not_matter():
    a = linear_on_track(5.0, 2021, -1.5, -2.0, 3.6, 2022, 2023, False)
    b = linear_on_track(5.0, 2021, -2.0, -1.5, 3.6, 2022, 2023, False)
    assert a == b


def test_linear_higher_better_on_schedule_over_a_term():
    # Trained workers 65% in 2020, +2 to +2,5 points a year to 2025.
    f = linear_on_track(65.0, 2020, 2.0, 2.5, 69.0, 2022, 2025, True, unit="%")
    assert (f.category, f.ratio, f.projected) == ("on_track", 1.0, 75.0)
    assert "tăng 4 điểm %, bằng 100% mức cần đạt theo lộ trình (69% năm 2022)" in f.note


def test_on_schedule_points_target_is_misread_by_growth_rates():
    # DESIGN §6: why choose_method sends points-per-year targets to the line.
    on_path = dict(latest_value=3.5, latest_year=2022, target_year=2023)
    linear = linear_on_track(5.0, 2021, -1.5, -2.0, higher_is_better=False, **on_path)
    growth = open_sdg_progress(5.0, 2021, 3.5, 2022, 2.0, 2023, higher_is_better=False)
    assert linear.category == "on_track"
    assert growth.category == "needs_acceleration"


def test_linear_note():
    f = linear_on_track(5.0, 2021, -1.5, -2.0, 3.5, 2022, 2023, False, unit="%")
    assert f.note == (
        "Từ 5% năm 2021 đến 3,5% năm 2022, giảm 1,5 điểm %, bằng 100% mức cần đạt theo "
        "lộ trình (3,5% năm 2022); theo tốc độ bình quân, năm 2023 ước 2% so với mục tiêu "
        "2%; đúng tiến độ."
    )


@pytest.mark.parametrize(
    "latest, category",
    [(5.0, "insufficient_data"), (1.9, "reached")],
)
def test_linear_baseline_year_only(latest, category):
    f = linear_on_track(5.0, 2021, -1.5, -2.0, latest, 2021, 2023, False)
    assert (f.category, f.ratio, f.projected) == (category, None, None)


@pytest.mark.parametrize(
    "latest, category",
    [(49.0, "reached"), (48.5, "deterioration")],
)
def test_linear_keep_level(latest, category):
    # "Duy trì" = zero change a year: no ratio to speak of.
    f = linear_on_track(49.0, 2020, 0.0, 0.0, latest, 2022, 2025, True)
    assert (f.category, f.ratio) == (category, None)


@pytest.mark.parametrize(
    "args",
    [
        (5.0, 2021, 1.5, 2.0, 3.5, 2022, 2023, False),  # a rise for a lower-better rate
        (5.0, 2021, -1.5, -2.0, 3.5, 2020, 2023, False),  # latest before baseline
        (5.0, 2021, -1.5, -2.0, 3.5, 2022, 2021, False),  # target year at baseline
        (5.0, 2021, -1.5, -2.0, math.inf, 2022, 2023, False),
    ],
)
def test_linear_rejects_bad_input(args):
    with pytest.raises(ValueError):
        linear_on_track(*args)


# --- Open SDG --------------------------------------------------------------------
# R values computed by hand from sdg-build's growth_calculation:
# CAGRr = (49/46)^(1/5) − 1 = 0,012714; CAGRo for 2020 → 2023 over 3 years.

@pytest.mark.parametrize(
    "y0, t0, yt, t, target, T, higher, category, ratio",
    [
        (46, 2020, 47.8, 2023, 49, 2025, True, "on_track", 1.012661),
        (46, 2020, 47.2, 2023, 49, 2025, True, "needs_acceleration", 0.677977),
        (46, 2020, 46.5, 2023, 49, 2025, True, "limited_progress", 0.283906),
        (46, 2020, 45.5, 2023, 49, 2025, True, "deterioration", -0.285971),
        (46, 2020, 49.1, 2024, 49, 2025, True, "reached", 1.292711),
        # Poverty below 3% by 2025 from 5% in 2020: lower is better.
        (5, 2020, 4.0, 2022, 3, 2025, False, "on_track", 1.087040),
        (5, 2020, 4.6, 2022, 3, 2025, False, "limited_progress", 0.420448),
        (5, 2020, 5.4, 2022, 3, 2025, False, "deterioration", -0.403940),
        (5, 2020, 2.9, 2024, 3, 2025, False, "reached", 1.310921),
        # All negative (a trade deficit shrinking): sign(y0) flips R back.
        (-200, 2020, -150, 2023, -100, 2025, True, "needs_acceleration", 0.706374),
    ],
)
def test_open_sdg(y0, t0, yt, t, target, T, higher, category, ratio):
    f = open_sdg_progress(y0, t0, yt, t, target, T, higher)
    assert (f.method, f.category) == ("open_sdg", category)
    assert f.ratio == pytest.approx(ratio, abs=1e-6)


def test_open_sdg_path_and_projection():
    f = open_sdg_progress(46, 2020, 47.8, 2023, 49, 2025, True, unit="%")
    assert f.expected_now == pytest.approx(46 * (49 / 46) ** (3 / 5))
    assert f.projected == pytest.approx(47.8 * (47.8 / 46) ** (2 / 3))
    assert f.note == (
        "Từ 46% năm 2020 đến 47,8% năm 2023, bình quân tăng 1,29%/năm, trong khi cần "
        "tăng 1,27%/năm (R = 1,01) để đạt mục tiêu 49% năm 2025; đúng tiến độ."
    )


@pytest.mark.parametrize(
    "y0, yt, t, target, higher, category, ratio, projected",
    [
        # New-rural communes (advanced) from 0 to 10 by 2025: 2 a year as needed.
        (0, 4, 2022, 10, True, "on_track", 1.0, 10.0),
        # Makeshift houses from 120 to 0: 20 a year removed, 24 needed.
        (120, 60, 2023, 0, False, "needs_acceleration", 20 / 24, 20.0),
        # A sign change (net migration from −50 to +10, target +30).
        (-50, 10, 2023, 30, True, "on_track", 20 / 16, 50.0),
    ],
)
def test_open_sdg_falls_back_to_absolute_change(y0, yt, t, target, higher, category, ratio,
                                                projected):
    f = open_sdg_progress(y0, 2020, yt, t, target, 2025, higher)
    assert f.category == category
    assert f.ratio == pytest.approx(ratio)
    assert f.projected == pytest.approx(projected)
    assert "mức thay đổi tuyệt đối" in f.note


def test_open_sdg_target_equal_to_baseline():
    # CAGRr = 0: sdg-build would divide by zero.
    f = open_sdg_progress(49, 2020, 48.5, 2023, 49, 2025, True)
    assert (f.category, f.ratio) == ("deterioration", None)


@pytest.mark.parametrize(
    "yt, category", [(46, "insufficient_data"), (49.2, "reached")],
)
def test_open_sdg_one_year_only(yt, category):
    f = open_sdg_progress(yt, 2020, yt, 2020, 49, 2025, True)
    assert (f.category, f.ratio) == (category, None)


@pytest.mark.parametrize(
    "args",
    [
        (46, 2020, 47, 2019, 49, 2025, True),  # latest before baseline
        (46, 2020, 47, 2021, 49, 2020, True),  # target year at baseline
        (46, 2020, math.nan, 2021, 49, 2025, True),
    ],
)
def test_open_sdg_rejects_bad_input(args):
    with pytest.raises(ValueError):
        open_sdg_progress(*args)


# --- ESCAP -----------------------------------------------------------------------

def _wls_projection(series, target_year):
    """Independent check: numpy's polyfit weighs unsquared residuals, so √w."""
    years = np.array([y for y, _ in series], dtype=float)
    values = np.array([v for _, v in series])
    weights = 1 + years - years.min()
    return np.polyval(np.polyfit(years, values, 1, w=np.sqrt(weights)), target_year)


FOREST_ON_PATH = [(2020, 46.0), (2021, 46.6), (2022, 47.2), (2023, 47.8)]
FOREST_SLOWING = [(2020, 46.0), (2021, 46.8), (2022, 47.2), (2023, 47.4)]
FOREST_FALLING = [(2020, 46.0), (2021, 45.8), (2022, 45.9), (2023, 45.5)]


@pytest.mark.parametrize(
    "series, category",
    [
        (FOREST_ON_PATH, "on_track"),
        (FOREST_SLOWING, "needs_acceleration"),
        (FOREST_FALLING, "deterioration"),
        (FOREST_ON_PATH + [(2024, 49.0)], "reached"),
    ],
)
def test_escap_forest(series, category):
    f = escap_anticipated_progress(series, 2020, 49.0, 2025, True)
    projected = _wls_projection(series, 2025)
    assert (f.method, f.category) == ("escap", category)
    assert f.projected == pytest.approx(projected)
    assert f.ratio == pytest.approx((projected - 46.0) / (49.0 - 46.0))


def test_escap_exact_path_is_on_track():
    f = escap_anticipated_progress(FOREST_ON_PATH, 2020, 49.0, 2025, True)
    assert f.ratio == pytest.approx(1.0)
    assert f.expected_now == pytest.approx(47.8)


def test_escap_weighs_recent_years_more():
    # Flat, then rising: the weighted trend leans on the recent rise.
    series = [(2020, 46.0), (2021, 46.0), (2022, 46.1), (2023, 46.9), (2024, 47.8)]
    f = escap_anticipated_progress(series, 2020, 49.0, 2025, True)
    unweighted = np.polyval(np.polyfit([y for y, _ in series], [v for _, v in series], 1), 2025)
    assert f.projected > unweighted + 0.05


def test_escap_gap_in_note():
    f = escap_anticipated_progress(FOREST_SLOWING, 2020, 49.0, 2025, True, unit="%")
    assert "năm 2025 ước đạt 48,28%" in f.note
    assert "AP = 0,76, còn thiếu 0,24" in f.note


def test_escap_lower_better():
    f = escap_anticipated_progress([(2020, 5.0), (2021, 4.5), (2022, 4.0)], 2020, 3.0, 2025,
                                   higher_is_better=False)
    assert f.category == "on_track"
    assert f.ratio == pytest.approx((2.5 - 5.0) / (3.0 - 5.0))


def test_escap_ignores_points_before_baseline_and_moves_missing_baseline():
    series = [(2018, 40.0), (2021, 46.3), (2022, 46.9), (2023, 47.4)]
    f = escap_anticipated_progress(series, 2020, 49.0, 2025, True)
    projected = _wls_projection(series[1:], 2025)
    assert f.ratio == pytest.approx((projected - 46.3) / (49.0 - 46.3))
    assert "năm gốc 2020 chưa có số liệu" in f.note


def test_escap_baseline_already_met_then_slid_back():
    # 46% in 2020 against a target of 45%: AP's denominator has the wrong sign.
    f = escap_anticipated_progress([(2020, 46.0), (2021, 45.5), (2022, 44.8)], 2020, 45.0,
                                   2025, True)
    assert (f.category, f.ratio) == ("deterioration", None)


@pytest.mark.parametrize(
    "series, category",
    [
        ([], "insufficient_data"),
        ([(2020, 46.0)], "insufficient_data"),
        ([(2019, 45.0), (2021, 46.5)], "insufficient_data"),  # one point since baseline
        ([(2022, 49.5)], "reached"),
    ],
)
def test_escap_few_points(series, category):
    f = escap_anticipated_progress(series, 2020, 49.0, 2025, True)
    assert (f.category, f.ratio, f.projected) == (category, None, None)


@pytest.mark.parametrize(
    "series, baseline_year, target_year",
    [
        ([(2020, 46.0), (2020, 46.5)], 2020, 2025),  # a repeated year
        ([(2020, 46.0), (2021, math.nan)], 2020, 2025),
        (FOREST_ON_PATH, 2020, 2020),
    ],
)
def test_escap_rejects_bad_input(series, baseline_year, target_year):
    with pytest.raises(ValueError):
        escap_anticipated_progress(series, baseline_year, 49.0, target_year, True)


# --- choosing a method ---------------------------------------------------------------

@pytest.mark.parametrize(
    "kind, change_unit, temporal, method",
    [
        ("decrease_by", "points", "level", "linear_path"),  # hộ nghèo giảm 1,5–2%/năm
        ("increase_by", "absolute", "level", "linear_path"),  # tăng thêm 7 xã
        ("at_least", None, "flow", "flow_ytd"),  # thu ngân sách 3.400 tỷ
        ("range", None, "flow", "flow_ytd"),  # vốn đầu tư 100–105 ngàn tỷ
        ("at_most", None, "flow", "flow_ytd"),  # chi không vượt dự toán
        ("increase_by", "percent", "flow", "flow_ytd"),  # thu tăng 10%
        ("at_least", None, "level", "open_sdg"),  # che phủ rừng 49%
        ("at_most", None, "level", "open_sdg"),
        ("range", None, "level", "open_sdg"),
        ("exact", None, "level", "open_sdg"),
        ("increase_by", "percent", "level", "open_sdg"),
        ("increase_by", "times", "level", "open_sdg"),
    ],
)
def test_choose_method(kind, change_unit, temporal, method):
    assert choose_method(kind, change_unit, temporal) == method


@pytest.mark.parametrize(
    "kind, change_unit, temporal",
    [
        ("boolean", None, "level"),
        ("decrease_vs_previous", None, "level"),
        ("at_least", None, "stock"),
        ("decrease_by", None, "level"),
    ],
)
def test_choose_method_rejects(kind, change_unit, temporal):
    with pytest.raises(ValueError):
        choose_method(kind, change_unit, temporal)


def test_vocabularies_match_the_catalogue():
    assert TEMPORALS == indicators.TEMPORALS
    assert set(LEVEL_KINDS + CHANGE_KINDS) <= set(targets.KINDS)
    assert set(CHANGE_KINDS) == set(targets.RELATIVE_KINDS)
    assert set(LINEAR_CHANGE_UNITS + GEOMETRIC_CHANGE_UNITS) == set(targets.CHANGE_UNITS)


@pytest.mark.parametrize(
    "method, category", [("trend", "on_track"), ("escap", "maybe")],
)
def test_forecast_rejects_unknown_labels(method, category):
    with pytest.raises(ValueError):
        Forecast(method, category, None, None, None, "")


def test_every_category_has_a_verdict():
    from kpi.progress import _VERDICT
    assert set(_VERDICT) == set(CATEGORIES)
