"""The summary report an office files (.xlsx): one row per target, grouped by field.

Columns: STT, chỉ tiêu, đơn vị tính, kế hoạch, thực hiện kỳ báo cáo, lũy kế,
ước cả năm, % so kế hoạch, so cùng kỳ, đánh giá. Numbers stay numbers with
number formats (Excel shows them with the separators of the reader's
regional settings: 1.234,5 on a Vietnamese Windows); a plan figure that is
not one number ("10–11", "giảm 1,5–2 điểm %") is written as the plan says
it. Print-ready: title block, A4 landscape, fitted to the page width, the
header row repeated on every page. Every text cell goes through
kpi.spreadsheet_safety, so no user text runs as a formula. A second sheet
lists where each figure came from.
"""
from __future__ import annotations

import io
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from kpi.periods import format_date
from kpi.reports.narrative import forecast_counts, status_sentence
from kpi.reports.results import PlanResults, ResultLine, display_name
from kpi.spreadsheet_safety import write_text

COLUMNS = (
    ("STT", 6), ("Chỉ tiêu", 46), ("Đơn vị tính", 13), ("Kế hoạch", 17),
    ("Thực hiện kỳ báo cáo", 15), ("Lũy kế", 15), ("Ước cả năm", 15),
    ("% so kế hoạch", 11), ("So cùng kỳ (%)", 11), ("Đánh giá", 24),
)
HEADER_ROW = 8
FONT = "Times New Roman"
PERCENT_FORMAT = "0.0%"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_GROUP_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


def number_format(value: float, decimals: int | None) -> str:
    """Excel format code for a figure: the indicator's decimals, else as many
    as the value needs (at most 2). Codes are locale-invariant ("," groups,
    "." marks decimals); Excel displays them in the reader's locale."""
    if decimals is None:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        decimals = len(text.split(".")[1]) if "." in text else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _row_height(texts: Sequence[tuple[str, float]]) -> float:
    """Points for a row whose wrapped cells hold `texts` (text, column width):
    Excel and LibreOffice do not grow rows written by openpyxl."""
    lines = max(max(1, -(-len(text) // max(1, int(width * 1.2)))) for text, width in texts)
    return 15.0 * lines + 2


def _put_number(cell, value: float | None, decimals: int | None, fmt: str | None = None) -> None:
    if value is None:
        return
    cell.value = value
    cell.number_format = fmt or number_format(value, decimals)


def _write_line(ws, row: int, number: int, line: ResultLine, results: PlanResults) -> None:
    cells = [ws.cell(row=row, column=col) for col in range(1, len(COLUMNS) + 1)]
    cells[0].value = number
    write_text(cells[1], display_name(line, results))
    write_text(cells[2], line.measure)
    if line.target_figure is not None:
        _put_number(cells[3], line.target_figure, None)
    else:
        write_text(cells[3], line.target_text)
    if line.reading == "boolean":  # a yes/no duty: "Có" / "Không", not 1 / 0
        write_text(cells[4], line.actual_text if line.period_value is not None else None)
    else:
        _put_number(cells[4], line.period_value, line.decimals)
        _put_number(cells[5], line.cumulative, line.decimals)
        _put_number(cells[6], line.year_estimate, line.decimals)
    _put_number(cells[7], line.plan_share, None, PERCENT_FORMAT)
    _put_number(cells[8], line.vs_last_year, None, PERCENT_FORMAT)
    write_text(cells[9], line.evaluation)
    ws.row_dimensions[row].height = _row_height(
        [(str(cells[i].value or ""), COLUMNS[i][1]) for i in (1, 3, 9)])
    for index, cell in enumerate(cells):
        cell.border = _BORDER
        cell.font = Font(name=FONT, size=11)
        horizontal = "left" if index in (1, 9) else "center" if index in (0, 2) else "right"
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)


def _title_block(ws, results: PlanResults) -> None:
    last = get_column_letter(len(COLUMNS))
    plan = results.plan
    rows = [
        (1, (plan.issuer or "").upper(), Font(name=FONT, size=12, bold=True), "A1:D1", "left"),
        (3, "BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU", Font(name=FONT, size=14, bold=True),
         f"A3:{last}3", "center"),
        (4, plan.title, Font(name=FONT, size=12, italic=True), f"A4:{last}4", "center"),
        (5, f"Kỳ báo cáo: {results.period_label} — Đơn vị: {results.scope_label} — "
            f"Số liệu tính đến ngày {format_date(results.as_of)}",
         Font(name=FONT, size=12), f"A5:{last}5", "center"),
        (6, status_sentence(results.counts(), forecasts=forecast_counts(results.lines)),
         Font(name=FONT, size=12, bold=True), f"A6:{last}6", "center"),
    ]
    for row, text, font, span, horizontal in rows:
        ws.merge_cells(span)
        cell = ws.cell(row=row, column=1)
        write_text(cell, text)
        cell.font = font
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    ws.row_dimensions[4].height = 32
    ws.row_dimensions[6].height = 32


def _header(ws, results: PlanResults) -> None:
    label = next((ln.target_period_label for ln in results.lines
                  if ln.target_period == results.main_target_period), "")
    for col, (title, width) in enumerate(COLUMNS, start=1):
        if col == 4 and label:  # "Kế hoạch năm 2021"
            title = f"{title} {label[:1].lower()}{label[1:]}"
        cell = ws.cell(row=HEADER_ROW, column=col, value=title)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        cell.fill = _HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[HEADER_ROW].height = 34


def _page_setup(ws, last_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)


def _sources_sheet(wb, results: PlanResults, numbered: Sequence[tuple[str, ResultLine]]) -> None:
    ws = wb.create_sheet("Nguồn số liệu")
    for col, (title, width) in enumerate(
            (("STT", 8), ("Chỉ tiêu", 50), ("Trích kế hoạch", 60), ("Nguồn số liệu", 80)), 1):
        cell = ws.cell(row=1, column=col, value=title)
        cell.font = Font(name=FONT, bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, (number, line) in enumerate(numbered, start=2):
        ws.cell(row=row, column=1, value=number)
        write_text(ws.cell(row=row, column=2), display_name(line, results))
        write_text(ws.cell(row=row, column=3), line.quote)
        write_text(ws.cell(row=row, column=4),
                   "; ".join(s.describe() for s in line.sources) or "Chưa có số liệu báo cáo")


def write_summary(results: PlanResults) -> bytes:
    """The summary workbook of `results` as .xlsx bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo tổng hợp"
    wb.properties.title = f"Báo cáo tổng hợp — {results.period_label}"
    wb.properties.creator = "Chỉ tiêu"
    _title_block(ws, results)
    _header(ws, results)
    row, numbered = HEADER_ROW + 1, []
    for index, (_group, heading, lines) in enumerate(results.by_group()):
        roman = ROMAN[index] if index < len(ROMAN) else str(index + 1)
        ws.cell(row=row, column=1, value=roman)
        write_text(ws.cell(row=row, column=2), heading.upper())
        for col in range(1, len(COLUMNS) + 1):
            cell = ws.cell(row=row, column=col)
            cell.font = Font(name=FONT, size=11, bold=True)
            cell.fill, cell.border = _GROUP_FILL, _BORDER
            cell.alignment = Alignment(horizontal="center" if col == 1 else "left",
                                       vertical="center")
        row += 1
        for number, line in enumerate(lines, start=1):
            _write_line(ws, row, number, line, results)
            numbered.append((f"{roman}.{number}", line))
            row += 1
    _page_setup(ws, row - 1)
    _sources_sheet(wb, results, numbered)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
