"""A dashboard table as an Excel file: numbers as numbers, Vietnamese headers,
and no formula hidden in a text cell.

Text goes through kpi.spreadsheet_safety.write_text: a cell that begins with
"=", "+", "-", "@" (or a tab or carriage return) — a unit name typed as
"=HYPERLINK(…)" in an uploaded report — stays plain text with Excel's quote
prefix, so opening the file runs nothing.
"""
from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kpi.periods import VN_TZ
from kpi.spreadsheet_safety import write_text

NUMBER_FORMAT = "#,##0"  # whole numbers
DECIMAL_FORMAT = "#,##0.0##"
PERCENT_FORMAT = "0%"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_MAX_WIDTH = 60


def _plain(value):
    """A cell value openpyxl writes as such (None for a missing number)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # Excel has no time zones: write the Vietnam wall-clock time.
        value = value.astimezone(VN_TZ).replace(tzinfo=None)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalars
    return value


def table_xlsx(frame: pd.DataFrame, *, sheet: str = "Bảng", title: str | None = None) -> bytes:
    """The table as .xlsx bytes: an optional title line, bold headers (the
    frame's column names), one row per frame row, the header row frozen.

    Columns named in `frame.attrs["percent"]` get a percent format (values
    are ratios, 1.04 for 104%); other numbers "#,##0" or "#,##0.0##", which
    Excel shows in the reader's notation (1.234,5 in Vietnamese settings); dates
    dd/mm/yyyy. Text starting like a formula is stored as text.
    """
    percent = set(frame.attrs.get("percent", ()))
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    row = 1
    if title:
        write_text(ws.cell(row=1, column=1), title)
        ws.cell(row=1, column=1).font = Font(bold=True, size=13)
        row = 3
    for col, name in enumerate(frame.columns, start=1):
        cell = ws.cell(row=row, column=col)
        write_text(cell, str(name))
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    header_row = row
    widths = [len(str(name)) for name in frame.columns]
    for values in frame.itertuples(index=False):
        row += 1
        for col, raw in enumerate(values, start=1):
            value = _plain(raw)
            cell = ws.cell(row=row, column=col)
            if isinstance(value, str):
                write_text(cell, value)
                widths[col - 1] = max(widths[col - 1], min(len(value), _MAX_WIDTH))
                continue
            cell.value = value
            if isinstance(value, (int, float)):
                if frame.columns[col - 1] in percent:
                    cell.number_format = PERCENT_FORMAT
                else:
                    cell.number_format = NUMBER_FORMAT if float(value).is_integer() \
                        else DECIMAL_FORMAT
                widths[col - 1] = max(widths[col - 1], 12)
            elif isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
                widths[col - 1] = max(widths[col - 1], 16)
            elif isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
                widths[col - 1] = max(widths[col - 1], 11)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(width + 2, _MAX_WIDTH + 2)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
