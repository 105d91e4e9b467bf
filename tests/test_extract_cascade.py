"""Cascading plans: a city's yearly target next to the province target it serves."""
from __future__ import annotations

import pytest

from kpi.extract.cascade import cascade, cascade_frame, parent_target
from kpi.plans import Plan
from kpi.targets import Target

PROVINCE = Plan("KG", "Tỉnh 2021-2025", "2021-2025", "plan", "vn2004:91")
CITY = Plan("PQ", "Phú Quốc 2021", "2021", "plan", "vn2004:911", parent_plan="KG")


def _t(plan, indicator, period, kind="at_least", term=None, **figures):
    unit = "vn2004:91" if plan == "KG" else "vn2004:911"
    return Target(indicator, unit, period, kind, term=term, plan_code=plan, **figures)


PARENTS = [
    _t("KG", "GRDP_GROWTH", "2021", "range", "2021-2025", min=10, max=11),
    _t("KG", "GRDP_GROWTH", "2022", "range", "2021-2025", min=10, max=11),
    _t("KG", "FOREST", "2025", term="2021-2025", value=49),
    _t("KG", "INVEST", "2021-2025", "range", "2021-2025", min=100000, max=105000),
    _t("KG", "REVENUE", "2021", "exact", "2021-2025", value=5000),
    _t("KG", "REVENUE", "2021", "increase_by", "2021-2025", value=8, change_unit="percent"),
]


@pytest.mark.parametrize("child, expected", [
    (_t("PQ", "GRDP_GROWTH", "2021", "at_least", value=12), PARENTS[0]),  # same year wins
    (_t("PQ", "FOREST", "2021", value=20), PARENTS[2]),                  # a level due in 2025 spans the term
    (_t("PQ", "INVEST", "2021", "exact", value=25000), PARENTS[3]),      # the term's total
    (_t("PQ", "REVENUE", "2021", "exact", value=3400), PARENTS[4]),      # same kind preferred
    (_t("PQ", "REVENUE", "2021", "increase_by", value=9, change_unit="percent"), PARENTS[5]),
    (_t("PQ", "NTM", "2021", value=2), None),                            # the province sets none
    (_t("PQ", "GRDP_GROWTH", "2026", value=7), None),                    # outside the term
])
def test_parent_target(child, expected):
    assert parent_target(child, PARENTS) == expected


def test_cascade_pairs_only_the_child_plans_targets():
    child = _t("PQ", "GRDP_GROWTH", "2021", value=12)
    rows = cascade(CITY, PARENTS + [child])
    assert [(r.child, r.parent, r.parent_plan) for r in rows] == [(child, PARENTS[0], "KG")]
    assert [r.parent for r in cascade(Plan("X", "x", "2021", "plan"), [child])] == []


def test_demo_city_targets_shown_next_to_the_province_ones(demo_engine):
    frame = cascade_frame(demo_engine, "PQ-2021")
    revenue = frame[frame["Chỉ tiêu"].str.startswith("Thu ngân sách")].iloc[0]
    assert revenue["Chỉ tiêu của đơn vị"] == "3.400 tỷ đồng"
    assert revenue["Đơn vị cấp trên"] == "Kiên Giang"
    assert revenue["Chỉ tiêu cấp trên"] == "6.400–6.500 tỷ đồng"
    assert revenue["Kỳ cấp trên"] == "Năm 2025"
    investment = frame[frame["Chỉ tiêu"].str.startswith("Tổng vốn đầu tư")].iloc[0]
    assert (investment["Kỳ cấp trên"], investment["Chỉ tiêu cấp trên"]) == (
        "Giai đoạn 2021–2025", "100.000–105.000 tỷ đồng")
    unserved = frame[frame["Chỉ tiêu"].str.startswith("Sản lượng hồ tiêu")].iloc[0]
    assert unserved["Chỉ tiêu cấp trên"] == "–"
