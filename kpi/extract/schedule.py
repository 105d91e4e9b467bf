"""Emulation phases (đợt thi đua) and reporting deadlines a plan sets.

Phases: "Đợt thứ nhất: Từ đầu năm 2021 đến ngày 31/3/2021 với nội dung
“…”" — start and end may be written as a date, "đầu năm", "hết năm",
"cuối tháng 6/2021". Deadlines: "… gửi về Sở … trước ngày 15/6/2021" (due
before a day), "chậm nhất ngày …", "Hoàn thành trong tháng 7/2021" (within a
month). Both come out as plain dicts with ISO dates, ready for JSON and for
`kpi.plans.Phase` / `Deadline`.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from kpi.extract.header import PlanHeader
from kpi.extract.text import Line

_ORDINALS = {"nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
             "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
_PHASE = re.compile(
    r"\bĐợt\s+(?:thứ\s+)?(?P<n>\w+)\s*[:.-]?\s*[Tt]ừ\s+(?P<start>.+?)\s+(?:đến|tới)\s+(?P<end>.+?)"
    r"(?:\s*(?:,|;)?\s*với\s+nội\s+dung\s+(?P<content>.*)|[.;]\s*$|$)", re.I)
_DATE = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d\d)")
_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*/\s*((?:19|20)\d\d)", re.I)
_YEAR = re.compile(r"năm\s+((?:19|20)\d\d)", re.I)
_BEFORE = re.compile(
    r"\b(?:trước|chậm\s+nhất(?:\s+(?:là|vào))?|hạn\s+chót|không\s+muộn\s+hơn)\s+(?:ngày\s+)?"
    r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d\d)", re.I)
_WITHIN_MONTH = re.compile(r"\btrong\s+tháng\s+(\d{1,2})\s*/\s*((?:19|20)\d\d)", re.I)
_HALF = re.compile(r"\b6\s+tháng\s+(đầu|cuối)\s+năm\s+((?:19|20)\d\d)", re.I)
_REPORT_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)", re.I)


def _ordinal(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _ORDINALS.get(word.lower()) or _ROMAN.get(word.upper())


def parse_date_phrase(text: str, role: str, year: int | None = None) -> dt.date | None:
    """A date written in a plan: "01/4/2021", "đầu năm 2021", "hết năm 2021", "tháng 6/2021".

    `role` is "start" or "end" and decides the day of a month or year.
    """
    found = _DATE.search(text)
    if found:
        try:
            return dt.date(int(found[3]), int(found[2]), int(found[1]))
        except ValueError:
            return None
    month = _MONTH.search(text)
    if month and 1 <= int(month[1]) <= 12:
        y, m = int(month[2]), int(month[1])
        return dt.date(y, m, 1 if role == "start" else calendar.monthrange(y, m)[1])
    year_match = _YEAR.search(text)
    y = int(year_match[1]) if year_match else year
    if y is None:
        return None
    if re.search(r"\b(?:đầu|từ\s+đầu)\s+năm\b", text, re.I) or role == "start" and year_match:
        return dt.date(y, 1, 1)
    if re.search(r"\b(?:hết|cuối)\s+năm\b", text, re.I) or role == "end" and year_match:
        return dt.date(y, 12, 31)
    return None


def read_phases(lines: list[Line], header: PlanHeader) -> list[dict]:
    """The emulation phases, each {name, code, start, end, content, quote}."""
    phases = []
    for line in lines:
        match = _PHASE.search(line.text)
        if not match:
            continue
        number = _ordinal(match["n"])
        end = parse_date_phrase(match["end"], "end", header.year)
        start = parse_date_phrase(match["start"], "start", end.year if end else header.year)
        if number is None or start is None or end is None or start > end:
            continue
        content = (match["content"] or "").strip(" .;\"") or None
        name = f"Đợt thứ {match['n']}" if not match["n"].isdigit() else f"Đợt {number}"
        phases.append({
            "name": name, "code": f"{start.year}-D{number}", "start": start.isoformat(),
            "end": end.isoformat(), "content": content,
            "quote": " ".join(line.text[match.start():match.start("end") + len(match["end"])].split()),
        })
    return phases


def _what(text: str, cut: int) -> str:
    what = re.sub(r"^\s*[-–+•*]\s*", "", text[:cut]).strip(" ,;:.-")
    # "Thời gian sơ kết: Hoàn thành trong tháng 7" is about the sơ kết itself.
    what = re.sub(r"^thời\s+gian\s+|:?\s*hoàn\s+thành$", "", what, flags=re.I).strip(" ,;:.-")
    return what[:1].upper() + what[1:] if what else text.strip()


def read_deadlines(lines: list[Line], header: PlanHeader) -> list[dict]:
    """Reporting deadlines, each {what, code, period, due, kind, window_start, quote}."""
    deadlines = []
    for line in lines:
        text = line.text
        before = _BEFORE.search(text)
        within = _WITHIN_MONTH.search(text)
        if before:
            try:
                due = dt.date(int(before[3]), int(before[2]), int(before[1]))
            except ValueError:
                continue
            item = {"what": _what(text, before.start()), "due": due.isoformat(), "kind": "before",
                    "window_start": None}
        elif within and 1 <= int(within[1]) <= 12:
            y, m = int(within[2]), int(within[1])
            item = {"what": _what(text, within.start()),
                    "due": dt.date(y, m, calendar.monthrange(y, m)[1]).isoformat(),
                    "kind": "within_month", "window_start": dt.date(y, m, 1).isoformat()}
        else:
            continue
        half = _HALF.search(text)
        year = _REPORT_YEAR.search(text)
        item["period"] = (f"{half[2]}-H{1 if half[1].lower() == 'đầu' else 2}" if half
                          else year[1] if year else None)
        item["code"] = f"R{len(deadlines) + 1}"
        item["quote"] = " ".join(text.split())
        deadlines.append(item)
    return deadlines


def read_schedule(lines: list[Line], header: PlanHeader) -> tuple[list[dict], list[dict]]:
    """(phases, deadlines) of a plan."""
    return read_phases(lines, header), read_deadlines(lines, header)
