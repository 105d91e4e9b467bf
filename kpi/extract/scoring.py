"""Scoring extracted targets against hand labels (the labels' README conventions).

A predicted record matches a labelled one when they carry the same numbers
(value, min and max, compared as a set to 1e-6), share at least half of the
label's indicator words (syllables, compared after NFC, tone placement and
"tỉ"/"tỷ" folding, punctuation ignored), and have compatible directions:
equal; `exact` with `at_least` (a bare figure, and any 100% target). Matching
is one-to-one, best word overlap first. Agreement on direction, unit and
period is measured over the matched pairs: direction exactly, unit after
folding case, spaces and "ngàn"/"nghìn", "tỉ"/"tỷ", period exactly.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kpi.names import normalize_tone_placement

_COMPATIBLE = {frozenset(("exact", "at_least"))}


def words(text: str | None) -> list[str]:
    """The comparison words of an indicator phrase."""
    folded = normalize_tone_placement((text or "").lower()).replace("tỉ", "tỷ")
    return re.findall(r"\w+", folded)


def unit_key(unit: str | None) -> str:
    folded = " ".join((unit or "").lower().replace("ngàn", "nghìn").replace("tỉ", "tỷ").split())
    folded = folded.replace(" /", "/").replace("/ ", "/")
    # "85 phần trăm" is "85%"; "điểm phần trăm" (points) is another unit.
    return re.sub(r"(?<!điểm )\bphần trăm\b", "%", folded)


def _numbers(record: dict) -> tuple[float, ...]:
    return tuple(sorted(float(record[k]) for k in ("value", "min", "max") if record.get(k) is not None))


def same_numbers(a: dict, b: dict) -> bool:
    left, right = _numbers(a), _numbers(b)
    return len(left) == len(right) and all(abs(x - y) <= 1e-6 * max(1, abs(y)) for x, y in zip(left, right))


def compatible(predicted: str, expected: str) -> bool:
    """Directions that mean the same for scoring (README of the labels)."""
    return predicted == expected or frozenset((predicted, expected)) in _COMPATIBLE


def overlap(predicted: dict, expected: dict) -> float:
    """Share of the label's indicator words found in the prediction's."""
    label = words(expected.get("indicator"))
    if not label:
        return 0.0
    found = set(words(predicted.get("indicator")))
    return sum(1 for w in label if w in found) / len(label)


def matches(predicted: dict, expected: dict) -> bool:
    return (same_numbers(predicted, expected) and overlap(predicted, expected) >= 0.5
            and compatible(predicted.get("direction"), expected.get("direction")))


@dataclass
class Score:
    """Counts over one or more documents; ratios as properties."""

    predicted: int = 0
    expected: int = 0
    matched: int = 0
    direction: int = 0
    unit: int = 0
    period: int = 0
    estimate: int = 0  # reported values only: "ước" read the same way
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("predicted", "expected", "matched", "direction", "unit", "period", "estimate"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.spurious += other.spurious

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def agreement(self, name: str) -> float:
        return getattr(self, name) / self.matched if self.matched else 1.0


def score(predicted: list[dict], expected: list[dict]) -> Score:
    """One-to-one matching of predicted records to labels (best overlap first)."""
    pairs = sorted(
        ((overlap(p, e), i, j) for i, p in enumerate(predicted) for j, e in enumerate(expected)
         if matches(p, e)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_e: set[int] = set()
    result = Score(predicted=len(predicted), expected=len(expected))
    for _, i, j in pairs:
        if i in used_p or j in used_e:
            continue
        used_p.add(i)
        used_e.add(j)
        p, e = predicted[i], expected[j]
        result.matched += 1
        result.direction += p.get("direction") == e.get("direction")
        result.unit += unit_key(p.get("unit")) == unit_key(e.get("unit"))
        result.period += p.get("period") == e.get("period")
    result.missed = [e for j, e in enumerate(expected) if j not in used_e]
    result.spurious = [p for i, p in enumerate(predicted) if i not in used_p]
    return result


def matches_actual(predicted: dict, expected: dict) -> bool:
    """A reported value matches its label: same value and kind, half the indicator's words."""
    value, label = predicted.get("value"), expected.get("value")
    return (value is not None and label is not None and abs(float(value) - float(label)) <= 1e-6 * max(1, abs(label))
            and predicted.get("kind") == expected.get("kind") and overlap(predicted, expected) >= 0.5)


def score_actuals(predicted: list[dict], expected: list[dict]) -> Score:
    """One-to-one matching of reported values (actuals) to labels; agreement on unit,
    period and the estimate flag over the matched pairs."""
    pairs = sorted(
        ((overlap(p, e), i, j) for i, p in enumerate(predicted) for j, e in enumerate(expected)
         if matches_actual(p, e)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_e: set[int] = set()
    result = Score(predicted=len(predicted), expected=len(expected))
    for _, i, j in pairs:
        if i in used_p or j in used_e:
            continue
        used_p.add(i)
        used_e.add(j)
        p, e = predicted[i], expected[j]
        result.matched += 1
        result.direction += 1  # the kind is part of the match
        result.unit += unit_key(p.get("unit")) == unit_key(e.get("unit"))
        result.period += p.get("period") == e.get("period")
        result.estimate += bool(p.get("estimate")) == bool(e.get("estimate"))
    result.missed = [e for j, e in enumerate(expected) if j not in used_e]
    result.spurious = [p for i, p in enumerate(predicted) if i not in used_p]
    return result


def labelled_documents(shared: Path) -> list[tuple[Path, Path]]:
    """(seed text, expected labels) pairs under `shared` (seeds/ and seeds-labels/)."""
    pairs = []
    for labels in sorted((shared / "seeds-labels").glob("*.expected.json")):
        stem = labels.name[: -len(".expected.json")]
        document = shared / "seeds" / f"{stem}.txt"
        if document.exists():
            pairs.append((document, labels))
    return pairs


def fixture_documents(folder: Path) -> list[tuple[Path, Path]]:
    """(plan text, expected labels) pairs kept side by side in `folder` (`<name>.txt` +
    `<name>.expected.json`), as in tests/fixtures/plans."""
    pairs = []
    for labels in sorted(folder.glob("*.expected.json")):
        document = folder / f"{labels.name[: -len('.expected.json')]}.txt"
        if document.exists():
            pairs.append((document, labels))
    return pairs


def load_labels(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))
