"""`python -m kpi …` end to end, in subprocesses, on the demo store."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def kpi(*args: str, url: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, KPI_DATABASE_URL=url, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "kpi", *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=120)


def kpi_json(*args: str, url: str):
    result = kpi(*args, "--json", url=url)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_status_2021_of_phu_quoc_lists_seed_004_with_at_least_four_statuses(demo_url):
    plans = {p["code"]: p for p in kpi_json("plans", url=demo_url)}
    rows = kpi_json("status", "--period", "2021", "--plan", "PQ-2021", url=demo_url)
    assert len(rows) == plans["PQ-2021"]["targets"] > 30
    statuses = Counter(r["status"] for r in rows)
    assert len(statuses) >= 4, statuses
    for row in rows:
        assert row["unit_code"] == "vn2004:911" and row["period"] == "2021"
        for field in ("target_min", "target_max", "actual", "achievement"):
            assert row[field] is None or isinstance(row[field], (int, float)), (field, row)
        assert row["status"] in {"exceeded", "met", "nearly", "not_met", "no_data", "not_due"}
    with_actual = [r for r in rows if r["actual"] is not None and r["achievement"] is not None]
    assert with_actual, "some targets must have values"
    for row in with_actual:
        if row["kind"] in ("at_least", "range") and row["target_min"]:
            assert row["achievement"] == pytest.approx(row["actual"] / row["target_min"])


def test_status_without_plan_filter_includes_the_province_plan_running_targets(demo_url):
    rows = kpi_json("status", "--period", "2021", "--unit", "vn2004:91", url=demo_url)
    forest = [r for r in rows if r["indicator_code"] == "FOREST_COVER"]
    assert forest and forest[0]["due"] is False and forest[0]["period"] == "2025"
    assert forest[0]["forecast"] is not None


def test_as_of_inside_the_year_makes_year_targets_not_due(demo_url):
    rows = kpi_json("status", "--period", "2021", "--unit", "vn2004:911", "--as-of",
                    "30/06/2021", url=demo_url)
    assert {r["status"] for r in rows if r["due"]} <= {"not_due", "exceeded", "met", "nearly",
                                                        "not_met"}
    assert Counter(r["status"] for r in rows)["not_due"] >= len(rows) // 2


def test_units_and_indicators_and_plans_json(demo_url):
    provinces = kpi_json("units", "--level", "province", url=demo_url)
    codes = {u["unit_code"] for u in provinces}
    assert {"91", "vn2004:91", "vn2004:89"} <= codes
    assert sum(1 for u in provinces if u["code_system"] == "vn2025") == 34
    communes = kpi_json("units", "--parent", "vn2004:911", url=demo_url)
    assert {"Dương Tơ", "Hàm Ninh", "Thổ Châu"} <= {u["name"] for u in communes}
    indicators = {i["indicator_code"] for i in kpi_json("indicators", url=demo_url)}
    assert {"GRDP_GROWTH", "FOREST_COVER", "BUDGET_REVENUE"} <= indicators
    assert {"KG-2021-2025", "PQ-2021"} <= {p["code"] for p in kpi_json("plans", url=demo_url)}


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["status"], 2, "thiếu tham số bắt buộc"),
        (["status", "--period", "quý 9"], 1, "Kỳ báo cáo không hợp lệ"),
        (["status", "--period", "2021", "--unit", "Phú Quốc"], 1, "Mã đơn vị không hợp lệ"),
        (["status", "--period", "2021", "--as-of", "31/02/2021"], 1, "Lỗi"),
        (["nope"], 2, "lựa chọn không hợp lệ"),
    ],
)
def test_errors_are_vietnamese_with_exit_codes(demo_url, args, code, message):
    result = kpi(*args, url=demo_url)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["init", "demo", "units", "indicators", "plans", "status"])
def test_every_command_has_help(command, tmp_path):
    result = kpi(command, "--help", url=f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 0 and "usage" in result.stdout.lower()


def test_init_then_demo_twice_loads_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert kpi("init", url=url).returncode == 0
    first = kpi("demo", url=url)
    assert first.returncode == 0 and "Đã nạp dữ liệu minh họa" in first.stderr
    second = kpi("demo", url=url)
    assert second.returncode == 0 and "đã có sẵn" in second.stderr
