"""Suggest, for a target as written, the catalogue indicator it most likely is; and the plan's unit.

Names are compared after folding (lower case, tone placement, "tỉ"→"tỷ")
with rapidfuzz's token-set ratio, so word order and extra words ("Thu ngân
sách trên địa bàn" / "Thu ngân sách nhà nước trên địa bàn") matter little. A
unit that cannot convert to the indicator's measure (a count for a rate)
costs points: "9 xã" should not land on "Tỷ lệ xã đạt chuẩn". Below
`THRESHOLD` nothing is suggested and the reviewer creates a new indicator.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Mapping

from rapidfuzz import fuzz, process

from kpi.indicators import Indicator
from kpi.names import fold_name, normalize_tone_placement
from kpi.numbers import UnitMismatchError, convert
from kpi.units import Unit

THRESHOLD = 72
UNIT_PENALTY = 30


def fold_indicator(name: str) -> str:
    """Comparison form of an indicator's name."""
    text = normalize_tone_placement(name.lower()).replace("tỉ", "tỷ")
    return " ".join(re.findall(r"\w+", text))


def _unit_fits(unit: str | None, direction: str, indicator: Indicator) -> bool:
    base = re.sub(r"\s*/\s*năm$", "", unit or "").strip()
    if not base or direction in ("increase_by", "decrease_by", "decrease_vs_previous",
                                 "increase_vs_previous"):
        return True
    try:
        convert(1.0, base, indicator.measure)
        return True
    except UnitMismatchError:
        return False


def suggest_indicator(
    name: str, unit: str | None, direction: str, catalogue: Mapping[str, Indicator]
) -> tuple[str | None, float]:
    """(indicator code or None, score 0–100) for a target named `name`."""
    if not catalogue:
        return None, 0.0
    query = fold_indicator(name)
    choices = {code: fold_indicator(ind.name) for code, ind in catalogue.items()}
    best_code, best_score = None, 0.0
    for _, score, code in process.extract(query, choices, scorer=fuzz.token_set_ratio, limit=8):
        # token_set_ratio is 100 whenever one name's words are a subset of the
        # other's; the plain ratio breaks ties in favour of the closer name.
        score = 0.7 * score + 0.3 * fuzz.ratio(query, choices[code])
        if not _unit_fits(unit, direction, catalogue[code]):
            score -= UNIT_PENALTY
        if score > best_score:
            best_code, best_score = code, score
    if best_score < THRESHOLD:
        return None, round(best_score, 1)
    return best_code, round(best_score, 1)


def suggest_unit(locality: str | None, units: Iterable[Unit], on: dt.date | None) -> str | None:
    """The key of the unit a plan's header names ("thành phố Phú Quốc"), valid on `on`.

    Names are folded (type prefixes dropped), so "thành phố Phú Quốc" finds
    the 2004-list city and, after July 2025, "Đặc khu Phú Quốc". Returns None
    when no unit, or several equally, fit.
    """
    if not locality:
        return None
    wanted = fold_name(locality)
    level = None
    lowered = locality.lower()
    if lowered.startswith(("tỉnh", "thành phố trực thuộc")):
        level = "province"
    elif lowered.startswith(("huyện", "quận", "thị xã")):
        level = "district"
    elif lowered.startswith(("xã", "phường", "thị trấn", "đặc khu")):
        level = "commune"
    found = []
    for unit in units:
        if fold_name(unit.name) != wanted:
            continue
        if on and ((unit.valid_from and unit.valid_from > on) or (unit.valid_to and unit.valid_to < on)):
            continue
        if level and unit.level != level:
            continue
        found.append(unit)
    if len(found) == 1:
        return found[0].key
    # "thành phố X" names a province-level city or a district-level one.
    districts = [u for u in found if u.level == "district"]
    return districts[0].key if len(districts) == 1 else None
