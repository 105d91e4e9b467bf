"""How a figure is read: at least, at most, a range, exact, or a change (and by how much).

The comparator right before the figure decides first (`patterns.find_comparator`):
"đạt" → at least, "dưới" → at most (strict), "giảm … còn" → at most, "tăng/giảm"
→ a change. Then what surrounds it: an "or more" tail ("trở lên"), a range
(which wins over "đạt"), and the verb that opens the clause — "Giảm tỷ lệ hộ
nghèo từ 1% trở lên" is a decrease with a floor, not a level of at least 1%.
"""
from __future__ import annotations

import re

from kpi.extract.patterns import CHANGE_VERB
from kpi.extract.quantities import Mention

_CHANGE_WORD = re.compile(r"\b(tăng|giảm|nâng|hạ)\b", re.I)
# A clause opened by a change verb ("Kéo giảm số vụ …", "Tăng thu ngân sách …").
_OPENING_CHANGE = re.compile(r"^(?:phấn\s+đấu\s+)?(?:kéo\s+)?(giảm|hạ|tăng)\s+", re.I)
# Comparators that only bound a figure, without saying it is a level.
_BOUND_ONLY = re.compile(r"^\s*(?:từ|trên|hơn|ít\s+nhất|tối\s+thiểu|khoảng|gần|xấp\s+xỉ)?\s*:?\s*$", re.I)
_APPROX_WORD = re.compile(r"^\s*(?:khoảng|gần|xấp\s+xỉ)\s*$", re.I)


def read_direction(comparator, mention: Mention, subject: str, before: str) -> tuple[str, bool, list[str]]:
    """(direction, strict, notes) of a figure, from its comparator, tail and the clause's verb.

    A clause opened by a change verb and a comparator that only bounds the
    figure ("Giảm tỷ lệ hộ nghèo từ 1% trở lên", "Tăng … ít nhất 5%") states
    a change with a floor, not a level.
    """
    notes: list[str] = []
    strict = False
    if comparator is not None:
        _, direction, strict, note = comparator
        if note == "approx":
            notes.append("có từ chỉ mức gần đúng (khoảng/gần)")
        if note == "times":
            direction = "increase_by"
        verb = _OPENING_CHANGE.match(subject)
        if verb and direction in ("exact", "at_least") and _BOUND_ONLY.match(before[comparator[0]:]):
            direction = "decrease_by" if verb[1].lower() != "tăng" else "increase_by"
            strict = False
            if not _APPROX_WORD.match(before[comparator[0]:]) and (
                    mention.tail != "trở lên" and re.search(r"\S", before[comparator[0]:])):
                notes.append("mức thay đổi tối thiểu")
        if direction == "change":
            word = _CHANGE_WORD.findall(before[comparator[0]:])
            direction = "decrease_by" if word and word[0].lower() in ("giảm", "hạ") else "increase_by"
            floor = re.search(r"\b(từ|trên|hơn|ít nhất|tối thiểu)\s*$", before, re.I)
            if floor and not (mention.min is not None and floor[1].lower() == "từ"):  # "từ 5% đến 10%" is a range
                notes.append("mức thay đổi tối thiểu")
        elif direction == "increase_to":
            direction = "increase_by" if (mention.unit or "").lower() == "lần" else "at_least"
    else:
        verb = CHANGE_VERB.match(subject)
        direction = "exact"
        if verb:
            word = verb.group().split()[-1].lower()
            direction = "decrease_by" if word in ("giảm", "hạ") else "increase_by"
    if mention.tail == "trở lên":
        if direction in ("increase_by", "decrease_by"):
            notes.append("mức thay đổi tối thiểu (trở lên)")
        else:
            direction, strict = "at_least", False
    elif mention.tail == "trở xuống":
        direction, strict = "at_most", False
    if mention.min is not None and direction not in ("increase_by", "decrease_by"):
        direction, strict = "range", False
    return direction, strict, notes
