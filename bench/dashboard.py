"""Dashboard speed at province scale: the page queries, the naive pandas path, AppTest runs.

    python bench/dashboard.py [--dir DIR] [--sizes 9,102] [--repeat 5]

Builds (once, kept in DIR, by default chitieu-bench in the system's temporary
folder) a SQLite store per size with bench/province_store.py
— one province, N communes, 150 indicators, monthly values 2021–2025 with
revisions: 9 communes ≈ 100 thousand values, 102 communes ≈ 1 million — then
prints, for each:

- the overview query (kpi.dashboard.overview.load_overview) for the province
  alone and for the province with its communes (status matrix over ~100
  columns), the indicator page query (load_indicator_view) and the locality
  page query (load_locality), median of --repeat runs, for an ended year
  (2024, seen in 2026) and for a year under way (2025, seen on 20/11/2025);
- the same answers computed naively: every table read into pandas, then
  filtered, and the ratio;
- the time AppTest takes to run each page (cold: caches cleared; warm: the
  same page again).

Goal on SQLite at 1M values: each page query under 200 ms, each page run
under 1,5 s. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.province_store import PROVINCE_KEY, build_province_store  # noqa: E402
from kpi.dashboard.indicator import load_indicator_view  # noqa: E402
from kpi.dashboard.locality import load_locality  # noqa: E402
from kpi.dashboard.overview import load_overview  # noqa: E402
from kpi.db import create_store_engine  # noqa: E402
from kpi.numbers import format_number  # noqa: E402

ENDED = ("2024", dt.date(2026, 1, 31))
RUNNING = ("2025", dt.date(2025, 11, 20))
INDICATOR = "BM001"


def _ms(seconds: float) -> str:
    return f"{format_number(seconds * 1000, 0)} ms"


def timed(call, repeat: int) -> tuple[float, object]:
    """Median wall time of `repeat` calls (after one warm-up) and the last result."""
    result = call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def store(directory: Path, communes: int) -> tuple[str, int]:
    """The bench store for `communes` (built when missing) and its value count."""
    path = directory / f"province-{communes}.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        print(f"  tạo kho {path.name} …", flush=True)
        engine = create_store_engine(url)
        built = build_province_store(engine, communes=communes)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        print(f"  {built}", flush=True)
    engine = create_store_engine(url)
    with engine.connect() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM actual_values").scalar_one()
    engine.dispose()
    return url, count


# --- the naive path: every table into pandas -------------------------------------------

def naive_tables(engine) -> dict[str, pd.DataFrame]:
    """What a dashboard without a store layer does: read the tables whole."""
    with engine.connect() as conn:
        return {name: pd.read_sql_table(name, conn) for name in
                ("actual_values", "upload_batches", "targets", "units", "indicators")}


def _best(values: pd.DataFrame, batches: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    committed = batches.loc[batches["status"] == "committed", "id"]
    values = values[values["batch_id"].isin(committed)
                    & (pd.to_datetime(values["reported_on"]) <= pd.Timestamp(as_of))]
    rank = values["standing"].map({"uoc": 0, "so_bo": 1, "chinh_thuc": 2})
    values = values.assign(rank=rank).sort_values(["rank", "revision"])
    return values.drop_duplicates(["indicator_id", "unit_id", "period_code"], keep="last")


def naive_overview(engine, period: str, as_of: dt.date, children: bool) -> dict:
    """Counts by status of the province's (and its communes') yearly targets."""
    t = naive_tables(engine)
    units = t["units"]
    province = units[(units["code_system"] == "vn2025") & (units["code"] == "91")]["id"].iloc[0]
    ids = {province} | (set(units.loc[units["parent_id"] == province, "id"]) if children else set())
    values = t["actual_values"][t["actual_values"]["unit_id"].isin(ids)
                                & t["actual_values"]["period_code"].str.startswith(period)]
    best = _best(values, t["upload_batches"], as_of)
    months = best[best["period_code"].str.len() == 7]
    flows = t["indicators"].set_index("id")["temporal"]
    months = months.assign(flow=months["indicator_id"].map(flows) == "flow")
    summed = months[months["flow"]].groupby(["indicator_id", "unit_id"])["value"].sum()
    december = months[~months["flow"] & (months["period_code"] == f"{period}-12")] \
        .set_index(["indicator_id", "unit_id"])["value"]
    actual = pd.concat([summed, december])
    targets = t["targets"][t["targets"]["unit_id"].isin(ids) & (t["targets"]["period_code"] == period)]
    joined = targets.set_index(["indicator_id", "unit_id"]).join(actual.rename("actual"))
    ratio = joined["actual"] / joined["value"]
    status = pd.cut(ratio, [-1, 0.9, 1.0, float("inf")], right=False,
                    labels=["not_met", "nearly", "met_or_exceeded"])
    return status.value_counts().to_dict()


def naive_indicator(engine, code: str, as_of: dt.date) -> pd.Series:
    """The province's yearly totals of one indicator."""
    t = naive_tables(engine)
    units, inds = t["units"], t["indicators"]
    province = units[(units["code_system"] == "vn2025") & (units["code"] == "91")]["id"].iloc[0]
    ind = inds.loc[inds["code"] == code, "id"].iloc[0]
    values = t["actual_values"][(t["actual_values"]["unit_id"] == province)
                                & (t["actual_values"]["indicator_id"] == ind)]
    best = _best(values, t["upload_batches"], as_of)
    return best.groupby(best["period_code"].str[:4])["value"].sum()


# --- AppTest -------------------------------------------------------------------------------

def page_runs(url: str, period: str) -> dict[str, tuple[float, float]]:
    """(cold, warm) seconds of AppTest running each dashboard page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["KPI_DATABASE_URL"] = url
    results = {}
    for page in ("pages/tong_quan.py", "pages/chi_tieu.py", "pages/dia_ban.py"):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.query_params["ky"] = period
        at.query_params["dia_ban"] = PROVINCE_KEY
        at.query_params["chi_tieu"] = INDICATOR
        at.run()  # the landing page, which fills the filters
        at.switch_page(page)
        st.cache_data.clear()
        start = time.perf_counter()
        at.run()
        cold = time.perf_counter() - start
        start = time.perf_counter()
        at.run()
        warm = time.perf_counter() - start
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception}")
        results[page.split("/")[1][:-3]] = (cold, warm)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Đo tốc độ các trang tổng quan ở quy mô tỉnh.")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "chitieu-bench",
                        help="thư mục giữ các kho thử (tạo khi chưa có)")
    parser.add_argument("--sizes", default="9,102", help="số xã của mỗi kho, cách nhau dấu phẩy")
    parser.add_argument("--repeat", type=int, default=5, help="số lần đo mỗi truy vấn")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    for communes in (int(n) for n in args.sizes.split(",")):
        url, count = store(args.dir, communes)
        engine = create_store_engine(url)
        print(f"\n== {communes} xã, {count:,} giá trị (kể cả các lần sửa) ==".replace(",", "."))
        for period, as_of in (ENDED, RUNNING):
            label = f"năm {period}, xem ngày {as_of:%d/%m/%Y}"
            own, o = timed(lambda: load_overview(engine, period_code=period, unit_key=PROVINCE_KEY,
                                                 as_of=as_of, children=False), args.repeat)
            wide, w = timed(lambda: load_overview(engine, period_code=period,
                                                  unit_key=PROVINCE_KEY, as_of=as_of),
                            args.repeat)
            both, _b = timed(lambda: load_overview(engine, period_code=period,
                                                   compare="last_year", unit_key=PROVINCE_KEY,
                                                   as_of=as_of), args.repeat)
            ind, _v = timed(lambda: load_indicator_view(
                engine, indicator_code=INDICATOR, unit_key=PROVINCE_KEY, period_code=period,
                as_of=as_of), args.repeat)
            loc, _l = timed(lambda: load_locality(engine, unit_key=PROVINCE_KEY,
                                                  period_code=period, as_of=as_of), args.repeat)
            print(f"  {label}:")
            print(f"    tổng quan, chỉ tỉnh ({len(o.records)} chỉ tiêu): {_ms(own)}")
            print(f"    tổng quan, tỉnh và {communes} xã ({len(w.records)} chỉ tiêu): {_ms(wide)}; "
                  f"thêm so cùng kỳ: {_ms(both)}")
            print(f"    chỉ tiêu {INDICATOR}: {_ms(ind)}   địa bàn (tỉnh và các xã): {_ms(loc)}")
        period, as_of = ENDED
        start = time.perf_counter()
        naive_counts = naive_overview(engine, period, as_of, children=True)
        naive_o = time.perf_counter() - start
        start = time.perf_counter()
        naive_indicator(engine, INDICATOR, as_of)
        naive_i = time.perf_counter() - start
        fast_o, fast = timed(lambda: load_overview(engine, period_code=period,
                                                   unit_key=PROVINCE_KEY, as_of=as_of), 1)
        fast_i, _v = timed(lambda: load_indicator_view(
            engine, indicator_code=INDICATOR, unit_key=PROVINCE_KEY, period_code=period,
            as_of=as_of), 1)
        met = sum(n for s, _l, n in fast.counts if s in ("met", "exceeded"))
        print(f"  cách đơn giản (đọc cả bảng vào pandas rồi lọc), năm {period}:")
        print(f"    tổng quan tỉnh và các xã {_ms(naive_o)}, gấp "
              f"{format_number(naive_o / fast_o, 1)} lần cách đọc chọn lọc; "
              f"chỉ tiêu {_ms(naive_i)}, gấp {format_number(naive_i / fast_i, 1)} lần")
        print(f"    kiểm tra: đạt/vượt {met} = {naive_counts.get('met_or_exceeded', 0)} (pandas)")
        engine.dispose()
        runs = page_runs(url, ENDED[0])
        print("  AppTest (lần đầu, xóa bộ nhớ đệm / lần sau):")
        for page, (cold, warm) in runs.items():
            print(f"    {page}: {_ms(cold)} / {_ms(warm)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
