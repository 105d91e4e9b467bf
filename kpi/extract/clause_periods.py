"""The period a clause states about itself: a term, a year, or an annual rate.

"giai đoạn 2021-2025" is a term, "đến năm 2025" a year, "10-11%/năm" and
"hằng năm" an annual rate. A baseline's year or span ("so với năm 2020",
"so với trung bình giai đoạn 2016-2020") is not the period; money per person
or per year ("85 triệu đồng/người/năm") measures a level, not a rate.
"""
from __future__ import annotations

import re

from kpi.extract.patterns import BASELINE_TERM, BASELINE_YEAR, PER_YEAR, TERM, YEAR_PHRASE

# "gấp 2 lần năm 2020": the year of the base of a multiple.
_MULTIPLE_OF = re.compile(r"\blần\s+(?:so\s+với\s+)?(?:năm\s+)?(?:19|20)\d\d\b", re.I)
# Money per person or per year measures a level, not an annual rate.
_MONEY = re.compile(r"\b(?:đồng|usd|đô\s+la|euro)\b", re.I)
_MONEY_PER_YEAR = re.compile(r"\b(?:đồng|usd|đô\s+la|euro)(?:\s*/\s*người)?\s*/\s*năm\b", re.I)


def clause_period(clause: str, unit: str | None, direction: str = "exact") -> tuple[tuple[int, int] | None, int | None, bool]:
    """(term, year, per_year) that a clause states about its own period.

    The year or span of a baseline ("so với cùng kỳ năm 2020", "so với trung
    bình giai đoạn 2016-2020") is not the period. A unit per year is an
    annual rate when it is a percentage, a change or a count ("10-11%/năm",
    "giảm 2%/năm", "1.500 ha/năm"), not when it is money a person or a year
    earns ("85 triệu đồng/người/năm", "75 triệu đồng/năm"): that is a level.
    """
    cleaned = BASELINE_YEAR.sub(" ", BASELINE_TERM.sub(" ", _MULTIPLE_OF.sub(" ", clause)))
    if unit and "/" in unit:  # the unit's own "/năm" is read from the unit, not the words
        cleaned = re.sub(r"/\s*" + re.escape(unit.split("/", 1)[1]), " ", cleaned)
    cleaned = _MONEY_PER_YEAR.sub(" ", cleaned)
    unit_rate = ((unit or "").endswith("/năm") and (unit or "").count("/") == 1
                 and not _MONEY.search(unit.split("/")[0]))
    term_match = TERM.search(cleaned)
    term = (int(term_match[1]), int(term_match[2])) if term_match else None
    year = None
    for match in YEAR_PHRASE.finditer(TERM.sub(" ", cleaned)):
        year = int(match[1])
    per_year = bool(PER_YEAR.search(cleaned)) or unit_rate
    return term, year, per_year
