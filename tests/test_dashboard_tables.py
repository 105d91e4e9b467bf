"""Dashboard tables: Vietnamese headers and notation on screen, numbers as numbers in Excel,
and no formula smuggled in through a text cell."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from kpi.dashboard import tables
from kpi.dashboard.excel import table_xlsx

RECORD = {
    "unit_label": "=HYPERLINK(\"http://x\",\"Bấm\")", "group_label": "Kinh tế",
    "indicator": "Thu ngân sách nhà nước", "places": None, "period_label": "Năm 2021",
    "target_text": "3.400 tỷ đồng", "target_min": 3400.0, "target_max": None,
    "actual": 3765.4, "measure": "tỷ đồng", "achievement": 1.107, "status": "exceeded",
    "forecast_label": "", "standing": "chinh_thuc", "actual_basis": "reported",
    "actual_through": None, "forecast_note": None, "reason": None,
}


def _sheet(frame, title="Tổng quan – Năm 2021"):
    book = load_workbook(io.BytesIO(table_xlsx(frame, title=title)))
    return book.active


def test_excel_keeps_numbers_as_numbers_under_vietnamese_headers():
    ws = _sheet(tables.targets_table([RECORD]))
    assert ws["A1"].value == "Tổng quan – Năm 2021"
    headers = [c.value for c in ws[3]]
    assert headers[:4] == ["Địa bàn", "Lĩnh vực", "Chỉ tiêu", "Kỳ"]
    row = {h: c for h, c in zip(headers, ws[4])}
    assert row["Thực hiện"].value == 3765.4 and row["Thực hiện"].data_type == "n"
    assert row["Cận dưới"].value == 3400 and row["Cận dưới"].number_format == "#,##0"
    assert row["Thực hiện"].number_format == "#,##0.0##"
    assert row["Mức đạt"].value == pytest.approx(1.107) and row["Mức đạt"].number_format == "0%"
    assert row["Cận trên"].value is None
    assert row["Trạng thái"].value == "▲ Vượt"
    assert ws.freeze_panes == "A4"


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=evil()"])
def test_text_that_looks_like_a_formula_stays_text(text):
    ws = _sheet(pd.DataFrame({"Địa bàn": [text], "Giá trị": [1.5]}))
    cell = ws["A4"]
    assert cell.data_type == "s" and cell.value == text and cell.quotePrefix
    assert ws["B4"].data_type == "n"


def test_dates_and_flags_are_written_the_vietnamese_way():
    frame = pd.DataFrame({"Ngày báo cáo": [dt.date(2021, 6, 5)], "Được tính": [True],
                          "Ngày ghi nhận": [dt.datetime(2021, 6, 5, 3, 0, tzinfo=dt.timezone.utc)]})
    ws = _sheet(frame)
    assert ws["A4"].number_format == "dd/mm/yyyy" and ws["A4"].value.date() == dt.date(2021, 6, 5)
    assert ws["B4"].value == "Có"
    assert ws["C4"].value == dt.datetime(2021, 6, 5, 10, 0)  # Vietnam time, no zone


def test_screen_shows_vietnamese_notation_and_keeps_the_statuses():
    shown = tables.display_frame(tables.targets_table([RECORD]))
    row = shown.iloc[0]
    assert (row["Thực hiện"], row["Mức đạt"], row["Cận dưới"]) == ("3.765,4", "111%", "3.400")
    assert row["Cận trên"] == "" and row["Số liệu"] == "Chính thức"
    assert shown.attrs["statuses"] == ["exceeded"]


def test_english_headers():
    frame = tables.targets_table([RECORD], "en")
    assert list(frame.columns)[:3] == ["Locality", "Field", "Indicator"]
    assert tables.display_frame(frame, "en").iloc[0]["Actual"] == "3,765.4"


@pytest.mark.parametrize("builder, frame, headers", [
    (tables.reports_table, pd.DataFrame({"unit": ["Xã A"], "expected": [12], "received": [11],
                                         "share": [11 / 12]}),
     ["Địa bàn", "Số báo cáo phải có", "Đã nhận", "Tỷ lệ"]),
    (tables.children_table, pd.DataFrame({"unit": ["Xã A"], "targets": [4], "due": [4],
                                          "meeting": [3], "at_risk": [1], "no_data": [0],
                                          "share_meeting": [0.75]}),
     ["Địa bàn", "Số chỉ tiêu", "Đến hạn", "Đạt, vượt", "Không đạt, gần đạt", "Chưa có số liệu",
      "Tỷ lệ đạt"]),
])
def test_summary_tables_have_report_headers_and_percent_columns(builder, frame, headers):
    table = builder(frame)
    assert list(table.columns) == headers
    assert tables.display_frame(table).iloc[0, -1] in ("92%", "75%")
