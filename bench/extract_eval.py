"""Quality of the target extractor against the hand-labelled seed plans.

    python bench/extract_eval.py [--shared DIR] [-v]

Reads every `seeds/<stem>.txt` with a `seeds-labels/<stem>.expected.json`
under the shared folder (default: ../shared beside the repository, or
KPI_SHARED_DIR), extracts targets, and prints per document and overall:
precision, recall, F1, and over the matched pairs the agreement on direction,
unit and period. Matching rules: kpi/extract/scoring.py. `-v` lists misses
and spurious records. Exit code 0 when the goal holds (F1 ≥ 0,95 and no
labelled target missed), 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kpi.extract import extract_file  # noqa: E402
from kpi.extract.scoring import Score, labelled_documents, load_labels, score  # noqa: E402
from kpi.numbers import format_number  # noqa: E402

GOAL_F1 = 0.95


def shared_dir(argument: str | None) -> Path:
    if argument:
        return Path(argument)
    return Path(os.environ.get("KPI_SHARED_DIR", REPO.parent / "shared"))


def evaluate(shared: Path) -> tuple[Score, list[tuple[str, Score]]]:
    """Total and per-document scores for the labelled documents under `shared`."""
    total = Score()
    rows = []
    for document, labels in labelled_documents(shared):
        predicted = [t.to_dict() for t in extract_file(document).targets]
        result = score(predicted, load_labels(labels))
        rows.append((document.stem, result))
        total.add(result)
    return total, rows


def _pct(ratio: float) -> str:
    return format_number(ratio * 100, 1) + "%"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="thư mục shared/ (mặc định ../shared hoặc KPI_SHARED_DIR)")
    parser.add_argument("-v", "--verbose", action="store_true", help="liệt kê bỏ sót và thừa")
    args = parser.parse_args(argv)
    shared = shared_dir(args.shared)
    if not (shared / "seeds-labels").is_dir():
        print(f"Không thấy {shared / 'seeds-labels'}", file=sys.stderr)
        return 2
    total, rows = evaluate(shared)
    header = f"{'document':<28}{'pred':>5}{'gold':>5}{'match':>6}{'P':>8}{'R':>8}{'F1':>8}"
    print(header)
    for name, result in rows + [("TOTAL", total)]:
        print(f"{name:<28}{result.predicted:>5}{result.expected:>5}{result.matched:>6}"
              f"{_pct(result.precision):>8}{_pct(result.recall):>8}{_pct(result.f1):>8}")
    print(f"agreement on matched pairs: direction {_pct(total.agreement('direction'))}, "
          f"unit {_pct(total.agreement('unit'))}, period {_pct(total.agreement('period'))}")
    if args.verbose:
        for record in total.missed:
            print(f"  MISSED   {record['indicator']} | {record.get('value')} {record.get('min')}"
                  f"-{record.get('max')} {record.get('unit')} {record['direction']}")
        for record in total.spurious:
            print(f"  SPURIOUS {record['indicator']} | {record.get('value')} {record.get('min')}"
                  f"-{record.get('max')} {record.get('unit')} {record['direction']}")
    ok = total.f1 >= GOAL_F1 and not total.missed
    print(f"goal F1 ≥ {_pct(GOAL_F1)} and no target missed: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
