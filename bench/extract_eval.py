"""Quality of the target extractor against hand-labelled plans.

    python bench/extract_eval.py [--shared DIR] [--fixtures DIR] [-v]

Two tables, each with precision, recall, F1 per document and overall, and
over the matched pairs the agreement on direction, unit and period:

- **seeds**: every `seeds/<stem>.txt` with a `seeds-labels/<stem>.expected.json`
  under the shared folder (default: ../shared beside the repository, or
  KPI_SHARED_DIR). Goal: F1 ≥ 0,95 and no labelled target missed.
- **unseen-style fixtures**: plans written and labelled for the tests, in
  styles the seeds do not cover (tests/fixtures/plans: `<name>.txt` +
  `<name>.expected.json`). Goal: F1 ≥ 0,90 and direction, unit and period
  agreement ≥ 90% — the figure promised for real plans the rules never saw.
  Where a fixture has `<name>.actuals.json` (a report), the values it reports
  are scored too (shown, not part of the goal).

Matching rules: kpi/extract/scoring.py. `-v` lists misses and spurious
records. Exit code 0 when both goals hold, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kpi.extract import extract_file  # noqa: E402
from kpi.extract.scoring import (  # noqa: E402
    Score, fixture_documents, labelled_documents, load_labels, score, score_actuals,
)
from kpi.numbers import format_number  # noqa: E402

GOAL_F1 = 0.95
GOAL_FIXTURES_F1 = 0.90
GOAL_AGREEMENT = 0.90
FIXTURES = REPO / "tests" / "fixtures" / "plans"


def shared_dir(argument: str | None) -> Path:
    if argument:
        return Path(argument)
    return Path(os.environ.get("KPI_SHARED_DIR", REPO.parent / "shared"))


def evaluate(pairs: list[tuple[Path, Path]]) -> tuple[Score, list[tuple[str, Score]], Score]:
    """Total and per-document target scores for (document, labels) pairs, and the
    total score of reported values for documents that have `.actuals.json` labels."""
    total = Score()
    actuals = Score()
    rows = []
    for document, labels in pairs:
        extraction = extract_file(document)
        result = score([t.to_dict() for t in extraction.targets], load_labels(labels))
        rows.append((document.stem, result))
        total.add(result)
        reported = labels.with_name(labels.name.replace(".expected.json", ".actuals.json"))
        if reported.exists():
            actuals.add(score_actuals([a.to_dict() for a in extraction.actuals], load_labels(reported)))
    return total, rows, actuals


def fixtures_goal_met(total: Score) -> bool:
    """F1 ≥ 0,90 and direction, unit and period right for ≥ 90% of the matched targets."""
    return total.f1 >= GOAL_FIXTURES_F1 and all(
        total.agreement(name) >= GOAL_AGREEMENT for name in ("direction", "unit", "period"))


def _pct(ratio: float) -> str:
    return format_number(ratio * 100, 1) + "%"


def _describe(record: dict) -> str:
    figures = record.get("value") if record.get("value") is not None else f"{record.get('min')}-{record.get('max')}"
    return (f"{record['indicator']} | {figures} {record.get('unit')} {record.get('direction') or record.get('kind')}"
            f" | {record.get('period')}")


def _table(title: str, total: Score, rows: list[tuple[str, Score]], verbose: bool) -> None:
    print(title)
    print(f"{'document':<28}{'pred':>5}{'gold':>5}{'match':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for name, result in rows + [("TOTAL", total)]:
        print(f"{name:<28}{result.predicted:>5}{result.expected:>5}{result.matched:>6}"
              f"{_pct(result.precision):>8}{_pct(result.recall):>8}{_pct(result.f1):>8}")
    print(f"agreement on matched pairs: direction {_pct(total.agreement('direction'))}, "
          f"unit {_pct(total.agreement('unit'))}, period {_pct(total.agreement('period'))}")
    if verbose:
        for record in total.missed:
            print(f"  MISSED   {_describe(record)}")
        for record in total.spurious:
            print(f"  SPURIOUS {_describe(record)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="thư mục shared/ (mặc định ../shared hoặc KPI_SHARED_DIR)")
    parser.add_argument("--fixtures", help=f"thư mục kế hoạch mẫu (mặc định {FIXTURES.relative_to(REPO)})")
    parser.add_argument("-v", "--verbose", action="store_true", help="liệt kê bỏ sót và thừa")
    args = parser.parse_args(argv)
    shared = shared_dir(args.shared)
    if not (shared / "seeds-labels").is_dir():
        print(f"Không thấy {shared / 'seeds-labels'}", file=sys.stderr)
        return 2
    total, rows, _ = evaluate(labelled_documents(shared))
    _table("== seeds (../shared/seeds) ==", total, rows, args.verbose)
    seeds_ok = total.f1 >= GOAL_F1 and not total.missed
    print(f"goal F1 ≥ {_pct(GOAL_F1)} and no target missed: {'met' if seeds_ok else 'NOT met'}")

    fixtures = Path(args.fixtures) if args.fixtures else FIXTURES
    print()
    fixture_total, fixture_rows, actuals = evaluate(fixture_documents(fixtures))
    _table(f"== unseen-style fixtures ({fixtures.name}) ==", fixture_total, fixture_rows, args.verbose)
    fixtures_ok = fixtures_goal_met(fixture_total)
    print(f"goal F1 ≥ {_pct(GOAL_FIXTURES_F1)} and direction, unit, period ≥ {_pct(GOAL_AGREEMENT)}: "
          f"{'met' if fixtures_ok else 'NOT met'}")
    if actuals.expected:
        print(f"reported values (actuals): {actuals.matched}/{actuals.expected} found, "
              f"{actuals.predicted} read, P {_pct(actuals.precision)}, R {_pct(actuals.recall)}, "
              f"F1 {_pct(actuals.f1)}; unit {_pct(actuals.agreement('unit'))}, "
              f"period {_pct(actuals.agreement('period'))}, estimate {_pct(actuals.agreement('estimate'))}")
        if args.verbose:
            for record in actuals.missed:
                print(f"  MISSED   {_describe(record)}")
            for record in actuals.spurious:
                print(f"  SPURIOUS {_describe(record)}")
    return 0 if seeds_ok and fixtures_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
