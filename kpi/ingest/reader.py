"""Readings from the grids of a workbook: the template, long and wide tables.

A sheet's table starts at its header row: the first of its top rows with an
indicator column (code or name) and either a value column ("Thực hiện" —
the template and any long table, one row per indicator, with optional unit,
period, standing and note columns) or columns headed by units or periods
(the wide table statisticians keep: indicators down, units or periods
across; a second header row under a merged "Thực hiện" is read too). Rows
above the header may say "Đơn vị: …", "Kỳ báo cáo: …", "Tình trạng số liệu:
…". Whatever a row does not say comes from those, then from the unit and
period the uploader chose. Empty cells (and "-", "x", "…") mean no report.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from kpi.indicators import Indicator
from kpi.ingest import headers as h
from kpi.ingest.issues import Issue, column_letter, error, warning
from kpi.ingest.lookup import Lookup, fold_label
from kpi.ingest.cells import cell_value
from kpi.ingest.workbook import FORMULA_WITHOUT_VALUE, Grid
from kpi.numbers import NumberFormatError, UnitMismatchError, convert
from kpi.periods import Period, parse_period

HEADER_SEARCH_ROWS = 30
_NUMBERING = re.compile(r"\(?(?:\d{1,2}(?:\.0)?|[A-Z])\)?(?:=\(?\d{1,2}\)?[+\-*/:]\(?\d{1,2}\)?)?")
_LEGACY_HINT = (" Ô này có vẻ gõ bằng bảng mã cũ (TCVN3/VNI) mà không chuyển được: hãy chuyển "
                "sang Unicode (Unikey: Ctrl+Shift+F6) rồi tải lên lại.")


class Reading(NamedTuple):
    """One value read from the file, resolved; `row` is Excel's row, `column` a letter.
    (A NamedTuple: a large sheet makes 100.000 of them.)"""

    sheet: str
    row: int
    column: str
    indicator: str
    unit: str
    period: str
    standing: str
    value: float
    note: str | None = None


@dataclass
class ReadResult:
    """Readings and issues of a whole file; `layouts` names each table read."""

    readings: list[Reading] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    layouts: dict[str, str] = field(default_factory=dict)


@dataclass
class _Table:
    header: int  # index into grid.rows of the (last) header row
    roles: dict[str, list[int]]
    data: dict[int, tuple[str, str]]  # column index → ("unit", key) or ("period", code)
    value_standing: dict[int, str]
    meta: dict[str, object]


def read_upload(grids: list[Grid], lookup: Lookup, *, unit: str | None, period: str | None,
                today: dt.date) -> ReadResult:
    """Read every sheet with a table; `unit` (a key) and `period` (a code) are
    the uploader's choice, used where the file does not say."""
    result = _Reader(lookup, unit, period, today)
    for grid in grids:
        result.sheet(grid)
    out = result.out
    if not out.layouts:
        out.issues.append(error("no_table", "Không tìm thấy bảng số liệu: cần một dòng tiêu đề có "
                                "cột “Mã chỉ tiêu” hoặc “Chỉ tiêu” và cột “Thực hiện” (hoặc các cột "
                                "mang tên đơn vị, kỳ báo cáo). Hãy dùng mẫu báo cáo tải từ trang "
                                "Nộp báo cáo."))
    elif not out.readings and not any(i.is_error for i in out.issues):
        out.issues.append(error("no_values", "Tệp không có số liệu nào để ghi: các ô “Thực hiện” "
                                "còn trống. Hãy nhập số liệu rồi tải lên lại."))
    return out


class _Reader:
    def __init__(self, lookup: Lookup, unit: str | None, period: str | None, today: dt.date):
        self.lookup, self.context, self.today = lookup, unit, today
        self.period = parse_period(period, lookup.phases) if period else None
        self.out = ReadResult()
        self._units: dict[tuple, object] = {}
        self._reported: set[tuple[str, str, str]] = set()

    # --- finding the table ------------------------------------------------------------------

    def sheet(self, grid: Grid) -> None:
        for encoding, count in grid.converted.items():
            self.out.issues.append(warning(
                "legacy_encoding", f"{count} ô chữ gõ bằng bảng mã {encoding} đã được chuyển sang "
                "Unicode; hãy xem lại tên chỉ tiêu, đơn vị trong bản xem trước.", grid.name))
        table = self._find_table(grid)
        if table is None:
            return
        self.out.layouts[grid.name] = "wide" if table.data else "long"
        sheet_period = self._meta_period(grid, table)
        written = table.meta.get(h.PERIOD)
        if written is not None and self.lookup.period(written) is None:
            self._issue(grid, max(table.header - 1, 0), None, "unknown_period", (
                f"Không đọc được kỳ báo cáo “{written}” ghi phía trên bảng. Ghi như Năm 2021, "
                "Quý III/2021, 6 tháng đầu năm 2022, Tháng 6/2021 hoặc mã 2021-Q3."))
            return
        if table.data:
            self._wide(grid, table, sheet_period)
        else:
            self._long(grid, table, sheet_period)

    def _meta(self, grid: Grid, last: int) -> dict[str, object]:
        meta: dict[str, object] = {}
        for row in grid.rows[:last]:
            for j, cell in enumerate(row):
                found, inline = h.meta_label(cell)
                if found and found not in meta:
                    rest = [c for c in row[j + 1:] if c not in (None, "")]
                    value = inline if inline is not None else (rest[0] if rest else None)
                    if value is not None:
                        meta[found] = value
        return meta

    def _find_table(self, grid: Grid) -> _Table | None:
        for i, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
            roles: dict[str, list[int]] = {}
            for j, cell in enumerate(row):
                found = h.role(cell)
                if found:
                    roles.setdefault(found, []).append(j)
            if not roles.keys() & {h.INDICATOR_CODE, h.INDICATOR_NAME}:
                continue
            meta = self._meta(grid, i)
            table = _Table(i, roles, {}, {}, meta)
            below = grid.rows[i + 1] if i + 1 < len(grid.rows) else []
            if not any(_filled(below, j) for j in self._indicator_columns(table)):
                table.data = self._data_columns(grid, row, below, table, use_lower=True)
                if table.data:
                    table.header = i + 1
            if not table.data:
                table.data = self._data_columns(grid, row, [], table, use_lower=False)
            if h.VALUE in roles and not table.data:
                for j in roles[h.VALUE]:
                    implied = h.value_standing(row[j])
                    if implied:
                        table.value_standing[j] = implied
                return table
            if table.data:
                return table
        return None

    @staticmethod
    def _indicator_columns(table: _Table) -> list[int]:
        return table.roles.get(h.INDICATOR_CODE, []) + table.roles.get(h.INDICATOR_NAME, [])

    def _data_columns(self, grid: Grid, row: list, below: list, table: _Table,
                      use_lower: bool) -> dict[int, tuple[str, str]]:
        """Columns headed by a period or a unit (the wide layout)."""
        taken = {j for role, columns in table.roles.items() for j in columns
                 if role not in (h.VALUE, h.TOTAL)}
        period = self._meta_period(grid, table)
        data: dict[int, tuple[str, str]] = {}
        width = max(len(row), len(below))
        self.lookup.prefetch([c for c in (below if use_lower else row) if c not in (None, "")])
        for j in range(width):
            if j in taken:
                continue
            label = (below[j] if j < len(below) else None) if use_lower else (
                row[j] if j < len(row) else None)
            if label in (None, "") or (use_lower and not isinstance(label, str)):
                continue  # under the header, only text heads a column: not "(1) (2) (3)" numbers
            if isinstance(label, str) and fold_label(label) in h.ROLE_OF:
                if h.ROLE_OF[fold_label(label)] == h.TOTAL:
                    data[j] = ("total", str(label))
                continue
            found = self.lookup.period(label)
            if found is not None:
                data[j] = ("period", found.code)
            elif period is not None:
                match = self._unit(label, period)
                data[j] = ("unit", match.key) if match.key else ("unknown", str(label))
            else:
                data[j] = ("unknown", str(label))
        if not any(kind in ("period", "unit") for kind, _ in data.values()):
            return {}
        return data

    def _meta_period(self, grid: Grid, table: _Table) -> Period | None:
        value = table.meta.get(h.PERIOD)
        found = self.lookup.period(value) if value is not None else None
        return found or self.period

    def _unit(self, value: object, period: Period):
        key = (value, period.code)
        if key not in self._units:
            self._units[key] = self.lookup.unit(value, period, self.context)
        return self._units[key]

    # --- reading rows -----------------------------------------------------------------------

    def _issue(self, grid: Grid, i: int, j: int | None, code: str, message: str) -> None:
        """An error at a cell; one without a column (the sheet's heading, the
        uploader's choice) is reported once per sheet, at its first row."""
        if j is None:
            if (grid.name, code, message) in self._reported:
                return
            self._reported.add((grid.name, code, message))
        column = column_letter(grid.left + j) if j is not None else None
        self.out.issues.append(error(code, message, grid.name, grid.top + i + 1, column))

    def _indicator(self, grid: Grid, table: _Table, i: int, row: list) -> Indicator | None:
        codes, names = table.roles.get(h.INDICATOR_CODE, []), table.roles.get(h.INDICATOR_NAME, [])
        code = next((row[j] for j in codes if _filled(row, j)), None)
        name = next((row[j] for j in names if _filled(row, j)), None)
        indicator, problem = self.lookup.indicator(code, name)
        if indicator is None:
            j = (codes if code is not None else names or codes)[0]
            legacy = (grid.top + i, grid.left + j) in grid.legacy
            self._issue(grid, i, j, "unknown_indicator", problem + (_LEGACY_HINT if legacy else ""))
        return indicator

    def _row_unit(self, grid: Grid, table: _Table, i: int, row: list, period: Period):
        for j in sorted(table.roles.get(h.UNIT, []), key=lambda j: "ma" not in fold_label(
                grid.rows[table.header][j] or "")):
            if _filled(row, j):
                return self._resolve_unit(grid, i, j, row[j], period)
        if h.UNIT in table.meta:
            return self._resolve_unit(grid, i, None, table.meta[h.UNIT], period)
        if self.context:
            return self.context
        self._issue(grid, i, None, "no_unit", "Không xác định được đơn vị của số liệu. Hãy chọn đơn "
                    "vị khi tải lên, hoặc thêm cột “Đơn vị” (mã hoặc tên đơn vị).")
        return None

    def _resolve_unit(self, grid: Grid, i: int, j: int | None, value: object, period: Period):
        match = self._unit(value, period)
        if match.key is None:
            legacy = j is not None and (grid.top + i, grid.left + j) in grid.legacy
            self._issue(grid, i, j, "unknown_unit", match.message + (_LEGACY_HINT if legacy else ""))
        elif match.note and ("note", match.key, match.note) not in self._units:
            self._units[("note", match.key, match.note)] = True
            column = column_letter(grid.left + j) if j is not None else None
            self.out.issues.append(warning("unit_renamed", match.note, grid.name,
                                           grid.top + i + 1, column))
        return match.key

    def _row_period(self, grid: Grid, table: _Table, i: int, row: list, default: Period | None):
        for j in table.roles.get(h.PERIOD, []):
            if _filled(row, j):
                found = self.lookup.period(row[j])
                if found is None:
                    self._issue(grid, i, j, "unknown_period", f"Không đọc được kỳ báo cáo “{row[j]}”. "
                                "Ghi như Năm 2021, Quý III/2021, 6 tháng đầu năm 2022, Tháng "
                                "6/2021 hoặc mã 2021-Q3.")
                return found
        if default is None:
            self._issue(grid, i, None, "no_period", "Không xác định được kỳ báo cáo. Hãy chọn kỳ khi "
                        "tải lên, hoặc ghi “Kỳ báo cáo: …” phía trên bảng, hoặc thêm cột “Kỳ”.")
        return default

    def _standing(self, grid: Grid, table: _Table, i: int, row: list, j_value: int,
                  period: Period) -> str | None:
        for j in table.roles.get(h.STANDING, []):
            if _filled(row, j):
                found = h.parse_standing(row[j])
                if found is None:
                    self._issue(grid, i, j, "unknown_standing", f"Tình trạng số liệu “{row[j]}” không "
                                "hợp lệ: chọn Ước, Sơ bộ hoặc Chính thức.")
                return found
        if j_value in table.value_standing:
            return table.value_standing[j_value]
        found = h.parse_standing(table.meta.get(h.STANDING))
        return found or h.default_standing(period, self.today)

    def _note(self, table: _Table, row: list) -> str | None:
        notes = [str(row[j]).strip() for j in table.roles.get(h.NOTE, []) if _filled(row, j)]
        return "; ".join(notes) or None

    def _long(self, grid: Grid, table: _Table, sheet_period: Period | None) -> None:
        values = table.roles[h.VALUE]
        self.lookup.prefetch([row[j] for row in grid.rows[table.header + 1:]
                              for j in table.roles.get(h.UNIT, []) if _filled(row, j)]
                             + [table.meta.get(h.UNIT, "")])
        for i in range(table.header + 1, len(grid.rows)):
            row = grid.rows[i]
            if not any(_filled(row, j) or (grid.top + i, grid.left + j) in grid.problems
                       for j in values) or (i == table.header + 1 and _is_numbering(row)):
                continue
            indicator = self._indicator(grid, table, i, row)
            period = self._row_period(grid, table, i, row, sheet_period)
            if indicator is None or period is None:
                continue
            unit = self._row_unit(grid, table, i, row, period)
            measure = self._measure(table, row, indicator)
            for j in values:
                value = self._value(grid, i, j, row, indicator, measure)
                if value is None or unit is None:
                    continue
                standing = self._standing(grid, table, i, row, j, period)
                if standing:
                    self.out.readings.append(Reading(
                        grid.name, grid.top + i + 1, column_letter(grid.left + j), indicator.code,
                        unit, period.code, standing, value, self._note(table, row)))

    def _wide(self, grid: Grid, table: _Table, sheet_period: Period | None) -> None:
        for j, (kind, label) in table.data.items():
            if kind == "total":
                self.out.issues.append(warning(
                    "ignored_column", f"Cột “{label}” (tổng) không được đọc: số của đơn vị cấp trên "
                    "lấy từ cột mang tên hoặc mã của đơn vị đó.", grid.name, None,
                    column_letter(grid.left + j)))
        columns = [(j, kind, label, column_letter(grid.left + j),
                    parse_period(label, self.lookup.phases) if kind == "period" else sheet_period)
                   for j, (kind, label) in sorted(table.data.items()) if kind != "total"]
        readings, problems, fast = self.out.readings, grid.problems, not (
            grid.problems or grid.percent)
        for i in range(table.header + 1, len(grid.rows)):
            row, width, indicator = grid.rows[i], len(grid.rows[i]), None
            if i == table.header + 1 and _is_numbering(row):
                continue
            for j, kind, label, letter, period in columns:
                cell = row[j] if j < width else None
                if (cell is None or cell == "") and not (
                        problems and (grid.top + i, grid.left + j) in problems):
                    continue
                if indicator is None:  # the row holds a value: whose?
                    indicator = self._indicator(grid, table, i, row)
                    if indicator is None:
                        break
                    measure = self._measure(table, row, indicator)
                    note, standings = self._note(table, row), {}
                if kind == "unknown":
                    self._unknown_column(grid, table, i, j, label, sheet_period)
                    continue
                if period is None:
                    self._issue(grid, i, None, "no_period", "Không xác định được kỳ báo cáo của bảng. "
                                "Hãy chọn kỳ khi tải lên hoặc ghi “Kỳ báo cáo: …” phía trên bảng.")
                    continue
                unit = label if kind == "unit" else self._row_unit(grid, table, i, row, period)
                if fast and type(cell) is float and measure is None:
                    value = cell  # the common case, kept short for large sheets
                else:
                    value = self._value(grid, i, j, row, indicator, measure)
                if value is None or unit is None:
                    continue
                if period.code not in standings:
                    standings[period.code] = self._standing(grid, table, i, row, j, period)
                readings.append(Reading(grid.name, grid.top + i + 1, letter, indicator.code, unit,
                                        period.code, standings[period.code], value, note))

    @staticmethod
    def _measure(table: _Table, row: list, indicator: Indicator) -> str | None:
        """The unit of measure the row writes, when it differs from the indicator's."""
        written = next((row[j] for j in table.roles.get(h.MEASURE, []) if _filled(row, j)), None)
        if written is None or fold_label(str(written)) == fold_label(indicator.measure):
            return None
        return str(written)

    def _unknown_column(self, grid, table, i, j, label, sheet_period) -> None:
        if ("column", grid.name, j) in self._units:
            return
        self._units[("column", grid.name, j)] = True
        message = f"Tiêu đề cột “{label}” không phải kỳ báo cáo hay đơn vị nào."
        if sheet_period is not None:
            match = self._unit(label, sheet_period)
            message = match.message or message
        legacy = (grid.top + table.header, grid.left + j) in grid.legacy
        self.out.issues.append(error("unknown_unit", message + (_LEGACY_HINT if legacy else ""),
                                     grid.name, grid.top + table.header + 1,
                                     column_letter(grid.left + j)))

    # --- one value --------------------------------------------------------------------------

    def _value(self, grid: Grid, i: int, j: int, row: list, indicator: Indicator,
               measure: str | None) -> float | None:
        """The cell's value in the indicator's measure (converted from `measure`,
        the row's own, when given); None for no report or an error (recorded)."""
        cell = row[j] if j < len(row) else None
        if type(cell) is float and measure is None and not grid.percent and not grid.problems:
            return cell  # the common case, kept fast for large sheets
        where = (grid.top + i, grid.left + j)
        problem = grid.problems.get(where)
        if problem == FORMULA_WITHOUT_VALUE:
            self._issue(grid, i, j, "formula_without_value", "Ô có công thức nhưng chưa có giá trị "
                        "đã tính (tệp không được Excel tính lại). Hãy mở tệp bằng Excel, nhấn "
                        "Ctrl+Alt+F9 rồi lưu, hoặc thay công thức bằng số.")
            return None
        if problem:
            self._issue(grid, i, j, "excel_error", f"Ô báo lỗi Excel “{problem}”: công thức bị lỗi, "
                        "không phải số liệu. Hãy sửa công thức hoặc nhập số.")
            return None
        try:
            value = cell_value(cell, indicator, where in grid.percent)
            if value is not None and measure is not None:
                value = convert(value, measure, indicator.measure)
        except (NumberFormatError, UnitMismatchError, ValueError) as exc:
            self._issue(grid, i, j, "not_a_number", str(exc))
            return None
        return value


def _filled(row: list, j: int) -> bool:
    return j < len(row) and row[j] is not None and row[j] != ""


def _is_numbering(row: list) -> bool:
    """True for the row of column numbers forms put under the header: (1) (2) (3) or A B 1 2."""
    filled = [c for c in row if c is not None and c != ""]
    return len(filled) >= 3 and all(_NUMBERING.fullmatch(str(c).strip()) for c in filled)
