"""Walk a plan's lines: headings set the field and the period, clauses give targets.

The context a target inherits comes from the document's structure:

- numbered headings ("II.", "3.", "3.1.", "a)") open sections; a deeper
  heading inherits, a heading of the same or a higher level replaces;
- a heading, or a lead inside a line ("– Về kinh tế: …"), that names exactly
  one field sets the group; one naming "kinh tế - xã hội" sets none;
- a heading that names a period ("Trong năm 2021 …", "giai đoạn 5 năm
  (2021-2025) như sau:") sets the section's period; the plan's own period
  (from its title) is the default, its term when it has one;
- a sentence opening with "Đến năm 2025," dates itself and the targets after
  it until the next lead or heading;
- in the clause itself, "đến năm 2025" wins, then "giai đoạn 2021-2025";
  an annual rate ("%/năm", "hằng năm") over a term is "hằng năm (2021-2025)";
  a year before the plan starts is a slip, not the period (it is noted);
- without any heading group, the indicator's words choose the usual field.

Lines from "Căn cứ …" citations and from "Nơi nhận:" on are skipped. Lines
that report results ("ước đạt …, đạt 102% kế hoạch") go to `actuals`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kpi.extract.actuals import is_report_clause, read_reported
from kpi.extract.clauses import Draft, clause_period, parse_line
from kpi.extract.header import KINDS, PlanHeader, read_header
from kpi.extract.patterns import (
    DEFAULT_GROUP, GROUP_KEYWORDS, GROUP_WORDS, MIXED_FIELDS, TERM, YEAR_PHRASE,
)
from kpi.extract.records import ReportedValue, TargetRecord
from kpi.extract.schedule import read_schedule
from kpi.extract.tables import table_targets
from kpi.extract.text import Line
from kpi.names import normalize_tone_placement

_BULLET = re.compile(r"^\s*(?:[-–—+•●○▪►]\s*|\*\s+|\(\d+\)\s*|\d+\)\s+)")
_STAR_HEADING = re.compile(r"^\s*\*\s*")
_LEVELS = (
    (re.compile(r"^\s*[IVXLC]+\s*[.)]\s+"), 1),
    (re.compile(r"^\s*\d+\.\d+\.\d+\.?\s+"), 4),
    (re.compile(r"^\s*\d+\.\d+\.?\s+"), 3),
    (re.compile(r"^\s*\d+\s*[.)]\s+"), 2),
    (re.compile(r"^\s*[a-zđ]\s*\)\s+"), 5),
)
_LEAD = re.compile(
    r"^(?:(?:về|lĩnh\s+vực|về\s+lĩnh\s+vực|nhóm\s+chỉ\s+tiêu\s+về|các\s+chỉ\s+tiêu\s+về|"
    r"chỉ\s+tiêu\s+về|các\s+chỉ\s+tiêu|chỉ\s+tiêu)\s+)?([^:;,.\d]{2,50}?)\s*:\s*", re.I)
_SKIP = re.compile(r"^(?:căn\s+cứ|thực\s+hiện\s+(?:nghị\s+quyết|chỉ\s+thị|quyết\s+định|kế\s+hoạch|quy\s+chế)"
                   r"\s+(?:số|\d))", re.I)
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s+")
_FORWARD_HEADING = re.compile(r"phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu|giải\s+pháp", re.I)
_RESULT_HEADING = re.compile(r"kết\s+quả|tình\s+hình|đánh\s+giá|thực\s+hiện", re.I)
_FORWARD_LINE = re.compile(r"\bphấn\s+đấu\b|\bchỉ\s+tiêu\b|\bmục\s+tiêu\b", re.I)
_END = re.compile(r"^(?:nơi\s+nhận|tm\.|kt\.)", re.I)
_COLON_LEVEL = 8  # an unnumbered line ending with ":" ("Mục tiêu đến năm 2025:")
_LEAD_LEVEL = 9  # a field's lead inside a line ("– Về kinh tế: …")


@dataclass
class Extraction:
    """Everything read from one document."""

    plan: PlanHeader
    targets: list[TargetRecord]
    phases: list[dict] = field(default_factory=list)
    deadlines: list[dict] = field(default_factory=list)
    actuals: list[ReportedValue] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The `--all` JSON object: plan, targets, phases, deadlines, actuals."""
        return {
            "plan": self.plan.to_dict(),
            "targets": [t.to_dict() for t in self.targets],
            "phases": self.phases,
            "deadlines": self.deadlines,
            "actuals": [a.to_dict() for a in self.actuals],
        }


def heading_level(text: str) -> int | None:
    """Section level of a numbered heading ("II." 1, "3." 2, "3.1." 3, "a)" 5), else None."""
    for pattern, level in _LEVELS:
        if pattern.match(text):
            return level
    return None


def heading_group(text: str) -> str | None:
    """The one field a heading names, or None (none, several, or the whole plan)."""
    normalized = normalize_tone_placement(text).lower()
    if MIXED_FIELDS.search(normalized):
        return None
    found = {group for group, pattern in GROUP_WORDS if re.search(pattern, normalized)}
    return found.pop() if len(found) == 1 else None


def is_group_label(text: str) -> bool:
    """True for a lead that is only a field's name ("Về kinh tế", "Văn hoá - xã hội")."""
    if heading_group(text) is None:
        return False
    rest = normalize_tone_placement(text).lower()
    for _, pattern in GROUP_WORDS:
        rest = re.sub(pattern, " ", rest)
    rest = re.sub(r"\b(?:về|lĩnh\s+vực|các|chỉ\s+tiêu|nhóm|và|đảm\s+bảo|bảo\s+đảm|phát\s+triển|"
                  r"chủ\s+yếu|mục\s+tiêu)\b|[-–—:,*+.]", " ", rest)
    return not rest.split()


def keyword_group(indicator: str) -> str:
    """The usual field of an indicator by its words (no heading to go by)."""
    normalized = normalize_tone_placement(indicator).lower()
    for group, pattern in GROUP_KEYWORDS:
        if re.search(pattern, normalized):
            return group
    return DEFAULT_GROUP


class _Context:
    """Group and period in force, by section level."""

    def __init__(self, header: PlanHeader):
        self.header = header
        # A report states results, except under headings about what comes next.
        self.forward = header.kind != "Báo cáo"
        self.groups: dict[int, str] = {}
        self.periods: dict[int, str] = {}
        self.scope_year: int | None = None

    def open(self, level: int) -> None:
        for table in (self.groups, self.periods):
            for key in [k for k in table if k >= level]:
                del table[key]
        self.scope_year = None

    def look(self, heading: str) -> None:
        """Note whether a heading opens results (kết quả) or plans (phương hướng, mục tiêu)."""
        if self.header.kind != "Báo cáo":
            return
        if _FORWARD_HEADING.search(heading):
            self.forward = True
        elif _RESULT_HEADING.search(heading):
            self.forward = False

    def group(self) -> str | None:
        return self.groups[max(self.groups)] if self.groups else None

    def period(self) -> str | None:
        return self.periods[max(self.periods)] if self.periods else self.header.period

    def term(self) -> tuple[int, int] | None:
        for level in sorted(self.periods, reverse=True):
            match = TERM.fullmatch(self.periods[level])
            if match:
                return int(match[1]), int(match[2])
        return self.header.term


def _resolve_period(draft: Draft, context: _Context, notes: list[str]) -> str:
    term, year, per_year = clause_period(draft.clause, draft.unit, draft.direction)
    start = context.header.start_year
    if year and start and year < start:
        notes.append(f"văn bản ghi năm {year}, trước kỳ kế hoạch: lấy kỳ của kế hoạch")
        year = None
    if per_year:
        span = term or context.term()
        if span:
            return f"hằng năm ({span[0]}-{span[1]})"
    if year:
        return str(year)
    if term:
        return f"{term[0]}-{term[1]}"
    if context.scope_year:
        return str(context.scope_year)
    return context.period() or ""


def _record(draft: Draft, context: _Context) -> TargetRecord:
    notes = list(draft.notes)
    period = _resolve_period(draft, context, notes)
    group = context.group()
    if group is None:
        group = keyword_group(draft.indicator)
    return TargetRecord(
        indicator=draft.indicator, value=draft.value, min=draft.min, max=draft.max,
        unit=draft.unit, direction=draft.direction, period=period, locality=draft.locality,
        group=group, quote=draft.quote, strict=draft.strict, notes=notes,
    )


def _reconcile_notation(drafts: list[Draft]) -> None:
    """A figure like "16,723" whose parts ("Trong đó …") add up to 16.723 is 16723.

    Documents mix notations; the components named after "trong đó" decide.
    Otherwise the Vietnamese reading stays and the other is noted.
    """
    for i, draft in enumerate(drafts):
        if draft.alternative is None or draft.value is None:
            continue
        parts = [d.value for d in drafts[i + 1:] if d.value is not None and d.unit == draft.unit
                 and d.direction == draft.direction]
        sums = {round(sum(parts[a:b]), 6) for a in range(len(parts)) for b in range(a + 2, len(parts) + 1)}
        if round(draft.alternative, 6) in sums:
            draft.notes.append(
                f"số viết “{_plain(draft.value)}” theo kiểu dấu phẩy ngăn hàng nghìn; các thành phần "
                f"cộng lại bằng {_plain(draft.alternative)}, nên lấy {_plain(draft.alternative)}")
            draft.value = draft.alternative
        else:
            draft.notes.append(
                f"cần kiểm tra: “{_plain(draft.value)}” cũng có thể là {_plain(draft.alternative)}")


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


def extract(lines: list[Line]) -> Extraction:
    """Read header, targets, phases, deadlines and reported values from a document's lines."""
    header = read_header(lines)
    context = _Context(header)
    targets: list[TargetRecord] = []
    actuals: list[ReportedValue] = []
    started = False
    title_seen = False
    rows: list[Line] = []
    for line in lines:
        if line.is_row:
            rows.append(line)
            continue
        if rows:
            targets += table_targets(rows, header, context.group())
            rows = []
        text = line.text
        if _END.match(text):
            break
        if not started:
            # The header block (issuer, motto, number, date, kind, title) sets no targets.
            if header.kind and not title_seen:
                title_seen = " ".join(text.upper().split()).strip(" :") in KINDS
                continue
            started = True
            if header.kind:
                continue  # the title line itself
        if _SKIP.match(text):
            continue
        level = heading_level(text)
        body = _BULLET.sub("", text) if level is None else _NUMBERING.sub("", text)
        star = level is None and _STAR_HEADING.match(text) is not None
        if is_report_clause(body) or (not context.forward and level is None and not star
                                      and _FORWARD_LINE.search(body) is None):
            actuals += read_reported(body, header)
            continue
        drafts_probe = None
        if level is not None or star or body.rstrip().endswith(":"):
            drafts_probe = parse_line(body)
            if not drafts_probe:
                heading = level if level is not None else (6 if star else _COLON_LEVEL)
                context.open(heading)
                context.look(body)
                group = heading_group(body)
                if group:
                    context.groups[heading] = group
                period = _heading_period(body)
                if period:
                    context.periods[heading] = period
                continue
            if level is not None:
                context.open(level)
                context.look(body)
        lead = _LEAD.match(body)
        if lead and is_group_label(lead.group().rstrip(" :")):
            context.open(_LEAD_LEVEL)
            context.groups[_LEAD_LEVEL] = heading_group(lead[1])
            body = body[lead.end():]
            drafts_probe = None
        drafts = drafts_probe if drafts_probe is not None else parse_line(body)
        if not drafts:
            continue
        _reconcile_notation(drafts)
        for draft in drafts:
            targets.append(_record(draft, context))
            if draft.scope_year:
                context.scope_year = draft.scope_year
    if rows:
        targets += table_targets(rows, header, context.group())
    phases, deadlines = read_schedule(lines, header)
    return Extraction(header, targets, phases, deadlines, actuals)


def _heading_period(text: str) -> str | None:
    """The period a heading names for its section: a term wins over a year."""
    term = TERM.search(text)
    if term:
        return f"{term[1]}-{term[2]}"
    years = [m[1] for m in YEAR_PHRASE.finditer(text)]
    return years[-1] if years else None
