"""Bench: the presenters' files — presentation model, .pptx, .xlsx, .docx.

    python -m bench.reports

For the demo (Phú Quốc 2021, 40 targets) and the bench province (An Giang's
2021–2025 plan, 150 indicators × 5 years, seen from 2024), prints the median
time of building the presentation (`load_presentation`, two key indicators)
and of writing each file, against a baseline run in the same process: the
scorecard of the same unit and period (`load_scorecard`), which everything
here is built on. The ratios are what to watch; absolute times depend on the
machine.
"""
from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from bench.province_store import PROVINCE_KEY, build_province_store
from kpi.db import create_store_engine
from kpi.demo import load_demo
from kpi.reports.brief import write_brief
from kpi.reports.deck import write_deck
from kpi.reports.presentation import load_presentation
from kpi.reports.summary import write_summary
from kpi.scorecard import load_scorecard

AS_OF = dt.date(2026, 1, 15)


def _median_ms(work, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _bench(name: str, engine, plan: str, period: str, unit: str, keys: list[str]) -> None:
    baseline = _median_ms(lambda: load_scorecard(engine, period, unit_key=unit, as_of=AS_OF))
    presentation = load_presentation(engine, plan, period, unit_key=unit, as_of=AS_OF,
                                     key_indicators=keys)
    timings = {
        "presentation": _median_ms(lambda: load_presentation(
            engine, plan, period, unit_key=unit, as_of=AS_OF, key_indicators=keys)),
        "deck .pptx": _median_ms(lambda: write_deck(presentation)),
        "report .xlsx": _median_ms(lambda: write_summary(presentation.results)),
        "brief .docx": _median_ms(lambda: write_brief(presentation.results, issued_on=AS_OF)),
    }
    print(f"{name}: {len(presentation.results.lines)} targets, {len(presentation.slides)} slides")
    print(f"  baseline load_scorecard   {baseline:8.1f} ms")
    for label, ms in timings.items():
        print(f"  {label:<25} {ms:8.1f} ms   ×{ms / baseline:5.1f} of baseline")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        demo = create_store_engine(f"sqlite:///{Path(folder) / 'demo.db'}")
        load_demo(demo)
        _bench("demo PQ-2021, 2021", demo, "PQ-2021", "2021", "vn2004:911",
               ["BUDGET_REVENUE", "TOURIST_ARRIVALS"])
        province = create_store_engine(f"sqlite:///{Path(folder) / 'province.db'}")
        build_province_store(province, communes=10)
        _bench("province BM-TINH-2021-2025, 2024", province, "BM-TINH-2021-2025", "2024",
               PROVINCE_KEY, ["BM001", "BM004"])


if __name__ == "__main__":
    main()
