"""Hostile files through `python -m kpi import-actuals` in a subprocess under a
memory and CPU limit: each is refused (exit 1) with a Vietnamese message, the
process is not killed or aborted, and nothing is written — on SQLite and
PostgreSQL. A sound file through the same harness commits, so the limits
leave room for real work."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kpi.db import create_store_engine
from kpi.schema import actual_values, audit_log, upload_batches, upload_files
from tests.ingest.files import hostile_files, workbook

REPO = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1024 << 20  # address space, bytes
CPU_SECONDS = 30
CASES = [
    "csv renamed .xlsx", "csv renamed .xls", "pdf renamed .xlsx", "html renamed .xls",
    "truncated xlsx", "garbage behind a zip header", "password-protected xlsx",
    "password-protected xls", "macro-enabled workbook", "macros in an xls",
    "xml entity expansion", "zip bomb", "overlapping zip entries", "cell at XFD1048576",
    "declared dimension lies", "declared string count lies", "hundreds of sheets",
]


@pytest.fixture(scope="module")
def files():
    return hostile_files()


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def import_actuals(url: str, path: Path, *extra: str, **env: str) -> subprocess.CompletedProcess:
    environment = {"PATH": os.environ.get("PATH", "/usr/bin"), "PYTHONPATH": str(REPO),
                   "KPI_DATABASE_URL": url, "KPI_DEMO": "0", **env}
    return subprocess.run(
        [sys.executable, "-m", "kpi", "import-actuals", str(path), "--json", "--user", "kiemthu",
         *extra],
        cwd=REPO, env=environment, preexec_fn=_limits, capture_output=True, text=True,
        timeout=120,
    )


def written(url: str) -> dict[str, int]:
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (actual_values, upload_batches, upload_files, audit_log)}
    finally:
        engine.dispose()


NOTHING = {"actual_values": 0, "upload_batches": 0, "upload_files": 0, "audit_log": 0}


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_file_is_refused_without_harm(case, files, store_url_with_catalogue, tmp_path):
    name, data, code = files[case]
    path = tmp_path / name
    path.write_bytes(data)
    result = import_actuals(store_url_with_catalogue, path, "--unit", "vn2004:911",
                            "--period", "2021")
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    report = json.loads(result.stdout)
    assert report["outcome"] == "refused"
    assert [e["code"] for e in report["errors"]] == [code]
    assert "Tệp" in report["errors"][0]["message"] or "Trang" in report["errors"][0]["message"]
    assert "không ghi gì" in result.stderr
    assert written(store_url_with_catalogue) == NOTHING


def test_a_file_over_the_configured_size_is_refused_before_reading(store_url_with_catalogue,
                                                                   tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(workbook({"Báo cáo": [["Mã chỉ tiêu", "Thực hiện"],
                                           ["BUDGET_REVENUE", 3500]]}))
    result = import_actuals(store_url_with_catalogue, path, KPI_UPLOAD_MAX_MB="0.001")
    assert result.returncode == 1
    assert json.loads(result.stdout)["errors"][0]["code"] == "file_too_large"
    assert "vượt giới hạn" in result.stderr
    assert written(store_url_with_catalogue) == NOTHING


def test_a_sound_file_commits_under_the_same_limits(store_url_with_catalogue, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(workbook({"Báo cáo": [["Mã chỉ tiêu", "Thực hiện"],
                                           ["BUDGET_REVENUE", 3500]]}))
    result = import_actuals(store_url_with_catalogue, path, "--unit", "vn2004:911",
                            "--period", "2021")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["outcome"] == "committed"
    assert written(store_url_with_catalogue)["actual_values"] == 1
