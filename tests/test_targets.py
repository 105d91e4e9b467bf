"""Target status rules (DESIGN.md §3), pinned with the seed plans' own figures."""
from __future__ import annotations

import pytest

from kpi.indicators import Indicator
from kpi.targets import Bounds, Target, assess, effective_bounds

GRDP_GROWTH = Indicator("GRDP_GROWTH", "Tốc độ tăng GRDP", "%", "kinh_te", "higher")
POOR_RATE = Indicator("POOR_RATE", "Tỷ lệ hộ nghèo đa chiều", "%", "xa_hoi", "lower")
POP_GROWTH = Indicator("POP_GROWTH", "Tỷ lệ tăng dân số tự nhiên", "‰", "xa_hoi", "lower")
AGRI_SHARE = Indicator("AGRI_SHARE", "Cơ cấu: nông – lâm – thủy sản", "%", "kinh_te", "band")
FOREST = Indicator("FOREST", "Tỷ lệ che phủ rừng", "%", "moi_truong", "higher")
BUDGET = Indicator("BUDGET", "Thu ngân sách", "tỷ đồng", "kinh_te", "higher",
                   temporal="flow", tolerance=0.5)
INDUSTRY = Indicator("INDUSTRY", "Giá trị sản xuất công nghiệp – xây dựng", "tỷ đồng",
                     "kinh_te", "higher", temporal="flow", tolerance=0.5)
ACCIDENTS = Indicator("ACCIDENTS", "Số vụ tai nạn giao thông", "vụ", "quoc_phong_an_ninh", "lower")
SECURITY = Indicator("SECURITY", "Đảm bảo an ninh chính trị", "", "quoc_phong_an_ninh", "boolean")


def target(code, kind, **figures) -> Target:
    return Target(code, "vn2004:91", "2021", kind, **figures)


GRDP_10_11 = target("GRDP_GROWTH", "range", min=10, max=11)  # seed 000: "đạt 10- 11%/năm"
POVERTY_DOWN = target("POOR_RATE", "decrease_by", min=1.5, max=2, change_unit="points")
POP_BELOW_11 = target("POP_GROWTH", "at_most", value=11, strict=True)  # seed 004: "dưới 11‰"
POVERTY_TO_028 = target("POOR_RATE", "at_most", value=0.28)  # seed 004: "Giảm hộ nghèo còn 0,28%"
AGRI_18_19 = target("AGRI_SHARE", "range", min=18, max=19)  # seed 000: "chiếm 18-19%"
FOREST_49 = target("FOREST", "at_least", value=49)  # seed 000: "che phủ rừng đạt 49%"
FOREST_49_BARE = target("FOREST", "exact", value=49)
BUDGET_3400 = target("BUDGET", "exact", value=3400)  # seed 004: "Thu ngân sách 3.400 tỷ đồng"
INDUSTRY_UP = target("INDUSTRY", "increase_by", value=9.76, change_unit="percent",
                     baseline=15237)  # seed 004: "tăng 9,76%"
ACCIDENTS_DOWN = target("ACCIDENTS", "decrease_vs_previous", strict=True)  # seed 004: "giảm hơn"
WEAK_CELLS_NOT_UP = target("ACCIDENTS", "decrease_vs_previous")  # seed 001: "(hoặc không tăng)"
SECURITY_DUTY = target("SECURITY", "boolean")


@pytest.mark.parametrize(
    "tgt, indicator, actual, nearly, status, achievement",
    [
        # GRDP growth 10–11%: higher-better range
        (GRDP_10_11, GRDP_GROWTH, 10.5, 0.9, "met", 1.05),
        (GRDP_10_11, GRDP_GROWTH, 10.0, 0.9, "met", 1.0),
        (GRDP_10_11, GRDP_GROWTH, 11.0, 0.9, "met", 1.1),
        (GRDP_10_11, GRDP_GROWTH, 11.2, 0.9, "exceeded", 1.12),
        (GRDP_10_11, GRDP_GROWTH, 9.4, 0.9, "nearly", 0.94),
        (GRDP_10_11, GRDP_GROWTH, 9.4, 0.95, "not_met", 0.94),
        (GRDP_10_11, GRDP_GROWTH, -1.2, 0.9, "not_met", None),
        # "dưới 11‰": strict upper bound, lower-better
        (POP_BELOW_11, POP_GROWTH, 10.6, 0.9, "met", 11 / 10.6),  # rounds to 11: not "exceeded"
        (POP_BELOW_11, POP_GROWTH, 10.2, 0.9, "exceeded", 11 / 10.2),
        (POP_BELOW_11, POP_GROWTH, 11.0, 0.9, "nearly", 1.0),
        (POP_BELOW_11, POP_GROWTH, 12.0, 0.9, "nearly", 11 / 12),
        (POP_BELOW_11, POP_GROWTH, 13.0, 0.9, "not_met", 11 / 13),
        # "giảm hộ nghèo còn 0,28%": at most, not strict
        (POVERTY_TO_028, POOR_RATE, 0.28, 0.9, "met", 1.0),
        (POVERTY_TO_028, POOR_RATE, 0.25, 0.9, "exceeded", 0.28 / 0.25),
        (POVERTY_TO_028, POOR_RATE, 0.277, 0.9, "met", 0.28 / 0.277),  # rounds to 0,28
        (POVERTY_TO_028, POOR_RATE, 0.30, 0.9, "nearly", 0.28 / 0.30),
        (POVERTY_TO_028, POOR_RATE, 0.0, 0.9, "exceeded", None),
        # economic-structure share as a band
        (AGRI_18_19, AGRI_SHARE, 18.5, 0.9, "met", None),
        (AGRI_18_19, AGRI_SHARE, 17.2, 0.9, "not_met", None),
        (AGRI_18_19, AGRI_SHARE, 19.4, 0.9, "not_met", None),
        # forest cover 49%: at_least, and a bare value read by polarity
        (FOREST_49, FOREST, 49.0, 0.9, "met", 1.0),
        (FOREST_49, FOREST, 49.4, 0.9, "met", 49.4 / 49),  # published as 49%: met, not exceeded
        (FOREST_49, FOREST, 50.0, 0.9, "exceeded", 50 / 49),
        (FOREST_49, FOREST, 47.0, 0.9, "nearly", 47 / 49),
        (FOREST_49_BARE, FOREST, 47.0, 0.9, "nearly", 47 / 49),
        (FOREST_49_BARE, FOREST, 43.0, 0.9, "not_met", 43 / 49),
        # budget revenue 3.400 tỷ (bare value, higher-better) with a 0,5 tỷ tolerance
        (BUDGET_3400, BUDGET, 3400.4, 0.9, "met", 3400.4 / 3400),
        (BUDGET_3400, BUDGET, 3536.0, 0.9, "exceeded", 1.04),
        # "tăng 9,76%" on a baseline of 15.237 tỷ → at least 16.724,1
        (INDUSTRY_UP, INDUSTRY, 16724.5, 0.9, "met", 16724.5 / (15237 * 1.0976)),
        (INDUSTRY_UP, INDUSTRY, 17500.0, 0.9, "exceeded", 17500 / (15237 * 1.0976)),
        (INDUSTRY_UP, INDUSTRY, 15800.0, 0.9, "nearly", 15800 / (15237 * 1.0976)),
        # yes/no duty
        (SECURITY_DUTY, SECURITY, 1, 0.9, "met", 1.0),
        (SECURITY_DUTY, SECURITY, 0, 0.9, "not_met", 0.0),
    ],
)
def test_status_by_kind_and_polarity(tgt, indicator, actual, nearly, status, achievement):
    result = assess(tgt, indicator, actual, nearly_share=nearly)
    assert result.status == status
    if achievement is None:
        assert result.achievement is None
    else:
        assert result.achievement == pytest.approx(achievement)


@pytest.mark.parametrize(
    "actual, status, achievement",
    [
        (3.2, "met", 3.5 / 3.2),  # 5% − 1,5…2 points → [3; 3,5]
        (3.5, "met", 1.0),
        (3.0, "met", 3.5 / 3.0),
        (2.8, "exceeded", 3.5 / 2.8),
        (3.6, "nearly", 3.5 / 3.6),
        (4.5, "not_met", 3.5 / 4.5),
    ],
)
def test_poverty_down_1_5_to_2_points_from_baseline(actual, status, achievement):
    result = assess(POVERTY_DOWN, POOR_RATE, actual, baseline=5.0)
    assert result.bounds == Bounds(3.0, 3.5)
    assert (result.status, result.achievement) == (status, pytest.approx(achievement))


def test_band_reports_position():
    assert assess(AGRI_18_19, AGRI_SHARE, 17.2).position == "below"
    assert assess(AGRI_18_19, AGRI_SHARE, 19.4).position == "above"
    assert assess(AGRI_18_19, AGRI_SHARE, 18.0).position == "inside"


def test_exact_band_value_uses_rounding_tolerance():
    share = Indicator("S", "Tỷ trọng dịch vụ", "%", "kinh_te", "band", tolerance=0.5)
    bare = target("S", "exact", value=40)
    assert assess(bare, share, 40.4).status == "met"
    assert assess(bare, share, 40.6).status == "not_met"
    assert effective_bounds(bare, share) == Bounds(39.5, 40.5)


@pytest.mark.parametrize(
    "kind, figures, baseline, expected",
    [
        ("increase_by", {"value": 9.76, "change_unit": "percent"}, 100, Bounds(109.76, None)),
        ("increase_by", {"value": 7, "change_unit": "absolute"}, 40, Bounds(47, None)),
        ("increase_by", {"value": 2, "change_unit": "times"}, 40, Bounds(80, None)),
        ("decrease_by", {"value": 1.5, "change_unit": "points"}, 5, Bounds(None, 3.5)),
        ("decrease_by", {"value": 10, "change_unit": "percent"}, 200, Bounds(None, 180)),
        ("decrease_by", {"min": 1.5, "max": 2, "change_unit": "points"}, 5, Bounds(3, 3.5)),
        ("increase_by", {"min": 10, "max": 20, "change_unit": "percent"}, 100, Bounds(110, 120)),
    ],
)
def test_relative_bounds_move_from_the_baseline(kind, figures, baseline, expected):
    tgt = target("GRDP_GROWTH", kind, **figures)
    bounds = effective_bounds(tgt, GRDP_GROWTH, baseline=baseline)
    assert bounds.lower == pytest.approx(expected.lower) if expected.lower else bounds.lower is None
    assert bounds.upper == pytest.approx(expected.upper) if expected.upper else bounds.upper is None


def test_own_baseline_wins_over_the_stored_one():
    assert effective_bounds(INDUSTRY_UP, INDUSTRY, baseline=1).lower == pytest.approx(15237 * 1.0976)


@pytest.mark.parametrize(
    "actual, previous, status",
    [(110, 120, "met"), (120, 120, "not_met"), (125, 120, "not_met"), (150, 120, "not_met")],
)
def test_decrease_vs_previous_year(actual, previous, status):
    assert assess(ACCIDENTS_DOWN, ACCIDENTS, actual, previous=previous).status == status


@pytest.mark.parametrize("actual, previous, status", [(0, 0, "met"), (2, 2, "met"), (3, 2, "not_met")])
def test_or_not_increase_accepts_the_same_level(actual, previous, status):
    assert assess(WEAK_CELLS_NOT_UP, ACCIDENTS, actual, previous=previous).status == status


def test_missing_actual_is_no_data_once_the_period_ended_and_not_due_before():
    assert assess(FOREST_49, FOREST, None, period_ended=True).status == "no_data"
    assert assess(FOREST_49, FOREST, None, period_ended=False).status == "not_due"


def test_missing_baseline_or_previous_is_no_data_with_a_reason():
    result = assess(POVERTY_DOWN, POOR_RATE, 3.2)
    assert result.status == "no_data" and "kỳ gốc" in result.reason
    result = assess(ACCIDENTS_DOWN, ACCIDENTS, 100)
    assert result.status == "no_data" and "cùng kỳ" in result.reason


@pytest.mark.parametrize(
    "kind, figures, message",
    [
        ("range", {"min": 10}, "khoảng"),
        ("at_least", {"value": 1, "min": 3, "max": 2}, "ngược"),
        ("increase_by", {"value": 3}, "đơn vị thay đổi"),
        ("more_or_less", {"value": 3}, "không hợp lệ"),
    ],
)
def test_malformed_targets_are_refused_in_vietnamese(kind, figures, message):
    with pytest.raises(ValueError, match=message):
        target("X", kind, **figures)
