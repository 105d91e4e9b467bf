"""`python -m kpi extract-targets | targets-template | import-targets`, in subprocesses."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

REPO = Path(__file__).resolve().parent.parent


def kpi(*args: str, url: str = "sqlite:///:memory:") -> subprocess.CompletedProcess:
    env = dict(os.environ, KPI_DATABASE_URL=url, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "kpi", *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=120)


def test_extract_targets_json_lists_records_of_the_design_schema(shared_dir):
    result = kpi("extract-targets", str(shared_dir / "seeds" / "004_f551e7e76508aef6.txt"), "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 36
    assert set(records[0]) >= {"indicator", "value", "min", "max", "unit", "direction", "period",
                               "locality", "group", "quote"}
    places = [r for r in records if r["locality"]]
    assert {r["locality"] for r in places} == {"Dương Tơ, Hàm Ninh", "trừ Thổ Châu"}


def test_extract_targets_all_gives_plan_phases_deadlines_actuals(shared_dir):
    result = kpi("extract-targets", str(shared_dir / "seeds" / "000_5ad4baef313c7ace.txt"), "--json", "--all")
    payload = json.loads(result.stdout)
    assert list(payload) == ["plan", "targets", "phases", "deadlines", "actuals"]
    assert payload["plan"]["period"] == "2021-2025"
    assert [p["code"] for p in payload["phases"]] == ["2021-D1", "2021-D2", "2021-D3"]
    assert len(payload["targets"]) == 21


def test_extract_targets_refuses_unreadable_files(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 \x00\x01 broken")
    result = kpi("extract-targets", str(bad), "--json")
    assert result.returncode == 1 and "Không đọc được tệp PDF" in result.stderr and result.stdout == ""


def _filled_template(path: Path, rows: list[list], plan: dict) -> Path:
    book = load_workbook(path)
    sheet = book["Kế hoạch"]
    for row in sheet.iter_rows(min_row=2):
        for label, value in plan.items():
            if row[0].value.startswith(label):
                row[1].value = value
    targets = book["Chỉ tiêu"]
    for row in rows:
        targets.append(row)
    book.save(path)
    return path


PLAN = {"Mã kế hoạch": "PQ-2022-XLSX", "Tên kế hoạch": "Kế hoạch năm 2022 của Phú Quốc",
        "Số, ký hiệu": "12/KH-UBND", "Ngày ban hành": "15/01/2022", "Mã đơn vị": "vn2004:911",
        "Kỳ kế hoạch": "2022", "Kế hoạch cấp trên": "KG-2021-2025"}


def test_template_filled_and_imported_all_or_nothing(demo_url, tmp_path):
    template = tmp_path / "mau.xlsx"
    made = kpi("targets-template", "-o", str(template), url=demo_url)
    assert made.returncode == 0, made.stderr
    assert "BUDGET_REVENUE" in {c.value for c in load_workbook(template)["Hướng dẫn"]["A"]}
    good = _filled_template(template, [
        ["BUDGET_REVENUE", None, "tỷ đồng", "Đúng bằng", 3600, None, None, None, None, "Thu ngân sách 3.600 tỷ đồng"],
        ["GRDP_GROWTH", None, "%", "Trong khoảng", None, "7", "7,5", None, None, None],
        [None, "Số doanh nghiệp thành lập mới", "doanh nghiệp", "Đạt tối thiểu (≥)", 350, None, None, None, None, None],
    ], PLAN)
    dry = kpi("import-targets", str(good), "--dry-run", "--json", url=demo_url)
    assert json.loads(dry.stdout)["outcome"] == "dry_run" and dry.returncode == 0
    result = kpi("import-targets", str(good), "--json", "--user", "lan", url=demo_url)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["outcome"], payload["targets"], len(payload["new_indicators"])) == ("committed", 3, 1)
    rows = json.loads(kpi("status", "--period", "2022", "--plan", "PQ-2022-XLSX", "--json", url=demo_url).stdout)
    assert sorted((r["indicator_code"], r["kind"]) for r in rows)[:2] == [
        ("BUDGET_REVENUE", "exact"), ("GRDP_GROWTH", "range")]


def test_import_with_errors_writes_nothing_and_names_the_cells(demo_url, tmp_path):
    template = tmp_path / "mau.xlsx"
    kpi("targets-template", "-o", str(template), url=demo_url)
    bad = _filled_template(template, [
        ["KHONG_CO", None, "%", "Đúng bằng", 1, None, None, None, None, None],
        ["BUDGET_REVENUE", None, "tỷ đồng", "Tăng vọt", "ba nghìn", None, None, None, None, None],
    ], {**PLAN, "Mã kế hoạch": "PQ-BAD"})
    result = kpi("import-targets", str(bad), "--json", url=demo_url)
    assert result.returncode == 1
    errors = json.loads(result.stdout)["errors"]
    assert any("dòng 2, cột A" in e and "KHONG_CO" in e for e in errors)
    assert any("dòng 3, cột E" in e for e in errors) and any("dòng 3, cột D" in e for e in errors)
    plans = json.loads(kpi("plans", "--json", url=demo_url).stdout)
    assert "PQ-BAD" not in {p["code"] for p in plans}


@pytest.mark.parametrize("content, name", [
    (b"Ma,Ten\n1,2\n", "chi-tieu.xlsx"),
    (b"<html><body>not a workbook</body></html>", "chi-tieu.xlsx"),
])
def test_files_that_are_not_workbooks_are_refused(demo_url, tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    result = kpi("import-targets", str(path), "--json", url=demo_url)
    assert result.returncode == 1 and json.loads(result.stdout)["outcome"] == "refused"
