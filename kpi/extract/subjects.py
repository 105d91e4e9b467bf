"""The indicator's words around a figure: cleaning, value-first, ellipsis, complements.

Helpers of `clauses.parse_line`, each a rule of how plans name what they
measure: fillers carry no meaning ("phấn đấu", "có"), a value-first target
names its indicator after the figure ("02 xã đạt nông thôn mới"), an
elliptical subject borrows from the previous clause, words after a figure
can complete the indicator ("chiếm 41-42% GRDP của tỉnh"), coordinated
value-first subjects share one predicate.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kpi.extract.patterns import (
    CHANGE_VERB, COUNT_OBJECTS, FILLERS, HEAD_PATTERN, LEADING_NOISE, PLACE_LIST, PREDICATE_START,
    PURPOSE, TRAILING_NOISE, fold,
)
from kpi.extract.quantities import Mention

if TYPE_CHECKING:  # clauses imports this module
    from kpi.extract.clauses import Draft

# Measures, not counted nouns: a value-first "10km đường…" is about the road.
_MEASURES = {"%", "‰", "điểm %", "điểm phần trăm", "km", "m", "m2", "m²", "m3", "m³", "ha",
             "tấn", "tạ", "kg", "lít", "mw", "kw", "kwh", "đồng", "usd", "lần", "điểm", "km2",
             "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "teu", "euro", "đô la"}
_SCALES = ("nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn")
# Words after a figure that say what it is measured against, not what it measures.
_REFERENCE = re.compile(
    r"^(?:so\s+(?:với\s+)?|kế\s+hoạch|chỉ\s+tiêu|dự\s+toán|cùng\s+kỳ|trở\s+lên|trở\s+xuống|"
    r"(?:hằng|hàng|mỗi)(?:\s+năm)?\b|năm\b|giai\s+đoạn|trong\s+năm|đến\s+năm|vào\s+năm|"
    r"trở\s+lại|/)", re.I)
_PREPOSITION = re.compile(r"^(?:từ|dưới|trên|đối\s+với|riêng|ở|tại|khu\s+vực)\b", re.I)
_WORD = re.compile(r"\w+")
# One-word heads say too little to carry over alone ("Tổng" of "Tổng sản phẩm").
_GENERIC_HEADS = {"tổng", "tổng số", "số", "mức", "lượng", "giá trị", "tốc độ", "chỉ số", "quy mô"}
_RATE_HEAD = re.compile(r"\b(?:tỷ|tỉ)\s+(?:lệ|trọng)\b", re.I)


def words(text: str) -> list[str]:
    """The words of a phrase (letters and digits)."""
    return _WORD.findall(text)


def clean(text: str) -> str:
    """A phrase without the fillers, conjunctions and time adverbials around it."""
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = LEADING_NOISE.sub("", text)
        text = TRAILING_NOISE.sub("", text).strip()
    return text.strip(" ,;:.-–—+*")


def filler_direction(text: str) -> str | None:
    """The direction a pure filler implies ("phấn đấu" → at_least), or None."""
    folded = fold(re.sub(r"[^\w\s]", " ", text))
    return FILLERS.get(folded) if folded else None


def place(paren: str) -> str | None:
    inner = " ".join(paren.split()).strip(" .;")
    if PLACE_LIST.match(inner) and not re.search(r"\d", inner):
        return inner
    return None


def head_of(indicator: str) -> str | None:
    match = HEAD_PATTERN.match(indicator)
    if not match:
        return None
    head = indicator[:match.end()]
    # "Giá trị sản xuất Nông - lâm - thủy sản": the head is the measure words.
    return head


def elliptical(subject: str) -> bool:
    if _PREPOSITION.match(subject):
        return True
    return len(words(subject)) <= 4 and HEAD_PATTERN.match(subject) is None


def resolve_ellipsis(subject: str, previous: str, raw: str = "") -> str | None:
    """Complete an elliptical subject from the previous indicator, or None.

    "trong đó có bằng cấp, chứng chỉ" qualifies the previous indicator; a
    parallel phrase ("từ 6-14 tuổi") replaces its counterpart; a bare noun
    ("Công nghiệp - xây dựng") takes the previous head ("Giá trị sản xuất").
    """
    qualifier = re.match(r"^\W*trong\s+đó\s+((?:có|được|là|đạt|ở|tại|thuộc)\b.*)$", raw.strip(), re.I)
    if qualifier:
        text = qualifier[1]
        rest = clean(text[2:]) if text.lower().startswith("có") else clean(text)
        return f"{previous} {'có ' if text.lower().startswith('có') else ''}{rest}"
    words = subject.split()
    if not words:
        return None
    first, last = words[0].lower(), words[-1].lower()
    lowered = previous.lower()
    start = re.search(rf"\b{re.escape(first)}\b", lowered)
    # Only a parallel qualifier ("từ 6-14 tuổi" for "từ 3-5 tuổi") replaces its counterpart.
    if start and len(words) > 1 and _PREPOSITION.match(subject):
        end = re.search(rf"\b{re.escape(last)}\b", lowered[start.end():])
        if end:
            stop = start.end() + end.end()
            return previous[:start.start()] + subject + previous[stop:]
    head = head_of(previous)
    if head and not _PREPOSITION.match(subject):
        if head.lower() in _GENERIC_HEADS:
            # "Tổng sản phẩm (GRDP) tăng 7%, trong đó: nông nghiệp tăng 3%": a component.
            return f"{previous}: {subject}"
        return f"{head} {subject}"
    return None


def trim_subject(subject: str) -> str:
    """A long subject's indicator: after a purpose clause, from the first head."""
    purpose = list(PURPOSE.finditer(subject))
    if purpose and len(words(subject)) > 12:
        subject = subject[purpose[-1].end():]
    if CHANGE_VERB.match(subject) or len(words(subject)) > 16:
        head = _RATE_HEAD.search(subject)
        if head and head.start() > 0:
            subject = subject[head.start():]
    return subject.strip(" ,;:")


def strip_change_verb(subject: str, direction: str) -> str:
    verb = CHANGE_VERB.match(subject)
    if verb and direction in ("at_most", "at_least", "increase_by", "decrease_by", "exact"):
        return subject[verb.end():]
    return subject


def sentence_start(text: str) -> bool:
    """A capitalised word (not an acronym such as "GRDP"): a new sentence begins."""
    return len(text) > 1 and text[0].isupper() and text[1].islower()


def value_first_indicator(text: str, mention: Mention, start: int, limit: int,
                 locality: str | None) -> tuple[str, str | None, int]:
    """Indicator written after its figure: "75% số xã …", "02 xã đạt nông thôn mới (…)"."""
    after = text[start:limit]
    paren = re.search(r"\(([^()]*)\)\s*$", after)
    if paren:
        locality = locality or place(paren[1])
        after = after[:paren.start()]
    indicator = clean(after)
    or_more = re.search(r"\s+trở\s+lên$", indicator)
    if or_more:
        indicator = indicator[:or_more.start()]
    base = (mention.unit or "").split("/")[0].split()
    noun = base[-1].lower() if base else ""
    if base and noun not in _MEASURES and not (mention.unit or "").startswith(("%", "‰")):
        counted = " ".join(w for w in base if w.lower() not in _SCALES)
        indicator = f"{counted} {indicator}".strip()
    return indicator, locality, limit


def with_object(subject: str, unit: str | None) -> str:
    """"Kết nạp mới 500 đảng viên": a verb-only subject takes the counted noun."""
    words = [w for w in (unit or "").split("/")[0].split() if w.lower() not in _SCALES]
    noun = " ".join(words).lower()
    if noun in COUNT_OBJECTS and noun not in subject.lower() and not HEAD_PATTERN.match(subject):
        return f"{subject} {noun}"
    return subject


def complement(text: str, indicator: str, start: int, limit: int, comparator, before: str,
                last: bool) -> tuple[str, int, list[str]]:
    """Words after the figure that belong to the indicator ("chiếm 41-42% GRDP của tỉnh")."""
    comma = text.find(",", start, limit)
    end = comma if comma >= 0 and not last else limit
    raw = text[start:end]
    cleaned = clean(raw)
    stripped = raw.strip()
    if not cleaned:
        return indicator, start, []
    if _REFERENCE.match(stripped) or re.match(r"^(?:chỉ\s+tiêu|kế\s+hoạch)", cleaned, re.I):
        note = [f"tính trên {cleaned}"] if re.match(r"^(?:chỉ\s+tiêu|kế\s+hoạch)", cleaned, re.I) else []
        return indicator, start, note
    if stripped.startswith((",", "(", "và")) or sentence_start(cleaned):
        return indicator, start, []
    joiner = " chiếm " if comparator and "chiếm" in before[comparator[0]:].lower() else " "
    return f"{indicator}{joiner}{cleaned}", end, []


def share_predicate(drafts: list[Draft]) -> None:
    """"75% số xã và 50% số huyện đạt chuẩn …": the short subject takes the predicate."""
    for current, following in zip(drafts, drafts[1:]):
        if len(words(current.indicator)) > 3 or current.clause != following.clause:
            continue
        predicate = PREDICATE_START.search(following.indicator)
        if predicate and predicate.start() > 0 and not PREDICATE_START.search(current.indicator):
            current.indicator = f"{current.indicator} {following.indicator[predicate.start():]}"
