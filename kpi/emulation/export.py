"""Excel files a block head sends: the ranking (bình xét) and the reminder list.

Numbers are written as numbers (points with two decimals), text through
kpi.spreadsheet_safety so that a unit name typed as a formula stays text.
Returns the workbook's bytes; nothing is written to disk.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from kpi.emulation.discipline import ReportCheck, status_label
from kpi.emulation.ranking import BlockRanking
from kpi.emulation.views import change_text
from kpi.periods import period_label
from kpi.spreadsheet_safety import write_text

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_POINTS = "0.00"


def _put(ws, row: int, col: int, value, number_format: str | None = None, bold: bool = False):
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str) or value is None:
        write_text(cell, value)
    else:
        cell.value = value
        if number_format:
            cell.number_format = number_format
    cell.border = _BOX
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    if bold:
        cell.font = Font(bold=True)
    return cell


def _title(ws, lines: Sequence[str], width: int) -> int:
    for index, text in enumerate(lines, start=1):
        ws.merge_cells(start_row=index, start_column=1, end_row=index, end_column=width)
        cell = ws.cell(row=index, column=1)
        write_text(cell, text)
        cell.font = Font(bold=True, size=13 if index == 1 else 11)
        cell.alignment = Alignment(horizontal="center")
    return len(lines) + 2


def _header(ws, row: int, headings: Sequence[str]) -> None:
    for col, text in enumerate(headings, start=1):
        cell = _put(ws, row, col, text, bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")


def _bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ranking_workbook(ranking: BlockRanking) -> bytes:
    """The ranking in the layout a block head sends to the provincial board.

    Sheet "Bình xét": STT, Đơn vị, one column per criterion (points), Tổng
    điểm, Xếp hạng, So với năm trước, Đề nghị khen thưởng. Sheet "Chi tiết":
    every member's lines (criterion, item, status, points, max, reason).
    """
    state = ranking.state
    criteria = state.scheme.criteria
    wb = Workbook()
    ws = wb.active
    ws.title = "Bình xét"
    headings = (["STT", "Đơn vị"] + [f"{c.label} (tối đa {c.weight:g} điểm)" for c in criteria]
                + ["Tổng điểm", "Xếp hạng", "So với năm trước", "Đề nghị khen thưởng"])
    row = _title(ws, [
        state.block.name.upper(),
        f"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, BÌNH XÉT THI ĐUA NĂM {state.block.year}",
        f"(Số liệu đến ngày {state.as_of:%d/%m/%Y})",
    ], len(headings))
    _header(ws, row, headings)
    for number, m in enumerate(ranking.members, start=1):
        r = row + number
        _put(ws, r, 1, number)
        _put(ws, r, 2, m.unit_name)
        for col, c in enumerate(criteria, start=3):
            _put(ws, r, col, m.by_criterion.get(c.code, 0.0), _POINTS)
        base = 3 + len(criteria)
        _put(ws, r, base, m.total, _POINTS, bold=True)
        _put(ws, r, base + 1, m.rank)
        _put(ws, r, base + 2, change_text(ranking.change(m.unit_key)))
        _put(ws, r, base + 3, m.award or "")
    widths = [6, 34] + [16] * len(criteria) + [11, 9, 11, 30]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    detail = wb.create_sheet("Chi tiết")
    heads = ["STT", "Đơn vị", "Tiêu chí", "Nội dung", "Tình trạng", "Điểm", "Điểm tối đa", "Giải thích"]
    row = _title(detail, [f"GIẢI THÍCH ĐIỂM THI ĐUA NĂM {state.block.year} — {state.block.name}"],
                 len(heads))
    _header(detail, row, heads)
    r = row
    for number, m in enumerate(ranking.members, start=1):
        for line in m.lines:
            r += 1
            for col, value in enumerate([number, m.unit_name, line.criterion, line.item,
                                         line.status_label], start=1):
                _put(detail, r, col, value)
            _put(detail, r, 6, line.points, _POINTS)
            _put(detail, r, 7, line.max_points, _POINTS)
            _put(detail, r, 8, line.reason)
    for col, width in enumerate([6, 30, 28, 36, 14, 9, 11, 80], start=1):
        detail.column_dimensions[get_column_letter(col)].width = width
    return _bytes(wb)


def reminders_workbook(checks: Sequence[ReportCheck], names: Mapping[str, str],
                       block_name: str, as_of: dt.date) -> bytes:
    """The list of reports to chase: STT, Đơn vị, Báo cáo, Kỳ, Hạn nộp,
    Tình trạng, Số ngày quá hạn (a number), Chỉ tiêu còn thiếu."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đôn đốc báo cáo"
    heads = ["STT", "Đơn vị", "Báo cáo", "Kỳ", "Hạn nộp", "Tình trạng", "Số ngày quá hạn",
             "Chỉ tiêu còn thiếu"]
    row = _title(ws, [f"DANH SÁCH ĐƠN VỊ CẦN ĐÔN ĐỐC BÁO CÁO — {block_name.upper()}",
                      f"(Tính đến ngày {as_of:%d/%m/%Y})"], len(heads))
    _header(ws, row, heads)
    for number, c in enumerate(checks, start=1):
        r = row + number
        overdue = max(0, (as_of - c.effective.deadline).days)
        values = [number, names.get(c.unit_key, c.unit_key), c.deadline.what,
                  period_label(c.deadline.period), c.effective.deadline.strftime("%d/%m/%Y"),
                  status_label(c.status), overdue, ", ".join(c.missing)]
        for col, value in enumerate(values, start=1):
            _put(ws, r, col, value)
    for col, width in enumerate([6, 34, 50, 22, 12, 16, 12, 40], start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    return _bytes(wb)
