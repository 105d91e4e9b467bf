"""Targets a clause sets without writing a figure.

Two ways plans do it:

- a change against the previous period with no number: "Số vụ cháy nổ giảm
  so với cùng kỳ", "Kéo giảm tai nạn giao thông so với năm trước" →
  `decrease_vs_previous` / `increase_vs_previous`;
- zero tolerance: "Không để xảy ra cháy nổ lớn", "không để dịch bệnh lớn
  xảy ra", "không phát sinh hộ tái nghèo", "không có tổ chức cơ sở đảng yếu
  kém" → the count of such events
  is at most 0 (`at_most`, value 0, no unit). These carry a value (zero), so
  they are measurable targets, unlike duties with no value ("Đảm bảo an ninh
  chính trị"), which stay out. Events listed with commas are separate targets
  when each is a phrase of its own ("cháy nổ lớn, điểm nóng về an ninh trật
  tự"); a pair of short words is one ("tham nhũng, tiêu cực").

Only clauses with no figure are read here; `clauses.parse_line` reads the rest.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kpi.extract.patterns import BASELINE_YEAR, VS_PREVIOUS
from kpi.extract.subjects import clean, words

if TYPE_CHECKING:  # clauses imports this module
    from kpi.extract.clauses import Draft

_VS_CHANGE = re.compile(r"\b(?:kéo\s+)?(giảm|tăng)\b(?:\s+(?:hơn|dần))?", re.I)
_NEVER = re.compile(r"\bkhông\s+(?:để\s+)?(?:xảy\s+ra|phát\s+sinh)\s+(?P<what>[^;.:()]+)", re.I)
_NEVER_AROUND = re.compile(r"\bkhông\s+để\s+(?P<what>[^,;.:()]+?)\s+(?:xảy\s+ra|phát\s+sinh)\b", re.I)
_NONE_AT_START = re.compile(r"^\W*(?:phấn\s+đấu\s+)?không\s+có\s+(?P<what>[^;.:()]+)", re.I)
_LIST_SPLIT = re.compile(r"\s*(?:,|\bvà\b|\bhoặc\b)\s*", re.I)
_MAX_WORDS = 16


def figureless_targets(text: str, bounds: list[int], figures: list[int]) -> list[Draft]:
    """Targets of the clauses of `text` (cut at `bounds`) that hold none of `figures`."""
    drafts = []
    starts = [0] + bounds
    for start, end in zip(starts, starts[1:] + [len(text)]):
        if any(start <= f < end for f in figures):
            continue
        clause = text[start:end]
        found = _versus_previous(clause)
        drafts += [found] if found else _zero_tolerance(clause)
    return drafts


def _draft(**fields) -> Draft:
    from kpi.extract.clauses import Draft  # clauses imports this module

    return Draft(**fields)


def _quote(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:+-–—*")


def _versus_previous(clause: str) -> Draft | None:
    """"giảm … so với cùng kỳ", "giảm … so năm trước" (no figure)."""
    versus = VS_PREVIOUS.search(clause)
    change = _VS_CHANGE.search(clause)
    if not versus or not change or change.start() > versus.start():
        return None
    before, between = clause[:change.start()], clause[change.end():versus.start()]
    subject = clean(before) if clean(before) else clean(between)
    if not subject or len(words(subject)) > 20:
        return None
    direction = "decrease_vs_previous" if change[1].lower() == "giảm" else "increase_vs_previous"
    rest = clause[versus.end():]
    notes = []
    strict = True
    if re.search(r"hoặc\s+không\s+(?:tăng|giảm)", rest, re.I):
        strict = False
        notes.append("chấp nhận giữ nguyên mức năm trước (hoặc không tăng/giảm)")
    baseline = BASELINE_YEAR.search(clause)
    if baseline:
        notes.append(f"so với năm {baseline[1] or baseline[2]}")
    return _draft(indicator=subject, value=None, min=None, max=None, unit=None, direction=direction,
                  quote=_quote(clause), strict=strict, notes=notes, clause=clause)


def zero_tolerance_events(clause: str) -> list[str]:
    """The events a clause says must not happen ("không để xảy ra X", "không để X
    xảy ra", "không có X" opening the clause), one per listed event."""
    found = _NEVER.search(clause) or _NEVER_AROUND.search(clause) or _NONE_AT_START.search(clause)
    if not found:
        return []
    what = clean(found["what"])
    if not what or len(words(what)) > _MAX_WORDS:
        return []
    parts = [clean(p) for p in _LIST_SPLIT.split(what)]
    if len(parts) > 1 and all(len(words(p)) >= 3 for p in parts):
        return parts
    return [what]


def _zero_tolerance(clause: str) -> list[Draft]:
    return [
        _draft(indicator=event, value=0.0, min=None, max=None, unit=None, direction="at_most",
               quote=_quote(clause), notes=["không để xảy ra: mức tối đa là 0"], clause=clause)
        for event in zero_tolerance_events(clause)
    ]
