"""Plans (kế hoạch, nghị quyết, chỉ thị): what sets targets, phases and deadlines.

A plan governs one unit for a period (a year, or a term such as 2021–2025)
and may cite a parent plan (a city's yearly plan citing the province's
five-year plan). Reading plan documents lands here in a later issue.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    """A plan's header; `code` is the stable code other commands accept."""

    code: str
    title: str
    period: str
    kind: str
    unit_key: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_on: dt.date | None = None
    parent_plan: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Phase:
    """An emulation phase (đợt thi đua) with its explicit dates."""

    plan_code: str
    code: str
    name: str
    start: dt.date
    end: dt.date
    content: str | None = None


@dataclass(frozen=True)
class Deadline:
    """A reporting deadline a plan sets (seed 001: mid-year report before 15/6)."""

    plan_code: str
    code: str
    what: str
    period: str | None
    due: dt.date | None
    kind: str = "before"
    window_start: dt.date | None = None
    note: str | None = None
