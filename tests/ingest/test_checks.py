"""Each error (nothing is written) and warning (written and shown), with its
sheet, row and column and a Vietnamese message — on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest

from kpi.auth import User
from kpi.config import load_settings
from kpi.ingest.commit import commit_upload
from kpi.ingest.preview import preview_upload
from kpi.ingest.validation import check_scope
from kpi.ingest.reader import Reading
from tests.ingest.files import PHU_QUOC, workbook

TODAY = dt.date(2026, 1, 15)
ADMIN = User("admin", "Quản trị", "admin")
HEADER = ["Mã chỉ tiêu", "Đơn vị", "Kỳ", "Thực hiện"]


def dry_run(engine, rows, allowed=None):
    return preview_upload(engine, workbook({"Báo cáo": [HEADER, *rows]}), "bao-cao.xlsx",
                          allowed_units=allowed, settings=load_settings({}), today=TODAY)


ERRORS = [
    ("unknown_indicator", ["THU_NGAN_SACH", PHU_QUOC, "2021", 10], "A", "Mã chỉ tiêu"),
    ("unknown_unit", ["BUDGET_REVENUE", "Huyện Không Tên", "2021", 10], "B", "Không tìm thấy"),
    ("unknown_period", ["BUDGET_REVENUE", PHU_QUOC, "Quý 5/2021", 10], "C", "Quý III/2021"),
    ("period_outside_plan", ["BUDGET_REVENUE", PHU_QUOC, "2018", 10], "D", "ngoài các kế hoạch"),
    ("not_a_number", ["BUDGET_REVENUE", PHU_QUOC, "2021", "ba nghìn"], "D", "1.234,5"),
    ("not_a_number", ["BUDGET_REVENUE", PHU_QUOC, "2021", dt.date(2021, 6, 1)], "D", "ngày"),
    ("out_of_range", ["POOR_HOUSEHOLD_RATE", PHU_QUOC, "2021", 120], "D", "tối đa 100%"),
    ("out_of_range", ["NTM_COMMUNES_NEW", PHU_QUOC, "2021", -1], "D", "không được âm"),
]


@pytest.mark.parametrize("code, row, column, words", ERRORS, ids=[e[0] for e in ERRORS])
def test_each_error_names_its_cell_and_blocks_the_commit(store, code, row, column, words):
    preview = dry_run(store, [["BUDGET_REVENUE", PHU_QUOC, "2021", 3500], row])
    (problem,) = preview.errors
    assert (problem.code, problem.sheet, problem.row, problem.column) == (
        code, "Báo cáo", 3, column)
    assert words in problem.message
    with pytest.raises(ValueError, match="lỗi"):
        commit_upload(store, preview, ADMIN)


def test_the_same_cell_twice_is_an_error_pointing_at_both(store):
    preview = dry_run(store, [["BUDGET_REVENUE", PHU_QUOC, "2021", 3500],
                              ["budget_revenue", "Phú Quốc", "Năm 2021", 3600]])
    (problem,) = preview.errors
    assert (problem.code, problem.row) == ("duplicate", 3) and "D2" in problem.message


def test_a_unit_outside_the_uploaders_scope_is_an_error(store):
    preview = dry_run(store, [["BUDGET_REVENUE", PHU_QUOC, "2021", 3500],
                              ["BUDGET_REVENUE", "vn2004:900", "2021", 800]],
                      allowed=frozenset({PHU_QUOC}))
    (problem,) = preview.errors
    assert (problem.code, problem.row) == ("unit_out_of_scope", 3) and "Hà Tiên" in problem.message


@pytest.mark.parametrize("allowed, unit, refused", [
    (None, "vn2004:31078", False),  # everything
    (frozenset({PHU_QUOC}), "vn2004:31078", False),  # a commune of the district in scope
    (frozenset({PHU_QUOC}), "vn2004:91", True),  # not the province above it
    (frozenset(), PHU_QUOC, True),
])
def test_scope_includes_sub_units(allowed, unit, refused):
    parents = {"vn2004:31078": PHU_QUOC, PHU_QUOC: "vn2004:91", "vn2004:91": None}
    reading = Reading("S", 2, "D", "BUDGET_REVENUE", unit, "2021", "so_bo", 1.0)
    assert bool(check_scope([reading], allowed, parents)) is refused


def _commit_year(store, year: str, value: float) -> None:
    preview = dry_run(store, [["BUDGET_REVENUE", PHU_QUOC, year, value]])
    assert preview.errors == []
    commit_upload(store, preview, ADMIN, today=TODAY)


@pytest.mark.parametrize("value, warned", [(3400, False), (3400 * 3.5, True), (3400 / 4, True)])
def test_a_jump_against_the_previous_period_is_a_warning(store, value, warned):
    _commit_year(store, "2020", 3400)
    preview = dry_run(store, [["BUDGET_REVENUE", PHU_QUOC, "2021", value]])
    assert preview.errors == []
    assert [w.code for w in preview.warnings] == (["jump"] if warned else [])
    if warned:
        assert "Năm 2020" in preview.warnings[0].message and preview.warnings[0].row == 2


@pytest.mark.parametrize("parts, warned", [((155, 46, 4348), False), ((155, 46, 4000), True)])
def test_components_that_do_not_add_up_are_a_warning(store, parts, warned):
    rows = [["GO_AGRI_FORESTRY_FISHERY", PHU_QUOC, "2021", 4549]] + [
        [code, PHU_QUOC, "2021", value]
        for code, value in zip(("GO_AGRICULTURE", "GO_FORESTRY", "GO_FISHERY"), parts)]
    preview = dry_run(store, rows)
    assert preview.errors == []
    assert [w.code for w in preview.warnings] == (["components_sum"] if warned else [])


@pytest.mark.parametrize("shares, warned", [((18.5, 42.3, 39.2), False), ((18.5, 42.3, 29.2), True)])
def test_structure_shares_far_from_100_are_a_warning(store, shares, warned):
    rows = [[code, "vn2004:91", "2021", value] for code, value in zip(
        ("ECON_SHARE_AGRI", "ECON_SHARE_INDUSTRY_CONSTRUCTION", "ECON_SHARE_SERVICES"), shares)]
    preview = dry_run(store, rows)
    assert preview.errors == []
    assert [w.code for w in preview.warnings] == (["shares_sum"] if warned else [])


def test_a_sheet_full_of_errors_lists_the_first_ones_and_counts_the_rest(store):
    rows = [["BUDGET_REVENUE", PHU_QUOC, f"2021-{m:02d}", "không rõ"] for m in range(1, 13)] * 30
    preview = dry_run(store, rows)
    assert len(preview.errors) == 201
    assert preview.errors[-1].message.startswith("… và 160 ô khác")


def test_a_heading_period_that_cannot_be_read_is_one_error(store):
    data = workbook({"S": [["Kỳ báo cáo:", "Quý 5/2021"], ["Mã chỉ tiêu", "Thực hiện"],
                           ["BUDGET_REVENUE", 10], ["TOURIST_ARRIVALS", 20]]})
    preview = preview_upload(store, data, "x.xlsx", unit=PHU_QUOC, period="2021",
                             settings=load_settings({}), today=TODAY)
    (problem,) = preview.errors
    assert problem.code == "unknown_period" and "Quý 5/2021" in problem.message
