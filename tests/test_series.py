"""Series continued across the 2025 reform, on the demo store."""
from __future__ import annotations

import pytest

from kpi.actuals import best_record
from kpi.series import load_unit_series
from kpi.store.actuals import load_actuals

DAC_KHU_PHU_QUOC = "vn2025:31078"
# The old communes that went whole into Đặc khu Phú Quốc (Thổ Châu became its own đặc khu).
OLD_COMMUNES = ["vn2004:31078", "vn2004:31081", "vn2004:31084", "vn2004:31087",
                "vn2004:31090", "vn2004:31093", "vn2004:31096", "vn2004:31102"]
YEARS = ["2021", "2022", "2023", "2024", "2025"]


def _best(engine, code, keys, period):
    """The counting value of each unit that reported `period`."""
    with engine.connect() as conn:
        records = load_actuals(conn, unit_keys=keys, indicator_codes=[code], period_codes=[period])
    best = {key: best_record([r for r in records if r.unit_key == key]) for key in keys}
    return {key: record.value for key, record in best.items() if record is not None}


def test_poverty_rate_of_dac_khu_phu_quoc_before_the_reform_is_a_ratio_of_sums(demo_engine):
    series = {p.period: p for p in load_unit_series(
        demo_engine, "POOR_HOUSEHOLD_RATE", DAC_KHU_PHU_QUOC, YEARS)}
    carried = 0
    for year in YEARS[:-1]:
        poor = _best(demo_engine, "POOR_HOUSEHOLDS", OLD_COMMUNES, year)
        households = _best(demo_engine, "TOTAL_HOUSEHOLDS", OLD_COMMUNES, year)
        point = series[year]
        if len(poor) < len(OLD_COMMUNES) or len(households) < len(OLD_COMMUNES):
            # a commune did not report: a gap naming it, never a partial ratio
            missing = set(OLD_COMMUNES) - set(poor) | set(OLD_COMMUNES) - set(households)
            assert point.basis == "gap" and point.value is None
            assert all(key in point.note for key in missing)
            continue
        rates = _best(demo_engine, "POOR_HOUSEHOLD_RATE", OLD_COMMUNES, year)
        expected = 100 * sum(poor.values()) / sum(households.values())
        assert point.basis == "carried" and set(point.sources) == set(OLD_COMMUNES)
        assert point.value == pytest.approx(expected)
        # the mean of the communes' rates is a different (wrong) number
        assert point.value != pytest.approx(sum(rates.values()) / len(rates), abs=1e-6)
        carried += 1
    assert carried >= 3
    assert series["2025"].basis == "reported"  # the đặc khu reports for itself


def test_additive_indicator_sums_the_old_communes(demo_engine):
    series = load_unit_series(demo_engine, "POOR_HOUSEHOLDS", DAC_KHU_PHU_QUOC, ["2022"])
    assert series[0].value == pytest.approx(
        sum(_best(demo_engine, "POOR_HOUSEHOLDS", OLD_COMMUNES, "2022").values()))


def test_a_predecessor_without_data_makes_a_gap_with_a_reason_not_a_wrong_number(demo_engine):
    # New An Giang = old Kiên Giang (demo data) + old An Giang (no demo data).
    point = load_unit_series(demo_engine, "BUDGET_REVENUE", "vn2025:91", ["2022"])[0]
    assert point.basis == "gap" and point.value is None
    assert "vn2004:89" in point.note


def test_after_the_reform_old_units_have_no_values(demo_engine):
    point = load_unit_series(demo_engine, "BUDGET_REVENUE", "vn2004:91", ["2025-Q3"])[0]
    assert point.basis == "gap" and point.value is None
