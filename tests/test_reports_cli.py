"""`python -m kpi deck | report | brief` on the demo store: files end to end in
subprocesses, refusals in process (faster, same parser and handlers)."""
from __future__ import annotations

import zipfile

import pytest

from kpi.cli import main
from tests.test_cli import kpi


@pytest.fixture
def run(demo_url, monkeypatch, capsys):
    """`python -m kpi ARGS` in this process: (exit code, stderr)."""
    monkeypatch.setenv("KPI_DATABASE_URL", demo_url)

    def call(*args: str) -> tuple[int, str]:
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code
        return code, capsys.readouterr().err

    return call


@pytest.mark.parametrize("command, suffix, part", [
    ("deck", ".pptx", "ppt/charts/chart1.xml"),
    ("report", ".xlsx", "xl/worksheets/sheet1.xml"),
    ("brief", ".docx", "word/document.xml"),
])
def test_each_command_writes_its_file(demo_url, tmp_path, command, suffix, part):
    output = tmp_path / f"out{suffix}"
    extra = ["--key", "BUDGET_REVENUE"] if command == "deck" else []
    result = kpi(command, "--plan", "PQ-2021", "--period", "2021", "--unit", "vn2004:911",
                 "-o", str(output), *extra, url=demo_url)
    assert result.returncode == 0, result.stderr
    assert "Đã ghi" in result.stderr and "40 chỉ tiêu" in result.stderr
    with zipfile.ZipFile(output) as archive:
        assert part in archive.namelist()


@pytest.mark.parametrize("args, code, message", [
    (["--plan", "KHONG-CO", "--period", "2021"], 1, "Không có kế hoạch mã “KHONG-CO”"),
    (["--plan", "PQ-2021", "--period", "2030"], 1, "Chọn một kỳ nằm trong thời gian"),
    (["--plan", "PQ-2021", "--period", "Q5/2021"], 1, "Kỳ báo cáo không hợp lệ"),
    (["--plan", "PQ-2021", "--period", "2021", "--unit", "vn2004:91"], 1,
     "không đặt chỉ tiêu nào cho đơn vị “vn2004:91”"),
    (["--plan", "PQ-2021", "--period", "2021", "--unit", "abc"], 1, "Mã đơn vị không hợp lệ"),
    (["--plan", "PQ-2021", "--period", "2021", "--key", "FOREST_COVER"], 1,
     "không có chỉ tiêu mã “FOREST_COVER”"),
    (["--plan", "PQ-2021"], 2, "thiếu tham số bắt buộc: --period"),
])
def test_refusals_are_vietnamese_with_exit_codes(run, tmp_path, args, code, message):
    returned, stderr = run("deck", *args, "-o", str(tmp_path / "deck.pptx"))
    assert returned == code
    assert message in stderr
    assert not (tmp_path / "deck.pptx").exists()


@pytest.mark.parametrize("output, message", [
    ("deck.pdf", "phải có đuôi .pptx"),
    ("khong-co-thu-muc/deck.pptx", "thư mục không tồn tại"),
])
def test_bad_output_is_refused(run, tmp_path, output, message):
    returned, stderr = run("deck", "--plan", "PQ-2021", "--period", "2021", "-o",
                           str(tmp_path / output))
    assert returned == 1 and message in stderr
