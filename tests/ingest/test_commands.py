"""`python -m kpi template | import-actuals | actuals | uploads | rollback-upload`:
exit codes, JSON shapes, Vietnamese messages (SQLite and PostgreSQL)."""
from __future__ import annotations

import io
import json

import openpyxl
import pytest

from kpi.cli import main
from tests.ingest.files import PHU_QUOC, fill, workbook

ISSUE_KEYS = {"sheet", "row", "column", "code", "message"}
VALUE_KEYS = {"indicator_code", "unit_code", "period", "value", "standing", "revision", "source"}


@pytest.fixture
def cli(store_url_with_catalogue, monkeypatch, capsys):
    monkeypatch.setenv("KPI_DATABASE_URL", store_url_with_catalogue)

    def run(*argv: str) -> tuple[int, object, str]:
        status = main(list(argv))
        out, err = capsys.readouterr()
        return status, json.loads(out) if out.strip() else None, err

    return run


@pytest.fixture
def filled(cli, tmp_path):
    path = tmp_path / "mau.xlsx"
    status, _, err = cli("template", "--unit", "vn2004:911", "--period", "2021", "-o", str(path))
    assert status == 0 and "Đã ghi mẫu báo cáo" in err
    target = tmp_path / "bao-cao-pq.xlsx"
    target.write_bytes(fill(path.read_bytes(), {"BUDGET_REVENUE": "3.512,4",
                                                "TOURIST_ARRIVALS": 2150000}))
    return target


def test_template_is_a_protected_workbook_with_the_units_indicators(cli, tmp_path):
    path = tmp_path / "mau.xlsx"
    assert cli("template", "--unit", "911", "--period", "2021", "-o", str(path))[0] == 0
    sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["Báo cáo"]
    assert sheet.protection.sheet and not sheet.protection.password
    codes = [sheet.cell(r, 1).value for r in range(6, sheet.max_row + 1)]
    assert "BUDGET_REVENUE" in codes and "GRDP_GROWTH" not in codes  # Phú Quốc's, not the province's


@pytest.mark.parametrize("argv, words", [
    (["template", "--unit", "vn2004:911", "--period", "2021", "-o", "mau.csv"], ".xlsx"),
    (["template", "--unit", "vn2004:999", "--period", "2021", "-o", "mau.xlsx"], "vn2004:999"),
    (["template", "--unit", "vn2004:911", "--period", "Quý 5", "-o", "mau.xlsx"], "Quý 5"),
])
def test_template_refusals_exit_1_in_vietnamese(cli, argv, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = cli(*argv)
    assert status == 1 and "Lỗi" in err and words in err


def test_dry_run_reports_what_would_change_and_writes_nothing(cli, filled):
    status, report, err = cli("import-actuals", str(filled), "--dry-run", "--json")
    assert status == 0 and "chưa ghi" in err
    assert report["outcome"] == "dry_run"
    assert (report["new"], report["changed"], report["unchanged"]) == (2, 0, 0)
    assert report["errors"] == [] and report["batch_id"] is None
    assert {v["indicator_code"]: v["value"] for v in report["values"]} == {
        "BUDGET_REVENUE": 3512.4, "TOURIST_ARRIVALS": 2150000}
    assert cli("actuals", "--json")[1] == []


def test_commit_then_identical_upload_then_actuals(cli, filled):
    status, report, err = cli("import-actuals", str(filled), "--user", "thongke.pq", "--json")
    assert status == 0 and report["outcome"] == "committed" and report["batch_id"]
    assert "Đã ghi lần nộp" in err
    status, again, err = cli("import-actuals", str(filled), "--json")
    assert status == 0 and again["outcome"] == "committed" and again["batch_id"] is None
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, 2)
    assert "Không có gì thay đổi" in err
    status, rows, _ = cli("actuals", "--unit", "911", "--period", "2021", "--json")
    assert status == 0 and len(rows) == 2 and all(VALUE_KEYS <= set(r) for r in rows)
    budget = next(r for r in rows if r["indicator_code"] == "BUDGET_REVENUE")
    assert (budget["unit_code"], budget["value"], budget["standing"], budget["revision"],
            budget["source"]) == ("vn2004:911", 3512.4, "so_bo", 1, "bao-cao-pq.xlsx")


def test_a_refused_file_exits_1_with_located_errors(cli, tmp_path):
    path = tmp_path / "loi.xlsx"
    path.write_bytes(workbook({"Số liệu": [["Mã chỉ tiêu", "Thực hiện"],
                                           ["BUDGET_REVENUE", "ba nghìn"]]}))
    status, report, err = cli("import-actuals", str(path), "--unit", PHU_QUOC, "--period",
                              "2021", "--json")
    assert status == 1 and report["outcome"] == "refused" and "không ghi gì" in err
    (problem,) = report["errors"]
    assert set(problem) == ISSUE_KEYS
    assert (problem["sheet"], problem["row"], problem["column"], problem["code"]) == (
        "Số liệu", 2, "B", "not_a_number")
    assert cli("actuals", "--json")[1] == []


@pytest.mark.parametrize("argv", [["import-actuals"], ["import-actuals", "khong-co-tep.xlsx"],
                                  ["import-actuals", "x.xlsx", "--khong-biet"]])
def test_usage_errors_exit_2(cli, argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    try:
        status = cli(*argv)[0]
    except SystemExit as exc:  # argparse
        status = exc.code
    assert status == 2


def test_uploads_and_rollback(cli, filled):
    batch = cli("import-actuals", str(filled), "--json")[1]["batch_id"]
    status, uploads, _ = cli("uploads", "--json")
    assert status == 0 and [(u["id"], u["status"], u["new"]) for u in uploads] == [
        (batch, "committed", 2)]
    status, record, err = cli("rollback-upload", str(batch), "--user", "quantri", "--json")
    assert status == 0 and record["status"] == "rolled_back" and record["rolled_back_by"] == "quantri"
    assert cli("actuals", "--json")[1] == []
    status, _, err = cli("rollback-upload", str(batch))
    assert status == 1 and "đã được hủy" in err
