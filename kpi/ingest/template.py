"""The report template a unit fills for a period, and that uploads back as it is.

One sheet "Báo cáo": the unit and period above the table (codes first, so
the reader never guesses), then one row per indicator the unit has targets
for in that period (a unit without targets of its own gets its parent's),
grouped by field, with the indicator's components after it: code, name,
unit of measure, the target (read-only), "Thực hiện" (numbers only, within
the indicator's bounds), "Tình trạng số liệu" (a list: Ước, Sơ bộ, Chính
thức) and "Ghi chú". Everything but the three input columns is locked by
sheet protection without a password — it prevents slips, not people. A
second sheet says how to fill it in.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine

from kpi.actuals import standing_label
from kpi.indicators import GROUPS, Indicator, group_label
from kpi.ingest.headers import LABELS, default_standing
from kpi.ingest.lookup import chosen_unit
from kpi.periods import Period, parse_period, period_label, today_vn
from kpi.scorecard import phase_periods, select_targets
from kpi.spreadsheet_safety import write_text
from kpi.status import target_text
from kpi.store.catalog import load_indicators, load_phases, load_targets
from kpi.store.units import load_units
from kpi.targets import Target
from kpi.units import Unit, key_to_code

SHEET = "Báo cáo"
HEADER_ROW = 5
COLUMNS = ("indicator_code", "indicator_name", "measure", "target", "value", "standing", "note")
WIDTHS = (24, 60, 16, 22, 16, 18, 36)
_INPUT = {"value", "standing", "note"}
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF9DB")
INSTRUCTIONS = (
    "HƯỚNG DẪN ĐIỀN MẪU BÁO CÁO",
    "1. Chỉ nhập vào ba cột nền vàng: “Thực hiện”, “Tình trạng số liệu” và “Ghi chú”. Các cột "
    "khác bị khóa để tránh sửa nhầm (không có mật khẩu).",
    "2. “Thực hiện”: nhập số theo đơn vị tính của dòng (49 nghĩa là 49% với chỉ tiêu tính bằng %). "
    "Có thể gõ số kiểu Việt Nam: 1.234,5. Để trống nếu chưa có số liệu — ô trống không ghi gì.",
    "3. “Tình trạng số liệu”: chọn Ước, Sơ bộ hoặc Chính thức. Số chính thức được ưu tiên hơn sơ "
    "bộ, sơ bộ hơn ước.",
    "4. Không đổi mã chỉ tiêu, mã đơn vị, mã kỳ và không chèn cột; có thể thêm dòng ghi chú ở "
    "cuối.",
    "5. Lưu tệp dạng Excel (.xlsx), không đặt mật khẩu, không dùng macro; tải lên ở trang “Nộp "
    "báo cáo”. Trước khi ghi, hệ thống cho xem số nào mới, số nào thay đổi và các lỗi cần sửa.",
    "6. Nộp lại tệp đã sửa sẽ ghi thêm bản sửa đổi; số cũ vẫn được lưu trong lịch sử.",
)


@dataclass(frozen=True)
class TemplateRow:
    """One line of the template: an indicator with its target as the plan writes it."""

    indicator: Indicator
    target: str
    component_of: str | None = None


def template_rows(targets: Sequence[Target], indicators: Mapping[str, Indicator],
                  period: Period, phases: Mapping[str, Period], lang: str = "vi"
                  ) -> list[TemplateRow]:
    """The indicators a unit reports for `period`: those its targets (due in the
    period or running through it) name, by field in catalogue order, each
    followed by its components. `targets` are the unit's own."""
    chosen: dict[str, str] = {}
    for target, due in select_targets(targets, period, phases):
        if target.indicator_code in chosen or target.indicator_code not in indicators:
            continue
        text = target_text(target, indicators[target.indicator_code], lang=lang)
        if not due:
            text += f" ({period_label(parse_period(target.period, phases), lang)})"
        chosen[target.indicator_code] = text
    order = {code: i for i, code in enumerate(indicators)}
    groups = {group: i for i, group in enumerate(GROUPS)}
    rows: list[TemplateRow] = []
    for code in sorted(chosen, key=lambda c: (groups.get(indicators[c].group, 99), order[c])):
        rows.append(TemplateRow(indicators[code], chosen[code]))
        for part in (i for i in indicators.values() if i.parent == code and i.code not in chosen):
            rows.append(TemplateRow(part, "", component_of=code))
    return rows


def build_template(engine: Engine, unit: str, period: str, today: dt.date | None = None,
                   lang: str = "vi") -> tuple[str, bytes]:
    """(file name, .xlsx bytes) of the template for a unit (public code or key) and period.

    Raises UnitCodeError for an unknown unit and PeriodError for a bad period.
    """
    with engine.connect() as conn:
        phases = phase_periods(load_phases(conn))
        chosen = parse_period(period, phases)
        units = {u.key: u for u in load_units(conn)}
        key = chosen_unit(units, unit, chosen)
        indicators = load_indicators(conn)
        rows: list[TemplateRow] = []
        current: str | None = key
        while current and not rows:  # a unit without targets reports its parent's
            rows = template_rows(load_targets(conn, unit_keys=[current]), indicators, chosen,
                                 phases, lang)
            current = units[current].parent_key
    standing = default_standing(chosen, today or today_vn())
    data = write_template(rows, units[key], chosen, standing)
    name = f"bao-cao-{key_to_code(key).replace(':', '-')}-{chosen.code}.xlsx"
    return name, data


def _validation(indicator: Indicator) -> DataValidation:
    if indicator.polarity == "boolean":
        return DataValidation(type="list", formula1='"Có,Không"', allow_blank=True,
                              showErrorMessage=True, errorTitle="Số liệu không hợp lệ",
                              error="Chọn Có hoặc Không.")
    low, high = indicator.min_value, indicator.max_value
    if low is not None and high is not None:
        rule, shown = dict(operator="between", formula1=str(low), formula2=str(high)), \
            f"từ {low:g} đến {high:g}"
    elif low is not None:
        rule, shown = dict(operator="greaterThanOrEqual", formula1=str(low)), f"từ {low:g} trở lên"
    elif high is not None:
        rule, shown = dict(operator="lessThanOrEqual", formula1=str(high)), f"không quá {high:g}"
    else:
        rule, shown = dict(operator="between", formula1="-1E+15", formula2="1E+15"), "bất kỳ"
    return DataValidation(
        type="decimal", allow_blank=True, showErrorMessage=True, showInputMessage=True,
        errorTitle="Số liệu không hợp lệ",
        error=f"Ô này chỉ nhận số ({shown}, đơn vị {indicator.measure}), không nhận chữ.",
        promptTitle="Thực hiện", prompt=f"Nhập số theo {indicator.measure}.", **rule)


def write_template(rows: Sequence[TemplateRow], unit: Unit, period: Period,
                   standing: str) -> bytes:
    """The template workbook as .xlsx bytes (pure: no store access)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet["A1"] = "BÁO CÁO SỐ LIỆU THỰC HIỆN CHỈ TIÊU"
    sheet["A1"].font = Font(bold=True, size=14)
    for row, label, code, text in ((2, "Mã đơn vị:", key_to_code(unit.key), unit.label()),
                                   (3, "Kỳ báo cáo:", period.code, period_label(period))):
        sheet.cell(row, 1, label).font = Font(bold=True)
        write_text(sheet.cell(row, 2), code)
        write_text(sheet.cell(row, 3), text)
    for column, (role, width) in enumerate(zip(COLUMNS, WIDTHS), start=1):
        head = sheet.cell(HEADER_ROW, column, LABELS.get(role, "Kế hoạch") if role != "target"
                          else "Kế hoạch")
        head.font, head.fill = Font(bold=True), _HEAD_FILL
        head.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[head.column_letter].width = width
    standings = DataValidation(type="list", formula1='"Ước,Sơ bộ,Chính thức"', allow_blank=True,
                               showErrorMessage=True, errorTitle="Tình trạng không hợp lệ",
                               error="Chọn Ước, Sơ bộ hoặc Chính thức.")
    checks: dict[tuple, DataValidation] = {}
    line, group = HEADER_ROW, None
    for item in rows:
        ind = item.indicator
        if ind.group != group and item.component_of is None:
            group, line = ind.group, line + 1
            cell = sheet.cell(line, 2, group_label(group))
            cell.font = Font(bold=True)
            for column in range(1, len(COLUMNS) + 1):
                sheet.cell(line, column).fill = _GROUP_FILL
        line += 1
        write_text(sheet.cell(line, 1), ind.code)
        write_text(sheet.cell(line, 2), ("    – " if item.component_of else "") + ind.name)
        write_text(sheet.cell(line, 3), ind.measure)
        write_text(sheet.cell(line, 4), item.target)
        write_text(sheet.cell(line, 6), standing_label(standing))
        for column in (5, 6, 7):
            cell = sheet.cell(line, column)
            cell.protection, cell.fill = Protection(locked=False), _INPUT_FILL
        sheet.cell(line, 2).alignment = Alignment(wrap_text=True)
        key = ("bool",) if ind.polarity == "boolean" else (ind.min_value, ind.max_value, ind.measure)
        if key not in checks:
            checks[key] = _validation(ind)
            sheet.add_data_validation(checks[key])
        checks[key].add(f"E{line}")
        standings.add(f"F{line}")
    sheet.add_data_validation(standings)
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.protection.sheet = True  # no password: a guard against slips
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    guide = book.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 120
    for row, text in enumerate(INSTRUCTIONS, start=1):
        cell = guide.cell(row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=row == 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
