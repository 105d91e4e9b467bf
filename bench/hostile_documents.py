"""Plan documents built to be slow: the reader's time as one line of figures grows.

    .venv/bin/python bench/hostile_documents.py

A line of bare figures ("1.234,5 1.234,5 …", no unit, no comparator) makes
the reader look for a comparator before each figure. Searching all the text
before each one (the reference, run in the same process by swapping the
function back) grows with the square of the line; searching its tail
(kpi.extract.patterns.find_comparator) grows with the line. Prints seconds
per length and the growth when the line doubles (2 = linear, 4 = quadratic).
The reader also refuses lines over MAX_LINE_CHARACTERS and documents over
MAX_DOCUMENT_CHARACTERS (kpi/extract/document_checks.py).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kpi.extract import clauses, extract_text  # noqa: E402
from kpi.extract.patterns import COMPARATOR_PATTERNS, find_comparator  # noqa: E402
from kpi.extract.document_checks import MAX_LINE_CHARACTERS  # noqa: E402


def whole_text_comparator(before: str):
    """The reference: every pattern searched in all the text before the figure."""
    lowered = before.lower()
    for pattern, direction, strict, note in COMPARATOR_PATTERNS:
        match = pattern.search(lowered)
        if match:
            return match.start(), direction, strict, note
    return None


def seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        extract_text(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    lengths = [2_000, 4_000, 8_000, 16_000]
    print(f"{'ký tự':>8} {'đuôi (s)':>10} {'cả đoạn (s)':>12} {'tỷ lệ':>7}")
    previous = {}
    for length in lengths:
        line = "1.234,5 " * (length // 8)
        clauses.find_comparator = find_comparator
        tail = seconds(line)
        clauses.find_comparator = whole_text_comparator
        whole = seconds(line)
        clauses.find_comparator = find_comparator
        growth = (f"  ×{tail / previous['tail']:.1f} / ×{whole / previous['whole']:.1f} khi gấp đôi"
                  if previous else "")
        print(f"{length:>8} {tail:>10.3f} {whole:>12.3f} {whole / tail:>6.0f}×{growth}")
        previous = {"tail": tail, "whole": whole}
    print(f"Đoạn dài nhất được nhận: {MAX_LINE_CHARACTERS} ký tự.")


if __name__ == "__main__":
    main()
