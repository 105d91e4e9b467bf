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
    PURPOSE, TRAILING_NOISE, find_comparator, fold,
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
# "Cục Thuế tỉnh phấn đấu thu nội địa đạt …": who acts, before what is measured.
_ORGANISATION = re.compile(
    r"^(?:Sở|Cục|Chi\s+cục|Phòng|Ban|Kho\s+bạc|Ủy\s+ban|Uỷ\s+ban|UBND|Công\s+an|Bộ\s+Chỉ\s+huy|Trường|"
    r"Bệnh\s+viện|Trung\s+tâm|Đài|Văn\s+phòng|Thanh\s+tra|Hội|Đoàn|Liên\s+đoàn|Mặt\s+trận|Ngân\s+hàng)\b")
_REFERENCE = re.compile(
    r"^(?:so\s+(?:với\s+)?|kế\s+hoạch|chỉ\s+tiêu|dự\s+toán|cùng\s+kỳ|trở\s+lên|trở\s+xuống|(?:trên\s+)?tổng\s+số\b|"
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


def place(paren: str, about: str = "") -> str | None:
    """The places a parenthesis names ("Dương Tơ, Hàm Ninh", "trừ Thổ Châu"), or None.

    A bare list of names counts as places only when it excludes ("trừ …"),
    names a place type itself, or follows a target about places (`about`:
    its unit and words, e.g. "02 xã đạt …"); "(Giao thông, Y tế)" after
    "4 tiêu chí" names criteria, not places.
    """
    inner = " ".join(paren.split()).strip(" .;")
    if not PLACE_LIST.match(inner) or re.search(r"\d", inner):
        return None
    if _EXCLUDES.match(inner) or _PLACE_TYPE.search(inner) or _PLACE_TYPE.search(about):
        return inner
    return None


_EXCLUDES = re.compile(r"^(?:trừ|ngoại\s+trừ|không\s+kể)\b", re.I)
_PLACE_TYPE = re.compile(
    r"\b(?:xã|phường|thị\s+trấn|huyện|thị\s+xã|quận|tỉnh|thành\s+phố|đặc\s+khu|ấp|thôn|bản|xóm|khóm|"
    r"khu\s+phố|tổ\s+dân\s+phố|đảo|làng|buôn|địa\s+phương|địa\s+bàn)\b", re.I)


def head_of(indicator: str) -> str | None:
    match = HEAD_PATTERN.match(indicator)
    if not match:
        return None
    head = indicator[:match.end()]
    # "Giá trị sản xuất Nông - lâm - thủy sản": the head is the measure words.
    return head


def elliptical(subject: str, raw: str = "") -> bool:
    """A subject that needs the previous one: a qualifier ("từ 6-14 tuổi"), a short
    name without a head ("thủy sản"), or a part ("trong đó chi đầu tư phát triển")."""
    if _PREPOSITION.match(subject):
        return True
    if HEAD_PATTERN.match(subject) is not None:
        return False
    return len(words(subject)) <= 4 or raw_refers_back(raw)


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
    # A parallel phrase replaces its counterpart: "từ 6-14 tuổi" for "từ 3-5 tuổi", "trẻ 5
    # tuổi" for "trẻ từ 3 đến 5 tuổi" (same first and last word, in order).
    if start and len(words) > 1 and (_PREPOSITION.match(subject) or raw_refers_back(raw)):
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


def raw_refers_back(raw: str) -> bool:
    """A clause opened by "trong đó" / "riêng": it speaks of a part of the previous one."""
    return _REFERS_TO_PART.match(raw or "") is not None


def trim_subject(subject: str) -> str:
    """A long subject's indicator: after a purpose clause, from the first head."""
    purpose = list(PURPOSE.finditer(subject))
    if purpose and (len(words(subject)) > 12 or _ORGANISATION.match(subject)):
        earlier, subject = subject[:purpose[-1].start()], subject[purpose[-1].end():]
        subject = _with_earlier_object(subject, earlier)
    if CHANGE_VERB.match(subject) or len(words(subject)) > 16:
        head = _RATE_HEAD.search(subject)
        if head and head.start() > 0:
            subject = subject[head.start():]
    return subject.strip(" ,;:")


def _with_earlier_object(verb: str, earlier: str) -> str:
    """"đẩy nhanh giải ngân vốn đầu tư công, phấn đấu giải ngân đạt 95%": a bare verb
    after the purpose word takes the object it had earlier in the sentence."""
    verb = verb.strip(" ,;:")
    if not verb or len(words(verb)) > 3:
        return verb
    found = list(re.finditer(rf"\b{re.escape(verb)}\b((?:\s+[^\s,;:.()]+){{1,8}})", earlier, re.I))
    if not found:
        return verb
    return f"{verb}{found[-1][1]}"


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
    cut = _part_or_next_comparator(after, next_figure=limit < len(text) and _starts_figure(text, limit))
    if cut is not None:
        after, limit = after[:cut], start + cut
    paren = re.search(r"\(([^()]*)\)\s*$", after)
    if paren:
        locality = locality or place(paren[1], f"{mention.unit or ''} {after[:paren.start()]}")
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


_REFERS_TO_PART = re.compile(r"^\W*(?:trong\s+đó|riêng)\b", re.I)
_LINK = re.compile(r"\b(cho|với)\s*$", re.I)


def part_of_previous(indicator: str, previous: Draft, subject_raw: str,
                     text_before: str) -> tuple[str, list[str]]:
    """A value-first indicator that leans on the previous target, with a note.

    - "100% công chức … được đánh giá …, trong đó tối thiểu 20% hoàn thành
      xuất sắc nhiệm vụ": a predicate alone names a part of the previous
      subject ("công chức … hoàn thành xuất sắc nhiệm vụ");
    - "Tổ chức 04 lớp bồi dưỡng … cho 300 lượt cán bộ": the second figure is
      the object of the same activity ("bồi dưỡng … cho lượt cán bộ").
    Otherwise the indicator is returned as it is.
    """
    if _REFERS_TO_PART.match(subject_raw):
        predicate = PREDICATE_START.search(previous.indicator)
        head = (previous.indicator[:predicate.start()] if predicate and predicate.start() > 0
                else previous.indicator).strip(" ,")
        first = (words(head) or [""])[0].lower()
        if not HEAD_PATTERN.match(indicator) and not indicator.lower().startswith(first):
            # "…, trong đó tối thiểu 30% áp dụng VietGAP": a predicate alone, of the same people.
            return f"{head} {indicator}", ["chủ ngữ tỉnh lược, lấy từ vế trước"]
    link = _LINK.search(text_before)
    if link and not subject_raw.strip():
        core = previous.indicator
        counted = " ".join(w for w in (previous.unit or "").split("/")[0].split() if w.lower() not in _SCALES)
        if counted and core.lower().startswith(counted.lower() + " "):
            core = core[len(counted) + 1:]
        return f"{core} {link[1]} {indicator}", ["đối tượng của cùng hoạt động ở vế trước"]
    return indicator, []


_PART_START = re.compile(r"[,;]?\s*(?:\(\s*)?\b(?:trong\s+đó|riêng|đồng\s+thời)\b", re.I)


def _part_or_next_comparator(after: str, next_figure: bool = False) -> int | None:
    """Where a value-first indicator stops before the next figure: at "trong đó …", or
    at a comma after which the next figure's own clause starts ("…, tối thiểu 20%",
    "…, nâng tổng số tiêu chí lên 19/19", "120 phòng học, sửa chữa 45 phòng học")."""
    part = _PART_START.search(after)
    if part and part.start() > 0:
        return part.start()
    comma = _last_comma_outside_brackets(after)
    if comma > 0 and find_comparator(after[comma + 1:]):
        return comma
    if comma >= 0 and next_figure and words(after[comma + 1:]):
        return comma
    linked = list(re.finditer(r"\s+với\s+", after))
    if linked and HEAD_PATTERN.match(after[linked[-1].end():]) and find_comparator(after[linked[-1].end():]):
        return linked[-1].start()  # "2 dự án … với tổng vốn đăng ký khoảng 300 tỷ đồng"
    return None


def _starts_figure(text: str, pos: int) -> bool:
    return re.match(r"\d", text[pos:pos + 1]) is not None


def _last_comma_outside_brackets(text: str) -> int:
    depth, found = 0, -1
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            found = i
    return found


def with_object(subject: str, unit: str | None) -> str:
    """"Kết nạp mới 500 đảng viên": a verb-only subject takes the counted noun."""
    words = [w for w in (unit or "").split("/")[0].split() if w.lower() not in _SCALES]
    noun = " ".join(words).lower()
    if noun in COUNT_OBJECTS and noun not in subject.lower() and not HEAD_PATTERN.match(subject):
        return f"{subject} {noun}"
    return subject


def complement(text: str, indicator: str, start: int, limit: int, comparator, before: str,
                last: bool, unit: str | None = None) -> tuple[str, int, list[str]]:
    """Words after the figure that belong to the indicator ("chiếm 41-42% GRDP của tỉnh").

    When they run on from a counted noun ("Lắp đặt 40 camera giám sát giao
    thông", "xử lý 12 điểm đen, …"), the noun joins them: it is the object.
    """
    comma = text.find(",", start, limit)
    end = comma if comma >= 0 and not last else limit
    cut = _part_or_next_comparator(text[start:end]) if end == limit and not last else None
    if cut is not None:  # "… với tổng vốn đăng ký khoảng 300 tỷ đồng": the next figure's subject
        end = start + cut
    raw = text[start:end]
    cleaned = clean(raw)
    stripped = raw.strip()
    if not words(cleaned):
        return indicator, start, []
    if _REFERENCE.match(stripped) or re.match(r"^(?:chỉ\s+tiêu|kế\s+hoạch)", cleaned, re.I):
        base = re.match(r"^(?:chỉ\s+tiêu|kế\s+hoạch|(?:trên\s+)?tổng\s+số)", cleaned, re.I)
        note = ["tính trên " + re.sub(r"^trên\s+", "", cleaned)] if base else []
        return indicator, start, note
    if re.match(r"^(?:[,(]|và\b)", stripped) or sentence_start(cleaned):
        return indicator, start, []
    if (unit or "").startswith("%") and re.match(r"^(?:tổng\s+)?số\b", cleaned, re.I) and not (
            comparator and "chiếm" in before[comparator[0]:].lower()):
        return indicator, end, [f"tính trên {cleaned}"]  # "đạt 70% số nợ": the base of the share
    joiner = " chiếm " if comparator and "chiếm" in before[comparator[0]:].lower() else " "
    counted = " ".join(w for w in (unit or "").split("/")[0].split() if w.lower() not in _SCALES)
    if joiner == " " and counted and counted.lower() not in _MEASURES and not counted.startswith(("%", "‰")) \
            and re.match(r"\s+\w", raw) and counted.lower() not in indicator.lower():
        joiner = f" {counted} "
    return f"{indicator}{joiner}{cleaned}", end, []


def share_predicate(drafts: list[Draft]) -> None:
    """Coordinated value-first subjects share what the last one says after its noun.

    "75% số xã và 50% số huyện đạt chuẩn …": the short subject takes the
    predicate; "9,5 bác sĩ và 26 giường bệnh trên 10.000 dân": it takes the
    per-population base.
    """
    for current, following in zip(drafts, drafts[1:]):
        if len(words(current.indicator)) > 3 or current.clause != following.clause or \
                following.indicator.lower().startswith(current.indicator.lower()):
            continue  # the same indicator again ("thu nội địa …, vượt 5% dự toán được giao")
        predicate = PREDICATE_START.search(following.indicator)
        if predicate and predicate.start() > 0 and not PREDICATE_START.search(current.indicator):
            current.indicator = f"{current.indicator} {following.indicator[predicate.start():]}"
            continue
        base = _PER_POPULATION.search(following.indicator)
        if base and base.start() > 0 and not _PER_POPULATION.search(current.indicator):
            current.indicator = f"{current.indicator} {base.group().strip()}"


_PER_POPULATION = re.compile(r"\s(?:trên|/)\s*(?:1\.000|10\.000|100\.000|vạn|nghìn|ngàn)\s+(?:dân|người)\b.*$", re.I)
_COORDINATED = re.compile(r"^(?P<head>(?:tổng\s+)?số|tỷ\s+lệ|tỉ\s+lệ)\s+(?P<a>.+?)\s+và\s+(?P=head)\s+(?P<b>.+)$", re.I)
_SHARED_TAIL = re.compile(r"\s+(?:(?:do|của|trong|tại|ở)\s+.*|trên\s+địa\s+bàn\b.*)$", re.I)


def split_coordinated(indicator: str) -> list[str]:
    """"số người chết và số người bị thương do tai nạn giao thông", "Số vụ tai nạn, số
    người chết và số người bị thương" → one indicator each, a shared tail ("do …")
    added to all; any other name comes back alone."""
    found = _COORDINATED.match(indicator)
    if not found:
        return [indicator]
    head = found["head"].lower()
    parts = re.split(r"\s*,\s*|\s+và\s+", indicator)
    if len(parts) < 2 or not all(p.lower().startswith(head + " ") for p in parts):
        return [indicator]
    tail = _SHARED_TAIL.search(parts[-1])
    shared = tail.group() if tail and len(parts) == 2 else ""
    if shared:
        parts[-1] = parts[-1][:tail.start()]
    return [f"{p}{shared if not _SHARED_TAIL.search(p) else ''}" for p in parts]
