"""A member's registration as an Excel workbook: the template out, the filled file in.

The sheet "Đăng ký thi đua" has one row per target: indicator code (from the
catalogue) or, for the member's own indicator, an empty code with a name and
a unit of measure; the form ("Đạt tối thiểu", "Không vượt quá", "Trong
khoảng", "Giảm so với năm trước", "Tăng thêm", "Giảm"…), the value (or from–to),
what a change is counted in ("điểm %", "%", "số tuyệt đối", "lần") and the
period (the year unless a half is written). Numbers are read the Vietnamese
way ("1.234,5"). Reading returns every problem with its row and column.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from kpi.indicators import Indicator
from kpi.names import strip_accents
from kpi.numbers import NumberFormatError, parse_number
from kpi.periods import PeriodError, parse_period_label
from kpi.spreadsheet_safety import write_text
from kpi.targets import Target
from kpi.user_text import TextError, clean_text

SHEET = "Đăng ký thi đua"
HEADERS = ("Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Hình thức", "Giá trị", "Từ", "Đến",
           "Tính theo", "Kỳ", "Ghi chú")
KIND_LABELS = {
    "at_least": "Đạt tối thiểu", "at_most": "Không vượt quá", "range": "Trong khoảng",
    "exact": "Bằng", "increase_by": "Tăng thêm", "decrease_by": "Giảm",
    "decrease_vs_previous": "Giảm so với năm trước", "increase_vs_previous": "Tăng so với năm trước",
    "boolean": "Hoàn thành (có/không)",
}
CHANGE_LABELS = {"points": "điểm %", "percent": "%", "absolute": "số tuyệt đối", "times": "lần"}
MAX_ROWS = 500


def _fold(text: object) -> str:
    return " ".join(strip_accents(str(text or "")).lower().replace("–", "-").split())


_KINDS = {_fold(label): kind for kind, label in KIND_LABELS.items()} | {k: k for k in KIND_LABELS}
_CHANGES = {_fold(label): unit for unit, label in CHANGE_LABELS.items()} | {
    "diem": "points", "diem phan tram": "points", "phan tram": "percent", "tuyet doi": "absolute"}


@dataclass(frozen=True)
class RegistrationSheet:
    """What a filled workbook says: targets, the member's own new indicators,
    and problems (each "Dòng N, cột X: …"); nothing is valid while problems exist."""

    targets: tuple[Target, ...]
    new_indicators: tuple[Indicator, ...]
    problems: tuple[str, ...]


def registration_template(unit_key: str, unit_name: str, year: int,
                          targets: list[Target], catalogue: dict[str, Indicator]) -> bytes:
    """The workbook a member fills: its current targets pre-filled, the
    catalogue on a second sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    write_text(ws.cell(1, 1), f"ĐĂNG KÝ THI ĐUA NĂM {year} — {unit_name} ({unit_key})")
    ws.cell(1, 1).font = Font(bold=True, size=13)
    write_text(ws.cell(2, 1), "Chọn mã trong sheet “Danh mục”; chỉ tiêu riêng: để trống mã, "
                              "ghi tên và đơn vị tính. Số viết kiểu Việt Nam: 1.234,5.")
    for col, text in enumerate(HEADERS, start=1):
        write_text(ws.cell(4, col), text)
        ws.cell(4, col).font = Font(bold=True)
    for row, t in enumerate(targets, start=5):
        ind = catalogue.get(t.indicator_code)
        values = [t.indicator_code, ind.name if ind else "", ind.measure if ind else "",
                  KIND_LABELS[t.kind], t.value, t.min, t.max,
                  CHANGE_LABELS.get(t.change_unit or "", ""), t.period, t.quote or ""]
        for col, value in enumerate(values, start=1):
            if isinstance(value, str) or value is None:
                write_text(ws.cell(row, col), value)
            else:
                ws.cell(row, col).value = value
    for col, width in zip("ABCDEFGHIJ", (26, 50, 14, 22, 10, 8, 8, 12, 10, 30)):
        ws.column_dimensions[col].width = width
    listing = wb.create_sheet("Danh mục")
    for col, text in enumerate(("Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính"), start=1):
        write_text(listing.cell(1, col), text)
    for row, ind in enumerate(catalogue.values(), start=2):
        for col, text in enumerate((ind.code, ind.name, ind.measure), start=1):
            write_text(listing.cell(row, col), text)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def own_indicator_code(unit_key: str, name: str) -> str:
    """A catalogue code for a member's own indicator: 'TV-SYT.SO_BAC_SI_TREN_VAN_DAN'."""
    slug = re.sub(r"[^A-Z0-9]+", "_", strip_accents(name).upper()).strip("_")
    return f"{unit_key.split(':')[-1]}.{slug}"[:64]


def _number(raw, row: int, heading: str, problems: list[str]) -> float | None:
    try:
        return parse_number(raw)
    except NumberFormatError as exc:
        problems.append(f"Dòng {row}, cột {heading}: {exc}")
        return None


def read_registration(data: bytes, unit_key: str, year: int,
                      catalogue: dict[str, Indicator]) -> RegistrationSheet:
    """Read a filled registration workbook for `unit_key` and `year`.

    Problems (Vietnamese, with row and column) for: a file that is not .xlsx,
    a missing sheet or header, an unknown code, an own indicator without a
    unit of measure, an unknown form, a missing or unreadable number, a
    period that is not in `year`.
    """
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not .xlsx
        return RegistrationSheet((), (), ("Tệp không đọc được như một bảng tính Excel (.xlsx): "
                                          "lưu lại dưới dạng .xlsx rồi tải lên.",))
    if SHEET not in wb.sheetnames:
        return RegistrationSheet((), (), (f"Không thấy sheet “{SHEET}”: dùng mẫu tải về từ ứng dụng.",))
    rows = list(wb[SHEET].iter_rows(max_row=MAX_ROWS, values_only=True))
    header_at = next((i for i, r in enumerate(rows) if r and _fold(r[0]) == _fold(HEADERS[0])), None)
    if header_at is None:
        return RegistrationSheet((), (), (f"Không thấy dòng tiêu đề bắt đầu bằng “{HEADERS[0]}”.",))
    targets, own, problems = [], {}, []
    for index, raw in enumerate(rows[header_at + 1:], start=header_at + 2):
        cells = list(raw) + [None] * (len(HEADERS) - len(raw))
        code, name, measure, form, value, low, high, change, period, note = cells[:len(HEADERS)]
        if all(c in (None, "") for c in cells[:len(HEADERS)]):
            continue
        code = str(code or "").strip()
        kind = _KINDS.get(_fold(form)) if form else "at_least"
        if kind is None:
            problems.append(f"Dòng {index}, cột Hình thức: “{form}” không có — chọn một trong: "
                            + ", ".join(KIND_LABELS.values()) + ".")
            continue
        if code:
            if code not in catalogue:
                problems.append(f"Dòng {index}, cột Mã chỉ tiêu: “{code}” không có trong danh mục.")
                continue
        elif name and measure:
            try:  # stored in the catalogue: bounded, no control characters
                name = clean_text(name, "Tên chỉ tiêu", 300, required=True)
                measure = clean_text(measure, "Đơn vị tính", 40, required=True)
            except TextError as exc:
                problems.append(f"Dòng {index}: {exc}")
                continue
            code = own_indicator_code(unit_key, name)
            if code not in catalogue:
                own[code] = Indicator(code, name, measure, "khac",
                                      "lower" if kind in ("at_most", "decrease_by",
                                                          "decrease_vs_previous") else "higher")
        else:
            problems.append(f"Dòng {index}: ghi mã chỉ tiêu, hoặc tên và đơn vị tính của chỉ tiêu riêng.")
            continue
        known_problems = len(problems)
        numbers = {h: _number(v, index, h, problems)
                   for h, v in (("Giá trị", value), ("Từ", low), ("Đến", high))}
        if len(problems) > known_problems:
            continue
        try:
            own_period = parse_period_label(str(period)).code if period else str(year)
        except PeriodError as exc:
            problems.append(f"Dòng {index}, cột Kỳ: {exc}")
            continue
        if not own_period.startswith(str(year)):
            problems.append(f"Dòng {index}, cột Kỳ: kỳ {period} không thuộc năm {year}.")
            continue
        change_unit = _CHANGES.get(_fold(change)) if change else None
        needs_value = kind not in ("decrease_vs_previous", "increase_vs_previous", "boolean", "range")
        if needs_value and numbers["Giá trị"] is None and not (numbers["Từ"] and numbers["Đến"]):
            problems.append(f"Dòng {index}, cột Giá trị: nhập mức chỉ tiêu (ví dụ 95 hoặc 1.234,5).")
            continue
        if kind in ("increase_by", "decrease_by") and change_unit is None:
            problems.append(f"Dòng {index}, cột Tính theo: ghi “điểm %”, “%”, “số tuyệt đối” hoặc “lần”.")
            continue
        try:
            targets.append(Target(code, unit_key, own_period, kind, value=numbers["Giá trị"],
                                  min=numbers["Từ"], max=numbers["Đến"], change_unit=change_unit,
                                  quote=str(note).strip() if note else None))
        except ValueError as exc:
            problems.append(f"Dòng {index}: {exc}.")
    if not targets and not problems:
        problems.append("Bảng đăng ký chưa có chỉ tiêu nào.")
    return RegistrationSheet(tuple(targets), tuple(own.values()), tuple(problems))
