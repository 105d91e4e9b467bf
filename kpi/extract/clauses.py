"""From one line of a plan to the targets it states (before periods and groups).

A line may set several targets ("A đạt X, tăng Y%; B đạt Z"). Each figure
that `quantities.scan` finds is read with the words around it:

- the comparator right before it says how it is read (`find_comparator`),
  an "or more" tail after it too; a range wins over "đạt"; "tăng/giảm" make a
  change; a clause that opens with "Giảm …"/"Tăng …" is a change as well;
- the indicator is the clause's subject before the comparator ("value
  after"), or, when nothing but a filler ("Có", "phấn đấu") stands before the
  figure, the words after it ("value first": `75% số xã`, `02 xã đạt …`);
- a figure right after another one with nothing but a comparator between
  continues the same indicator (`đạt 4.549 tỷ đồng, tăng 3,32%`), a figure
  in parentheses restates it (`50% (8 xã)`);
- an elliptical subject borrows from the previous one in the line: a
  parallel phrase is substituted (`từ 6-14 tuổi` in "Huy động trẻ em từ 3-5
  tuổi đến trường"), a bare sector takes the previous head ("Công nghiệp -
  xây dựng" after "Giá trị sản xuất Nông - lâm - thủy sản");
- value-first subjects coordinated before one predicate share it
  ("75% số xã và 50% số huyện đạt chuẩn nông thôn mới");
- a parenthesis of names after a figure is a locality (`(Dương Tơ, Hàm
  Ninh)`, `(trừ Thổ Châu)`); any other parenthesis becomes a note.

Clauses without a figure can still set a target ("giảm … so với cùng kỳ",
"không để xảy ra …"): see `figureless`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kpi.extract.clause_periods import clause_period
from kpi.extract.directions import read_direction
from kpi.extract.figureless import figureless_targets
from kpi.extract.patterns import find_comparator
from kpi.extract.quantities import Mention, mask, scan
from kpi.extract.subjects import (
    clean, complement, elliptical, filler_direction, part_of_previous, place, resolve_ellipsis,
    share_predicate, split_coordinated, strip_change_verb, trim_subject, value_first_indicator,
    with_object, words,
)

# Clause boundaries: ";", ":", and a sentence end (not a decimal point).
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
_STRONG_BOUNDARY = re.compile(rf";|:(?!\d)|[.!?](?=\s+\S|\s*$|[{_UPPER}])(?<!\d\.)(?!\d)")
_SENTENCE_SCOPE = re.compile(
    r"^(?:\W*)(?:đến|tới|trong|vào|đến\s+hết|đến\s+cuối|cuối)?\s*năm\s+((?:19|20)\d\d)\s*[,:]",
    re.I)
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_REFERS_BACK = re.compile(r"^\W*(?:trong\s+đó|riêng|còn|gồm)\b", re.I)
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?=\d))+(?:[.!?](?!\d)|$)")  # "4.549" stays whole
_ANNUAL_OPENING = re.compile(r"^\W*(?:hằng|hàng|mỗi)\s+năm\b", re.I)
# What may follow a bare number (no unit) that is a figure, not part of a name ("3 sạch").
_UNITLESS_FOLLOW = re.compile(
    r"\s*(?:$|[,;.:)(/%‰\-–—]|trở\s+(?:lên|xuống)\b|và\b|hoặc\b|so\s+|theo\b|trong\b|tại\b|ở\b|"
    r"của\b|trên\b|năm\b|kế\s+hoạch\b|chỉ\s+tiêu\b|dự\s+toán\b|đến\b|tới\b)", re.I)
_EXCESS = re.compile(r"(?<!đạt và )(?<!đạt và vượt )\bvượt(?:\s+mức)?(?:\s+(?:ít\s+nhất|tối\s+thiểu|khoảng|trên|từ))?\s*$",
                     re.I)
_PLAN_AFTER = re.compile(r"\s*(?:so\s+với\s+)?(?:kế\s+hoạch|dự\s+toán|chỉ\s+tiêu)\b", re.I)
_AREA_AFTER = re.compile(
    r"\s*(?:ở|tại)\s+((?:khu\s+vực|vùng|địa\s+bàn|các\s+)?\s*(?:thành\s+thị|nông\s+thôn|đô\s+thị|miền\s+núi|"
    r"đồng\s+bằng|vùng\s+sâu|ven\s+biển|xã|phường|thị\s+trấn|huyện|thị\s+xã|ấp|thôn|bản)"
    r"(?:(?!\s(?:và|hoặc)\s)[^,;.()\d])*)", re.I)
_EFFORT = re.compile(r"^\s*(?:phấn\s+đấu|phần\s+đầu|hoàn\s+thành|bảo\s+đảm|đảm\s+bảo)\s+\w+", re.I)
# Who carries out a target rather than what it measures.
_ACTOR = re.compile(
    r"^(?:các|mỗi|tất\s+cả(?:\s+các)?)\s+(?:đơn\s+vị|cơ\s+quan|sở|ban|ngành|địa\s+phương|xã|phường|"
    r"trường|thành\s+viên|doanh\s+nghiệp)(?:\s+(?:thành\s+viên|trực\s+thuộc|trong\s+khối))?$", re.I)
# A parenthesis that lists parts of the figure before it.
_COMPONENTS = re.compile(r"^\s*(?:trong\s+đó|bao\s+gồm|gồm|riêng)\b", re.I)
_OPEN_PAREN = re.compile(r"\(([^()]*)$")


@dataclass
class Draft:
    """A target read from one line, before its period and group are settled."""

    indicator: str
    value: float | None
    min: float | None
    max: float | None
    unit: str | None
    direction: str
    quote: str
    strict: bool = False
    locality: str | None = None
    notes: list[str] = field(default_factory=list)
    clause: str = ""
    alternative: float | None = None
    total: float | None = None
    scope_year: int | None = None
    annual: bool = False  # the sentence opens with "Hằng năm": every clause of it is yearly
    anchor: str = ""  # the indicator an elliptical subject was completed from

    @property
    def numbers(self) -> tuple[float, ...]:
        return tuple(n for n in (self.value, self.min, self.max) if n is not None)


def _boundaries(text: str) -> list[int]:
    """Positions just after each ';', ':' or sentence-ending '.'."""
    return [m.end() for m in _STRONG_BOUNDARY.finditer(text)]


def _last_before(bounds: list[int], pos: int) -> int:
    found = 0
    for b in bounds:
        if b <= pos:
            found = b
    return found


def _first_after(bounds: list[int], pos: int, default: int) -> int:
    for b in bounds:
        if b > pos:
            return b - 1
    return default


def _leads(text: str, mentions: list[Mention], bounds: list[int]) -> list[tuple[int, str]]:
    """Each "Label:" with no figure before it in its clause ("Cơ cấu kinh tế: …").

    A label that the figure follows at once ("Số giường bệnh trên 10.000 dân
    (…): 32 giường") names the indicator itself, however long it is.
    """
    found = []
    for colon in (m.start() for m in re.finditer(r":(?!\d)", text)):
        start = _last_before([b for b in bounds if b <= colon], colon)
        if any(start <= m.start < colon for m in mentions):
            continue
        label = clean(text[start:colon])
        if label and len(words(label)) <= (30 if _figure_follows(text, colon + 1, mentions) else 8):
            found.append((colon + 1, label))
    return found


def _figure_follows(text: str, pos: int, mentions: list[Mention]) -> bool:
    """True when only a comparator stands between `pos` and the next figure."""
    following = next((m for m in mentions if m.start >= pos), None)
    if following is None:
        return False
    between = text[pos:following.start]
    comparator = find_comparator(between)
    return not between[:comparator[0] if comparator else len(between)].strip()


def _lead_for(leads: list[tuple[int, str]], text: str, pos: int) -> tuple[str | None, int]:
    """The label in force at `pos`: the last lead before it in the same sentence."""
    for end, label in reversed(leads):
        if end <= pos:
            if re.search(r"[.!?]\s", text[end:pos]):
                return None, 0
            return label, end
    return None, 0


def parse_line(text: str) -> list[Draft]:
    """Every target a line states, in order (see the module docstring)."""
    masked = mask(text)
    mentions = scan(text, masked)
    bounds = _boundaries(masked)
    leads = _leads(text, mentions, bounds)
    drafts: list[Draft] = []
    consumed = 0
    previous_end = -1
    skip: set[int] = set()
    for i, mention in enumerate(mentions):
        if i in skip:
            continue
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        lead, lead_end = _lead_for(leads, text, mention.start)
        anchor = ""
        boundary = max(_last_before(bounds, mention.start), lead_end)
        start = max(boundary, consumed)
        before = text[start:mention.start]
        comparator = find_comparator(before)
        if mention.unit is None and (comparator is None or not _UNITLESS_FOLLOW.match(text, mention.end)):
            continue
        subject_raw = before[:comparator[0]] if comparator else before
        excess = _EXCESS.search(before) if _PLAN_AFTER.match(text, mention.end) else None
        if excess:
            # "…, vượt ít nhất 5% dự toán được giao": the excess over the plan.
            subject_raw, comparator = before[:excess.start()], (excess.start(), "increase_by", False, None)
        clause_end = _first_after(bounds, mention.end, len(text))
        restated = _restates_in_parenthesis(
            text, before, comparator, mention, drafts, previous_end, boundary)
        if restated is not None:
            drafts.append(restated)
            previous_end = consumed = max(consumed, restated_end(text, mention))
            continue
        limit = min(clause_end, following.start if following else len(text))
        draft_end = mention.end
        notes: list[str] = []
        locality = None
        paren = _PAREN.match(text, mention.end)
        if paren and _COMPONENTS.match(paren[1]):
            paren = None  # "7.350 tỷ đồng (trong đó thu nội địa 6.900 tỷ đồng)": parts follow
        if paren:
            locality = place(paren[1], f"{mention.unit or ''} {before}")
            inner = mask(paren[1])
            if locality is None and not re.search(r"\d", inner):
                notes.append(f"ghi chú trong văn bản: ({' '.join(paren[1].split())})")
            draft_end = paren.end()
            # "50% (8 xã)": the parenthesis restates the figure as a count.
            if following and following.start >= paren.start() and following.end <= paren.end():
                skip.add(i + 1)
        area = _AREA_AFTER.match(text, draft_end)
        if area and area.end() <= limit and locality is None:
            locality, draft_end = " ".join(area[1].split()), area.end()
        subject = clean(subject_raw)
        filler = filler_direction(before) if before.strip() else None
        if filler is None and subject:
            filler = filler_direction(subject)
        if subject and filler is None:
            chunks = re.split(r",\s*", subject_raw)
            filler = filler_direction(chunks[-1]) if len(chunks) > 1 else None
        direction, strict, more = read_direction(comparator, mention, subject, before)
        notes += more
        if excess:
            notes.append("mức vượt so với kế hoạch/dự toán")
        elif comparator is None and direction == "exact" and _EFFORT.match(re.split(r",\s*", subject_raw)[-1]):
            direction = "at_least"
        between = text[previous_end:mention.start] if drafts else ""
        continuation = (
            not subject and comparator is not None and drafts and boundary <= previous_end
            and not _REFERS_BACK.match(subject_raw)
        )
        value_first = (not subject or filler is not None) and not continuation
        if value_first and filler and (comparator is None or comparator[1] == "exact"):
            direction = filler if mention.min is None else direction
            if mention.tail == "trở lên":
                direction = "at_least"
        elif value_first and comparator is None and drafts and re.fullmatch(r"\s*(?:,|và|,\s*và)?\s*", between):
            # "Đạt 10 bác sĩ/vạn dân và 32 giường bệnh/vạn dân": one verb for both.
            direction = drafts[-1].direction if mention.min is None else direction
        if continuation:
            indicator = drafts[-1].indicator
        elif value_first:
            indicator, locality, end = value_first_indicator(text, mention, draft_end, limit, locality)
            if re.search(r"\btrở\s+lên\s*$", text[draft_end:end]) and direction in ("exact", "at_least"):
                direction = "at_least"
            if lead and not clean(text[draft_end:end]):
                indicator = ""  # "Tỷ lệ …: 32 giường": the label is the indicator
            elif subject and indicator and not clean(text[draft_end:end]):
                indicator = f"{subject} {indicator}"  # "Xây dựng mới 120 phòng học, …": the verb names it
            elif drafts and indicator:
                indicator, more = part_of_previous(indicator, drafts[-1], subject_raw, text[:mention.start])
                notes += more
            if not indicator and not subject and drafts and (
                    comparator or re.fullmatch(r"\s*(?:,|và|,\s*và)?\s*", between)):
                # "…; đến năm 2030 đạt 50%", "95% ở đô thị và 80% ở nông thôn": the same
                # indicator, another figure.
                indicator = drafts[-1].indicator
                notes.append("chủ ngữ tỉnh lược, dùng chỉ tiêu của vế trước")
            if indicator or not subject:
                draft_end = consumed = end
            else:
                value_first = False
        if continuation and excess:
            indicator = f"{indicator} vượt {clean(text[mention.end:limit])}".strip()
            draft_end = consumed = limit
        if not continuation and not value_first:
            indicator = trim_subject(strip_change_verb(subject, direction))
            indicator = with_object(indicator, mention.unit)
            if _ACTOR.match(indicator) and comparator and clean(text[draft_end:limit]):
                verb = " ".join(before[comparator[0]:].split())
                notes.append(f"đơn vị thực hiện: {indicator}")
                indicator, draft_end = f"{verb} {clean(text[draft_end:limit])}".strip(), limit
            else:
                indicator, draft_end, note = complement(
                    text, indicator, draft_end, limit, comparator, before, following is None, mention.unit)
                notes += note
            same_sentence = not re.search(r"[.!?]\s", text[max(previous_end, 0):mention.start])
            if drafts and elliptical(indicator, subject_raw) and not lead and (
                    same_sentence or _REFERS_BACK.match(subject_raw)):
                anchor = drafts[-1].anchor or drafts[-1].indicator
                resolved = resolve_ellipsis(indicator, anchor, subject_raw)
                if resolved:
                    notes.append(f"chủ ngữ tỉnh lược, bổ sung từ vế trước: “{resolved}”")
                    indicator = resolved
                else:
                    anchor = ""
        if lead and not continuation:
            indicator = f"{lead}: {indicator}" if indicator else lead
        if not indicator:
            continue
        clause_start = start if not value_first else min(start, mention.start)
        quote = _clean_quote(text[clause_start:draft_end])
        lead_words = text[_last_before(bounds, lead_end - 1):lead_end] if lead else ""
        names = split_coordinated(indicator)
        draft = Draft(
            indicator=names[0], value=mention.value, min=mention.min, max=mention.max,
            unit=mention.unit, direction=direction, quote=quote, strict=strict,
            locality=locality, notes=notes, clause=lead_words + text[boundary:clause_end + 1],
            alternative=mention.alternative, total=mention.total, anchor=anchor,
        )
        if mention.total is not None:
            draft.notes.append(f"trên tổng số {_fmt(mention.total)}")
        scope = _SENTENCE_SCOPE.match(text[boundary:])
        if scope:
            draft.scope_year = int(scope[1])
        drafts.append(draft)
        for extra in names[1:]:  # "số người chết và số người bị thương do …": one figure, two targets
            drafts.append(replace(draft, indicator=extra, notes=draft.notes + [
                "một mức cho hai chỉ tiêu nối bằng “và”"]))
        previous_end = draft_end
        consumed = max(consumed, draft_end)
        if paren and i + 1 in skip:
            drafts.append(_restated(draft, following))
    share_predicate(drafts)
    drafts.extend(figureless_targets(text, bounds, [m.start for m in mentions]))
    _mark_annual_sentences(text, drafts)
    return drafts


def _mark_annual_sentences(text: str, drafts: list[Draft]) -> None:
    """"Hằng năm có trên 90% …; không có tổ chức … yếu kém": the opening word dates
    every clause of its sentence, not only the first."""
    for sentence in _SENTENCE.finditer(text):
        if not _ANNUAL_OPENING.match(sentence.group()):
            continue
        for draft in drafts:
            if draft.clause and draft.clause.strip() and draft.clause.strip() in sentence.group():
                draft.annual = True


def _restates_in_parenthesis(text: str, before: str, comparator, mention: Mention,
                             drafts: list[Draft], previous_end: int, boundary: int) -> Draft | None:
    """"giảm 0,5 điểm phần trăm so với năm 2024 (còn 17,3%)": the same indicator, in
    another form, read with its own comparator (or the previous one's direction).

    Applies when the figure opens a parenthesis (nothing but a comparator
    before it) that follows the previous target in the same clause.
    """
    opened = _OPEN_PAREN.search(before)
    if opened is None or not drafts or previous_end < 0 or boundary > previous_end:
        return None
    paren_at = mention.start - len(before) + opened.start()
    lead = before[opened.start(1):comparator[0]] if comparator else opened[1]
    if paren_at < previous_end or lead.strip():
        return None
    previous = drafts[-1]
    if comparator is None:
        direction, strict, notes = previous.direction, previous.strict, []
    else:
        direction, strict, notes = read_direction(comparator, mention, "", before)
    if mention.min is not None and direction not in ("increase_by", "decrease_by"):
        direction = "range"
    return Draft(
        indicator=previous.indicator, value=mention.value, min=mention.min, max=mention.max,
        unit=mention.unit, direction=direction, quote=_clean_quote(text[boundary:restated_end(text, mention)]),
        strict=strict, locality=previous.locality,
        notes=notes + ["chỉ tiêu viết lại dưới dạng khác (trong ngoặc)"], clause=previous.clause,
        scope_year=previous.scope_year,
    )


def restated_end(text: str, mention: Mention) -> int:
    """End of a parenthetical restatement: its closing bracket, or the figure."""
    close = text.find(")", mention.end)
    return close + 1 if close >= 0 and "(" not in text[mention.end:close] else mention.end


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _clean_quote(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:+-–—*")


def _restated(draft: Draft, mention: Mention) -> Draft:
    return Draft(
        indicator=draft.indicator, value=mention.value, min=mention.min, max=mention.max,
        unit=mention.unit, direction=draft.direction if mention.min is None else "range",
        quote=draft.quote, strict=draft.strict, locality=draft.locality,
        notes=["chỉ tiêu viết lại dưới dạng số lượng"], clause=draft.clause,
        scope_year=draft.scope_year,
    )


__all__ = ["Draft", "clause_period", "parse_line", "read_direction", "restated_end"]
