"""What the codes and names typed in an upload refer to: indicators, units, periods.

Indicators are named by code or by name (case, accents, spacing and dash
style ignored). Units are named by code — a bare code is read in the code
system in force at the end of the period, so '91' is Kiên Giang for 2021 and
An Giang for 2025-Q4 — or by name (kpi.names folding; without accents only
as a fallback; "Châu Thành, Tây Ninh" names the parent), preferring units
under the uploader's chosen unit. A name of a unit that no longer existed in
the period resolves through the 2025 crosswalk only when it was a plain
rename; a merger or a split is explained instead. Each period of a plan that
sets a target for an indicator (with the year before, its baseline) is where
values of that indicator belong.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable, Mapping

from sqlalchemy import Connection

from kpi.indicators import Indicator
from kpi.names import fold_name, match_key, normalize_tone_placement, strip_accents
from kpi.periods import Period, PeriodError, parse_period, parse_period_label, period_label
from kpi.scorecard import phase_periods
from kpi.store.catalog import load_indicators, load_phases, load_plans, load_targets
from kpi.ingest.directory import Parents, UnitDirectory
from kpi.store.units import load_lineage
from kpi.units import REFORM_DATE, Unit, UnitCodeError, key_to_code, unit_key

_PERIOD_CODE = re.compile(r"\d{4}(?:-(?:H[12]|Q[1-4]|\d{2}|\d{4}|D\d+))?", re.I)
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_PARENT = re.compile(r"^(.*?)\s*(?:,\s*|\(\s*)([^,()]+?)\s*\)?$")


@lru_cache(maxsize=8192)
def fold_label(text: str, accents: bool = False) -> str:
    """Lower-case text with one kind of dash and single spaces, and by default
    no accents: the form headers and indicator names are compared in."""
    folded = normalize_tone_placement(unicodedata.normalize("NFC", str(text))).lower()
    folded = " ".join(_DASHES.sub(" - ", folded).split()).strip(" .:;*")
    return folded if accents else strip_accents(folded)


def chosen_unit(units: Mapping[str, Unit], text: str, period: Period | None) -> str:
    """The key of the unit an uploader picked by public code or key. A bare
    code names the unit of the code system in force at the end of `period`
    ('911' is vn2004:911 for 2021); raises UnitCodeError for an unknown unit."""
    text = str(text).strip()
    if text.isdigit():
        found = [k for k in (f"vn2025:{text}", f"vn2004:{text}") if k in units]
        valid = [k for k in found if period is None or units[k].is_valid_on(period.end)]
        if found:
            return (valid or found)[0]
    else:
        key = unit_key(text)
        if key in units:
            return key
    raise UnitCodeError(f"Không có đơn vị mã “{text}”")


@dataclass(frozen=True)
class UnitMatch:
    """A resolved unit key, or None with the reason; `note` is a warning to show
    even when the unit resolved (an old name taken through a rename)."""

    key: str | None
    message: str | None = None
    note: str | None = None


@dataclass
class Lookup:
    """The catalogue an upload is checked against (load with `Lookup.load`)."""

    indicators: dict[str, Indicator]
    units: Mapping[str, Unit]
    phases: dict[str, Period]
    windows: dict[str, list[tuple[dt.date, dt.date]]] = field(default_factory=dict)
    conn: Connection | None = None

    @classmethod
    def load(cls, conn: Connection) -> "Lookup":
        """Read indicators, units, lineage, phases, plans and targets from the store."""
        phases = phase_periods(load_phases(conn))
        plans = {p.code: p for p in load_plans(conn)}
        catalogue = load_indicators(conn)
        spans: dict[str, tuple[dt.date, dt.date]] = {}
        for plan in plans.values():
            try:
                period = parse_period(plan.period, phases)
            except PeriodError:
                continue
            spans[plan.code] = (period.start.replace(year=period.start.year - 1), period.end)
        windows: dict[str, list] = {}
        for target in load_targets(conn):
            span = spans.get(target.plan_code or "")
            if span is None:
                continue
            linked = {target.indicator_code}
            ind = catalogue.get(target.indicator_code)
            if ind is not None:  # the inputs a target's indicator is computed from
                linked |= {c for c in (ind.numerator, ind.denominator) if c}
                linked |= {c for c, i in catalogue.items() if i.parent == ind.code}
            for code in linked:
                if span not in windows.setdefault(code, []):
                    windows[code].append(span)
        everything = sorted(set(spans.values()))
        for code in catalogue:
            windows.setdefault(code, everything)
        return cls(catalogue, UnitDirectory(conn), phases, windows, conn)

    @cached_property
    def lineage(self) -> list[tuple[str, str, str]]:
        """(old key, new key, relation) edges of the 2025 reform (read when first needed)."""
        return load_lineage(self.conn) if self.conn is not None else []

    def prefetch(self, values: Iterable[object]) -> None:
        """Read in one query the units that cells typed as codes may name."""
        if not isinstance(self.units, UnitDirectory):
            return
        keys = set()
        for value in values:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            text = str(value).strip()
            if text.isdigit():
                keys |= {f"{system}:{code}" for system in ("vn2025", "vn2004")
                         for code in {text, *(text.zfill(n) for n in (2, 3, 5))}}
            elif ":" in text:
                keys.add(text.split(":", 1)[0].lower() + ":" + text.split(":", 1)[1].strip())
            elif text and " " not in text:
                keys |= {f"org:{text}", f"org:{text.upper()}"}
        self.units.prefetch(keys)

    # --- indicators -------------------------------------------------------------------------

    @cached_property
    def _indicator_names(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        accented, bare = {}, {}
        for code, ind in self.indicators.items():
            for name in {ind.name, ind.name_en or ind.name}:
                accented[fold_label(name, accents=True)] = code
                bare.setdefault(fold_label(name), []).append(code)
        return accented, bare

    @cached_property
    def _codes_folded(self) -> dict[str, str]:
        return {code.casefold(): code for code in self.indicators}

    def indicator(self, code: object, name: object) -> tuple[Indicator | None, str | None]:
        """The indicator a row names by `code` (preferred) or `name`; else (None, reason)."""
        code_text = "" if code in (None, "") else str(code).strip()
        if code_text:
            found = self._codes_folded.get(code_text.casefold())
            if found:
                return self.indicators[found], None
            return None, (f"Mã chỉ tiêu “{code_text}” không có trong danh mục. Hãy dùng đúng mã "
                          "trong mẫu báo cáo (lệnh `python -m kpi indicators` liệt kê các mã).")
        name_text = "" if name in (None, "") else str(name).strip()
        if not name_text:
            return None, "Dòng có số liệu nhưng thiếu mã và tên chỉ tiêu. Hãy ghi mã chỉ tiêu."
        accented, bare = self._indicator_names
        found = accented.get(fold_label(name_text, accents=True))
        if found is None and len(bare.get(fold_label(name_text), [])) == 1:
            found = bare[fold_label(name_text)][0]
        if found:
            return self.indicators[found], None
        guess = difflib.get_close_matches(fold_label(name_text), list(bare), n=1, cutoff=0.75)
        hint = ""
        if guess:
            code = bare[guess[0]][0]
            hint = f" Có phải “{self.indicators[code].name}” (mã {code})?"
        return None, (f"Không tìm thấy chỉ tiêu “{name_text}” trong danh mục.{hint} Hãy ghi đúng "
                      "tên như trong mẫu báo cáo, hoặc thêm cột “Mã chỉ tiêu”.")

    # --- periods ----------------------------------------------------------------------------

    def period(self, value: object) -> Period | None:
        """The period a cell or header names (code, label, a year number, a
        first-of-month date as Excel turns "6/2021" into), or None."""
        if value is None or value == "" or isinstance(value, bool):
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            day = value.date() if isinstance(value, dt.datetime) else value
            return parse_period(f"{day.year}-{day.month:02d}") if day.day == 1 else None
        if isinstance(value, (int, float)):
            if float(value).is_integer() and 1900 <= value <= 2200:
                return parse_period(str(int(value)))
            return None
        text = str(value).strip()
        try:
            if _PERIOD_CODE.fullmatch(text):
                return parse_period(text, self.phases)
            return parse_period_label(text, self.phases)
        except PeriodError:
            return None

    def in_plan(self, indicator_code: str, period: Period) -> bool:
        """True when a plan with a target for the indicator covers the period
        (or its baseline year); always True when no plan is stored."""
        spans = self.windows.get(indicator_code, [])
        return not spans or any(s <= period.start and period.end <= e for s, e in spans)

    def plan_span_text(self, indicator_code: str) -> str:
        """The years plans cover for the indicator: "2020–2025"."""
        spans = self.windows.get(indicator_code, [])
        return ", ".join(f"{s.year}–{e.year}" if s.year != e.year else str(s.year)
                         for s, e in sorted(spans))

    # --- units ------------------------------------------------------------------------------

    @cached_property
    def parents(self) -> Mapping[str, str | None]:
        """Unit key → parent key."""
        return Parents(self.units)

    @cached_property
    def _unit_names(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        # Built only when a file names units by name (some 14.000 units).
        accented: dict[str, list[str]] = {}
        bare: dict[str, list[str]] = {}
        for key, unit in self.units.items():
            accented.setdefault(fold_name(unit.name), []).append(key)
            bare.setdefault(match_key(unit.name, accents=False), []).append(key)
        return accented, bare

    def within(self, key: str, ancestor: str) -> bool:
        """True when unit `key` is `ancestor` or lies under it."""
        seen = 0
        current: str | None = key
        while current and seen < 10:
            if current == ancestor:
                return True
            current, seen = self.parents.get(current), seen + 1
        return False

    def valid_for(self, unit: Unit, period: Period) -> bool:
        """True when the unit existed at the end of the period (a term: at either end)."""
        return unit.is_valid_on(period.end) or (period.kind == "term"
                                                and unit.is_valid_on(period.start))

    def describe(self, key: str) -> str:
        """'Thành phố Phú Quốc (mã vn2004:911)'."""
        unit = self.units[key]
        return f"{unit.full_name} (mã {key_to_code(key)})"

    def unit(self, value: object, period: Period, context: str | None = None) -> UnitMatch:
        """Resolve a unit code or name for `period`; `context` is the uploader's chosen unit."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        if not text:
            return UnitMatch(None, "Thiếu tên hoặc mã đơn vị.")
        if ":" in text and text.split(":", 1)[0].lower() in ("vn2025", "vn2004", "org"):
            key = text.split(":", 1)[0].lower() + ":" + text.split(":", 1)[1].strip()
            return self._checked(key, text, period) if key in self.units else UnitMatch(
                None, f"Không có đơn vị mã “{text}”. Hãy kiểm tra lại mã đơn vị.")
        if text.isdigit():
            return self._by_code(text, period)
        for key in (f"org:{text}", f"org:{text.upper()}"):  # an agency's code
            if key in self.units:
                return self._checked(key, text, period)
        return self._by_name(text, period, context)

    def _checked(self, key: str, text: str, period: Period) -> UnitMatch:
        unit = self.units[key]
        if self.valid_for(unit, period):
            return UnitMatch(key)
        return self._reorganised(key, text, period)

    def _by_code(self, text: str, period: Period) -> UnitMatch:
        variants = [text] + [text.zfill(n) for n in (2, 3, 5) if len(text) < n]
        found = [f"{system}:{code}" for code in variants for system in ("vn2025", "vn2004")
                 if f"{system}:{code}" in self.units]
        valid = [k for k in found if self.valid_for(self.units[k], period)]
        if len(valid) == 1:
            return UnitMatch(valid[0])
        if len(valid) > 1:
            names = "; ".join(self.describe(k) for k in valid)
            return UnitMatch(None, f"Mã “{text}” có thể là nhiều đơn vị ({names}). Hãy ghi đủ mã.")
        if found:
            return self._reorganised(found[0], text, period)
        return UnitMatch(None, f"Không có đơn vị mã “{text}”. Hãy kiểm tra lại mã đơn vị.")

    def _by_name(self, text: str, period: Period, context: str | None) -> UnitMatch:
        name, parent = text, None
        match = _PARENT.match(text)
        if match and ("," in text or "(" in text):
            name, parent = match[1], match[2]
        accented, bare = self._unit_names
        keys = accented.get(fold_name(name)) or bare.get(match_key(name, accents=False), [])
        if parent:
            keys = [k for k in keys if self._parent_named(k, parent)]
        if not keys:
            return UnitMatch(None, f"Không tìm thấy đơn vị “{text}”. Hãy ghi mã đơn vị (ví dụ 91, "
                             "vn2004:911) hoặc tên đúng như danh mục hành chính.")
        valid = [k for k in keys if self.valid_for(self.units[k], period)]
        chosen = self._prefer(valid, context)
        if chosen:
            return UnitMatch(chosen)
        if valid:
            names = "; ".join(self.describe(k) for k in valid[:6])
            return UnitMatch(None, f"Tên “{text}” trùng với nhiều đơn vị: {names}. Hãy ghi mã đơn "
                             "vị, hoặc kèm tên đơn vị cấp trên (ví dụ “Châu Thành, Tây Ninh”).")
        old = self._prefer(keys, context) or keys[0]
        return self._reorganised(old, text, period)

    def _parent_named(self, key: str, parent: str) -> bool:
        parent_key = self.parents.get(key)
        return bool(parent_key) and fold_name(self.units[parent_key].name) == fold_name(parent)

    def _prefer(self, keys: list[str], context: str | None) -> str | None:
        if len(keys) == 1:
            return keys[0]
        if context:
            inside = [k for k in keys if self.within(k, context)]
            if len(inside) == 1:
                return inside[0]
        return None

    def _reorganised(self, key: str, text: str, period: Period) -> UnitMatch:
        """Explain (or, for a plain rename, follow) a unit not valid in the period."""
        unit, when = self.units[key], period_label(period)
        if unit.valid_to and unit.valid_to < period.end:
            after = [(n, rel) for o, n, rel in self.lineage if o == key]
            same = [(n, rel) for n, rel in after if self.units[n].level == unit.level]
            if len(same) == 1 and same[0][1] == "whole":
                successor = same[0][0]
                sources = [o for o, n, _ in self.lineage
                           if n == successor and self.units[o].level == unit.level]
                if sources == [key] and self.valid_for(self.units[successor], period):
                    return UnitMatch(successor, note=(
                        f"“{text}” nay là {self.describe(successor)}: số liệu {when} được ghi cho "
                        "đơn vị mới."))
            targets = "; ".join(self.describe(n) for n, _ in (same or after)[:5])
            reason = "đã được sắp xếp lại" if same else "không còn cấp hành chính này"
            return UnitMatch(None, (
                f"{self.describe(key)} {reason} từ {REFORM_DATE:%d/%m/%Y}"
                f"{' (nay thuộc: ' + targets + ')' if targets else ''}. Số liệu {when} phải ghi cho "
                "đơn vị đang tồn tại trong kỳ đó: hãy ghi mã hoặc tên đơn vị mới."))
        before = [o for o, n, _ in self.lineage if n == key and self.units[o].level == unit.level]
        olds = "; ".join(self.describe(o) for o in before[:5])
        start = f"{unit.valid_from:%d/%m/%Y}" if unit.valid_from else "sau kỳ này"
        return UnitMatch(None, (
            f"{self.describe(key)} có từ ngày {start}, chưa tồn tại trong {when}. Số liệu kỳ đó "
            f"ghi cho đơn vị cũ{': ' + olds if olds else ''}."))
