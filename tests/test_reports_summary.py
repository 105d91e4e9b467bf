"""The summary workbook, opened with openpyxl: values, number formats, print setup, and
no user text that Excel would run as a formula."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from kpi.actuals import ActualRecord
from kpi.config import load_settings
from kpi.indicators import GROUPS, Indicator
from kpi.plans import Plan
from kpi.reports.results import load_plan_results
from kpi.reports.summary import HEADER_ROW, write_summary
from kpi.scorecard import load_scorecard, scorecard_records
from kpi.spreadsheet_safety import is_formula_like, neutralise, write_text
from kpi.store.actuals import create_batch, insert_actuals
from kpi.store.catalog import save_indicators, save_plan
from kpi.store.units import save_units
from kpi.targets import Target
from kpi.units import Unit

AS_OF = dt.date(2026, 11, 1)
HOSTILE_NAME = '=HYPERLINK("http://evil.example/x","Bấm vào đây")'
UNIT = Unit("org", "TEST-1", "=1+1 Sở thử nghiệm", "Cơ quan", "agency")


def _rows(ws):
    """Data rows (STT is a number) as lists of cells, in sheet order."""
    return [row for row in ws.iter_rows(min_row=HEADER_ROW + 1)
            if isinstance(row[0].value, int)]


def _workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


@pytest.fixture
def hostile_store(fresh_engine):
    """A plan whose titles, names, units and sources start like formulas."""
    indicators = [
        Indicator("HOSTILE", HOSTILE_NAME, "+tỷ đồng", "kinh_te", "higher", temporal="flow",
                  decimals=1),
        Indicator("FOREST", "@Tỷ lệ che phủ rừng", "%", "moi_truong", "higher", decimals=2),
    ]
    plan = Plan("=PLAN", "-Kế hoạch thử \t nghiệm", "2021", "plan", unit_key=UNIT.key,
                issuer="@UBND thử nghiệm")
    targets = [
        Target("HOSTILE", UNIT.key, "2021", "at_least", value=1234.5, plan_code="=PLAN",
               quote="=cmd|' /C calc'!A0"),
        Target("FOREST", UNIT.key, "2021", "at_least", value=49, plan_code="=PLAN",
               places="\rXã A"),
    ]
    values = [
        ActualRecord("HOSTILE", UNIT.key, "2020", 1200.0, "chinh_thuc", 1, dt.date(2021, 2, 1)),
        ActualRecord("HOSTILE", UNIT.key, "2021", 1500.25, "chinh_thuc", 1, dt.date(2022, 2, 1)),
        ActualRecord("FOREST", UNIT.key, "2021", 48.5, "so_bo", 1, dt.date(2022, 1, 5)),
    ]
    with fresh_engine.begin() as conn:
        save_units(conn, [UNIT])
        save_indicators(conn, indicators)
        save_plan(conn, plan, targets, actor="test")
        insert_actuals(conn, create_batch(conn, author="t", source="+bao-cao.xlsx",
                                          kind="upload"), values)
    return fresh_engine


def test_formula_like_text_stays_text_and_numbers_stay_numbers(hostile_store):
    results = load_plan_results(hostile_store, "=PLAN", "2021", as_of=AS_OF)
    content = write_summary(results)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in sheet or b"<f " in sheet for sheet in sheets)  # no formula at all
    wb = _workbook(content)
    texts = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row
             if is_formula_like(cell.value)]
    assert {c.value for c in texts} >= {"@UBND THỬ NGHIỆM", "-Kế hoạch thử \t nghiệm",
                                        "+tỷ đồng", "=cmd|' /C calc'!A0"}
    assert any(c.value.startswith(HOSTILE_NAME) for c in texts)
    for cell in texts:
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    hostile, forest = _rows(wb.active)
    assert hostile[3].value == 1234.5 and hostile[3].number_format == "#,##0.0"
    assert hostile[4].value == 1500.25 and hostile[4].number_format == "#,##0.0"
    assert hostile[7].value == pytest.approx(1500.25 / 1234.5)
    assert hostile[7].number_format == "0.0%"
    assert hostile[8].value == pytest.approx(1500.25 / 1200)  # so cùng kỳ
    assert hostile[9].value == "Vượt"
    assert forest[1].value.startswith("@Tỷ lệ che phủ rừng (\rXã A)")
    assert forest[4].value == 48.5 and forest[8].value is None  # a rate has no ratio to last year
    sources = wb["Nguồn số liệu"]
    assert "nguồn: +bao-cao.xlsx" in sources.cell(row=2, column=4).value


@pytest.mark.parametrize("plan, period, unit", [
    ("PQ-2021", "2021", "vn2004:911"), ("KG-2021-2025", "2022", "vn2004:91"),
])
def test_rows_are_the_scorecard_by_field(demo_engine, plan, period, unit):
    results = load_plan_results(demo_engine, plan, period, unit_key=unit, as_of=AS_OF)
    ws = _workbook(write_summary(results)).active
    rows = _scorecard(demo_engine, plan, period, unit)
    data = _rows(ws)
    assert len(data) == len(rows)
    for cells, record in zip(data, rows):
        assert cells[1].value.startswith(record["indicator"])
        assert cells[9].value.startswith(record["status_label"])
        if record["kind"] == "boolean":
            assert cells[4].value in (None, "Có", "Không")
            continue
        if record["due"]:
            assert cells[4].value == record["actual"]
        if record["due"] and record["achievement"] is not None:
            assert cells[7].value == pytest.approx(record["achievement"])
            assert cells[7].number_format == "0.0%"
        if isinstance(cells[4].value, float):
            assert cells[4].number_format.startswith("#,##0")
    groups = [row[0].value for row in ws.iter_rows(min_row=HEADER_ROW + 1)
              if isinstance(row[0].value, str)]
    assert groups[:2] == ["I", "II"]


def _scorecard(engine, plan, period, unit):
    records = [r for r in scorecard_records(load_scorecard(
        engine, period, unit_key=unit, as_of=AS_OF, settings=load_settings()))
        if r["plan"] == plan]
    order = list(GROUPS)
    return sorted(records, key=lambda r: order.index(r["group"]))  # stable: plan order within


def test_print_ready_title_block_and_page_setup(demo_engine):
    results = load_plan_results(demo_engine, "PQ-2021", "2021-H1", as_of=AS_OF)
    ws = _workbook(write_summary(results)).active
    assert ws["A1"].value == "UBND THÀNH PHỐ PHÚ QUỐC"
    assert ws["A3"].value == "BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU"
    assert ws["A5"].value.startswith(
        "Kỳ báo cáo: 6 tháng đầu năm 2021 — Đơn vị: Thành phố Phú Quốc")
    headers = [c.value for c in ws[HEADER_ROW]]
    assert headers == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2021",
                       "Thực hiện kỳ báo cáo", "Lũy kế", "Ước cả năm", "% so kế hoạch",
                       "So cùng kỳ (%)", "Đánh giá"]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"  # repeated on every page


@pytest.mark.parametrize("text, formula_like, csv", [
    ("=SUM(A1:A3)", True, "'=SUM(A1:A3)"),
    ("+84 912 345 678", True, "'+84 912 345 678"),
    ("-5%", True, "'-5%"),
    ("@cmd", True, "'@cmd"),
    ("\t=1+1", True, "'\t=1+1"),
    ("\rX", True, "'\rX"),
    ("Thu ngân sách = 3.400 tỷ", False, "Thu ngân sách = 3.400 tỷ"),
    (" =1", False, " =1"),
    ("", False, ""),
])
def test_spreadsheet_safety(text, formula_like, csv):
    assert is_formula_like(text) is formula_like
    assert neutralise(text) == csv
    cell = Workbook().active["A1"]
    write_text(cell, text)
    assert cell.value == text and cell.data_type == "s"
    assert bool(cell.quotePrefix) is formula_like


def test_write_text_drops_characters_xml_cannot_hold():
    cell = Workbook().active["A1"]
    write_text(cell, "Bảng\x01 số\x1f liệu")
    assert cell.value == "Bảng số liệu"
    write_text(cell, None)
    assert cell.value is None
