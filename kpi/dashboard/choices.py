"""What the shared filters offer: plans, periods by kind, localities by level, fields.

Periods are those the stored plans cover — each year with its halves,
quarters and months, the plans' terms and emulation phases — labelled the
Vietnamese way. Localities are the units that have targets or values, with
their ancestors so a leader can start from the province and drill down.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import Connection

from kpi.dashboard.statuses import Catalog, load_catalog
from kpi.indicators import GROUPS, group_label
from kpi.names import vi_sort_key
from kpi.periods import Period, PeriodError, parse_period, period_label, previous_period
from kpi.periods import same_period_last_year, subperiods
from kpi.store.queries import (
    child_units, lineage, target_indicators, units_by_key, units_with_targets, units_with_values,
)
from kpi.units import LEVEL_LABELS, REFORM_DATE, Unit

PERIOD_KINDS = ("year", "half", "quarter", "month", "phase", "term")
KIND_LABELS = {
    "year": {"vi": "Năm", "en": "Year"},
    "half": {"vi": "6 tháng", "en": "Half-year"},
    "quarter": {"vi": "Quý", "en": "Quarter"},
    "month": {"vi": "Tháng", "en": "Month"},
    "phase": {"vi": "Đợt thi đua", "en": "Emulation phase"},
    "term": {"vi": "Cả giai đoạn", "en": "Plan term"},
}
LEVELS = ("province", "district", "commune", "agency")
COMPARISONS = {
    "previous": {"vi": "Kỳ trước", "en": "Previous period"},
    "last_year": {"vi": "Cùng kỳ năm trước", "en": "Same period last year"},
}


@dataclass(frozen=True)
class Locality:
    """A unit the filters offer; `label` marks units the 2025 reform ended."""

    key: str
    label: str
    level: str
    parent_key: str | None
    has_targets: bool
    valid_to: dt.date | None = None


def _lang(lang: str) -> str:
    return lang if lang in ("vi", "en") else "vi"


def plan_years(catalog: Catalog, plan_code: str | None = None) -> list[int]:
    """The years the stored plans (or one plan) cover, in order."""
    years: set[int] = set()
    for plan in catalog.plans:
        if plan_code and plan.code != plan_code:
            continue
        span = parse_period(plan.period)
        years.update(range(span.start.year, span.end.year + 1))
    return sorted(years)


def period_options(catalog: Catalog, kind: str, lang: str = "vi",
                   plan_code: str | None = None) -> list[tuple[str, str]]:
    """(code, label) of every period of `kind` the plans cover, in time order.

    Raises ValueError for an unknown kind.
    """
    if kind not in PERIOD_KINDS:
        raise ValueError(f"Loại kỳ không hợp lệ: '{kind}' (cho phép: {', '.join(PERIOD_KINDS)})")
    lang = _lang(lang)
    if kind == "phase":
        phases = [p for p in catalog.phases.values()
                  if not plan_code or p.start.year in plan_years(catalog, plan_code)]
        return [(p.code, period_label(p, lang)) for p in sorted(phases, key=lambda p: p.sort_key)]
    if kind == "term":
        terms = sorted({plan.period for plan in catalog.plans
                        if parse_period(plan.period).kind == "term"
                        and (not plan_code or plan.code == plan_code)})
        return [(code, period_label(code, lang)) for code in terms]
    periods: list[Period] = []
    for year in plan_years(catalog, plan_code):
        whole = parse_period(str(year))
        periods += [whole] if kind == "year" else subperiods(whole, kind)
    return [(p.code, period_label(p, lang)) for p in periods]


def available_kinds(catalog: Catalog, plan_code: str | None = None) -> list[str]:
    """The period kinds that have at least one option."""
    return [k for k in PERIOD_KINDS if period_options(catalog, k, plan_code=plan_code)]


def default_period(catalog: Catalog, today: dt.date, plan_code: str | None = None) -> str | None:
    """The latest covered year not after this one (else the first covered year)."""
    years = plan_years(catalog, plan_code)
    if not years:
        return None
    past = [y for y in years if y <= today.year]
    return str(past[-1] if past else years[0])


def compare_period(period: Period, how: str, catalog: Catalog) -> Period | None:
    """The period to compare with: "previous" (the period just before; for a
    phase the phase before it) or "last_year" (the same period a year
    earlier). None when there is none (a term has no same period last year)."""
    try:
        if how == "last_year":
            return same_period_last_year(period)
        if period.kind == "phase":
            earlier = [p for p in catalog.phases.values() if p.end < period.start]
            return max(earlier, key=lambda p: p.end) if earlier else None
        return previous_period(period)
    except PeriodError:
        return None


def localities(conn: Connection) -> list[Locality]:
    """Units with targets or values, with their ancestors, in tree order
    (each unit followed by its children, names in Vietnamese order)."""
    targeted = dict(units_with_targets(conn))
    with_target_keys = {u.key for u in targeted.values()}
    found: dict[str, Unit] = {u.key: u for u in targeted.values()}
    children = child_units(conn, list(targeted))
    reporting = units_with_values(conn, [uid for uid, _u in children])
    found.update({u.key: u for uid, u in children if uid in reporting})
    # Today's units that took over targeted ones: their page shows the history.
    successors = {new for _old, new, _rel in lineage(conn, out_of=list(targeted))}
    found.update({key: unit for key, (_id, unit) in units_by_key(conn, successors).items()})
    missing = {u.parent_key for u in found.values() if u.parent_key and u.parent_key not in found}
    while missing:
        parents = {key: unit for key, (_id, unit) in units_by_key(conn, missing).items()}
        found.update(parents)
        missing = {u.parent_key for u in parents.values()
                   if u.parent_key and u.parent_key not in found}
    return _tree_order(found, with_target_keys)


def _tree_order(found: dict[str, Unit], targeted: set[str]) -> list[Locality]:
    by_parent: dict[str | None, list[Unit]] = {}
    for unit in found.values():
        parent = unit.parent_key if unit.parent_key in found else None
        by_parent.setdefault(parent, []).append(unit)
    ordered: list[Locality] = []

    def visit(parent: str | None) -> None:
        kids = sorted(by_parent.get(parent, []), key=lambda u: (
            LEVELS.index(u.level) if u.level in LEVELS else 9, u.key not in targeted,
            vi_sort_key(u.name)))
        for unit in kids:
            ordered.append(Locality(unit.key, unit.label(), unit.level, unit.parent_key,
                                    unit.key in targeted, unit.valid_to))
            visit(unit.key)

    visit(None)
    return ordered


def level_options(places: Sequence[Locality], lang: str = "vi") -> list[tuple[str, str]]:
    """(level, label) of the levels among `places`, top level first."""
    present = {p.level for p in places}
    return [(level, LEVEL_LABELS[level][_lang(lang)]) for level in LEVELS if level in present]


def default_locality(places: Sequence[Locality]) -> str | None:
    """The first top-level unit with targets (else the first unit)."""
    for place in places:
        if place.has_targets and place.level == "province":
            return place.key
    for place in places:
        if place.has_targets:
            return place.key
    return places[0].key if places else None


@dataclass(frozen=True)
class Options:
    """Everything the shared filters offer, read once per data version."""

    catalog: Catalog
    localities: list[Locality]

    def locality(self, key: str) -> Locality | None:
        """The locality with this key, or None."""
        return next((p for p in self.localities if p.key == key), None)


def load_options(conn: Connection) -> Options:
    """The catalogue and the localities (kpi.dashboard.statuses.load_catalog, `localities`)."""
    return Options(load_catalog(conn), localities(conn))


def indicator_options(conn: Connection, catalog: Catalog, unit_key: str,
                      plan_code: str | None = None, lang: str = "vi") -> list[tuple[str, str]]:
    """(code, name) of the indicators with a target for the unit, the units it
    was made of, or its children (of one plan), in the order the plans list
    them; every indicator, by field then name, when there is none."""
    found = units_by_key(conn, [unit_key])
    ids = []
    if unit_key in found:
        uid = found[unit_key][0]
        olds = {old for old, _new, _rel in lineage(conn, into=[uid])}
        ids = [uid] + [i for i, _u in units_by_key(conn, olds).values()]
        ids += [i for i, _u in child_units(conn, ids)]
    code_of = {i: c for c, i in catalog.indicator_ids.items()}
    codes = [code_of[i] for i in target_indicators(conn, ids, plan_code) if i in code_of]
    if not codes:
        groups = list(GROUPS)
        codes = sorted(catalog.indicators, key=lambda c: (
            groups.index(catalog.indicators[c].group),
            vi_sort_key(catalog.indicators[c].display_name(lang))))
    return [(c, catalog.indicators[c].display_name(lang)) for c in codes]


def group_options(lang: str = "vi") -> list[tuple[str, str]]:
    """(code, heading) of the fields in report order."""
    return [(code, group_label(code, lang)) for code in GROUPS]


def before_reform(period: Period) -> bool:
    """True when the period starts before the 2025 reform took effect."""
    return period.start < REFORM_DATE
