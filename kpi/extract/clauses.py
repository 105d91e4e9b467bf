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

A clause without a figure that says "giảm … so với cùng kỳ" is a
"decrease_vs_previous" target.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kpi.extract.patterns import (
    BASELINE_YEAR, CHANGE_VERB, PER_YEAR, TERM, VS_PREVIOUS, YEAR_PHRASE, find_comparator,
)
from kpi.extract.quantities import Mention, mask, scan
from kpi.extract.subjects import (
    clean, complement, elliptical, filler_direction, place, resolve_ellipsis, share_predicate,
    strip_change_verb, trim_subject, value_first_indicator, with_object, words,
)

# Clause boundaries: ";", ":", and a sentence end (not a decimal point).
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
_STRONG_BOUNDARY = re.compile(rf";|:(?!\d)|[.!?](?=\s+\S|\s*$|[{_UPPER}])(?<!\d\.)(?!\d)")
_SENTENCE_SCOPE = re.compile(
    r"^(?:\W*)(?:đến|tới|trong|vào|đến\s+hết|đến\s+cuối|cuối)?\s*năm\s+((?:19|20)\d\d)\s*[,:]",
    re.I)
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_REFERS_BACK = re.compile(r"^\W*(?:trong\s+đó|riêng|còn|gồm)\b", re.I)
_CHANGE_WORD = re.compile(r"\b(tăng|giảm|nâng|hạ)\b", re.I)
_VS_CHANGE = re.compile(r"\b(?:kéo\s+)?(giảm|tăng)\b(?:\s+(?:hơn|dần))?", re.I)


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


def read_direction(comparator, mention: Mention, subject: str, before: str) -> tuple[str, bool, list[str]]:
    notes: list[str] = []
    strict = False
    if comparator is not None:
        _, direction, strict, note = comparator
        if note == "approx":
            notes.append("có từ chỉ mức gần đúng (khoảng/gần)")
        if note == "times":
            direction = "increase_by"
        if direction == "change":
            word = _CHANGE_WORD.findall(before[comparator[0]:])
            direction = "decrease_by" if word and word[0].lower() in ("giảm", "hạ") else "increase_by"
            if re.search(r"\b(?:từ|trên|hơn|ít nhất|tối thiểu)\s*$", before, re.I):
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


def _leads(text: str, mentions: list[Mention], bounds: list[int]) -> list[tuple[int, str]]:
    """Each "Label:" with no figure before it in its clause ("Cơ cấu kinh tế: …")."""
    found = []
    for colon in (m.start() for m in re.finditer(r":(?!\d)", text)):
        start = _last_before([b for b in bounds if b <= colon], colon)
        if any(start <= m.start < colon for m in mentions):
            continue
        label = clean(text[start:colon])
        if label and len(words(label)) <= 8:
            found.append((colon + 1, label))
    return found


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
        if mention.unit is None and comparator is None:
            continue
        subject_raw = before[:comparator[0]] if comparator else before
        clause_end = _first_after(bounds, mention.end, len(text))
        limit = min(clause_end, following.start if following else len(text))
        draft_end = mention.end
        notes: list[str] = []
        locality = None
        paren = _PAREN.match(text, mention.end)
        if paren:
            locality = place(paren[1])
            inner = mask(paren[1])
            if locality is None and not re.search(r"\d", inner):
                notes.append(f"ghi chú trong văn bản: ({' '.join(paren[1].split())})")
            draft_end = paren.end()
            # "50% (8 xã)": the parenthesis restates the figure as a count.
            if following and following.start >= paren.start() and following.end <= paren.end():
                skip.add(i + 1)
        subject = clean(subject_raw)
        filler = filler_direction(before) if before.strip() else None
        if filler is None and subject:
            filler = filler_direction(subject)
        if subject and filler is None:
            chunks = re.split(r",\s*", subject_raw)
            filler = filler_direction(chunks[-1]) if len(chunks) > 1 else None
        direction, strict, more = read_direction(comparator, mention, subject, before)
        notes += more
        between = text[previous_end:mention.start] if drafts else ""
        continuation = (
            not subject and comparator is not None and drafts and boundary <= previous_end
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
            if not indicator and not subject and comparator and drafts:
                # "…; đến năm 2030 đạt 50%": the same indicator, another figure.
                indicator = drafts[-1].indicator
                notes.append("chủ ngữ tỉnh lược, dùng chỉ tiêu của vế trước")
            if indicator or not subject:
                draft_end = consumed = end
            else:
                value_first = False
        if not continuation and not value_first:
            indicator = trim_subject(strip_change_verb(subject, direction))
            indicator = with_object(indicator, mention.unit)
            indicator, draft_end, note = complement(
                text, indicator, draft_end, limit, comparator, before, following is None)
            notes += note
            same_sentence = not re.search(r"[.!?]\s", text[max(previous_end, 0):mention.start])
            if drafts and elliptical(indicator) and not lead and (
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
        draft = Draft(
            indicator=indicator, value=mention.value, min=mention.min, max=mention.max,
            unit=mention.unit, direction=direction, quote=quote, strict=strict,
            locality=locality, notes=notes, clause=text[boundary:clause_end + 1],
            alternative=mention.alternative, total=mention.total, anchor=anchor,
        )
        if mention.total is not None:
            draft.notes.append(f"trên tổng số {_fmt(mention.total)}")
        scope = _SENTENCE_SCOPE.match(text[boundary:])
        if scope:
            draft.scope_year = int(scope[1])
        drafts.append(draft)
        previous_end = draft_end
        consumed = max(consumed, draft_end)
        if paren and i + 1 in skip:
            drafts.append(_restated(draft, following))
    share_predicate(drafts)
    drafts.extend(_vs_previous(text, bounds, [m.start for m in mentions]))
    return drafts


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


def _vs_previous(text: str, bounds: list[int], figures: list[int]) -> list[Draft]:
    """Targets with no figure: "giảm … so với cùng kỳ", "giảm … so năm trước"."""
    drafts = []
    starts = [0] + bounds
    for start, end in zip(starts, starts[1:] + [len(text)]):
        if any(start <= f < end for f in figures):
            continue
        clause = text[start:end]
        versus = VS_PREVIOUS.search(clause)
        change = _VS_CHANGE.search(clause)
        if not versus or not change or change.start() > versus.start():
            continue
        before, between = clause[:change.start()], clause[change.end():versus.start()]
        subject = clean(before) if clean(before) else clean(between)
        if not subject or len(words(subject)) > 20:
            continue
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
        drafts.append(Draft(
            indicator=subject, value=None, min=None, max=None, unit=None, direction=direction,
            quote=_clean_quote(clause), strict=strict, notes=notes, clause=clause,
        ))
    return drafts


def clause_period(clause: str, unit: str | None, direction: str = "exact") -> tuple[tuple[int, int] | None, int | None, bool]:
    """(term, year, per_year) that a clause states about its own period.

    The year of a baseline ("so với cùng kỳ năm 2020") is not the period. A
    unit per year is an annual rate when it is a percentage or a change
    ("10-11%/năm", "giảm 2%/năm"), not when it measures a level
    ("85 triệu đồng/người/năm").
    """
    cleaned = BASELINE_YEAR.sub(" ", clause)
    if unit and "/" in unit:
        cleaned = cleaned.replace(unit.split("/", 1)[1], " ")
    # "1.500 ha/năm", "10-11%/năm" are annual; "85 triệu đồng/người/năm" is a level.
    unit_rate = (unit or "").endswith("/năm") and (unit or "").count("/") == 1
    term_match = TERM.search(cleaned)
    term = (int(term_match[1]), int(term_match[2])) if term_match else None
    year = None
    for match in YEAR_PHRASE.finditer(TERM.sub(" ", cleaned)):
        year = int(match[1])
    per_year = bool(PER_YEAR.search(cleaned)) or unit_rate
    return term, year, per_year
