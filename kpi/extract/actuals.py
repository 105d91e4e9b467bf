"""Results that reports state against a plan: actual values, never targets.

Year-end and mid-year reports (báo cáo sơ kết, tổng kết) and the review part
of a plan write results the same few ways:

- "Thu ngân sách ước đạt 3.500 tỷ đồng, đạt 102,9% dự toán, tăng 5,2% so với
  cùng kỳ": a level (an estimate, because of "ước"), a share of the plan, a
  change against the same period last year;
- "Thu ngân sách 3.500/KH 3.400 tỷ đồng": a level over the plan figure.

`is_report_clause` tells such a line from a target; `read_reported` returns
its values as `ReportedValue`s that the upload path can take (indicator,
value, unit, period code, kind, estimate).
"""
from __future__ import annotations

import re

from kpi.extract.subjects import clean as _clean
from kpi.extract.header import PlanHeader
from kpi.extract.patterns import TERM, find_comparator
from kpi.extract.quantities import read_number, scan
from kpi.extract.records import ReportedValue
from kpi.numbers import NumberFormatError

_PLAN_WORDS = (r"(?:kế\s+hoạch|KH|dự\s+toán|nghị\s+quyết|NQ|chỉ\s+tiêu\s+(?:nghị\s+quyết|kế\s+hoạch|năm|"
               r"(?:(?:tỉnh|huyện|xã|cấp\s+trên|trên|được)\s+)?giao)|mục\s+tiêu\s+(?:năm|nghị\s+quyết))")
# Results: an estimate ("ước đạt …"), a level over the plan ("285/KH 260"), "thực hiện
# được", "đã đạt", or a review opening ("Nhiệm kỳ qua, …", "Năm qua, …").
_REPORT = re.compile(
    r"\bước\s+(?:đạt|thực\s+hiện|tính|cả\s+năm)|\bước\s+\d|\d\s*/\s*KH\b|"
    r"\bthực\s+hiện\s+được\b|\bđã\s+đạt\b|"
    r"(?:^|[.;]\s*)\W*(?:trong\s+)?(?:nhiệm\s+kỳ|năm|giai\s+đoạn|thời\s+gian|\d+\s+năm)\s+qua\b",
    re.I)
# A share of the plan ("đạt 102,9% dự toán") is a result in a report; in a plan it is how a
# target is worded ("giải ngân đạt 95% kế hoạch vốn", "vượt 10% dự toán được giao").
_SHARE_OF_PLAN = re.compile(rf"\b(?:đạt|bằng|vượt)\s+(?!100\s*%)[\d.,]+\s*%\s*(?:so\s+với\s+)?{_PLAN_WORDS}", re.I)
# "so với ước thực hiện năm 2024" names a baseline, not a result.
_ESTIMATE_BASELINE = re.compile(
    r"\bso\s+(?:với\s+)?(?:mức\s+)?ước\s+(?:thực\s+hiện|tính|đạt|th)(?:\s+(?:năm\s+)?\d{4})?", re.I)
_OVER_PLAN = re.compile(r"(\d[\d.,]*)\s*/\s*KH\s*:?\s*(\d[\d.,]*)\s*([^\d,;.()]*)", re.I)
_PCT_OF_PLAN = re.compile(rf"^\s*(?:so\s+với\s+)?{_PLAN_WORDS}", re.I)
_VS_SAME = re.compile(r"^\s*so\s+(?:với\s+)?(?:cùng\s+kỳ|năm\s+trước|năm\s+(?:19|20)\d\d)", re.I)
_SUBJECT_END = re.compile(r"\b(?:ước\s+(?:đạt|thực\s+hiện|tính)?|đạt|thực\s+hiện\s+được|đã\s+đạt)\s*$", re.I)
_ADDED = re.compile(r"\b(?:có\s+)?thêm\s*$|\bcó\s+thêm\b", re.I)
_HALF = re.compile(r"\b6\s+tháng\s+(đầu|cuối)\s+năm\s+((?:19|20)\d\d)", re.I)
_QUARTER = re.compile(r"\bquý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm\s+)((?:19|20)\d\d)", re.I)
_MONTH = re.compile(r"\btháng\s+(\d{1,2})\s*/\s*((?:19|20)\d\d)", re.I)
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def is_report_clause(text: str, report: bool = False) -> bool:
    """True when `text` states a result against the plan rather than a target.

    `report` says the document is a report, where a share of the plan ("đạt
    102,9% dự toán") is a result too.
    """
    text = _ESTIMATE_BASELINE.sub(" ", text)
    return _REPORT.search(text) is not None or (report and _SHARE_OF_PLAN.search(text) is not None)


def report_period(text: str, default: str | None = None) -> str | None:
    """The period code a report sentence speaks of ("6 tháng đầu năm 2022" → "2022-H1")."""
    half = _HALF.search(text)
    if half:
        return f"{half[2]}-H{1 if half[1].lower() == 'đầu' else 2}"
    quarter = _QUARTER.search(text)
    if quarter:
        index = _ROMAN.get(quarter[1].upper()) or int(quarter[1])
        return f"{quarter[2]}-Q{index}"
    month = _MONTH.search(text)
    if month and 1 <= int(month[1]) <= 12:
        return f"{month[2]}-{int(month[1]):02d}"
    year = _YEAR.search(TERM.sub(" ", text))
    if year:
        return year[1]
    return default


def _number(text: str) -> float | None:
    try:
        return read_number(text)[0]
    except NumberFormatError:
        return None


def read_reported(text: str, header: PlanHeader | None = None,
                  period: str | None = None) -> list[ReportedValue]:
    """The values a report sentence states (see the module docstring).

    The period is the one the sentence names, else `period` (what its section
    speaks of, e.g. "2024-H1"), else the document's (its year for a report,
    since a report speaks of a year).
    """
    default = period or (str(header.year) if header and header.year else (header.period if header else None))
    period = report_period(text, default)
    values: list[ReportedValue] = []
    indicator = None
    for clause in re.split(r";|\.(?=\s|$)", text):
        if not clause.strip():
            continue
        estimate_all = re.search(r"\bước\b", clause, re.I) is not None  # "ước" speaks for its clause
        over = _OVER_PLAN.search(clause)
        skip_to = 0
        if over:
            subject = _clean(clause[:over.start()])
            indicator = subject or indicator
            level = _number(over[1])
            if indicator and level is not None:
                unit = " ".join(over[3].split()) or None
                values.append(ReportedValue(
                    indicator, level, unit, period, "level", estimate_all, None,
                    " ".join(clause[:over.end()].split()).rstrip(" ,"),
                    [f"kế hoạch {over[2]} {unit or ''}".strip()]))
            # "285/KH 260 tỷ đồng, đạt 109,6% dự toán": the rest of the clause still reports.
            skip_to = over.end()
        for mention in scan(clause):
            if mention.start < skip_to:
                continue
            before = clause[:mention.start]
            after = clause[mention.end:]
            if mention.value is None:
                continue
            if _PCT_OF_PLAN.match(after) and mention.unit == "%":
                kind = "pct_of_plan"
            elif _VS_SAME.match(after) and re.search(r"\b(?:tăng|giảm)\s*$", before, re.I):
                kind = "change_vs_previous"
            else:
                kind = "level"
            added = _ADDED.search(before)
            if kind == "level" and added and not _clean(before[added.end():]):
                # "Trong năm có thêm 2 xã đạt chuẩn …": an increase, named after the figure.
                named = _clean(re.split(r"[,(;]", clause[mention.end:])[0])
                counted = (mention.unit or "").split("/")[0]
                indicator = f"{counted} {named}".strip() if counted and counted not in ("%", "‰") else named
                kind = "change_vs_previous"
            elif kind == "level":
                own = before.split(",")[-1] if indicator else before
                comparator = find_comparator(own)
                if comparator and comparator[1] != "change":
                    own = own[:comparator[0]]
                subject = _clean(_SUBJECT_END.sub("", own))
                indicator = subject or indicator
            elif indicator is None:
                # "Giao quân đạt 100% chỉ tiêu trên giao": a share of the plan stated alone.
                comparator = find_comparator(before)
                indicator = _clean(_SUBJECT_END.sub("", before[:comparator[0]] if comparator else before)) or None
            if not indicator:
                continue
            value = mention.value
            notes: list[str] = []
            if kind == "change_vs_previous" and re.search(r"\bgiảm\s*$", before, re.I):
                value = -value
                notes.append("giảm so với cùng kỳ")
            estimate = re.search(r"\bước\b", before, re.I) is not None or estimate_all
            values.append(ReportedValue(
                indicator, value, mention.unit, period, kind, estimate, None,
                " ".join(clause.split()), notes))
    return values
