"""The extractor's measured quality on the labelled seed plans, and the scorer's rules."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kpi.extract import extract_file
from kpi.extract.scoring import Score, labelled_documents, load_labels, matches, score

REPO = Path(__file__).resolve().parent.parent


def test_seed_plans_meet_the_goal(shared_dir):
    total = Score()
    for document, labels in labelled_documents(shared_dir):
        total.add(score([t.to_dict() for t in extract_file(document).targets], load_labels(labels)))
    assert total.expected >= 50
    assert total.missed == [], [m["indicator"] for m in total.missed]
    assert total.f1 >= 0.95
    for field in ("direction", "unit", "period"):
        assert total.agreement(field) >= 0.9, field


@pytest.mark.parametrize("stem", ["002_349ff5209c7c5c70", "003_5a36523b341c9e9f"])
def test_plans_without_numeric_targets_give_none(shared_dir, stem):
    assert extract_file(shared_dir / "seeds" / f"{stem}.txt").targets == []


def test_bench_script_prints_the_figures(shared_dir):
    env = dict(os.environ, KPI_SHARED_DIR=str(shared_dir))
    result = subprocess.run([sys.executable, "bench/extract_eval.py"], capture_output=True, text=True,
                            cwd=REPO, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "TOTAL" in result.stdout and "agreement on matched pairs" in result.stdout


LABEL = {"indicator": "Tỷ lệ hộ nghèo đa chiều", "value": None, "min": 1.5, "max": 2,
         "unit": "%", "direction": "decrease_by", "period": "hằng năm (2021-2025)"}


@pytest.mark.parametrize("predicted, expected", [
    ({**LABEL}, True),
    ({**LABEL, "indicator": "hộ nghèo đa chiều theo chuẩn mới"}, True),  # 4 of the 5 label words
    ({**LABEL, "indicator": "Tỷ lệ hộ"}, True),                           # 3 of 5: at least half
    ({**LABEL, "indicator": "tỉ lệ đa chiều"}, True),                     # "tỉ" is "tỷ"
    ({**LABEL, "indicator": "hộ nghèo"}, False),                          # 2 of 5: below half
    ({**LABEL, "min": 1.5, "max": 2.5}, False),                           # other numbers
    ({**LABEL, "direction": "range"}, False),                             # incompatible directions
])
def test_matching_rules(predicted, expected):
    assert matches(predicted, LABEL) is expected


@pytest.mark.parametrize("predicted, label", [
    ("exact", "at_least"), ("at_least", "exact"),
])
def test_exact_and_at_least_are_compatible(predicted, label):
    a = {"indicator": "Tỷ lệ che phủ rừng", "value": 49, "direction": predicted}
    b = {"indicator": "Tỷ lệ che phủ rừng", "value": 49, "direction": label}
    assert matches(a, b)


def test_matching_is_one_to_one():
    label = {"indicator": "Thu ngân sách", "value": 3400, "direction": "exact", "unit": "tỷ đồng",
             "period": "2021"}
    result = score([label, dict(label)], [label])
    assert (result.matched, result.precision, result.recall) == (1, 0.5, 1.0)
    assert json.dumps(result.spurious, ensure_ascii=False).count("Thu ngân sách") == 1
