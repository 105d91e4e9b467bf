"""Roll-ups up the unit tree and across the 2025 reform (kpi.aggregation)."""
import math

import pytest

from kpi.aggregation import (
    AggregateResult, ReformGap, carry_across_reform, carry_ratio_across_reform,
    count_meeting, growth_from_levels, ratio_of_sums, reform_gaps, share_meeting, sum_values,
)

# Three districts of Kiên Giang (2004 codes) reporting budget revenue, tỷ đồng.
DISTRICTS = ("vn2004:899", "vn2004:911", "vn2004:912")


@pytest.mark.parametrize(
    "values, expected",
    [
        ({"vn2004:899": 1200.0, "vn2004:911": 850.5, "vn2004:912": 3400.0},
         AggregateResult(5450.5, 3, 3, (), True)),
        ({"vn2004:899": 1200.0, "vn2004:911": None, "vn2004:912": 3400.0},
         AggregateResult(4600.0, 2, 3, ("vn2004:911",), False)),
        # An absent key and a NaN cell (from pandas) are missing too.
        ({"vn2004:899": 1200.0, "vn2004:912": math.nan},
         AggregateResult(1200.0, 1, 3, ("vn2004:911", "vn2004:912"), False)),
        ({}, AggregateResult(None, 0, 3, DISTRICTS, False)),
        # Units outside the members do not leak in.
        ({"vn2004:899": 1.0, "vn2004:911": 2.0, "vn2004:912": 3.0, "vn2004:913": 100.0},
         AggregateResult(6.0, 3, 3, (), True)),
        # A reported zero is a value, not a gap.
        ({"vn2004:899": 0.0, "vn2004:911": 0.0, "vn2004:912": 0.0},
         AggregateResult(0.0, 3, 3, (), True)),
    ],
)
def test_sum_values(values, expected):
    assert sum_values(values, DISTRICTS) == expected


def test_sum_of_no_members_is_not_complete():
    assert sum_values({"vn2004:899": 1.0}, []) == AggregateResult(None, 0, 0, (), False)


def test_sum_rejects_a_member_listed_twice():
    with pytest.raises(ValueError):
        sum_values({"vn2004:899": 1.0}, ["vn2004:899", "vn2004:899"])


# Poor households / households of two districts.
POOR = {"vn2004:911": 50.0, "vn2004:912": 300.0}
HOUSEHOLDS = {"vn2004:911": 1000.0, "vn2004:912": 2000.0}


def test_ratio_of_sums_is_not_the_mean_of_rates():
    members = ["vn2004:911", "vn2004:912"]
    rates = [POOR[k] / HOUSEHOLDS[k] * 100 for k in members]  # 5% and 15%
    result = ratio_of_sums(POOR, HOUSEHOLDS, members)
    assert sum(rates) / len(rates) == pytest.approx(10.0)
    assert result.value == pytest.approx(350 / 3000 * 100)  # 11,67%
    assert result.complete


@pytest.mark.parametrize(
    "num, den, value, missing",
    [
        # A district with households but no count of poor is left out of both sums.
        ({"vn2004:911": 50.0}, HOUSEHOLDS, 5.0, ("vn2004:912",)),
        ({"vn2004:911": 50.0, "vn2004:912": 300.0}, {"vn2004:912": 2000.0}, 15.0,
         ("vn2004:911",)),
        ({}, HOUSEHOLDS, None, ("vn2004:911", "vn2004:912")),
        # Zero households in all: the rate is undefined, not 0.
        ({"vn2004:911": 0.0, "vn2004:912": 0.0}, {"vn2004:911": 0.0, "vn2004:912": 0.0}, None,
         ()),
    ],
)
def test_ratio_of_sums_counts_members_with_both_parts(num, den, value, missing):
    result = ratio_of_sums(num, den, ["vn2004:911", "vn2004:912"])
    assert result.value == (None if value is None else pytest.approx(value))
    assert result.missing == missing
    assert result.reported == 2 - len(missing)


def test_ratio_of_sums_per_mille():
    # Births per 1.000 people.
    result = ratio_of_sums({"a": 180.0, "b": 95.0}, {"a": 12000.0, "b": 8000.0}, ["a", "b"],
                           scale=1000)
    assert result.value == pytest.approx(13.75)


# Communes of a district and their new-rural (nông thôn mới) status.
COMMUNES = ("vn2004:30001", "vn2004:30004", "vn2004:30007", "vn2004:30010", "vn2004:30013",
            "vn2004:30016")
STATUSES = {
    "vn2004:30001": "met", "vn2004:30004": "exceeded", "vn2004:30007": "not_met",
    "vn2004:30010": "nearly", "vn2004:30013": None, "vn2004:30016": "no_data",
}


def test_count_meeting():
    result = count_meeting(STATUSES, COMMUNES)
    assert result == AggregateResult(2.0, 4, 6, ("vn2004:30013", "vn2004:30016"), False)


def test_count_meeting_custom_statuses():
    assert count_meeting(STATUSES, COMMUNES, meeting=("met", "exceeded", "nearly")).value == 3


def test_count_meeting_none_reported():
    assert count_meeting({}, COMMUNES).value is None


@pytest.mark.parametrize(
    "statuses, value, complete",
    [
        # Units without data count as not meeting: 2 of 6, not 2 of 4.
        (STATUSES, 2 * 100 / 6, False),
        ({k: "met" for k in COMMUNES[:3]} | {k: "not_met" for k in COMMUNES[3:]}, 50.0, True),
        ({k: "met" for k in COMMUNES}, 100.0, True),
        ({}, None, False),
    ],
)
def test_share_meeting(statuses, value, complete):
    result = share_meeting(statuses, COMMUNES)
    assert result.value == (None if value is None else pytest.approx(value))
    assert result.complete is complete
    assert result.expected == 6


# --- across the reform ------------------------------------------------------------

KIEN_GIANG, AN_GIANG_OLD, AN_GIANG_NEW = "vn2004:91", "vn2004:89", "vn2025:91"
PROVINCE_LINKS = [(KIEN_GIANG, AN_GIANG_NEW, "whole"), (AN_GIANG_OLD, AN_GIANG_NEW, "whole")]

# 2021–2025 figures of the two old provinces (budget revenue and GRDP at 2010
# prices in tỷ đồng; households and poor households by the multidimensional
# standard).
SERIES = {
    KIEN_GIANG: {
        "revenue": {2021: 10850.0, 2022: 12460.0, 2023: 11200.0, 2024: 12900.0, 2025: 13500.0},
        "grdp": {2020: 74000.0, 2021: 73200.0, 2022: 79300.0, 2023: 84100.0, 2024: 89000.0,
                 2025: 94600.0},
        "households": {2021: 478000.0, 2022: 481500.0, 2023: 485000.0, 2024: 488200.0,
                       2025: 491000.0},
        "poor": {2021: 14300.0, 2022: 11500.0, 2023: 9200.0, 2024: 7100.0, 2025: 5300.0},
    },
    AN_GIANG_OLD: {
        "revenue": {2021: 6950.0, 2022: 7830.0, 2023: 7600.0, 2024: 8400.0, 2025: 9100.0},
        "grdp": {2020: 62000.0, 2021: 62700.0, 2022: 67200.0, 2023: 71100.0, 2024: 76000.0,
                 2025: 81200.0},
        "households": {2021: 568000.0, 2022: 570400.0, 2023: 572900.0, 2024: 575000.0,
                       2025: 577300.0},
        "poor": {2021: 24900.0, 2022: 19000.0, 2023: 15600.0, 2024: 12100.0, 2025: 9000.0},
    },
}


def _year(measure, year):
    return {unit: SERIES[unit][measure][year] for unit in SERIES}


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025])
def test_merged_province_series(year):
    revenue = carry_across_reform(_year("revenue", year), PROVINCE_LINKS, "sum")
    assert revenue == {AN_GIANG_NEW: _year("revenue", year)[KIEN_GIANG]
                       + _year("revenue", year)[AN_GIANG_OLD]}

    poor, households = _year("poor", year), _year("households", year)
    rate = carry_ratio_across_reform(poor, households, PROVINCE_LINKS)[AN_GIANG_NEW]
    assert rate == pytest.approx(sum(poor.values()) / sum(households.values()) * 100)
    mean_of_rates = sum(poor[k] / households[k] * 100 for k in SERIES) / 2
    assert abs(rate - mean_of_rates) > 0.01

    now = carry_across_reform(_year("grdp", year), PROVINCE_LINKS, "sum")[AN_GIANG_NEW]
    before = carry_across_reform(_year("grdp", year - 1), PROVINCE_LINKS, "sum")[AN_GIANG_NEW]
    growth = growth_from_levels(now, before)
    mean_of_growths = sum(
        growth_from_levels(SERIES[k]["grdp"][year], SERIES[k]["grdp"][year - 1]) for k in SERIES
    ) / 2
    assert abs(growth - mean_of_growths) > 0.005
    assert reform_gaps(_year("revenue", year), PROVINCE_LINKS) == ()


def test_merged_province_figures_2022():
    # Hand-checked: 12.460 + 7.830; 30.500 / 1.051.900; 146.500 / 135.900.
    assert carry_across_reform(_year("revenue", 2022), PROVINCE_LINKS, "sum") == {
        AN_GIANG_NEW: 20290.0}
    rate = carry_ratio_across_reform(_year("poor", 2022), _year("households", 2022),
                                     PROVINCE_LINKS)
    assert rate[AN_GIANG_NEW] == pytest.approx(2.8995, abs=1e-4)
    assert growth_from_levels(146500.0, 135900.0) == pytest.approx(7.7999, abs=1e-4)


# Communes: 31231 went whole into 30001; 31234 was split between 30001 and 30004;
# 31237 and 31240 went whole into 30007.
COMMUNE_LINKS = [
    ("vn2004:31231", "vn2025:30001", "whole"),
    ("vn2004:31234", "vn2025:30001", "split"),
    ("vn2004:31234", "vn2025:30004", "split"),
    ("vn2004:31237", "vn2025:30007", "whole"),
    ("vn2004:31240", "vn2025:30007", "whole"),
]


@pytest.mark.parametrize(
    "old_values, carried, gaps",
    [
        ({"vn2004:31231": 12.0, "vn2004:31234": 8.0, "vn2004:31237": 5.0, "vn2004:31240": 7.0},
         {"vn2025:30001": None, "vn2025:30004": None, "vn2025:30007": 12.0},
         (ReformGap("vn2025:30001", ("vn2004:31234",), ()),
          ReformGap("vn2025:30004", ("vn2004:31234",), ()))),
        ({"vn2004:31231": 12.0, "vn2004:31234": 8.0, "vn2004:31237": 5.0,
          "vn2004:31240": None},
         {"vn2025:30001": None, "vn2025:30004": None, "vn2025:30007": None},
         (ReformGap("vn2025:30001", ("vn2004:31234",), ()),
          ReformGap("vn2025:30004", ("vn2004:31234",), ()),
          ReformGap("vn2025:30007", (), ("vn2004:31240",)))),
    ],
)
def test_communes_across_the_reform(old_values, carried, gaps):
    assert carry_across_reform(old_values, COMMUNE_LINKS, "sum") == carried
    assert reform_gaps(old_values, COMMUNE_LINKS) == gaps


def test_ratio_across_reform_is_none_where_a_part_is_missing():
    links = [("vn2004:91", "vn2025:91", "whole"), ("vn2004:89", "vn2025:91", "whole"),
             ("vn2004:92", "vn2025:92", "whole")]
    num = {"vn2004:91": 11500.0, "vn2004:89": 19000.0, "vn2004:92": 800.0}
    den = {"vn2004:91": 481500.0, "vn2004:89": None, "vn2004:92": 0.0}
    assert carry_ratio_across_reform(num, den, links) == {"vn2025:91": None, "vn2025:92": None}
    assert reform_gaps(den, links) == (ReformGap("vn2025:91", (), ("vn2004:89",)),)


@pytest.mark.parametrize(
    "links, method",
    [
        (PROVINCE_LINKS, "ratio"),  # carry the parts instead
        (PROVINCE_LINKS, "mean"),
        ([("vn2004:91", "vn2025:91", "partial")], "sum"),
        # Linked whole into two units: would be counted twice.
        ([("vn2004:91", "vn2025:91", "whole"), ("vn2004:91", "vn2025:80", "whole")], "sum"),
        ([("vn2004:91", "vn2025:91", "whole"), ("vn2004:91", "vn2025:80", "split")], "sum"),
    ],
)
def test_carry_rejects(links, method):
    with pytest.raises(ValueError):
        carry_across_reform({"vn2004:91": 1.0, "vn2004:89": 2.0}, links, method)


@pytest.mark.parametrize(
    "current, previous, growth",
    [(110.0, 100.0, 10.0), (146500.0, 135900.0, 7.79985), (95.0, 100.0, -5.0), (100.0, 100.0, 0.0)],
)
def test_growth_from_levels(current, previous, growth):
    assert growth_from_levels(current, previous) == pytest.approx(growth, abs=1e-4)


@pytest.mark.parametrize("current, previous", [(100.0, 0.0), (100.0, -5.0), (math.nan, 100.0)])
def test_growth_from_levels_rejects(current, previous):
    with pytest.raises(ValueError):
        growth_from_levels(current, previous)
