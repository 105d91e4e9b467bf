"""Walk a plan's lines: headings set the field and the period, clauses give targets.

The context a target inherits comes from the document's structure (see
`sections` for levels, fields, periods and the results/targets mode):

- headings (a part or a line in capitals, "II.", "3.", "3.1.", "a)") open
  sections; a deeper heading inherits, one of the same or a higher level
  replaces;
- a heading, or a lead inside a line ("– Về kinh tế: …"), that names exactly
  one field sets the group; one naming "kinh tế - xã hội" sets none;
- a heading that names a period ("Trong năm 2021 …", "giai đoạn 5 năm
  (2021-2025) như sau:") sets the section's period; the plan's own period
  (from its title) is the default, its term when it has one;
- a sentence opening with "Đến năm 2025," dates itself and the targets after
  it until the next lead or heading;
- in the clause itself, "đến năm 2025" wins, then "giai đoạn 2021-2025";
  an annual rate ("%/năm", "hằng năm") over a term is "hằng năm (2021-2025)";
  a year before the plan starts is a slip, not the period (it is noted); in a
  term plan, what is added up rather than reached ("Kết nạp mới … đảng
  viên", "Tổng vốn đầu tư 5 năm") is summed over the term;
- without any heading group, the indicator's words choose the usual field.

A resolution's grounds, session and attendance (everything before "QUYẾT
NGHỊ:"), "Căn cứ …"/"Xét …" citations, and the recipients and signature
("Nơi nhận:" on) are skipped; an appendix after the signature ("PHỤ LỤC",
a table) is read. A review of results ("Đánh giá kết quả thực hiện…", a
report's "Kết quả…" part) and sentences that report a result ("ước đạt …,
đạt 102% kế hoạch", "Nhiệm kỳ qua, …") go to `actuals`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kpi.extract.actuals import is_report_clause, read_reported
from kpi.extract.clauses import Draft, clause_period, parse_line
from kpi.extract.header import KINDS, PlanHeader, read_header
from kpi.extract.records import ReportedValue, TargetRecord
from kpi.extract.quantities import scan
from kpi.extract.schedule import read_schedule
from kpi.extract.sections import (
    COLON_LEVEL, LEAD_LEVEL, SectionContext, heading_group, heading_level, is_group_label,
    keyword_group,
)
from kpi.extract.tables import table_targets
from kpi.extract.text import Line

__all__ = ["Extraction", "extract", "heading_group", "heading_level", "is_group_label", "keyword_group"]

_BULLET = re.compile(r"^\s*(?:[-–—+•●○▪►]\s*|\*\s+|\(\d+\)\s*|\d+\)\s+|"
                     r"(?:chỉ\s+tiêu|mục\s+tiêu|nhiệm\s+vụ)\s+(?:số\s+)?\d+\s*[:.)]\s*)", re.I)
_STAR_HEADING = re.compile(r"^\s*\*\s*")
_LEAD = re.compile(
    r"^(?:(?:về|lĩnh\s+vực|về\s+lĩnh\s+vực|nhóm\s+chỉ\s+tiêu\s+về|các\s+chỉ\s+tiêu\s+về|"
    r"chỉ\s+tiêu\s+về|các\s+chỉ\s+tiêu|chỉ\s+tiêu)\s+)?([^:;,.\d]{2,50}?)\s*:\s*", re.I)
_SKIP = re.compile(r"^(?:căn\s+cứ|xét\s+(?:tờ\s+trình|báo\s+cáo|đề\s+nghị)|"
                   r"(?:tổng\s+)?kinh\s+phí\s+(?:thực\s+hiện|dự\s+kiến|đầu\s+tư|hỗ\s+trợ)|"
                   r"thực\s+hiện\s+(?:nghị\s+quyết|chỉ\s+thị|quyết\s+định|kế\s+hoạch|quy\s+chế)"
                   r"\s+(?:số|\d))", re.I)
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s+")
# Inside a review, a line still sets a target when it says so.
_FORWARD_LINE = re.compile(r"\bphấn\s+đấu\b|\bmục\s+tiêu\b", re.I)
_END = re.compile(r"^(?:nơi\s+nhận|tm\.|kt\.)", re.I)
# After the signature, an appendix ("PHỤ LỤC", "Biểu số 01") brings targets again.
_APPENDIX = re.compile(r"^\s*(?:phụ\s+lục|biểu(?:\s+số)?\b)", re.I)
# A resolution's body starts after "QUYẾT NGHỊ:" (a decision's after "QUYẾT ĐỊNH:"):
# what precedes it (grounds, the session, who attended) sets no target.
_DECIDES = re.compile(r"^\s*QUYẾT\s+(?:NGHỊ|ĐỊNH)\s*:\s*$")
_FIRST_SENTENCE = re.compile(r"^(.+?[.:])\s+\S")
# What a plan adds up over its term rather than reaches by its end.
_FLOW = re.compile(
    r"^(?:kết\s+nạp|giải\s+quyết\s+việc\s+làm|tạo\s+việc\s+làm|đào\s+tạo\s+nghề|trồng\s+mới|"
    r"trồng\s+rừng|xây\s+dựng\s+mới|làm\s+mới|tổng\s+vốn\s+đầu\s+tư|thu\s+hút\s+(?:mới\s+)?(?:vốn|dự\s+án))\b",
    re.I)
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?=\d))+(?:[.!?](?!\d)|$)")  # "4.549" stays whole
_PAST_OPENING = re.compile(
    r"^\W*(?:trong\s+|đến\s+(?:cuối\s+|hết\s+)?|cuối\s+)?(?:năm|giai\s+đoạn|nhiệm\s+kỳ)\s+((?:19|20)\d\d)"
    r"(?:\s*[-–—]\s*((?:19|20)\d\d))?\s*,", re.I)
_TERM_WORDS = re.compile(r"\b\d+\s+năm\b|\bcả\s+(?:giai\s+đoạn|nhiệm\s+kỳ)\b", re.I)


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


def _resolve_period(draft: Draft, context: SectionContext, notes: list[str]) -> str:
    term, year, per_year = clause_period(draft.clause, draft.unit, draft.direction)
    per_year = per_year or draft.annual
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
    fallback = str(context.scope_year) if context.scope_year else (context.period() or "")
    span = context.term()
    if span and context.header.year is None and fallback in (f"{span[0]}-{span[1]}", str(span[1])) and (
            _FLOW.match(draft.indicator) or _TERM_WORDS.search(draft.indicator)):
        # "Kết nạp mới 1.000 đảng viên", "Tổng vốn đầu tư 5 năm": summed over the term.
        notes.append("cộng dồn cả kỳ kế hoạch")
        return f"{span[0]}-{span[1]}"
    return fallback


def _record(draft: Draft, context: SectionContext) -> TargetRecord:
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


def _split_past(body: str, start_year: int | None) -> tuple[str, str]:
    """(sentences about years before the plan, the rest): "Năm 2023, … (152 người)."
    in a 2024 plan reports a result; "Giai đoạn 2016 - 2020, …" too."""
    if not start_year:
        return "", body
    past, rest = [], []
    for sentence in _SENTENCE.findall(body):
        opening = _PAST_OPENING.match(sentence)
        year = int(opening[2] or opening[1]) if opening else None
        (past if year and year < start_year else rest).append(sentence)
    if not past:
        return "", body
    return " ".join(past).strip(), " ".join(rest).strip()


def _bullet_marker(text: str) -> str:
    """The list marker a line starts with ("-", "+", "•", "(1)"…), "" for none."""
    found = _BULLET.match(text)
    return re.sub(r"\d+", "#", found.group().strip()) if found else ""


def _body_start(lines: list[Line]) -> int:
    """Index of the first line after a resolution's "QUYẾT NGHỊ:" (0 when there is none)."""
    for index, line in enumerate(lines):
        if not line.is_row and _DECIDES.match(line.text):
            return index + 1
    return 0


def extract(lines: list[Line]) -> Extraction:
    """Read header, targets, phases, deadlines and reported values from a document's lines.

    Targets come from running text and tables; lines inside a review of
    results, and sentences that report a result, go to `actuals` instead.
    """
    header = read_header(lines)
    context = SectionContext(header)
    targets: list[TargetRecord] = []
    actuals: list[ReportedValue] = []
    started = False
    title_seen = False
    signed = False
    body_start = _body_start(lines)
    rows: list[Line] = []
    for index, line in enumerate(lines):
        if line.is_row:
            rows.append(line)
            continue
        if rows:
            targets += table_targets(rows, header, context.group())
            rows = []
        text = line.text
        if signed:
            # Recipients and signature; an appendix after them is read again.
            if not _APPENDIX.match(text):
                continue
            signed = False
        elif _END.match(text):
            signed = True
            continue
        if not started:
            # The header block (issuer, motto, number, date, kind, title) sets no targets.
            if header.kind and not title_seen:
                title_seen = " ".join(text.upper().split()).strip(" :") in KINDS
                continue
            started = True
            if header.kind:
                continue  # the title line itself
        if index < body_start or _SKIP.match(text):
            continue
        level = heading_level(text)
        marker = _bullet_marker(text)
        if context.scope_year and marker == context.scope_marker:
            # "- Đến năm 2025, …" dates its own sub-items ("+ …"), not the next "- …".
            context.scope_year = None
        body = _BULLET.sub("", text) if level is None else _NUMBERING.sub("", text)
        star = level is None and _STAR_HEADING.match(text) is not None
        drafts_probe = None
        if level is not None or star or body.rstrip().endswith(":") or _APPENDIX.match(text):
            drafts_probe = parse_line(body)
            if not drafts_probe:
                context.set_heading(body, level if level is not None else (6 if star else COLON_LEVEL))
                continue
            if level is not None:
                context.open(level)
                first = _FIRST_SENTENCE.match(body)
                if first and not scan(first[1]):
                    # "I. Tán thành … đánh giá kết quả nhiệm kỳ 2015 - 2020. Nhiệm kỳ qua, …"
                    context.look(first[1], level)
        if context.forward is None:
            continue  # the plan's funding
        past, body = _split_past(body, header.start_year)
        if past:
            actuals += read_reported(past, header, context.result_period())
            drafts_probe = None  # the probe read the past sentences too
        if is_report_clause(body, context.report) or (not context.forward and not star
                                      and _FORWARD_LINE.search(body) is None):
            actuals += read_reported(body, header, context.result_period())
            continue
        lead = _LEAD.match(body)
        if lead and is_group_label(lead.group().rstrip(" :")):
            context.open(LEAD_LEVEL)
            context.groups[LEAD_LEVEL] = heading_group(lead[1])
            body = body[lead.end():]
            drafts_probe = None
        drafts = drafts_probe if drafts_probe is not None else parse_line(body)
        if not drafts:
            continue
        _reconcile_notation(drafts)
        for draft in drafts:
            targets.append(_record(draft, context))
            if draft.scope_year:
                context.scope_year, context.scope_marker = draft.scope_year, marker
    if rows:
        targets += table_targets(rows, header, context.group())
    phases, deadlines = read_schedule(lines, header)
    return Extraction(header, targets, phases, deadlines, actuals)
