"""Reporting periods: sortable codes, Vietnamese labels, calendar relations.

Codes are what the database stores and what sorts within a kind: "2021"
(year), "2021-H1" (half), "2021-Q3" (quarter), "2021-06" (month),
"2021-2025" (multi-year term) and "2021-D1" for an emulation phase (đợt thi
đua), whose dates come from its plan rather than the calendar. Labels are
what people read and type: "Quý III/2021", "6 tháng đầu năm 2022".
"Today" is the date in Vietnam, whatever the server's clock says.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

KINDS = ("month", "quarter", "half", "year", "term", "phase")
KIND_NAMES = {
    "month": "tháng", "quarter": "quý", "half": "6 tháng",
    "year": "năm", "term": "giai đoạn", "phase": "đợt thi đua",
}
# Calendar kinds by their length in months; terms and phases vary.
_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_KIND_ORDER = {kind: order for order, kind in enumerate(KINDS)}
_ROMAN = ("I", "II", "III", "IV")
_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_PHASE_CODE = re.compile(r"(\d{4})-D(\d+)")
_LABEL_HINT = (
    "Ví dụ: Tháng 6/2021, Quý III/2021, 6 tháng đầu năm 2022, Năm 2021, Giai đoạn 2021–2025"
)


class PeriodError(ValueError):
    """A period code, label or date that cannot be read, or an impossible relation."""


@dataclass(frozen=True, order=False)
class Period:
    """A reporting period; `end` is inclusive. `name` is set for phases only.

    Build calendar periods with `parse_period`/`parse_period_label` and phases
    with `make_phase`. Sort with `sort_key`.
    """

    code: str
    kind: str
    start: date
    end: date
    name: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PeriodError(f"Loại kỳ báo cáo không hợp lệ: “{self.kind}” (kỳ “{self.code}”).")
        if self.start > self.end:
            raise PeriodError(
                f"Kỳ “{self.code}” bắt đầu ngày {format_date(self.start)}, "
                f"sau ngày kết thúc {format_date(self.end)}."
            )

    @property
    def sort_key(self) -> tuple[date, date, int, str]:
        """Chronological: by start, then shorter first (a month before its
        quarter, a quarter before its year), then calendar kinds before a
        phase with the same dates, then code."""
        return (self.start, self.end, _KIND_ORDER[self.kind], self.code)


def _invalid(text: str) -> PeriodError:
    return PeriodError(f"Kỳ báo cáo không hợp lệ: “{text}”. {_LABEL_HINT}.")


# Periods are immutable and scorecards build the same few thousands times.
@lru_cache(maxsize=4096)
def _calendar(kind: str, year: int, index: int = 1) -> Period:
    """The `index`-th period of `kind` in `year` (months, quarters and halves from 1)."""
    months = _MONTHS[kind]
    first, last = (index - 1) * months + 1, index * months
    code = {
        "year": f"{year}", "half": f"{year}-H{index}",
        "quarter": f"{year}-Q{index}", "month": f"{year}-{index:02d}",
    }[kind]
    try:
        start = date(year, first, 1)
        end = date(year, last, calendar.monthrange(year, last)[1])
    except ValueError:
        raise _invalid(code) from None
    return Period(code, kind, start, end)


@lru_cache(maxsize=256)
def _term(first_year: int, last_year: int) -> Period:
    code = f"{first_year}-{last_year}"
    if last_year <= first_year:
        raise PeriodError(f"Giai đoạn không hợp lệ: “{code}” (năm cuối phải sau năm đầu).")
    try:
        return Period(code, "term", date(first_year, 1, 1), date(last_year, 12, 31))
    except ValueError:
        raise _invalid(code) from None


def _index(period: Period) -> int:
    return (period.start.month - 1) // _MONTHS[period.kind] + 1


def _resolve_phase(code: str, phases: Mapping[str, Period] | None) -> Period:
    found = {key.upper(): phase for key, phase in (phases or {}).items()}.get(code)
    if found is None:
        raise PeriodError(f"Không tìm thấy đợt thi đua “{code}” trong kế hoạch.")
    return found


_Table = tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Period]], ...]
_CODES: _Table = (
    (re.compile(r"(\d{4})"), lambda m: _calendar("year", int(m[1]))),
    (re.compile(r"(\d{4})-H([12])"), lambda m: _calendar("half", int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})-Q([1-4])"), lambda m: _calendar("quarter", int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})-(0[1-9]|1[0-2])"), lambda m: _calendar("month", int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})-(\d{4})"), lambda m: _term(int(m[1]), int(m[2]))),
)


def parse_period(code: str, phases: Mapping[str, Period] | None = None) -> Period:
    """The period for a code: "2021", "2021-H1", "2021-Q3", "2021-06", "2021-2025".

    Phase codes ("2021-D1") are looked up in `phases` (code → Period, from the
    plan). Case and surrounding spaces are ignored. Raises PeriodError for
    anything else, or a phase code missing from `phases`.
    """
    normalized = code.strip().upper()
    if _PHASE_CODE.fullmatch(normalized):
        return _resolve_phase(normalized, phases)
    period = _parse_standard(normalized)
    if period is None:
        raise _invalid(code)
    return period


@lru_cache(maxsize=4096)
def _parse_standard(normalized: str) -> Period | None:
    return _first_match(_CODES, normalized)


def _first_match(table: _Table, text: str) -> Period | None:
    """The period built by the first pattern of `table` matching all of `text`."""
    for pattern, build in table:
        match = pattern.fullmatch(text)
        if match:
            return build(match)
    return None


def make_phase(code: str, name: str, start: date, end: date) -> Period:
    """An emulation phase (đợt thi đua) with the dates its plan gives.

    `code` looks like "2021-D1" (phase 1 of 2021); `end` is inclusive.
    Raises PeriodError for another code shape or `start` after `end`.
    """
    if not _PHASE_CODE.fullmatch(code):
        raise PeriodError(f"Mã đợt thi đua không hợp lệ: “{code}” (dạng đúng: 2021-D1).")
    return Period(code, "phase", start, end, name)


def _phase_label(period: Period, lang: str) -> str:
    year = period.start.year
    number = period.code.rsplit("D", 1)[-1]
    if lang == "en":
        return period.name or f"Phase {number}, {year}"
    name = period.name or f"Đợt {number}"
    return name if str(year) in name else f"{name} năm {year}"


def period_label(period: Period | str, lang: str = "vi") -> str:
    """How people write the period: "Quý III/2021", "6 tháng đầu năm 2022",
    "Tháng 6/2021", "Năm 2021", "Giai đoạn 2021–2025", "Đợt thứ nhất năm 2021".

    English ("en"): "Q3 2021", "H1 2022", "June 2021", "Year 2021",
    "2021–2025", the phase's name. A code string is parsed first (phase codes
    need a Period). Raises PeriodError for a bad code or language.
    """
    if lang not in ("vi", "en"):
        raise PeriodError(f"Ngôn ngữ hiển thị không hỗ trợ: “{lang}” (chỉ có “vi”, “en”).")
    p = parse_period(period) if isinstance(period, str) else period
    year, vi = p.start.year, lang == "vi"
    if p.kind == "year":
        return f"Năm {year}" if vi else f"Year {year}"
    if p.kind == "half":
        half = _index(p)
        return f"6 tháng {'đầu' if half == 1 else 'cuối'} năm {year}" if vi else f"H{half} {year}"
    if p.kind == "quarter":
        quarter = _index(p)
        return f"Quý {_ROMAN[quarter - 1]}/{year}" if vi else f"Q{quarter} {year}"
    if p.kind == "month":
        month = p.start.month
        return f"Tháng {month}/{year}" if vi else f"{_EN_MONTHS[month - 1]} {year}"
    if p.kind == "term":
        span = f"{year}\u2013{p.end.year}"
        return f"Giai đoạn {span}" if vi else span
    return _phase_label(p, lang)


def _fold(text: str) -> str:
    """Lower case, no accents, one kind of dash, no spaces around "/" and "-".

    Accents are dropped, not just normalised, because people type labels
    without a Vietnamese keyboard ("quy III/2021") and with either tone
    placement ("Qúy"/"Quý"); no two period words differ only by accents.
    """
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("đ", "d").replace("Đ", "D").casefold()
    bare = re.sub(r"[\u2010-\u2015\u2212]", "-", bare)
    bare = " ".join(bare.split())
    return re.sub(r" ?([/-]) ?", r"\1", bare)


def _roman_or_digit(token: str) -> int:
    return int(token) if token.isdigit() else _ROMAN.index(token.upper()) + 1


def _month_index(word: str) -> int:
    return [name[:3].casefold() for name in _EN_MONTHS].index(word[:3])


_SEP = r"(?:/|-| nam | )"  # between a quarter or month and its year
_EN_MONTH_WORDS = "|".join(
    [name.casefold() for name in _EN_MONTHS] + [name[:3].casefold() for name in _EN_MONTHS]
)
_LABELS: _Table = (
    (re.compile(r"(?:(?:ca )?nam |year )?(\d{4})"), lambda m: _calendar("year", int(m[1]))),
    (re.compile(r"(?:giai doan |gd )?(\d{4})-(\d{4})"), lambda m: _term(int(m[1]), int(m[2]))),
    (re.compile(rf"(?:quy|q) ?(iv|i{{1,3}}|[1-4]){_SEP}(\d{{4}})"),
     lambda m: _calendar("quarter", int(m[2]), _roman_or_digit(m[1]))),
    (re.compile(r"(?:6|06|sau) thang (dau|cuoi)(?: nam)? (\d{4})"),
     lambda m: _calendar("half", int(m[2]), 1 if m[1] == "dau" else 2)),
    (re.compile(rf"h([12]){_SEP}(\d{{4}})"), lambda m: _calendar("half", int(m[2]), int(m[1]))),
    (re.compile(rf"(?:thang|t) ?(\d{{1,2}}){_SEP}(\d{{4}})"),
     lambda m: _calendar("month", int(m[2]), int(m[1]))),
    (re.compile(r"(\d{1,2})[/-](\d{4})"), lambda m: _calendar("month", int(m[2]), int(m[1]))),
    (re.compile(rf"({_EN_MONTH_WORDS})\.?,? (\d{{4}})"),
     lambda m: _calendar("month", int(m[2]), _month_index(m[1]) + 1)),
)


def _match_phase(folded: str, text: str, phases: Mapping[str, Period]) -> Period | None:
    found = [
        phase for phase in phases.values()
        if folded in {_fold(period_label(phase)), _fold(phase.name or ""), _fold(phase.code)} - {""}
    ]
    if len(found) > 1:
        codes = ", ".join(sorted(phase.code for phase in found))
        raise PeriodError(f"“{text}” khớp với nhiều đợt thi đua ({codes}): ghi rõ năm hoặc mã đợt.")
    return found[0] if found else None


def parse_period_label(text: str, phases: Mapping[str, Period] | None = None) -> Period:
    """Read a period as people type it, or its code.

    Accepts "Quý III/2021", "quý 3 năm 2021", "Q3/2021", "6 tháng đầu năm
    2022", "Tháng 6/2021", "T6/2021", "06/2021", "Năm 2021", "2021",
    "Giai đoạn 2021 – 2025", "2021-2025", the English labels of
    `period_label`, and codes. Ignores case, accents, spacing and dash
    style. Phase labels, names and codes resolve through `phases`. Raises
    PeriodError for anything else (also month 13, a reversed term, a phase
    name that matches several phases).
    """
    folded = _fold(text)
    if _PHASE_CODE.fullmatch(folded.upper()):
        return _resolve_phase(folded.upper(), phases)
    try:
        period = _first_match(_CODES, folded.upper()) or _first_match(_LABELS, folded)
    except PeriodError:  # a well-formed label naming month 13 or a reversed term
        raise _invalid(text) from None
    if period is not None:
        return period
    phase = _match_phase(folded, text, phases) if phases else None
    if phase is None:
        raise _invalid(text)
    return phase


def contains(outer: Period, inner: Period) -> bool:
    """True when `inner` lies within `outer`'s dates (a period contains itself)."""
    return outer.start <= inner.start and inner.end <= outer.end


def subperiods(period: Period, kind: str) -> list[Period]:
    """The periods of calendar `kind` ("year", "half", "quarter", "month")
    that tile `period`, in order: a year gives 12 months, 4 quarters or 2
    halves; a term its years; a period gives itself for its own kind.

    Raises PeriodError for another kind or when such periods do not tile
    `period` exactly (a quarter into halves, a phase from 15/01).
    """
    if kind not in _MONTHS:
        raise PeriodError(
            f"Không chia được kỳ báo cáo theo “{kind}”: chỉ theo năm, 6 tháng, quý, tháng."
        )
    per_year = 12 // _MONTHS[kind]
    parts = [
        part
        for year in range(period.start.year, period.end.year + 1)
        for index in range(1, per_year + 1)
        if contains(period, part := _calendar(kind, year, index))
    ]
    if not parts or parts[0].start != period.start or parts[-1].end != period.end:
        raise PeriodError(
            f"{period_label(period)} không chia trọn được thành các {KIND_NAMES[kind]}."
        )
    return parts


def previous_period(period: Period) -> Period:
    """The period of the same kind just before: 2021-Q1 → 2020-Q4, 2021-H1 →
    2020-H2, 2021 → 2020, term 2021-2025 → 2016-2020.

    Raises PeriodError for a phase (phases come from plans, not the calendar).
    """
    if period.kind == "phase":
        raise PeriodError(f"Không xác định được kỳ liền trước của đợt thi đua “{period.code}”.")
    if period.kind == "term":
        span = period.end.year - period.start.year + 1
        return _term(period.start.year - span, period.end.year - span)
    index, year = _index(period), period.start.year
    if index > 1:
        return _calendar(period.kind, year, index - 1)
    return _calendar(period.kind, year - 1, 12 // _MONTHS[period.kind])


def same_period_last_year(period: Period) -> Period:
    """The same month, quarter, half or year one year earlier (2021-Q3 → 2020-Q3).

    Raises PeriodError for a term or a phase, which have no such counterpart.
    """
    if period.kind not in _MONTHS:
        raise PeriodError(
            f"{KIND_NAMES[period.kind].capitalize()} “{period.code}” không có kỳ cùng kỳ năm trước."
        )
    return _calendar(period.kind, period.start.year - 1, _index(period))


def is_ended(period: Period, at: date) -> bool:
    """True when the period is over by the end of day `at` (so on its last day)."""
    return at >= period.end


def periods_to_date(year: int, at: date, kind: str) -> list[Period]:
    """The periods of `kind` in `year` that have ended by the end of day `at`.

    2021, 30/06/2021, "quarter" → [2021-Q1, 2021-Q2]. Raises PeriodError as
    `subperiods` does.
    """
    return [part for part in subperiods(_calendar("year", year), kind) if is_ended(part, at)]


def elapsed_share(period: Period, at: date) -> float:
    """Share of the period's days elapsed at the end of day `at`, in [0, 1].

    0 before the start, 1 on and after the last day; 2021 at 30/06/2021 is
    181/365.
    """
    if at < period.start:
        return 0.0
    if at >= period.end:
        return 1.0
    return ((at - period.start).days + 1) / ((period.end - period.start).days + 1)


def format_date(d: date, lang: str = "vi") -> str:
    """"05/06/2021" (vi, dd/mm/yyyy zero-padded) or "2021-06-05" (en, ISO)."""
    if lang == "en":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


_DATES: tuple[tuple[re.Pattern[str], tuple[int, int, int]], ...] = (
    # (pattern, group numbers of day, month, year)
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"), (1, 2, 3)),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (3, 2, 1)),
    (re.compile(r"(?:ngay )?(\d{1,2}) thang (\d{1,2}) nam (\d{4})"), (1, 2, 3)),
)


def parse_date(text: str | date) -> date:
    """Read a date: "15/6/2021", "15/06/2021", "15-06-2021", "15.06.2021",
    "2021-06-15", "ngày 15 tháng 6 năm 2021" (accents optional).

    A date passes through (a datetime gives its date, as spreadsheet cells
    do). Two-digit years are refused as ambiguous. Raises PeriodError.
    """
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    folded = _fold(text)
    for pattern, (day, month, year) in _DATES:
        match = pattern.fullmatch(folded)
        if match:
            try:
                return date(int(match[year]), int(match[month]), int(match[day]))
            except ValueError:
                break
    raise PeriodError(f"Ngày không hợp lệ: “{text}”. Viết theo dạng dd/mm/yyyy, ví dụ 15/06/2021.")


def today_vn(now: datetime | None = None) -> date:
    """Today's date in Vietnam (Asia/Ho_Chi_Minh), at `now` or the current time.

    Raises PeriodError for a naive `now`: without a time zone the day is unknown.
    """
    if now is None:
        return datetime.now(VN_TZ).date()
    if now.tzinfo is None or now.utcoffset() is None:
        raise PeriodError(
            f"Thời điểm {now.isoformat()} thiếu múi giờ: "
            "không xác định được ngày theo giờ Việt Nam."
        )
    return now.astimezone(VN_TZ).date()
