"""Target tables: a plan's appendix of indicators with unit and target columns.

Appendices ("Phụ lục: Các chỉ tiêu chủ yếu") list one indicator a row under
a header such as `STT | Chỉ tiêu | Đơn vị tính | Thực hiện 2020 | Kế hoạch
2021`. A target column is one headed "Kế hoạch", "KH", "Mục tiêu", "Chỉ tiêu",
a year or a term; columns headed "Thực hiện", "TH", "Ước" hold results and are
skipped here. Rows with no figure that name one field ("I | Chỉ tiêu kinh tế")
set the group of the rows below. A cell may carry its own comparator ("≥ 70",
"dưới 11", "10-11", "giảm 1,5-2"); a bare figure is "exact".
"""
from __future__ import annotations

import re

from kpi.extract.clauses import read_direction
from kpi.extract.header import PlanHeader
from kpi.extract.patterns import PER_YEAR, TERM, find_comparator
from kpi.extract.quantities import Mention, read_number, scan
from kpi.extract.records import TargetRecord
from kpi.extract.sections import heading_group, keyword_group
from kpi.extract.text import Line
from kpi.names import normalize_tone_placement
from kpi.numbers import NumberFormatError

_INDICATOR_HEAD = re.compile(r"\b(?:chỉ\s+tiêu|nội\s+dung|tên\s+chỉ\s+tiêu|danh\s+mục)\b", re.I)
_UNIT_HEAD = re.compile(r"\b(?:đơn\s+vị(?:\s+tính)?|đvt)\b", re.I)
_RESULT_HEAD = re.compile(
    r"\b(?:thực\s+hiện|th|ước|ước\s+th|ưth|uth|so\s+sánh|so\s+với|ghi\s+chú|cùng\s+kỳ|stt|tt)\b|"
    r"\S\s*/\s*\S", re.I)  # "KH 2024/ƯTH 2023 (%)": one column over another is a comparison
_TARGET_HEAD = re.compile(r"\b(?:kế\s+hoạch|kh|mục\s+tiêu|chỉ\s+tiêu|giai\s+đoạn|(?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_PART_ROW = re.compile(r"^\s*(?:trong\s+đó|gồm|bao\s+gồm)\s*[:,-]?\s*(?:-\s*)?", re.I)
_SECTION = re.compile(r"^(?:[IVX]+|[A-D])\.?$")


def _columns(header: tuple[str, ...]) -> tuple[int, int | None, list[int]] | None:
    indicator = unit = None
    targets = []
    for i, cell in enumerate(header):
        text = normalize_tone_placement(cell).lower()
        if indicator is None and _INDICATOR_HEAD.search(text) and not _TARGET_HEAD.search(
                _INDICATOR_HEAD.sub("", text)):
            indicator = i
        elif unit is None and _UNIT_HEAD.search(text):
            unit = i
        elif _TARGET_HEAD.search(text) and not _RESULT_HEAD.search(text):
            targets.append(i)
    if indicator is None or not targets:
        return None
    return indicator, unit, targets


def _column_period(label: str, header: PlanHeader, indicator: str, unit: str) -> str:
    term = TERM.search(label)
    per_year = PER_YEAR.search(f"{label} {indicator}") or (unit.endswith("/năm") and unit.count("/") == 1)
    if term:
        return f"hằng năm ({term[1]}-{term[2]})" if per_year else f"{term[1]}-{term[2]}"
    if per_year and header.term:
        return f"hằng năm ({header.term[0]}-{header.term[1]})"
    if header.term and re.search(r"\b(?:\d+\s+năm|giai\s+đoạn|cả\s+giai\s+đoạn)\b", indicator, re.I):
        return f"{header.term[0]}-{header.term[1]}"
    year = _YEAR.search(label)
    if year:
        return year[1]
    if per_year and header.term:
        return f"hằng năm ({header.term[0]}-{header.term[1]})"
    return header.period or ""


def _cell_mention(cell: str, unit: str) -> tuple[Mention, str] | None:
    mentions = scan(cell)
    if mentions:
        mention = mentions[0]
        return mention, cell[:mention.start]
    try:
        value = read_number(cell.strip())[0]
    except NumberFormatError:
        return None
    return Mention(0, len(cell), value, None, None, unit or None), ""


def table_targets(rows: list[Line], header: PlanHeader, group: str | None) -> list[TargetRecord]:
    """The targets of a table's rows (empty when no header row names the columns)."""
    records: list[TargetRecord] = []
    layout = None
    labels: tuple[str, ...] = ()
    parent = ""
    for row in rows:
        cells = row.cells or ()
        found = _columns(cells)
        if found:
            layout, labels = found, cells
            continue
        if layout is None:
            continue
        indicator_col, unit_col, target_cols = layout
        if indicator_col >= len(cells):
            continue
        indicator = cells[indicator_col].strip()
        part = _PART_ROW.match(indicator)
        if part and parent:
            # "Trong đó: thu nội địa" under "Tổng thu ngân sách": a component of the row above.
            indicator = f"{parent}: {indicator[part.end():]}"
        elif indicator and not part:
            parent = indicator
        if not indicator:
            # A second header row under merged cells: "| | | 2021 | 2022".
            years = {i: c.strip() for i, c in enumerate(cells) if re.fullmatch(r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?", c.strip())}
            if years:
                labels = tuple(f"{label} {years.get(i, '')}".strip() for i, label in enumerate(labels))
            continue
        unit = cells[unit_col].strip() if unit_col is not None and unit_col < len(cells) else ""
        figures = [i for i in target_cols if i < len(cells) and re.search(r"\d", cells[i])]
        if not figures:
            named = heading_group(" ".join(cells))
            if named or (cells and _SECTION.match(cells[0].strip())):
                group = named
            continue
        for col in figures:
            found_cell = _cell_mention(cells[col], unit)
            if found_cell is None:
                continue
            mention, before = found_cell
            comparator = find_comparator(before)
            direction, strict, notes = read_direction(comparator, mention, before, before)
            record_unit = mention.unit or unit or None
            if mention.unit and unit and mention.unit != unit and mention.unit in ("%", "‰"):
                record_unit = unit
            records.append(TargetRecord(
                indicator=indicator, value=mention.value, min=mention.min, max=mention.max,
                unit=record_unit, direction=direction,
                period=_column_period(labels[col] if col < len(labels) else "", header, indicator, unit),
                locality=None, group=group or keyword_group(indicator),
                quote=" | ".join(c for c in cells if c), strict=strict,
                notes=notes + [f"bảng chỉ tiêu, cột “{labels[col]}”"] if col < len(labels) else notes,
            ))
    return records
