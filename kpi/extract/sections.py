"""A plan's sections: heading levels, and the field, period and mode each heading sets.

Vietnamese administrative documents nest their parts the same way: a part
("Phần thứ hai", or a line in capitals such as "KẾ HOẠCH PHÁT TRIỂN KINH TẾ -
XÃ HỘI NĂM 2024") above "I.", "1.", "1.1.", "a)". A heading opens a section:
a deeper heading inherits what its parents set, one of the same or a higher
level replaces it. A section sets:

- a field (group), when its heading names exactly one ("Về kinh tế");
- a period, when it names one ("Các chỉ tiêu chủ yếu đến năm 2025");
- a mode: whether its figures are targets or results. A heading that opens
  with a review ("Đánh giá tình hình thực hiện…", "Kết quả thực hiện năm
  2023") starts results; one about what comes next ("Phương hướng", "Mục
  tiêu", "Kế hoạch năm 2024") starts targets again, unless it is nested in a
  review. A report (Báo cáo) starts in results, any other document in targets.
"""
from __future__ import annotations

import re

from kpi.extract.actuals import report_period
from kpi.extract.header import PlanHeader
from kpi.extract.patterns import (
    DEFAULT_GROUP, GROUP_KEYWORDS, GROUP_WORDS, MIXED_FIELDS, TERM, YEAR_PHRASE,
)
from kpi.names import normalize_tone_placement

_LEVELS = (
    (re.compile(r"^\s*[IVXLC]+\s*[.)]\s+"), 1),
    (re.compile(r"^\s*\d+\.\d+\.\d+\.?\s+"), 4),
    (re.compile(r"^\s*\d+\.\d+\.?\s+"), 3),
    (re.compile(r"^\s*\d+\s*[.)]\s+"), 2),
    (re.compile(r"^\s*[a-zđ]\s*\)\s+"), 5),
)
PART_LEVEL = 0  # "Phần thứ hai", a heading in capitals
COLON_LEVEL = 8  # an unnumbered line ending with ":" ("Mục tiêu đến năm 2025:")
LEAD_LEVEL = 9  # a field's lead inside a line ("– Về kinh tế: …")
_PART = re.compile(r"^\s*phần\s+(?:thứ\s+)?[\wIVX]+\s*[:.]?\s*(?:[-–—:.].*)?$", re.I)
_FORWARD = re.compile(r"phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu|giải\s+pháp", re.I)
# How a review opens; in a report "thực hiện" alone also does ("Tổ chức thực hiện" there
# states no target either way).
_REVIEW = re.compile(r"đánh\s+giá|kết\s+quả|tình\s+hình|tổng\s+kết|sơ\s+kết|năm\s+qua|nhiệm\s+kỳ\s+qua", re.I)
_REPORT_REVIEW = re.compile(rf"{_REVIEW.pattern}|thực\s+hiện", re.I)
# The plan's own funding ("III. KINH PHÍ THỰC HIỆN"): money to spend, not a target to reach.
_FUNDING = re.compile(r"^\W*(?:tổng\s+)?(?:kinh\s+phí|nguồn\s+(?:kinh\s+phí|vốn)|dự\s+toán\s+kinh\s+phí)\b", re.I)


def heading_level(text: str) -> int | None:
    """Section level of a heading: a part or a line in capitals 0, "II." 1, "3." 2,
    "3.1." 3, "3.1.1." 4, "a)" 5; None for running text."""
    for pattern, level in _LEVELS:
        if pattern.match(text):
            return level
    if _PART.match(text) or is_caps_heading(text):
        return PART_LEVEL
    return None


def is_caps_heading(text: str) -> bool:
    """A short line in capitals, not a table or a signature ("KẾT QUẢ THỰC HIỆN NĂM 2023")."""
    letters = [c for c in text if c.isalpha()]
    return (len(letters) >= 8 and all(c.isupper() for c in letters) and len(text.split()) <= 30
            and not text.rstrip().endswith(":") and "|" not in text)


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


def heading_period(text: str) -> str | None:
    """The period a heading names for its section: a term wins over a year."""
    term = TERM.search(text)
    if term:
        return f"{term[1]}-{term[2]}"
    years = [m[1] for m in YEAR_PHRASE.finditer(text)]
    return years[-1] if years else None


class SectionContext:
    """Group, period and mode (targets or results) in force, by section level."""

    def __init__(self, header: PlanHeader):
        self.header = header
        self.report = header.kind == "Báo cáo"
        self.groups: dict[int, str] = {}
        self.periods: dict[int, str] = {}
        # True: targets (what comes next); False: results; None: neither (the plan's funding)
        self.modes: dict[int, bool | None] = {}
        self.result_periods: dict[int, str] = {}  # "6 tháng đầu năm 2024" → "2024-H1"
        self.scope_year: int | None = None  # "Đến năm 2025, …" opening a sentence
        self.scope_marker = ""  # the list marker of the line that set it

    def open(self, level: int) -> None:
        """A heading at `level` closes the sections at that level and below."""
        for table in (self.groups, self.periods, self.modes, self.result_periods):
            for key in [k for k in table if k >= level]:
                del table[key]
        self.scope_year = None

    def look(self, heading: str, level: int) -> None:
        """Note whether a heading opens results (a review) or targets (what comes next):
        whichever kind of word comes first in it decides."""
        if _FUNDING.match(heading):
            self.modes[level] = None
            return
        review = (_REPORT_REVIEW if self.report else _REVIEW).search(heading)
        forward = _FORWARD.search(heading)
        if review and (not forward or review.start() < forward.start()):
            self.modes[level] = False
        elif forward and all(mode for key, mode in self.modes.items() if key < level):
            self.modes[level] = True

    @property
    def forward(self) -> bool | None:
        """True where figures are targets, False inside a review of results, None where
        they are neither (the plan's own funding)."""
        return self.modes[max(self.modes)] if self.modes else not self.report

    def result_period(self) -> str | None:
        """The period the review in force speaks of ("2024-H1"), else the header's year."""
        if self.result_periods:
            return self.result_periods[max(self.result_periods)]
        return str(self.header.year) if self.header.year else self.header.period

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

    def set_heading(self, heading: str, level: int) -> None:
        """Open a section under a heading that states no target of its own."""
        self.open(level)
        self.look(heading, level)
        group = heading_group(heading)
        if group:
            self.groups[level] = group
        period = heading_period(heading)
        if period:
            self.periods[level] = period
        reported = report_period(heading)
        if reported:
            self.result_periods[level] = reported
