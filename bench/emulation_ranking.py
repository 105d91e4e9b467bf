"""Bench: ranking the demo block (8 members, registrations, reports, council).

    python -m bench.emulation_ranking

Prints the time of `load_ranking` (all members scored, reports judged, last
year looked up) against a baseline run in the same process: the scorecard of
one member for the year (`load_scorecard`), which the ranking does once per
member. The ratio is what to watch; absolute times depend on the machine.
"""
from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from kpi.db import create_store_engine
from kpi.demo import load_demo
from kpi.emulation.ranking import load_ranking
from kpi.scorecard import load_scorecard

AS_OF = dt.date(2022, 3, 1)


def _median_ms(work, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_store_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        load_demo(engine)
        baseline = _median_ms(lambda: load_scorecard(engine, "2021", unit_key="org:TV-SYT", as_of=AS_OF))
        ranking = _median_ms(lambda: load_ranking(engine, "K8-TV-2021", as_of=AS_OF))
        engine.dispose()
    print(f"scorecard of one member (baseline): {baseline:8.1f} ms")
    print(f"ranking of the block (8 members):   {ranking:8.1f} ms  ({ranking / baseline:.1f}× baseline)")


if __name__ == "__main__":
    main()
