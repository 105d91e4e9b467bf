"""Target records as written → stored targets: measure, change unit, period expansion."""
from __future__ import annotations

import pytest

from kpi.extract.convert import ConversionError, Placement, change_unit, periods_of, to_targets
from kpi.indicators import Indicator

RATE = Indicator("POOR_RATE", "Tỷ lệ hộ nghèo", "%", "xa_hoi", "lower")
REVENUE = Indicator("REVENUE", "Thu ngân sách", "tỷ đồng", "kinh_te", "higher", temporal="flow",
                    aggregation="sum")
INVESTMENT = Indicator("INVEST", "Tổng vốn đầu tư", "tỷ đồng", "kinh_te", "higher", temporal="flow")
FOREST = Indicator("FOREST", "Tỷ lệ che phủ rừng", "%", "moi_truong", "higher")
COMMUNES = Indicator("NTM", "Số xã đạt chuẩn nông thôn mới", "xã", "xa_hoi", "higher")
HERE = Placement("vn2004:91", "KG-2021-2025", "2021-2025")
CITY = Placement("vn2004:911", "PQ-2021", "2021")


def _rec(**fields):
    base = {"indicator": "x", "value": None, "min": None, "max": None, "unit": "%",
            "direction": "exact", "period": "2021", "locality": None, "quote": "q"}
    return {**base, **fields}


@pytest.mark.parametrize("unit, indicator, expected", [
    ("%", RATE, "points"),
    ("%/năm", RATE, "points"),
    ("điểm %", RATE, "points"),
    ("điểm phần trăm/năm", RATE, "points"),
    ("%", REVENUE, "percent"),
    ("lần", REVENUE, "times"),
    ("tỷ đồng", REVENUE, "absolute"),
    ("xã", COMMUNES, "absolute"),
])
def test_change_unit(unit, indicator, expected):
    assert change_unit(unit, indicator) == expected


@pytest.mark.parametrize("period, indicator, plan_period, expected", [
    ("2021", REVENUE, "2021", [("2021", None, None)]),
    ("2023", REVENUE, "2021-2025", [("2023", "2021-2025", None)]),
    ("2021-2025", INVESTMENT, "2021-2025", [("2021-2025", "2021-2025", None)]),
    ("2021-2025", FOREST, "2021-2025", [("2025", "2021-2025", None)]),
    ("hằng năm (2021-2023)", RATE, "2021-2025",
     [("2021", "2021-2023", "2020"), ("2022", "2021-2023", "2021"), ("2023", "2021-2023", "2022")]),
    ("2022-H1", REVENUE, "2022", [("2022-H1", None, None)]),
    ("", REVENUE, "2021", [("2021", None, None)]),
])
def test_periods_of(period, indicator, plan_period, expected):
    assert periods_of(period, indicator, plan_period) == expected


def test_poverty_points_per_year_expand_with_baselines():
    targets = to_targets(_rec(min=1.5, max=2, direction="decrease_by", period="hằng năm (2021-2025)"),
                         RATE, HERE)
    assert [(t.period, t.kind, t.min, t.max, t.change_unit, t.baseline_period, t.term) for t in targets] == [
        (str(y), "decrease_by", 1.5, 2, "points", str(y - 1), "2021-2025") for y in range(2021, 2026)]


@pytest.mark.parametrize("record, indicator, expected", [
    (_rec(min=100, max=105, unit="ngàn tỷ đồng", direction="range", period="2021-2025"), INVESTMENT,
     ("2021-2025", "range", None, 100000, 105000, None)),
    (_rec(value=3400, unit="tỷ đồng"), REVENUE, ("2021", "exact", 3400, None, None, None)),
    (_rec(value=1509, unit="triệu đồng"), REVENUE, ("2021", "exact", 1.509, None, None, None)),
    (_rec(value=9.76, direction="increase_by"), REVENUE, ("2021", "increase_by", 9.76, None, None, "percent")),
    (_rec(value=500, unit="tỷ đồng", direction="increase_by"), REVENUE,
     ("2021", "increase_by", 500, None, None, "absolute")),
    (_rec(value=49, direction="at_least", period="2021-2025"), FOREST, ("2025", "at_least", 49, None, None, None)),
    (_rec(value=2, unit="xã", direction="at_least"), COMMUNES, ("2021", "at_least", 2, None, None, None)),
    (_rec(unit=None, direction="decrease_vs_previous"), RATE,
     ("2021", "decrease_vs_previous", None, None, None, None)),
])
def test_to_targets(record, indicator, expected):
    (target,) = to_targets(record, indicator, CITY if record["period"] == "2021" else HERE)
    assert (target.period, target.kind, target.value, target.min, target.max, target.change_unit) == expected
    assert target.quote == "q"


def test_places_strict_and_plan_are_kept():
    (target,) = to_targets(_rec(value=11, unit="‰", direction="at_most", strict=True,
                                locality="trừ Thổ Châu"),
                           Indicator("POP", "Tỷ lệ tăng dân số", "‰", "xa_hoi", "lower"), CITY)
    assert (target.strict, target.places, target.plan_code, target.unit_key) == (
        True, "trừ Thổ Châu", "PQ-2021", "vn2004:911")


@pytest.mark.parametrize("record, indicator, message", [
    (_rec(value=8, unit="xã"), RATE, "không đổi được sang đơn vị"),
    (_rec(value=11, unit="‰"), RATE, "không đổi được sang đơn vị"),
    (_rec(min=1, direction="range"), RATE, "cần cả giá trị nhỏ nhất và lớn nhất"),
    (_rec(value=1, direction="tăng"), RATE, "không hợp lệ"),
    (_rec(value=1, period="năm sau"), RATE, "không đọc được"),
    (_rec(direction="at_least"), RATE, "chưa có số"),
])
def test_records_that_cannot_be_stored_say_what_to_fix(record, indicator, message):
    with pytest.raises(ConversionError, match=message):
        to_targets(record, indicator, CITY)
