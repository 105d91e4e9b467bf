"""The cells of a checked workbook, as a grid per sheet.

.xlsx files are read by python-calamine (fast, Rust) only after
`kpi.ingest.safety.check_file` passed them. Calamine gives each cell's value
but neither its number format nor its Excel error, and it reads a formula
without a cached value as an empty cell; so the sheet XML is scanned too,
only when the styles define a percentage format or the sheet holds errors or
formulas. Legacy .xls files are read by xlrd, which reports all three.
Text typed in TCVN3 or VNI is converted to Unicode here (see legacy_text).
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

from kpi.ingest.issues import FileRefused, column_index, refuse
from kpi.ingest.legacy_text import looks_legacy, to_unicode
from kpi.ingest.safety import CheckedFile

FORMULA_WITHOUT_VALUE = "="
_BUILTIN_PERCENT = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


@dataclass
class Grid:
    """One sheet's cells. rows[i][j] is the cell at 0-based (top + i, left + j);
    empty cells are None or "". `percent` and `problems` are keyed by that
    absolute (row, column); a problem is an Excel error text ("#DIV/0!") or
    FORMULA_WITHOUT_VALUE. `converted` counts cells converted per legacy
    encoding; `legacy` holds cells that look legacy but could not be converted."""

    name: str
    rows: list[list]
    top: int = 0
    left: int = 0
    percent: set[tuple[int, int]] = field(default_factory=set)
    problems: dict[tuple[int, int], str] = field(default_factory=dict)
    converted: dict[str, int] = field(default_factory=dict)
    legacy: set[tuple[int, int]] = field(default_factory=set)


def is_percent_format(code: str) -> bool:
    """True when an Excel number format scales by 100 ('0%', '0.00%', '#,##0.0%');
    a quoted or escaped percent sign ('0"%"') does not."""
    first = code.split(";", 1)[0]
    return "%" in _QUOTED.sub("", first)


def read_grids(checked: CheckedFile) -> list[Grid]:
    """Every worksheet of a checked file as a Grid, in tab order.

    Raises FileRefused when the parser still fails (a file damaged in a way
    the structural checks do not see).
    """
    grids = _read_xlsx(checked) if checked.kind == "xlsx" else _read_xls(checked)
    for grid in grids:
        _convert_legacy(grid)
    return grids


def _broken(detail: str) -> FileRefused:
    return refuse("corrupt_file", f"Không đọc được nội dung tệp ({detail}). Hãy mở tệp bằng "
                  "Excel, lưu lại rồi tải lên lần nữa.")


# --- .xlsx --------------------------------------------------------------------------------

def _percent_styles(styles: bytes | None) -> frozenset[int]:
    if not styles:
        return frozenset()
    root = ElementTree.fromstring(styles)  # checked for DOCTYPE/ENTITY by safety
    formats = {}
    for element in root.iter():
        if element.tag.endswith("}numFmt") or element.tag == "numFmt":
            formats[int(element.get("numFmtId", "-1"))] = element.get("formatCode", "")
    percent_ids = set(_BUILTIN_PERCENT) | {i for i, code in formats.items() if is_percent_format(code)}
    styles_found = set()
    for element in root.iter():
        if element.tag.endswith("}cellXfs") or element.tag == "cellXfs":
            for index, xf in enumerate(element):
                if int(xf.get("numFmtId", "0")) in percent_ids:
                    styles_found.add(index)
    return frozenset(styles_found)


def _scan_sheet(xml: bytes, percent_styles: frozenset[int], grid: Grid) -> None:
    """Find percentage-formatted cells, Excel errors and formulas without a cached value."""
    wanted_styles = {str(i) for i in percent_styles}
    styled = wanted_styles and re.search(
        rb' s="(?:' + b"|".join(s.encode() for s in wanted_styles) + rb')"', xml)
    if not styled and b't="e"' not in xml and not _FORMULA.search(xml):
        return
    row = col = -1
    for event, element in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = element.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "row":
                row = int(element.get("r")) - 1 if element.get("r") else row + 1
                col = -1
            elif tag == "c":
                ref = _REF.fullmatch(element.get("r") or "")
                if ref:
                    row, col = int(ref[2]) - 1, column_index(ref[1])
                else:
                    col += 1
            continue
        if tag == "c":
            if element.get("s") in wanted_styles:
                grid.percent.add((row, col))
            value = next((c for c in element if c.tag.endswith("v")), None)
            text = value.text if value is not None else None
            if element.get("t") == "e":
                grid.problems[(row, col)] = text or "#ERROR"
            elif any(c.tag.rsplit("}", 1)[-1] == "f" for c in element) and not text \
                    and element.get("t") not in ("str", "inlineStr"):
                grid.problems[(row, col)] = FORMULA_WITHOUT_VALUE
        elif tag == "row":
            element.clear()


def _read_xlsx(checked: CheckedFile) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(checked.data))
        percent_styles = _percent_styles(checked.parts.get(checked.styles_path or ""))
        grids = []
        for part in checked.sheets:
            sheet = book.get_sheet_by_name(part.name)
            start = sheet.start or (0, 0)
            grid = Grid(part.name, sheet.to_python(), start[0], start[1])
            _scan_sheet(checked.parts[part.path], percent_styles, grid)
            grids.append(grid)
        return grids
    except FileRefused:
        raise
    except Exception as exc:  # calamine's and the XML parser's errors alike
        raise _broken(type(exc).__name__) from None


# --- legacy .xls ----------------------------------------------------------------------------

def _read_xls(checked: CheckedFile) -> list[Grid]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=checked.data, formatting_info=True,
                                  ragged_rows=True, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise refuse("encrypted", "Tệp được đặt mật khẩu mở tệp nên không đọc được. Hãy gỡ "
                         "mật khẩu trong Excel, lưu rồi tải lên lại.") from None
        raise _broken(str(exc)) from None
    except Exception as exc:
        raise _broken(type(exc).__name__) from None
    percent_xfs = {
        index for index, xf in enumerate(book.xf_list)
        if is_percent_format(getattr(book.format_map.get(xf.format_key), "format_str", ""))
    }
    grids = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            grids.append(_xls_grid(book, sheet, percent_xfs))
            book.unload_sheet(index)
    except FileRefused:
        raise
    except Exception as exc:
        raise _broken(type(exc).__name__) from None
    return grids


def _xls_grid(book, sheet, percent_xfs: set[int]) -> Grid:
    import xlrd

    grid = Grid(sheet.name, [])
    for r in range(sheet.nrows):
        types, values = sheet.row_types(r), sheet.row_values(r)
        row = []
        for c, (kind, value) in enumerate(zip(types, values)):
            if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                row.append(None)
                continue
            if kind == xlrd.XL_CELL_DATE:
                value = xlrd.xldate_as_datetime(value, book.datemode)
            elif kind == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            elif kind == xlrd.XL_CELL_ERROR:
                grid.problems[(r, c)] = xlrd.error_text_from_code.get(value, "#ERROR")
                value = None
            elif kind == xlrd.XL_CELL_NUMBER and sheet.cell_xf_index(r, c) in percent_xfs:
                grid.percent.add((r, c))
            row.append(value)
        grid.rows.append(row)
    return grid


# --- legacy encodings -----------------------------------------------------------------------

def _convert_legacy(grid: Grid) -> None:
    """Decide the sheet's encoding from the cells only a legacy reading makes
    Vietnamese, then convert every cell that reads as Vietnamese in it — short
    cells such as "Phó Quèc" (Phú Quốc in TCVN3) are Vietnamese either way,
    as people convert whole sheets."""
    texts = [(i, j, v) for i, row in enumerate(grid.rows) for j, v in enumerate(row)
             if type(v) is str and not v.isascii()]
    votes: dict[str, int] = {}
    for _, _, value in texts:
        encoding = to_unicode(value)[1]
        if encoding:
            votes[encoding] = votes.get(encoding, 0) + 1
    sheet_encoding = max(votes, key=votes.get) if votes else None
    for i, j, value in texts:
        converted = to_unicode(value, prefer=sheet_encoding)
        if converted[1]:
            grid.rows[i][j] = converted[0]
            grid.converted[converted[1]] = grid.converted.get(converted[1], 0) + 1
        elif looks_legacy(value):
            grid.legacy.add((grid.top + i, grid.left + j))


def cell_date(value) -> bool:
    """True for a date or time value (a cell Excel formats as a date)."""
    return isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta))
