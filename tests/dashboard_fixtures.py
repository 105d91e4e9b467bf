"""A small store that exercises every path of the dashboards' fast reads.

Built with the store's own functions on whatever engine a test gives it:
a province with two districts (valid until the 2025 reform, merged into one
new province), flows reported by month, by quarter or by year, levels by
month, revisions of every standing, a rolled-back batch, values reported
late (so `as_of` matters), and targets of every shape the scorecard reads —
yearly, half-year, emulation phase, a flow summed over the term, a level due
at the end of the term, a change from a baseline, "lower than last year".
Deterministic: random.Random(seed) only.
"""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import Engine, update

from kpi.actuals import ActualRecord
from kpi.indicators import Indicator
from kpi.plans import Phase, Plan
from kpi.schema import upload_batches
from kpi.store.actuals import create_batch, insert_actuals
from kpi.store.catalog import save_indicators, save_plan
from kpi.store.units import save_lineage, save_units
from kpi.targets import Target
from kpi.units import REFORM_DATE, Unit

OLD_END = dt.date(2025, 6, 30)
PROVINCE = Unit("vn2004", "91", "Kiên Giang", "Tỉnh", "province", None, None, OLD_END)
DISTRICT_A = Unit("vn2004", "911", "Phú Quốc", "Thành phố", "district", "vn2004:91", None, OLD_END)
DISTRICT_B = Unit("vn2004", "912", "Kiên Hải", "Huyện", "district", "vn2004:91", None, OLD_END)
NEW_PROVINCE = Unit("vn2025", "91", "An Giang", "Tỉnh", "province", None, REFORM_DATE, None)
UNITS = [PROVINCE, DISTRICT_A, DISTRICT_B, NEW_PROVINCE]

INDICATORS = [
    Indicator("REVENUE", "Thu ngân sách", "tỷ đồng", "kinh_te", "higher", temporal="flow",
              aggregation="sum", frequency="month", decimals=1),
    Indicator("REVENUE_TAX", "Thu từ thuế", "tỷ đồng", "kinh_te", "higher", temporal="flow",
              aggregation="sum", frequency="month", parent="REVENUE", decimals=1),
    Indicator("REVENUE_FEES", "Thu phí, lệ phí", "tỷ đồng", "kinh_te", "higher",
              temporal="flow", aggregation="sum", frequency="month", parent="REVENUE",
              decimals=1),
    Indicator("INVESTMENT", "Vốn đầu tư", "tỷ đồng", "kinh_te", "higher", temporal="flow",
              aggregation="sum", frequency="quarter", decimals=1),
    Indicator("OUTPUT", "Sản lượng", "tấn", "kinh_te", "higher", temporal="flow",
              aggregation="sum", frequency="year", decimals=0),
    Indicator("FOREST", "Tỷ lệ che phủ rừng", "%", "moi_truong", "higher", temporal="level",
              frequency="month", decimals=1, min_value=0, max_value=100),
    Indicator("POOR", "Tỷ lệ hộ nghèo", "%", "xa_hoi", "lower", temporal="level",
              frequency="year", decimals=2),
    Indicator("ACCIDENTS", "Số vụ tai nạn giao thông", "vụ", "quoc_phong_an_ninh", "lower",
              temporal="flow", aggregation="sum", frequency="month", decimals=0),
    Indicator("GROWTH", "Tốc độ tăng GRDP", "%", "kinh_te", "higher", frequency="year",
              decimals=2),
]
PHASES = [Phase("KH-TINH", "2022-D1", "Đợt thứ nhất", dt.date(2022, 1, 1), dt.date(2022, 6, 30)),
          Phase("KH-TINH", "2022-D2", "Đợt thứ hai", dt.date(2022, 7, 1), dt.date(2022, 12, 31))]
YEARS = (2020, 2021, 2022, 2023, 2024, 2025)
TERM = "2021-2025"


def _targets() -> list[Target]:
    p, a, b = PROVINCE.key, DISTRICT_A.key, DISTRICT_B.key
    out = []
    for year in ("2021", "2022", "2023", "2024"):
        out += [Target("REVENUE", p, year, "at_least", value=1300, term=TERM),
                Target("GROWTH", p, year, "range", min=7.0, max=8.0, term=TERM),
                Target("POOR", p, year, "decrease_by", min=0.5, max=1.0, change_unit="points",
                       term=TERM)]
    out += [
        Target("REVENUE", a, "2022", "at_least", value=600),
        Target("REVENUE", b, "2022", "at_least", value=700),
        Target("REVENUE", a, "2022-H1", "at_least", value=290),
        Target("REVENUE", p, "2022-D1", "at_least", value=600),
        Target("REVENUE_TAX", p, "2022", "at_least", value=900),
        Target("INVESTMENT", p, TERM, "range", min=4000, max=4500, term=TERM),
        Target("INVESTMENT", a, "2023", "at_least", value=400),
        Target("OUTPUT", p, "2023", "increase_by", value=5, change_unit="percent"),
        Target("FOREST", p, "2025", "at_least", value=49, term=TERM),
        Target("FOREST", a, "2022", "exact", value=47),
        Target("ACCIDENTS", p, "2022", "decrease_vs_previous", strict=True),
        Target("ACCIDENTS", a, "2023", "at_most", value=40),
    ]
    return out


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _revisions(rng, code, key, period, value, end) -> list[ActualRecord]:
    """One to three revisions: an estimate, sometimes a preliminary, rarely official."""
    out = [ActualRecord(code, key, period, round(value * rng.uniform(0.95, 1.05), 1), "uoc", 1,
                        end - dt.timedelta(days=5))]
    if rng.random() < 0.5:
        out.append(ActualRecord(code, key, period, round(value, 1), "so_bo", 1,
                                end + dt.timedelta(days=rng.choice((5, 40, 400)))))
    if rng.random() < 0.15:
        out.append(ActualRecord(code, key, period, round(value * 1.01, 1), "chinh_thuc", 1,
                                end + dt.timedelta(days=90)))
    return out


def _values(rng) -> list[ActualRecord]:
    out = []
    for key, share in ((PROVINCE.key, 1.0), (DISTRICT_A.key, 0.45), (DISTRICT_B.key, 0.55)):
        for year in YEARS:
            last = 6 if year == 2025 else 12
            for month in range(1, last + 1):
                end = _month_end(year, month)
                code = f"{year}-{month:02d}"
                if key == DISTRICT_B.key and year == 2023 and month == 5:
                    continue  # a gap: 2023 cannot be summed from months
                for ind, base in (("REVENUE", 110), ("REVENUE_TAX", 75), ("REVENUE_FEES", 35),
                                  ("ACCIDENTS", 4)):
                    out += _revisions(rng, ind, key, code, base * share * rng.uniform(0.8, 1.3), end)
                out += _revisions(rng, "FOREST", key, code, 44 + (year - 2020) * 0.8
                                  + month * 0.05, end)
            for quarter in range(1, (2 if year == 2025 else 4) + 1):
                end = _month_end(year, quarter * 3)
                out += _revisions(rng, "INVESTMENT", key, f"{year}-Q{quarter}",
                                  220 * share * rng.uniform(0.8, 1.2), end)
            if year < 2025:
                end = dt.date(year, 12, 31)
                out += _revisions(rng, "OUTPUT", key, str(year), 1000 * share * (1.04 ** (year - 2020)), end)
                out += _revisions(rng, "POOR", key, str(year), 5 - (year - 2020) * 0.7, end)
                out += _revisions(rng, "GROWTH", key, str(year), rng.uniform(6, 9), end)
        if key == PROVINCE.key:  # the province also reports one year whole
            out += _revisions(rng, "REVENUE", key, "2021", 1350, dt.date(2021, 12, 31))
    return out


def build_store(engine: Engine, seed: int = 7) -> None:
    """Fill an upgraded, empty store (see the module docstring)."""
    rng = random.Random(seed)
    with engine.begin() as conn:
        save_units(conn, UNITS)
        save_lineage(conn, [(PROVINCE.key, NEW_PROVINCE.key, "whole")], REFORM_DATE)
        save_indicators(conn, INDICATORS)
        save_plan(conn, Plan("KH-TINH", "Kế hoạch 2021–2025", TERM, "kt-xh", unit_key=PROVINCE.key,
                             number="01/KH-UBND"), _targets(), PHASES, actor="test")
        batch = create_batch(conn, author="test", source="thu-nghiem.xlsx", kind="upload")
        values = _values(rng)
        # Revision numbers per (cell, standing) in report order.
        seen: dict[tuple, int] = {}
        numbered = []
        for r in values:
            cell = (r.indicator_code, r.unit_key, r.period, r.standing)
            seen[cell] = seen.get(cell, 0) + 1
            numbered.append(ActualRecord(r.indicator_code, r.unit_key, r.period, r.value,
                                         r.standing, seen[cell], r.reported_on, "Cán bộ A"))
        insert_actuals(conn, batch, numbered)
        # A batch rolled back later: its values must never count.
        wrong = create_batch(conn, author="test", source="sai.xlsx", kind="upload")
        insert_actuals(conn, wrong, [
            ActualRecord("REVENUE", PROVINCE.key, "2022", 99999.0, "chinh_thuc", 9,
                         dt.date(2023, 1, 20)),
            ActualRecord("FOREST", PROVINCE.key, "2023-12", 1.0, "chinh_thuc", 9,
                         dt.date(2024, 1, 20)),
        ])
        conn.execute(update(upload_batches).where(upload_batches.c.id == wrong)
                     .values(status="rolled_back"))
