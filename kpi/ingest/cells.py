"""What one cell holds, as a value in its indicator's measure.

A number is taken as written; a cell formatted as a percentage holds 0,49
for 49% (and 0,0105 for 10,5‰); text is read in Vietnamese notation
("1.234,5"); "Có"/"Không" answer a yes/no duty; empty cells and the marks
tables use for "nothing to report" ("-", "x", "…") are no report. Anything
else — a date, TRUE/FALSE, words — is refused with a Vietnamese reason.
"""
from __future__ import annotations

from decimal import Decimal

from kpi.indicators import Indicator
from kpi.ingest import headers as h
from kpi.ingest.lookup import fold_label
from kpi.ingest.workbook import cell_date
from kpi.numbers import parse_number


def cell_value(cell: object, indicator: Indicator, percent: bool) -> float | None:
    """The value of a cell in the indicator's measure, or None for no report;
    `percent` says the cell is formatted as a percentage.

    Raises ValueError (or NumberFormatError, a ValueError) in Vietnamese for
    anything that is not a number there.
    """
    kind = type(cell)
    if kind is float or kind is int:
        if not percent:
            return float(cell)
        if indicator.measure.startswith(("%", "‰")):
            scale = 100 if indicator.measure.startswith("%") else 1000
            return float(Decimal(repr(float(cell))) * scale)
        raise ValueError(f"Ô định dạng phần trăm nhưng chỉ tiêu “{indicator.name}” tính bằng "
                         f"{indicator.measure}. Hãy bỏ định dạng phần trăm của ô và nhập số theo "
                         f"{indicator.measure}.")
    if cell is None or cell == "":
        return None
    if kind is bool:
        if indicator.polarity == "boolean":
            return 1.0 if cell else 0.0
        raise ValueError("Ô chứa giá trị đúng/sai (TRUE/FALSE), không phải số. Hãy nhập số.")
    if kind is str:
        text = cell.strip()
        folded = fold_label(text)
        if text in h.NO_REPORT or folded in h.NO_REPORT:
            return None
        if indicator.polarity == "boolean" and (folded in h.YES or folded in h.NO):
            return 1.0 if folded in h.YES else 0.0
        if text.endswith(("%", "‰")) and not indicator.measure.startswith(text[-1]):
            raise ValueError(f"Ô ghi “{text}” nhưng chỉ tiêu “{indicator.name}” tính bằng "
                             f"{indicator.measure}. Hãy nhập số theo {indicator.measure}.")
        return parse_number(text)
    if cell_date(cell):
        raise ValueError("Ô chứa ngày tháng, không phải số (Excel có thể đã tự đổi số thành ngày). "
                         "Hãy định dạng ô là Số (Number) rồi nhập lại.")
    raise ValueError(f"Ô chứa “{cell}”, không phải số. Hãy nhập số.")
