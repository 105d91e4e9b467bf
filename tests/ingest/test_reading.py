"""Reading what statisticians send: the template, long and wide tables, legacy
.xls, Vietnamese numbers, percentage cells, formulas and Excel errors, old
encodings — each through the whole dry run, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest

from kpi.config import load_settings
from kpi.ingest.preview import preview_upload
from kpi.ingest.template import build_template
from tests.ingest.files import PHU_QUOC, fill, part, rezip, workbook, xls

TODAY = dt.date(2026, 1, 15)  # every 2021 and 2025 period has ended: default standing sơ bộ


def dry_run(engine, data, name="bao-cao.xlsx", **choice):
    return preview_upload(engine, data, name, settings=load_settings({}), today=TODAY, **choice)


def values(preview) -> dict[tuple, float]:
    return {(r.indicator, r.unit, r.period, r.standing): r.value for r in preview.readings}


def codes(preview, severity="error") -> list[str]:
    return [i.code for i in preview.issues if (i.severity == severity)]


def test_filled_template_uploads_back_without_edits(store):
    name, template = build_template(store, PHU_QUOC, "2021", today=TODAY)
    filled = fill(template, {"BUDGET_REVENUE": 3512.4, "POOR_HOUSEHOLD_RATE": "0,25",
                             "TOURIST_ARRIVALS": "2.150.000", "SECURITY_ORDER_ENSURED": "Có"})
    preview = dry_run(store, filled, name)
    assert preview.errors == []
    assert values(preview) == {
        ("BUDGET_REVENUE", PHU_QUOC, "2021", "so_bo"): 3512.4,
        ("POOR_HOUSEHOLD_RATE", PHU_QUOC, "2021", "so_bo"): 0.25,  # a plain number in % is as written
        ("TOURIST_ARRIVALS", PHU_QUOC, "2021", "so_bo"): 2_150_000,
        ("SECURITY_ORDER_ENSURED", PHU_QUOC, "2021", "so_bo"): 1.0,
    }
    budget = next(r for r in preview.readings if r.indicator == "BUDGET_REVENUE")
    assert (budget.sheet, budget.column) == ("Báo cáo", "E")


def test_long_table_with_headers_in_any_case_and_accents(store):
    data = workbook({"Sheet1": [
        ["BÁO CÁO THỰC HIỆN"],
        ["STT", "ma chi tieu", "THỰC HIỆN", "Đơn vị", "Kỳ", "tinh trang so lieu", "Ghi  chú"],
        [1, "budget_revenue", "1.234,5", "Phú Quốc", "Quý III/2021", "Chính thức", "đã khớp KBNN"],
        [2, "TOURIST_ARRIVALS", 512000, "vn2004:911", "2021-Q3", "ước", None],
        [3, "RETAIL_SALES", None, "Phú Quốc", "Quý III/2021", None, None],  # empty: no report
        [4, "PEPPER_OUTPUT", "-", "Phú Quốc", "Quý III/2021", None, None],  # "-": no report
    ]})
    preview = dry_run(store, data)
    assert preview.errors == []
    assert values(preview) == {
        ("BUDGET_REVENUE", PHU_QUOC, "2021-Q3", "chinh_thuc"): 1234.5,
        ("TOURIST_ARRIVALS", PHU_QUOC, "2021-Q3", "uoc"): 512000,
    }
    assert preview.readings[0].note == "đã khớp KBNN"


def test_indicators_by_name_without_accents_and_units_from_the_choice(store):
    data = workbook({"Số liệu": [
        ["Chỉ tiêu", "Đơn vị tính", "Số liệu"],
        ["Thu ngan sach nha nuoc tren dia ban", "tỷ đồng", 3600],
        ["Tổng vốn đầu tư phát triển toàn xã hội", "nghìn tỷ đồng", "25,3"],  # converted to tỷ
    ]})
    preview = dry_run(store, data, unit="vn2004:911", period="2021")
    assert preview.errors == []
    assert values(preview) == {("BUDGET_REVENUE", PHU_QUOC, "2021", "so_bo"): 3600,
                               ("TOTAL_INVESTMENT", PHU_QUOC, "2021", "so_bo"): 25300}


def test_wide_table_units_across_with_heading_rows_and_a_total_column(store):
    data = workbook({"Huyện": [
        ["TỔNG HỢP SỐ LIỆU CÁC HUYỆN"],
        ["Kỳ báo cáo:", "Năm 2021"],
        ["Tình trạng số liệu: Chính thức"],
        ["Mã chỉ tiêu", "Chỉ tiêu", "ĐVT", "Phú Quốc", "Thành phố Hà Tiên", "912", "Tổng cộng"],
        ["BUDGET_REVENUE", "Thu ngân sách", "tỷ đồng", 3500, 800, 1200.5, 5500.5],
        ["TOURIST_ARRIVALS", "Lượt khách", "lượt", 2100000, None, "x", 2100000],
    ]})
    preview = dry_run(store, data, unit="vn2004:91")
    assert preview.errors == []
    got = values(preview)
    assert got[("BUDGET_REVENUE", PHU_QUOC, "2021", "chinh_thuc")] == 3500
    assert got[("BUDGET_REVENUE", "vn2004:900", "2021", "chinh_thuc")] == 800  # Hà Tiên
    assert got[("BUDGET_REVENUE", "vn2004:912", "2021", "chinh_thuc")] == 1200.5  # Kiên Hải
    assert len(got) == 4
    assert codes(preview, "warning") == ["ignored_column"]


def test_wide_table_periods_across_and_a_two_row_header(store):
    data = workbook({"PQ": [
        ["Chỉ tiêu", "ĐVT", "Thực hiện", None, None],
        [None, None, "Quý I/2021", "Quý II/2021", "2021-Q3"],
        ["Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 800, 900.5, "1.000"],
    ]})
    preview = dry_run(store, data, unit="911")
    assert preview.errors == []
    assert values(preview) == {
        ("BUDGET_REVENUE", PHU_QUOC, "2021-Q1", "so_bo"): 800,
        ("BUDGET_REVENUE", PHU_QUOC, "2021-Q2", "so_bo"): 900.5,
        ("BUDGET_REVENUE", PHU_QUOC, "2021-Q3", "so_bo"): 1000,
    }
    assert [r.column for r in preview.readings] == ["C", "D", "E"]


def test_a_row_of_column_numbers_under_the_header_is_skipped(store):
    data = workbook({"S": [
        ["TT", "Mã chỉ tiêu", "Thực hiện", "Ghi chú"],
        ["(1)", "(2)", "(3)", "(4)"],
        [1, "BUDGET_REVENUE", 3600, None],
    ]})
    preview = dry_run(store, data, unit=PHU_QUOC, period="2021")
    assert preview.errors == [] and len(preview.readings) == 1


@pytest.mark.parametrize("cell, fmt, measure_code, expected", [
    (0.49, "0%", "TRAINED_LABOUR_RATE", 49.0),  # a percentage cell holds 0,49 for 49%
    (0.0028, "0.00%", "POOR_HOUSEHOLD_RATE", 0.28),
    (49, None, "TRAINED_LABOUR_RATE", 49.0),  # a plain number is taken as written
    ("49%", None, "TRAINED_LABOUR_RATE", 49.0),
    (0.28, None, "POOR_HOUSEHOLD_RATE", 0.28),
    (0.0105, "0.00%", "NATURAL_POP_GROWTH_RATE", 10.5),  # ‰
])
def test_percentage_cells(store, cell, fmt, measure_code, expected):
    data = workbook({"S": [["Mã chỉ tiêu", "Thực hiện"], [measure_code, cell]]},
                    formats={"S!B2": fmt} if fmt else None)
    preview = dry_run(store, data, unit=PHU_QUOC, period="2021")
    assert preview.errors == []
    assert preview.readings[0].value == pytest.approx(expected)


def _with_cell_xml(data: bytes, old: bytes, new: bytes) -> bytes:
    sheet = part(data, "xl/worksheets/sheet1.xml")
    assert old in sheet
    return rezip(data, {"xl/worksheets/sheet1.xml": sheet.replace(old, new)})


def test_formulas_count_through_their_cached_value_only(store):
    data = workbook({"S": [["Mã chỉ tiêu", "Thực hiện"], ["BUDGET_REVENUE", "=1000+2400"],
                           ["TOURIST_ARRIVALS", "=B9*2"]]})
    cached = _with_cell_xml(data, b"<f>1000+2400</f><v></v>", b"<f>1000+2400</f><v>3400</v>")
    preview = dry_run(store, cached, unit=PHU_QUOC, period="2021")
    assert values(preview) == {("BUDGET_REVENUE", PHU_QUOC, "2021", "so_bo"): 3400}
    (problem,) = preview.errors  # the second formula was never calculated
    assert (problem.code, problem.row, problem.column) == ("formula_without_value", 3, "B")
    assert "Ctrl+Alt+F9" in problem.message


@pytest.mark.parametrize("error_text", ["#DIV/0!", "#N/A", "#VALUE!"])
def test_excel_errors_are_errors_never_zero(store, error_text):
    data = workbook({"S": [["Mã chỉ tiêu", "Thực hiện"], ["BUDGET_REVENUE", "=1/0"]]})
    broken = _with_cell_xml(data, b'<c r="B2"><f>1/0</f><v></v></c>',
                            b'<c r="B2" t="e"><f>1/0</f><v>' + error_text.encode() + b"</v></c>")
    preview = dry_run(store, broken, unit=PHU_QUOC, period="2021")
    assert preview.readings == []
    (problem,) = preview.errors
    assert (problem.code, problem.sheet, problem.row, problem.column) == ("excel_error", "S", 2, "B")
    assert error_text in problem.message


def test_genuine_legacy_xls_is_read_with_its_percentage_cells(store):
    data = xls([["Mã chỉ tiêu", "Chỉ tiêu", "Thực hiện"],
                ["BUDGET_REVENUE", "Thu ngân sách", 3450.5],
                ["TRAINED_LABOUR_RATE", "Tỷ lệ lao động qua đào tạo", 0.42]], percent=[(2, 2)])
    preview = dry_run(store, data, "bao-cao-cu.xls", unit=PHU_QUOC, period="2021")
    assert preview.errors == []
    assert values(preview) == {("BUDGET_REVENUE", PHU_QUOC, "2021", "so_bo"): 3450.5,
                               ("TRAINED_LABOUR_RATE", PHU_QUOC, "2021", "so_bo"): 42.0}


@pytest.mark.parametrize("name, unit, encoding", [
    ("Thu ng©n s¸ch nhµ n\xadíc trªn ®Þa bµn", "Phó Quèc", "TCVN3"),
    ("Thu ngaân saùch nhaø nöôùc treân ñòa baøn", "Phuù Quoác", "VNI"),
])
def test_text_in_legacy_encodings_is_converted(store, name, unit, encoding):
    data = workbook({"S": [["Chỉ tiêu", "Đơn vị", "Thực hiện"], [name, unit, 3500]]})
    preview = dry_run(store, data, period="2021")
    assert preview.errors == []
    assert values(preview) == {("BUDGET_REVENUE", PHU_QUOC, "2021", "so_bo"): 3500}
    (note,) = preview.warnings
    assert note.code == "legacy_encoding" and encoding in note.message


def test_legacy_text_that_cannot_be_converted_is_refused_with_the_reason(store):
    data = workbook({"S": [["Chỉ tiêu", "Thực hiện"], ["Thu ng©n s¸ch ®Æc biÖt ÷÷", 3500]]})
    preview = dry_run(store, data, unit=PHU_QUOC, period="2021")
    (problem,) = preview.errors
    assert problem.code == "unknown_indicator" and "TCVN3/VNI" in problem.message


@pytest.mark.parametrize("text, unit, period, expected", [
    ("91", None, "2021", "vn2004:91"),  # a bare code in the system of the period
    ("91", None, "2025-Q4", "vn2025:91"),
    (911, None, "2021", PHU_QUOC),  # a code typed as a number
    ("Kien Giang", None, "2021", "vn2004:91"),  # accents optional
    ("TP. Phú Quốc", None, "2021", PHU_QUOC),
    ("Hà Tiên, Kiên Giang", None, "2021", "vn2004:900"),
])
def test_units_by_code_or_name(store, text, unit, period, expected):
    data = workbook({"S": [["Mã chỉ tiêu", "Đơn vị", "Thực hiện"], ["BUDGET_REVENUE", text, 10]]})
    preview = dry_run(store, data, unit=unit, period=period)
    assert preview.errors == []
    assert preview.readings[0].unit == expected


@pytest.mark.parametrize("text, period, words", [
    ("Kiên Giang", "2025-Q4", ["01/07/2025", "An Giang"]),  # merged: says where it went
    ("vn2025:31078", "2021", ["01/07/2025", "Dương Đông"]),  # not yet: names the old units
    ("Không Có Tỉnh Này", "2021", ["Không tìm thấy đơn vị"]),
])
def test_units_outside_the_period_are_explained(store, text, period, words):
    data = workbook({"S": [["Mã chỉ tiêu", "Đơn vị", "Thực hiện"], ["BUDGET_REVENUE", text, 10]]})
    preview = dry_run(store, data, period=period)
    (problem,) = preview.errors
    assert problem.code == "unknown_unit" and (problem.row, problem.column) == (2, "B")
    assert all(word in problem.message for word in words), problem.message
