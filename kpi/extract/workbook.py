"""Targets typed in Excel: the template, and reading a filled one into the review table.

For offices that prefer typing targets to loading a document. The workbook
has a sheet "Kế hoạch" (one field a row: code, title, number, issuer, date,
unit code, period, parent plan) and a sheet "Chỉ tiêu" (one target a row:
indicator code or name, unit, direction, value or range, period, places,
quote). Reading goes through the upload path's structural checks
(`kpi.ingest.safety.check_file`) before openpyxl sees the file, then into the
same review table and the same all-or-nothing commit as a plan document.
"""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from kpi.extract.review import COLUMNS, NEW_CHOICE, choice_label
from kpi.indicators import Indicator
from kpi.ingest.issues import FileRefused
from kpi.ingest.safety import check_file
from kpi.names import fold_name
from kpi.numbers import NumberFormatError, parse_number
from kpi.periods import PeriodError, parse_date
from kpi.spreadsheet_safety import write_text

PLAN_SHEET, TARGET_SHEET, HELP_SHEET = "Kế hoạch", "Chỉ tiêu", "Hướng dẫn"
PLAN_FIELDS = (
    ("code", "Mã kế hoạch"), ("title", "Tên kế hoạch"), ("number", "Số, ký hiệu"),
    ("issuer", "Cơ quan ban hành"), ("issued_on", "Ngày ban hành (dd/mm/yyyy)"),
    ("unit_key", "Mã đơn vị"), ("period", "Kỳ kế hoạch"), ("parent_plan", "Kế hoạch cấp trên"),
)
TARGET_HEADERS = ("Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Chiều", "Giá trị", "Từ", "Đến", "Kỳ",
                  "Địa bàn", "Trích văn bản")
DIRECTION_LABELS = {
    "at_least": "Đạt tối thiểu (≥)", "at_most": "Không quá (≤)", "range": "Trong khoảng",
    "exact": "Đúng bằng", "increase_by": "Tăng thêm", "decrease_by": "Giảm bớt",
    "decrease_vs_previous": "Giảm so với cùng kỳ", "increase_vs_previous": "Tăng so với cùng kỳ",
    "boolean": "Có/không",
}
MAX_BYTES = 20 * 1024 * 1024
_BOLD = Font(bold=True)
_INPUT = PatternFill("solid", fgColor="FFF2CC")


class WorkbookError(ValueError):
    """A targets workbook that cannot be read; `problems` lists each, in Vietnamese."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def build_template(catalogue: dict[str, Indicator] | None = None) -> bytes:
    """The targets workbook (.xlsx bytes) with instructions and, when given, the indicator codes."""
    book = Workbook()
    plan = book.active
    plan.title = PLAN_SHEET
    plan.append(["Trường", "Giá trị"])
    for _, label in PLAN_FIELDS:
        plan.append([label, None])
        plan.cell(plan.max_row, 2).fill = _INPUT
    targets = book.create_sheet(TARGET_SHEET)
    targets.append(list(TARGET_HEADERS))
    for cell in (*plan[1], *targets[1]):
        cell.font = _BOLD
    choices = DataValidation(type="list", formula1='"' + ",".join(DIRECTION_LABELS.values()) + '"',
                             allow_blank=True, showErrorMessage=True,
                             error="Chọn chiều chỉ tiêu trong danh sách.")
    targets.add_data_validation(choices)
    choices.add("D2:D1000")
    numbers = DataValidation(type="decimal", operator="between", formula1="-1E15", formula2="1E15",
                             allow_blank=True, showErrorMessage=True, error="Ô này chỉ nhận số.")
    targets.add_data_validation(numbers)
    numbers.add("E2:G1000")
    for column, width in zip("ABCDEFGHIJ", (26, 48, 14, 22, 12, 10, 10, 22, 18, 48)):
        targets.column_dimensions[column].width = width
    plan.column_dimensions["A"].width, plan.column_dimensions["B"].width = 30, 60
    help_sheet = book.create_sheet(HELP_SHEET)
    for line in (
        "Nhập thông tin kế hoạch ở trang “Kế hoạch” (Mã đơn vị theo mã hành chính, ví dụ 91 hoặc vn2004:911).",
        "Mỗi dòng ở trang “Chỉ tiêu” là một chỉ tiêu; “Mã chỉ tiêu” lấy từ danh mục bên dưới, để trống để tạo chỉ tiêu mới theo tên.",
        "Chiều: chọn trong danh sách. Dạng khoảng ghi “Từ” và “Đến”; các dạng khác ghi “Giá trị”.",
        "Kỳ: 2022, 2021-2025 (cả giai đoạn) hoặc hằng năm (2021-2025).",
        "Số viết kiểu Việt Nam: 1.234,5. Tệp được ghi tất cả hoặc không ghi gì nếu còn lỗi.",
        "", "Danh mục chỉ tiêu:",
    ):
        help_sheet.append([line])
    for code, indicator in sorted((catalogue or {}).items()):
        help_sheet.append([None])
        write_text(help_sheet.cell(help_sheet.max_row, 1), code)
        write_text(help_sheet.cell(help_sheet.max_row, 2), indicator.name)
        write_text(help_sheet.cell(help_sheet.max_row, 3), indicator.measure)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(value, where: str, problems: list[str]) -> float | None:
    try:
        return parse_number(value)
    except NumberFormatError as exc:
        problems.append(f"{where}: {exc}")
        return None


def _direction(value, where: str, problems: list[str]) -> str | None:
    text = _text(value)
    if text is None:
        problems.append(f"{where}: thiếu chiều chỉ tiêu; chọn trong danh sách.")
        return None
    by_label = {fold_name(label): code for code, label in DIRECTION_LABELS.items()}
    found = text if text in DIRECTION_LABELS else by_label.get(fold_name(text))
    if found is None:
        problems.append(f"{where}: chiều “{text}” không hợp lệ; chọn trong danh sách.")
    return found


def read_targets_workbook(data: bytes, filename: str, catalogue: dict[str, Indicator]) -> tuple[dict, pd.DataFrame]:
    """(header, review table) of a filled targets workbook.

    Raises WorkbookError with every problem found (sheet, row and column in
    each message), or kpi.ingest.issues.FileRefused for a file that is not a
    sound .xlsx workbook.
    """
    checked = check_file(data, filename, MAX_BYTES)
    if checked.kind != "xlsx":
        raise WorkbookError([f"Tệp “{filename}” là Excel cũ (.xls): hãy lưu lại dưới dạng .xlsx theo mẫu."])
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    missing = [name for name in (PLAN_SHEET, TARGET_SHEET) if name not in book.sheetnames]
    if missing:
        raise WorkbookError([f"Thiếu trang “{name}”: dùng mẫu tải từ lệnh targets-template." for name in missing])
    problems: list[str] = []
    labels = {fold_name(label): key for key, label in PLAN_FIELDS}
    header: dict = {key: None for key, _ in PLAN_FIELDS}
    for row in book[PLAN_SHEET].iter_rows(min_row=2, max_col=2, values_only=True):
        key = labels.get(fold_name(str(row[0] or "")))
        if key:
            header[key] = row[1]
    issued = header["issued_on"]
    if isinstance(issued, dt.datetime):  # a date cell
        issued = issued.date()
    try:
        header["issued_on"] = parse_date(issued) if issued else None
    except PeriodError as exc:
        problems.append(f"Trang {PLAN_SHEET}, ngày ban hành: {exc}")
    for key in ("code", "title", "number", "issuer", "unit_key", "period", "parent_plan"):
        header[key] = _text(header[key])
    header.update(kind="plan", source=filename)
    rows = []
    for number, row in enumerate(book[TARGET_SHEET].iter_rows(min_row=2, max_col=10, values_only=True), start=2):
        if not any(v not in (None, "") for v in row):
            continue
        where = f"Trang {TARGET_SHEET}, dòng {number}"
        code, name = _text(row[0]), _text(row[1])
        if code and code not in catalogue:
            problems.append(f"{where}, cột A: mã chỉ tiêu “{code}” không có trong danh mục.")
            continue
        if not code and not name:
            problems.append(f"{where}, cột B: thiếu tên chỉ tiêu.")
            continue
        rows.append({
            "keep": True, "indicator": name or catalogue[code].name,
            "indicator_choice": choice_label(code, catalogue[code]) if code else NEW_CHOICE,
            "value": _number(row[4], f"{where}, cột E", problems),
            "min": _number(row[5], f"{where}, cột F", problems),
            "max": _number(row[6], f"{where}, cột G", problems),
            "unit": _text(row[2]) or (catalogue[code].measure if code else ""),
            "direction": _direction(row[3], f"{where}, cột D", problems), "strict": False,
            "period": _text(row[7]) or header["period"] or "", "locality": _text(row[8]) or "",
            "group": "", "quote": _text(row[9]) or "", "note": "", "match": None,
        })
    book.close()
    if problems:
        raise WorkbookError(problems)
    return header, pd.DataFrame(rows, columns=COLUMNS)


__all__ = ["DIRECTION_LABELS", "FileRefused", "WorkbookError", "build_template", "read_targets_workbook"]
