"""Plausible reported values for the demo, built from the story in scenario.json.

scenario.json tells the story (yearly totals and rates for Kiên Giang, pins for
Phú Quốc); generate_demo_actuals turns it into reports, deterministically
(random.Random(seed) only):

- Units report while valid: a unit reports a period whose last day falls inside
  its validity. vn2004 series stop at 2025-06 / 2025-Q2 / 2025-H1 and have no
  2025 year value; the vn2025 successors report July–December 2025 and the full
  year 2025 (which, as such reports do, includes the predecessors' first half).
- Values are built bottom-up: district values sum exactly to the province and
  sub-periods to the year; a rate is Σ numerator / Σ denominator × scale at
  every unit, never a mean of rates.
- Each unit files one report per period with all its indicators of that
  frequency. A sub-year report comes as `uoc` on day 18–26 of the period's last
  month, then `so_bo` 3–14 days after the period; a year report as `uoc`
  (8–20 December), `so_bo` (10–40 days after) and `chinh_thuc` (75–110 days
  after). Some reports keep their estimate, some get a second revision with a
  changed value, some are late. The last revision carries the final value, so
  sums and ratios hold exactly for the values that count.
- A report is late when its first revision arrives after report_deadline().

Periods are kpi.periods codes ("2021", "2021-H1", "2021-Q3", "2021-06").
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Sequence

from kpi.demo_data import PHU_QUOC_KEY, PROVINCE_KEY, DemoCatalog, DemoUnit, demo_agency_units
from kpi.periods import Period, parse_period, previous_period, subperiods

YEARS = tuple(range(2020, 2026))
# Unit and commune counts start a year earlier, so that 2020 has a count of
# communes newly up to standard.
_COUNT_YEARS = ("2019",) + tuple(str(y) for y in YEARS)
GRACE_DAYS = {"month": 15, "quarter": 20, "half": 30, "year": 45}
_SUB_YEAR_KINDS = ("month", "quarter", "half")
_AUTHORS = ("Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Hồng", "Phạm Minh Tuấn", "Huỳnh Thị Mai",
            "Võ Văn Phúc", "Đặng Thị Thu", "Bùi Quốc Khánh", "Dương Thị Ngọc", "Lâm Văn Tài",
            "Trương Thị Kim", "Đỗ Thanh Sơn")


@dataclass(frozen=True)
class DemoActual:
    """One revision of a reported value, in the indicator's measure (1/0 for a yes/no duty)."""

    indicator_code: str
    unit_key: str
    period: str
    value: float
    standing: str  # uoc | so_bo | chinh_thuc
    revision: int
    reported_on: date
    author: str
    note: str | None = None


@lru_cache(maxsize=None)
def _period(code: str) -> Period:
    # The generator asks about the same few hundred codes tens of thousands of times.
    return parse_period(code)


def report_deadline(period: str) -> date:
    """Last on-time day for the first report of `period` (a year, half, quarter or month code).

    The period's last day plus GRACE_DAYS of its kind: 15 days for a month, 20
    for a quarter, 30 for a half, 45 for a year. Raises PeriodError for a code
    kpi.periods cannot read, KeyError for a term.
    """
    p = _period(period)
    return p.end + timedelta(days=GRACE_DAYS[p.kind])


def _months(part: Period) -> range:
    """The month numbers (1–12) a sub-year period covers."""
    return range(part.start.month, part.end.month + 1)


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """Integers proportional to weights that add up to `total` exactly (largest remainders)."""
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [1.0] * len(weights)
    mass = sum(weights)
    raw = [total * w / mass for w in weights]
    parts = [int(r // 1) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _split_capped(total: int, weights: Sequence[float], caps: Sequence[int]) -> list[int]:
    """Like _split, but no part above its cap; the overflow goes to parts with room left."""
    parts = _split(total, weights)
    for _ in range(len(parts) + 1):
        over = sum(max(0, p - c) for p, c in zip(parts, caps))
        if over == 0:
            break
        parts = [min(p, c) for p, c in zip(parts, caps)]
        room = [c - p for p, c in zip(parts, caps)]
        parts = [p + a for p, a in zip(parts, _split(min(over, sum(room)), room))]
    return parts


class _Story:
    """The truth being built: final values in integer ticks of each indicator's last decimal."""

    def __init__(self, catalog: DemoCatalog, units: Sequence[DemoUnit], rng: random.Random):
        self.rng = rng
        self.scenario = catalog.scenario
        self.ind = {row["code"]: row for row in catalog.indicators}
        self.units = {u.key: u for u in list(units) + demo_agency_units(catalog)}
        self.province = PROVINCE_KEY if PROVINCE_KEY in self.units else None
        self.districts = sorted(k for k, u in self.units.items() if self.province and u.parent_key == self.province)
        self.pq = PHU_QUOC_KEY if PHU_QUOC_KEY in self.districts else None
        self.communes = sorted(k for k, u in self.units.items() if self.pq and u.parent_key == self.pq)
        self.truth: dict[tuple[str, str, str], int] = {}
        self.notes: dict[tuple[str, str, str], str] = {}
        self.parents: dict[str, list[str]] = {}
        for row in catalog.indicators:
            if row["parent"]:
                self.parents.setdefault(row["parent"], []).append(row["code"])
        self.ratios = {r["code"]: (r["numerator"], r["denominator"], r["scale"] or 1.0)
                       for r in catalog.indicators if r["aggregation"] == "ratio" and r["numerator"]}

    def ticks(self, code: str, value: float) -> int:
        return round(value * 10 ** (self.ind[code]["decimals"] or 0))

    def value(self, code: str, ticks: int) -> float:
        d = self.ind[code]["decimals"] or 0
        return round(ticks / 10 ** d, d) if d else float(ticks)

    def put(self, code: str, unit: str, period: str, ticks: int) -> None:
        self.truth[(code, unit, period)] = ticks

    def get(self, code: str, unit: str, period: str) -> int | None:
        """Final ticks of a cell; a parent with no value of its own is the sum of its components."""
        ticks = self.truth.get((code, unit, period))
        if ticks is None and code in self.parents:
            parts = [self.truth.get((part, unit, period)) for part in self.parents[code]]
            ticks = sum(parts) if None not in parts else None
        return ticks

    def pinned_pq(self, spec: dict, year: str) -> float | None:
        """Phú Quốc's figure for a year: pinned, else the last pinned one moved in step with the province."""
        pins = spec.get("pq", {})
        earlier = [y for y in pins if y <= year]
        if not earlier:
            return None
        last = max(earlier)
        return pins[last] * spec["province"][year] / spec["province"][last]

    def reporters(self, spec: dict) -> list[str]:
        chosen = spec.get("reporters", "districts")
        if chosen == "province":
            return []
        if chosen == "districts":
            return list(self.districts)
        return [d for d in self.districts if d.split(":")[1] in chosen]

    def commune_weight(self, key: str) -> float:
        return self.scenario["commune_weights"].get(key.split(":")[1], 1.0 / max(len(self.communes), 1))

    def spread(self, keys: Sequence[str], width: float) -> dict[str, float]:
        """A fixed relative offset per unit, so a district stays above or below the average."""
        return {k: 1 + width * self.rng.uniform(-1, 1) for k in keys}


def _amount(story: _Story, code: str, spec: dict) -> None:
    """An additive quantity: Phú Quốc pinned, the other reporting districts share the rest of the province."""
    reporters = story.reporters(spec)
    others = [d for d in reporters if d != story.pq]
    weights = {d: story.rng.uniform(0.5, 1.5) for d in others}
    for y in map(str, YEARS):
        total = story.ticks(code, spec["province"][y])
        if story.province and not reporters:
            story.put(code, story.province, y, total)
            continue
        parts = {}
        if story.pq in reporters:
            pinned = story.pinned_pq(spec, y)
            parts[story.pq] = story.ticks(code, pinned) if pinned is not None else round(total * spec["pq_share"])
        drift = [weights[d] * story.rng.uniform(0.97, 1.03) for d in others]
        parts.update(zip(others, _split(total - sum(parts.values()), drift)))
        for d, t in parts.items():
            story.put(code, d, y, t)
        if story.province:
            story.put(code, story.province, y, sum(parts.values()))
        if spec.get("communes") and story.pq in parts and story.communes:
            noisy = [story.commune_weight(c) * story.rng.uniform(0.95, 1.05) for c in story.communes]
            for c, t in zip(story.communes, _split(parts[story.pq], noisy)):
                story.put(code, c, y, t)


def _rate(story: _Story, code: str, spec: dict) -> None:
    """Numerator of spec["ratio"], so that the province and Phú Quốc land on the scenario's rates."""
    ratio = story.ind[spec["ratio"]]
    den, scale, top = ratio["denominator"], ratio["scale"] or 1.0, ratio["max_value"]

    def need(rate: float, unit: str, y: str) -> int:
        return story.ticks(code, rate / scale * story.value(den, story.get(den, unit, y)))

    def allocate(total: int, units: list[str], fixed: dict[str, float], y: str) -> dict[str, int]:
        nums = {u: need(r, u, y) for u, r in fixed.items() if u in units}
        free = [u for u in units if u not in nums]
        caps = [need(top, u, y) if top is not None else 10 ** 18 for u in free]
        weights = [offsets[u] * story.get(den, u, y) for u in free]
        nums.update(zip(free, _split_capped(total - sum(nums.values()), weights, caps)))
        return nums

    offsets = story.spread(story.districts + story.communes, spec.get("spread", 0.1))
    offsets.update({f"vn2004:{c}": f for c, f in spec.get("offsets", {}).items()})
    commune_rates = {f"vn2004:{c}": r for c, r in spec.get("commune_rates", {}).items()}
    for y in map(str, YEARS):
        if not story.province or story.get(den, story.province, y) is None:
            continue
        total = need(spec["province"][y], story.province, y)
        districts = [d for d in story.districts if story.get(den, d, y) is not None]
        pq_rate = story.pinned_pq(spec, y)
        nums = allocate(total, districts, {story.pq: pq_rate} if pq_rate is not None and story.pq else {}, y)
        nums.update(allocate(nums[story.pq], [c for c in story.communes if story.get(den, c, y) is not None],
                             commune_rates, y) if spec.get("communes") and story.pq in nums else {})
        nums[story.province] = total if not districts else sum(nums[d] for d in districts)
        for unit, ticks in nums.items():
            story.put(code, unit, y, ticks)
            note = spec.get("commune_notes", {}).get(unit.split(":")[1])
            if note:
                story.notes[(code, unit, y)] = note


def _unit_counts(story: _Story) -> None:
    """TOTAL_COMMUNES, TOTAL_RURAL_COMMUNES and TOTAL_DISTRICTS: the capacity of the flag counts."""
    table = story.scenario["district_communes"]
    for y in _COUNT_YEARS:
        for d in story.districts:
            total, rural = table.get(d.split(":")[1], (10, 9))
            if d == story.pq and story.communes:
                total = len(story.communes)
                rural = sum(story.units[c].type == "Xã" for c in story.communes)
                for c in story.communes:
                    story.put("TOTAL_COMMUNES", c, y, 1)
                    story.put("TOTAL_RURAL_COMMUNES", c, y, int(story.units[c].type == "Xã"))
            story.put("TOTAL_COMMUNES", d, y, total)
            story.put("TOTAL_RURAL_COMMUNES", d, y, rural)
        if story.province:
            for code in ("TOTAL_COMMUNES", "TOTAL_RURAL_COMMUNES"):
                story.put(code, story.province, y, sum(story.get(code, d, y) for d in story.districts))
            story.put("TOTAL_DISTRICTS", story.province, y, len(story.districts))


def _flags(story: _Story, code: str, spec: dict) -> None:
    """Counts of communes meeting a standard: Phú Quốc's communes by year, other districts growing monotonically."""
    years = _COUNT_YEARS
    first = spec["pq_communes"]
    pq_count = {}
    for y in years:
        flags = {c: int(first.get(c.split(":")[1], 9999) <= int(y)) for c in story.communes}
        for c, flag in flags.items():
            story.put(code, c, y, flag * story.get(spec["capacity"], c, y))
        pq_count[y] = (sum(flags.values()) if story.communes else sum(int(v) <= int(y) for v in first.values())) \
            if story.pq else 0
    others = [d for d in story.districts if d != story.pq]
    room = {d: story.get(spec["capacity"], d, "2019") for d in others}
    totals = {y: (spec["before"] if y == "2019" else spec["province"][y]) - pq_count.get(y, 0) for y in years}
    counts = dict(zip(others, _split_capped(totals["2019"], [room[d] for d in others], [room[d] for d in others])))
    for y in years:
        for _ in range(totals[y] - sum(counts.values())):
            open_ = [d for d in others if counts[d] < room[d]]
            if open_:
                pick = story.rng.choices(open_, [room[d] - counts[d] for d in open_])[0]
                counts[pick] += 1
        for d in others:
            story.put(code, d, y, counts[d])
        if story.pq:
            story.put(code, story.pq, y, pq_count[y])
        if story.province:
            story.put(code, story.province, y, sum(story.get(code, d, y) for d in story.districts))
    if spec.get("new"):
        for (c, unit, y), t in list(story.truth.items()):
            if c == code and y != "2019":
                story.put(spec["new"], unit, y, t - story.get(code, unit, str(int(y) - 1)))


def _district_flags(story: _Story, code: str, spec: dict) -> None:
    for y in map(str, YEARS):
        for d in story.districts:
            story.put(code, d, y, int(spec["districts"].get(d.split(":")[1], 9999) <= int(y)))
        if story.province:
            story.put(code, story.province, y, sum(story.get(code, d, y) for d in story.districts))


def _pinned(story: _Story, code: str, spec: dict) -> None:
    for unit, by_year in spec["values"].items():
        if unit in story.units:
            for y, v in by_year.items():
                story.put(code, unit, y, story.ticks(code, v))


def _agency_pairs(story: _Story, code: str, spec: dict) -> None:
    for unit, by_year in spec["values"].items():
        if unit in story.units:
            for y, (total, part) in by_year.items():
                story.put(code, unit, y, total)
                story.put(spec["numerator"], unit, y, part)


def _sub_year(story: _Story, code: str, spec: dict) -> None:
    """Split year values into the indicator's months, quarters or halves; the province sums its districts."""
    freq = story.ind[code]["frequency"]
    if freq not in _SUB_YEAR_KINDS or spec["kind"] != "amount":
        return
    season = story.scenario["seasons"][spec.get("season", "flat")]
    shocks = story.scenario["shocks"].get(spec.get("shock", ""), {})
    reporters = story.reporters(spec) or ([story.province] if story.province else [])
    for y in map(str, YEARS):
        parts = subperiods(_period(y), freq)
        for unit in reporters:
            shock = shocks.get(y, {})
            weights = [season[m - 1] * shock.get(str(m), 1.0) * story.rng.uniform(0.94, 1.06)
                       for m in range(1, 13)]
            monthly = _split(story.get(code, unit, y), weights)
            for part in parts:
                story.put(code, unit, part.code, sum(monthly[m - 1] for m in _months(part)))
        if story.province and reporters != [story.province]:
            for part in parts:
                story.put(code, story.province, part.code,
                          sum(story.get(code, d, part.code) for d in reporters))


def _successors(story: _Story) -> None:
    """Year 2025 on the vn2025 units, and July–December for flows reported below the year."""
    for unit, values in story.scenario["successors"].items():
        if unit not in story.units:
            continue
        for code, v in values.items():
            ticks = story.ticks(code, v)
            story.put(code, unit, "2025", ticks)
            freq = story.ind[code]["frequency"]
            if story.ind[code]["temporal"] != "flow" or freq not in _SUB_YEAR_KINDS:
                continue
            spec = story.scenario["series"].get(code, {})
            season = story.scenario["seasons"][spec.get("season", "flat")]
            # The successors exist from July: they report the second half's share of the year.
            noisy = [w * story.rng.uniform(0.94, 1.06) for w in season[6:]]
            monthly = _split(round(ticks * sum(season[6:]) / sum(season)), noisy)
            for part in subperiods(_period("2025-H2"), freq):
                story.put(code, unit, part.code, sum(monthly[m - 7] for m in _months(part)))
            story.notes[(code, unit, "2025")] = "Cả năm 2025 gồm số liệu 6 tháng đầu năm của các đơn vị trước sắp xếp"


_BUILDERS = {"amount": _amount, "rate": _rate, "flags": _flags, "district_flags": _district_flags,
             "pinned": _pinned, "agency_pairs": _agency_pairs, "growth": lambda *a: None}


def _layers(rng: random.Random, period: str) -> list[tuple[str, date, str | None]]:
    """(standing, reported_on, note) of each revision of one report; the last carries the final values."""
    end, deadline = _period(period).end, report_deadline(period)
    roll = rng.random()
    late = (deadline + timedelta(days=rng.randint(1, 30)), f"Nộp muộn (hạn {deadline:%d/%m/%Y})")
    fixed = "Điều chỉnh sau rà soát số liệu"
    if _period(period).kind == "year":
        uoc = ("uoc", date(end.year, 12, rng.randint(8, 20)), None)
        so_bo = ("so_bo", end + timedelta(days=rng.randint(10, 40)), None)
        official = ("chinh_thuc", end + timedelta(days=rng.randint(75, 110)), None)
        if roll < 0.06:
            return [("so_bo", *late), ("chinh_thuc", late[0] + timedelta(days=rng.randint(45, 75)), None)]
        if roll < 0.16:
            return [uoc, so_bo, official, ("chinh_thuc", end + timedelta(days=rng.randint(130, 200)), fixed)]
        return [uoc, so_bo, official]
    uoc = ("uoc", date(end.year, end.month, 1) + timedelta(days=rng.randint(17, 25)), None)
    so_bo = ("so_bo", end + timedelta(days=rng.randint(3, 14)), None)
    if roll < 0.05:
        return [("so_bo", *late)]
    if roll < 0.15:
        return [uoc]  # the estimate stood: nobody sent a preliminary figure
    if roll < 0.23:
        return [uoc, so_bo, ("so_bo", end + timedelta(days=rng.randint(20, 60)), fixed)]
    return [uoc, so_bo]


def _perturb(story: _Story, values: dict[str, float], period: str) -> dict[str, float]:
    """An earlier, less accurate version of a report's base values; counts and yes/no duties stay exact."""
    series = story.scenario["series"]
    out = {}
    for code, v in values.items():
        kind = series.get(code, {}).get("kind")
        if kind not in ("amount", "rate"):
            out[code] = v
            continue
        row = story.ind[code]
        sigma = 0.04 if _period(period).kind != "year" else 0.015 if row["temporal"] == "flow" else 0.004
        out[code] = max(0.0, round(v * (1 + story.rng.gauss(0, sigma)), row["decimals"] or 0))
    for code, v in list(out.items()):
        spec = series.get(code, {})
        if spec.get("kind") != "rate" or story.ind[spec["ratio"]]["max_value"] is None:
            continue
        _, den, scale = story.ratios[spec["ratio"]]
        if den in out:  # an estimate may not push a rate past its ceiling (enrolment above 100 %)
            d = story.ind[code]["decimals"] or 0
            limit = math.floor(out[den] * story.ind[spec["ratio"]]["max_value"] / scale * 10 ** d) / 10 ** d
            out[code] = min(v, limit)
    return out


def _derive(story: _Story, values: dict[str, float], unit: str, period: str) -> dict[str, float]:
    """Add parents (sums of components), ratios (num / den × scale) and growth rates to a report's values."""
    out = dict(values)
    for parent, parts in story.parents.items():
        if parent not in out and all(p in out for p in parts):
            out[parent] = round(sum(out[p] for p in parts), story.ind[parent]["decimals"] or 0)
    for code, (num, den, scale) in story.ratios.items():
        if code in out or num not in out or not out.get(den):
            continue
        if story.ind[num]["aggregation"] == "count" and story.units[unit].level == "commune":
            continue  # a commune is or is not up to standard: a 0 % / 100 % rate says nothing more
        out[code] = round(out[num] / out[den] * scale, story.ind[code]["decimals"] or 0)
    year = _period(period)
    for code, spec in story.scenario["series"].items():
        if spec["kind"] != "growth" or code in out or spec["of"] not in out or year.kind != "year":
            continue
        before = story.get(spec["of"], unit, previous_period(year).code)
        # The story starts in YEARS[0]; the province's year before comes from the scenario.
        prev = story.value(spec["of"], before) if before is not None else (
            spec.get("previous") if unit == story.province and year.start.year == YEARS[0] else None)
        if prev:
            out[code] = round((out[spec["of"]] / prev - 1) * 100, story.ind[code]["decimals"] or 0)
    return out


def _emit(story: _Story) -> list[DemoActual]:
    """The truth as reports: one per unit and period, each with its revisions, sorted."""
    reports: dict[tuple[str, str], dict[str, float]] = {}
    missing = {(m["unit"], m["period"], code) for m in story.scenario["missing"] for code in m["indicators"]}
    for (code, unit, period), ticks in story.truth.items():
        if (_period(period).start.year < YEARS[0] or unit not in story.units
                or not story.units[unit].reports(period)):
            continue
        if (unit, period, code) not in missing:
            reports.setdefault((unit, period), {})[code] = story.value(code, ticks)
    authors = {unit: story.rng.choice(_AUTHORS) for unit in sorted(story.units)}
    rows = []
    for unit, period in sorted(reports):
        final = reports[(unit, period)]
        layers = _layers(story.rng, period)
        for revision, (standing, day, note) in enumerate(layers, start=1):
            last = revision == len(layers)
            values = _derive(story, final if last else _perturb(story, final, period), unit, period)
            for code in sorted(values):
                rows.append(DemoActual(code, unit, period, float(values[code]), standing, revision, day,
                                       authors[unit], story.notes.get((code, unit, period), note)))
    return rows


def generate_demo_actuals(catalog: DemoCatalog, units: Sequence[DemoUnit], seed: int = 2021) -> list[DemoActual]:
    """Plausible reported values, 2020–2025, for `units` and the catalogue's agencies.

    Deterministic for a given seed. Units outside Kiên Giang, Phú Quốc's
    communes and the vn2025 successors named in the scenario get no values.
    Rows come sorted by unit, period, revision and indicator code.
    """
    story = _Story(catalog, units, random.Random(seed))
    _unit_counts(story)
    for code, spec in catalog.scenario["series"].items():
        _BUILDERS[spec["kind"]](story, code, spec)
    for code, spec in catalog.scenario["series"].items():
        _sub_year(story, code, spec)
    _successors(story)
    return _emit(story)
