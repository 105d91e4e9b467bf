"""Figures in a line of a plan: which numbers are quantities, and what they say.

A plan's text is full of numbers that are not targets: dates, document
numbers (`36/NQ-HĐND`, `34-CT/TW`), years and terms, ages in a definition
(`trẻ em từ 3-5 tuổi`), price bases (`giá so sánh 2010`), strengths (`quy 30
độ`), counts of tasks (`5 nhiệm vụ trọng tâm`), durations (`kế hoạch 5
năm`), section numbers, names with digits (`Covid-19`, `4.0`). `mask` hides
their digits (same length, so positions still line up); `scan` then reads
what remains: single figures, ranges (`10- 11%`, `từ 6.400-6.500 tỷ đồng`,
`từ 5 đến 7%`), fractions (`59/127 xã`), each with its unit as written and an
"or more" / "or less" tail.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kpi.extract.patterns import (
    DURATION_NOUNS, PER, SCALE_WORDS, STRUCTURE_NOUNS, SYMBOL_UNITS, TASK_NOUNS, UNIT_WORDS,
    find_comparator,
)
from kpi.numbers import NumberFormatError, parse_number

MASK = "#"

_I = re.I
_MASKS: tuple[re.Pattern[str], ...] = (
    # Dates: 15/6/2021, 02/9/1945, ngày 16, tháng 7/2021, quý 3.
    re.compile(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}\b"),
    re.compile(r"\bngày\s+\d{1,2}(?:\s*/\s*\d{1,2})?", _I),
    re.compile(r"\btháng\s+\d{1,2}(?:\s*/\s*\d{4})?", _I),
    re.compile(r"\bquý\s+\d\b", _I),
    re.compile(r"(?<![\d.,])\d{1,2}/(?:19|20)\d\d\b"),
    re.compile(r"\bnăm\s+(?:19|20)\d\d\b", _I),
    # Document numbers: 36/NQ-HĐND, 707/QĐ-UBND, 01-NQ/TU, 34-CT/TW, "số 12".
    re.compile(r"\b\d+[a-zđ]?\s*/\s*[A-ZĐ][\w\-]*(?:/[\w\-]+)*"),
    re.compile(r"\b\d+\s*-\s*[A-ZĐ]{1,5}\s*/\s*[\wĐ]+"),
    re.compile(r"\bsố\s*:?\s*\d+", _I),
    # References and names that carry a number: Điều 2, lần thứ 3, Khối 8, Kế hoạch 5 năm.
    re.compile(
        r"\b(?:điều|khoản|mục|chương|phần|phụ\s+lục|bảng|biểu|thứ|khóa|khoá|đợt|quốc\s+lộ|"
        r"tỉnh\s+lộ|đường\s+tỉnh|quận|phường|khu\s+phố|ấp|tổ|khóm|thôn|xóm|trung\s+ương|hội\s+nghị|"
        r"kỳ\s+họp|đại\s+hội|khối|cụm|nhóm|giai\s+đoạn|nhiệm\s+kỳ|kế\s+hoạch|nghị\s+quyết|chỉ\s+thị|"
        r"quyết\s+định|kết\s+luận|thông\s+tư|nghị\s+định|quy\s+định|quy\s+chế|công\s+văn|luật|"
        r"đề\s+án|chương\s+trình|top|hạng|thứ\s+hạng|xếp\s+thứ|vị\s+trí|phiên|lớp)\s+(?:số\s+)?\d+\b",
        _I),
    # A numbered item's label: "Chỉ tiêu 3:", "Nhiệm vụ số 2.".
    re.compile(r"\b(?:chỉ\s+tiêu|nhiệm\s+vụ|mục\s+tiêu)\s+(?:số\s+)?\d+\s*[:.)]", _I),
    # Definitions inside an indicator: per 10.000 people, ages, price bases, strengths.
    re.compile(r"(?:\btrên|/)\s*(?:1\.000|10\.000|100\.000|1000|10000|100000)\s+(?:dân|người)\b", _I),
    # Counts of tasks done: "hoàn thành vượt mức 18/18 chỉ tiêu".
    re.compile(r"\b\d+\s*/\s*\d+\s+(?:chỉ\s+tiêu|nhiệm\s+vụ|nội\s+dung|giải\s+pháp)\b", _I),
    re.compile(r"(?:\b(?:từ|dưới|trên|đủ|đến)\s+)?(?<![\d.,])\d+(?:\s*[-–]\s*\d+|\s+(?:đến|tới)\s+\d+)?"
               r"\s*tuổi\b", _I),
    re.compile(r"\bgiá\s+(?:so\s+sánh|cố\s+định|hiện\s+hành)(?:\s+năm)?\s*\d{4}", _I),
    re.compile(r"\b\d+(?:[.,]\d+)?\s*độ\b", _I),
    re.compile(r"(?<!chiều )(?<!độ )\b(?:dài|rộng|cao|sâu|dày|đường\s+kính)\s+(?:(?:tối\s+thiểu|tối\s+đa|ít\s+nhất|từ|trên|"
               r"dưới|khoảng)\s+)?\d+(?:[.,]\d+)?\s*(?:km|m|cm|mm)\b", _I),
    # Names with digits: Covid-19, 4.0, ISO 9001:2015, 5G, 24/7.
    re.compile(r"[A-Za-zĐđ]+\s*-\s*\d+"),
    re.compile(r"\b\d+\.0\b"),
    re.compile(r"\b(?:ISO|TCVN|QCVN)\s*[\d:.\-/]+", _I),
    re.compile(r"\b\d+G\b|\b\d+:\d+\b|\b24/7\b"),
    # Section numbers at the start of a line: "II.", "3.1.", "a)".
    re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s+"),
)
# Structure counts are always masked; other counts and durations unless a
# comparator precedes them ("đạt 19 tiêu chí", "dưới 5 ngày").
_STRUCTURE = re.compile(
    r"(?<![\w.,])\d+\s+(?:" + "|".join(STRUCTURE_NOUNS) + r")\b", _I)
_COUNTS = re.compile(
    r"(?:\bcả\s+)?(?<![\w.,/])(?:\d+\s*/\s*)?\d+\s+(?:" + "|".join(TASK_NOUNS + DURATION_NOUNS) + r")\b", _I)
_AGE_FIGURE = re.compile(r"\b(?:đạt|là|khoảng|lên|bình\s+quân|trung\s+bình)\s+(\d+(?:,\d+)?)\s*tuổi\b", _I)
_YEAR = re.compile(r"(?<![\w.,#])(?:19|20)\d\d(?!\w|[.,]\d)")

_SCALE = r"(?:(?:" + "|".join(SCALE_WORDS) + r")\s+)*"
_NOUN = "|".join(re.escape(w) for w in UNIT_WORDS)
_SYMBOL = "|".join(re.escape(s) for s in SYMBOL_UNITS)
_UNIT = re.compile(
    rf"(?:\s*(?P<sym>{_SYMBOL})|\s*(?P<noun>{_SCALE}(?:{_NOUN})))(?![\w])(?P<per>{PER})?", _I)
_NUMBER = re.compile(r"(?<![\w.,/#])(\d+(?:[.,]\d+)*)(?![\d#])")
_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|đến|tới)\s*", _I)
_FRACTION = re.compile(r"/\s*(\d+(?:[.,]\d+)*)")
_TAIL = re.compile(r"\s*(?:\((?:\s*)\))?\s*(trở\s+lên|trở\s+xuống)\b", _I)
_STRONG = ("at_least", "at_most", "change", "increase_to", "increase_by")


@dataclass(frozen=True)
class Mention:
    """A figure found in a line. `start`/`end` cover number(s), unit and tail.

    `value` is set for a single figure, `min`/`max` for a range; `total` is
    the denominator of a fraction (`59/127 xã` → value 59, total 127);
    `alternative` is the other reading of a figure whose notation is
    ambiguous (`16,723` → 16.723 by Vietnamese rules, 16723 by English ones).
    """

    start: int
    end: int
    value: float | None
    min: float | None
    max: float | None
    unit: str | None
    tail: str | None = None
    total: float | None = None
    alternative: float | None = None
    spaced_range: bool = False

    @property
    def numbers(self) -> tuple[float, ...]:
        return tuple(n for n in (self.value, self.min, self.max) if n is not None)


def _hide(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i].isdigit():
            chars[i] = MASK


def _strong_comparator_before(text: str, start: int) -> bool:
    found = find_comparator(text[:start])
    return found is not None and found[1] in _STRONG


def mask(text: str) -> str:
    """`text` with the digits of every non-target number replaced by '#'."""
    chars = list(text)
    for pattern in _MASKS:
        for match in pattern.finditer(text):
            _hide(chars, match.start(), match.end())
    for match in _STRUCTURE.finditer(text):
        _hide(chars, match.start(), match.end())
    for match in _COUNTS.finditer(text):
        counted_all = match.group().lower().startswith("cả")
        if counted_all or not _strong_comparator_before(text, match.start()):
            _hide(chars, match.start(), match.end())
    for match in _AGE_FIGURE.finditer(text):
        # "Tuổi thọ trung bình đạt 74,5 tuổi": an age that is the figure itself.
        for i in range(match.start(1), match.end(1)):
            chars[i] = text[i]
    masked = "".join(chars)
    for match in _YEAR.finditer(masked):
        after = masked[match.end():]
        unit = _UNIT.match(after)
        if unit and not (unit["noun"] or "").lower().startswith(DURATION_NOUNS):
            continue
        _hide(chars, match.start(), match.end())
    return "".join(chars)


def read_number(text: str) -> tuple[float, float | None]:
    """(value, alternative reading or None) of a number token.

    Vietnamese notation first ("6.400" = 6400, "0,28" = 0.28); stray English
    notation when the Vietnamese reading fails ("1,234.5"); "16,723" (a comma
    then exactly three digits) reads 16,723 but gives 16723 as the
    alternative. Raises NumberFormatError when neither reading works.
    """
    try:
        value = parse_number(text)
    except NumberFormatError:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
            return float(text.replace(",", "")), None
        raise
    assert value is not None
    alternative = None
    if re.fullmatch(r"[1-9]\d{0,2},\d{3}", text):
        alternative = float(text.replace(",", ""))
    return value, alternative


def _unit_at(masked: str, pos: int) -> tuple[str | None, int]:
    match = _UNIT.match(masked, pos)
    if not match:
        return None, pos
    unit = (match["sym"] or match["noun"]).strip()
    unit = " ".join(unit.split())
    if unit.lower() == "phần trăm":  # "85 phần trăm" is 85%; "điểm phần trăm" stays points
        unit = "%"
    if match["per"]:
        unit += "/" + " ".join(match["per"].split("/", 1)[1].split())
    return unit, match.end()


def scan(text: str, masked: str | None = None) -> list[Mention]:
    """Every figure left in `text` once `mask` has hidden the non-targets.

    Returns mentions in reading order; a mention with no unit is kept (the
    caller decides whether a comparator or a table makes it a target).
    """
    masked = mask(text) if masked is None else masked
    mentions: list[Mention] = []
    pos = 0
    while True:
        match = _NUMBER.search(masked, pos)
        if not match:
            break
        mention = _mention_at(text, masked, match)
        if mention is None:
            pos = match.end()
            continue
        mentions.append(mention)
        pos = mention.end
    return mentions


def _mention_at(text: str, masked: str, match: re.Match[str]) -> Mention | None:
    try:
        first, alternative = read_number(match[1])
    except NumberFormatError:
        return None
    unit, pos = _unit_at(masked, match.end())
    total = None
    value: float | None = first
    low = high = None
    spaced = False
    if unit is None:
        fraction = _FRACTION.match(masked, match.end())
        join = _RANGE_JOIN.match(masked, match.end())
        if fraction:
            try:
                total = read_number(fraction[1])[0]
            except NumberFormatError:
                return None
            unit, pos = _unit_at(masked, fraction.end())
        elif join and _NUMBER.match(masked, join.end()):
            second = _NUMBER.match(masked, join.end())
            word_join = not re.search(r"[-–—]", join.group())
            try:
                high_value = read_number(second[1])[0]
            except NumberFormatError:
                high_value = None
            unit2, end2 = _unit_at(masked, second.end())
            starts_with_tu = re.search(r"\btừ\s*$", text[:match.start()], _I) is not None
            if high_value is not None and first < high_value and (unit2 or not word_join) and (
                    not word_join or starts_with_tu or unit2):
                low, high, value, unit, pos = first, high_value, None, unit2, end2
                spaced = " " in join.group()
                alternative = None
    elif unit in ("%", "‰"):
        # "10%-11%": a range written with the unit twice.
        join = _RANGE_JOIN.match(masked, pos)
        second = _NUMBER.match(masked, join.end()) if join else None
        if second:
            unit2, end2 = _unit_at(masked, second.end())
            try:
                high_value = read_number(second[1])[0]
            except NumberFormatError:
                high_value = None
            if unit2 and unit2.startswith(unit) and high_value is not None and first < high_value:
                low, high, value, pos, unit = first, high_value, None, end2, unit2
                alternative = None
    tail_match = _TAIL.match(masked, pos)
    tail = None
    if tail_match:
        tail = "trở lên" if "lên" in tail_match[1].lower() else "trở xuống"
        pos = tail_match.end()
    return Mention(match.start(), pos, value, low, high, unit, tail, total, alternative, spaced)
