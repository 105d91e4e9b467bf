"""A stored block's ranking: registered targets' statuses, reports, council scores.

`load_block_state` reads what a block's scoring needs from the store and
judges the reports; `load_ranking` scores and ranks the members and looks up
last year's ranks (the block of the same series, the year before).
`ranking_payload` is the JSON the CLI prints. Values reported after `as_of`
are ignored everywhere, so a past day can be replayed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from kpi.config import load_settings
from kpi.emulation.blocks import Block, BlockError
from kpi.emulation.calendar import WorkCalendar
from kpi.emulation.discipline import (
    REPORT_KINDS, ReportCheck, ReportDeadline, check_reports, expected_indicators,
)
from kpi.emulation.registration import registered_targets
from kpi.emulation.scheme import Scheme, parse_scheme
from kpi.emulation.scoring import MemberInput, MemberScore, TargetResult, score_block
from kpi.periods import parse_period, today_vn
from kpi.scorecard import build_scorecard, phase_periods, scorecard_records
from kpi.store.actuals import load_actuals
from kpi.store.blocks import load_blocks, load_council_scores, load_scheme
from kpi.store.catalog import load_deadlines, load_indicators, load_phases
from kpi.store.units import load_units
from kpi.units import Unit, key_to_code


def unit_display_name(unit: Unit) -> str:
    """An agency by its own name ("Sở Y tế"), other units with their type."""
    return unit.name if unit.level == "agency" else unit.full_name


@dataclass(frozen=True)
class BlockState:
    """What scoring a block needs, read from the store as of a day."""

    block: Block
    scheme: Scheme
    as_of: dt.date
    names: dict[str, str]
    inputs: list[MemberInput]
    checks: list[ReportCheck]
    deadlines: list[ReportDeadline]


@dataclass(frozen=True)
class BlockRanking:
    """Members by rank, with last year's ranks by unit key (when there was a ranking)."""

    state: BlockState
    members: list[MemberScore]
    previous_ranks: dict[str, int]
    previous_block: str | None

    def change(self, unit_key: str) -> int | None:
        """Places gained since last year (positive = up), None when not ranked then."""
        before = self.previous_ranks.get(unit_key)
        now = next((m.rank for m in self.members if m.unit_key == unit_key), None)
        return None if before is None or now is None else before - now


def list_blocks(engine: Engine) -> list[Block]:
    """Every stored block, newest year first."""
    with engine.connect() as conn:
        return sorted(load_blocks(conn), key=lambda b: (-b.year, b.code))


def block_label(block: Block, lang: str = "vi") -> str:
    """"Khối thi đua Khối 8 — năm 2021 (K8-TV-2021)"."""
    return f"{block.name} — {'năm' if lang == 'vi' else 'year'} {block.year} ({block.code})"


def find_block(engine: Engine, code: str) -> Block:
    """The stored block with `code`. Raises BlockError (Vietnamese) when there is none."""
    with engine.connect() as conn:
        found = load_blocks(conn, code)
    if not found:
        raise BlockError(f"Không có khối thi đua mã “{code}”: xem danh sách bằng "
                         "python -m kpi blocks.")
    return found[0]


def load_block_state(engine: Engine, block_code: str, *, as_of: dt.date | None = None,
                     calendar: WorkCalendar | None = None) -> BlockState:
    """Read and judge a block as of `as_of` (default today in Vietnam).

    Raises BlockError for an unknown block, SchemeError for a stored scheme
    that is not valid, HolidayTableError when a deadline's year is missing
    from the holiday table.
    """
    as_of = as_of or today_vn()
    block = find_block(engine, block_code)
    with engine.connect() as conn:
        scheme = parse_scheme(load_scheme(conn, block.code))
        targets = registered_targets(conn, block)
        indicators = load_indicators(conn)
        units = {u.key: u for u in load_units(conn, block.members)}
        phases = phase_periods(load_phases(conn))
        codes = {t.indicator_code for ts in targets.values() for t in ts}
        records = load_actuals(conn, unit_keys=block.members, indicator_codes=codes) if codes else []
        council = load_council_scores(conn, block.code)
        deadlines = [
            ReportDeadline(d.code, d.what, d.period, d.due, d.kind)
            for d in load_deadlines(conn)
            if d.plan_code == block.plan_code and d.kind in REPORT_KINDS and d.due and d.period
        ]
    names = {key: unit_display_name(units[key]) for key in block.members}
    frequencies = {code: ind.frequency for code, ind in indicators.items()}
    expected = {
        (unit, d.period): expected_indicators(d.period, [t.indicator_code for t in targets[unit]],
                                              frequencies)
        for unit in block.members for d in deadlines
    }
    checks = check_reports(block.members, deadlines, expected, records, as_of, calendar)
    year = parse_period(str(block.year))
    settings = load_settings()
    inputs = []
    for unit in block.members:
        rows = build_scorecard(targets[unit], indicators, units, records, year, as_of,
                               phases=phases, settings=settings)
        results = tuple(
            TargetResult(r["indicator_code"], r["indicator"], r["target_text"], r["actual_text"],
                         r["status"], r["achievement"])
            for r in scorecard_records([row for row in rows if row.due])
        )
        inputs.append(MemberInput(
            unit, names[unit], results, tuple(c for c in checks if c.unit_key == unit),
            {s.criterion: s for s in council if s.unit_key == unit}))
    return BlockState(block, scheme, as_of, names, inputs, checks, deadlines)


def _previous_block(engine: Engine, block: Block) -> Block | None:
    with engine.connect() as conn:
        return next((b for b in load_blocks(conn)
                     if b.series_code == block.series_code and b.year == block.year - 1), None)


def load_ranking(engine: Engine, block_code: str, *, as_of: dt.date | None = None,
                 with_previous: bool = True, calendar: WorkCalendar | None = None
                 ) -> BlockRanking:
    """Score and rank a block's members as of `as_of` (see `load_block_state`),
    with last year's ranks when the series has a block the year before."""
    state = load_block_state(engine, block_code, as_of=as_of, calendar=calendar)
    members = score_block(state.scheme, state.inputs)
    previous: dict[str, int] = {}
    previous_code = None
    if with_previous:
        before = _previous_block(engine, state.block)
        if before is not None:
            previous_code = before.code
            last = load_ranking(engine, before.code, as_of=state.as_of, with_previous=False,
                                calendar=calendar)
            previous = {m.unit_key: m.rank for m in last.members}
    return BlockRanking(state, members, previous, previous_code)


def ranking_payload(ranking: BlockRanking) -> dict:
    """The JSON object of `python -m kpi ranking`: block, year, as_of, members
    by rank with unit_code, unit, total, rank, change, award and lines."""
    block = ranking.state.block
    return {
        "block": block.code,
        "block_name": block.name,
        "year": block.year,
        "as_of": ranking.state.as_of.isoformat(),
        "max_total": ranking.state.scheme.max_total,
        "previous_block": ranking.previous_block,
        "members": [
            {
                "unit_code": key_to_code(m.unit_key), "unit": m.unit_name, "total": m.total,
                "rank": m.rank, "change": ranking.change(m.unit_key), "tie_note": m.tie_note,
                "by_criterion": m.by_criterion, "award": m.award, "award_note": m.award_note,
                "lines": [
                    {"criterion": l.criterion, "criterion_code": l.criterion_code,
                     "item": l.item, "status": l.status, "status_label": l.status_label,
                     "points": l.points, "max_points": l.max_points, "reason": l.reason}
                    for l in m.lines
                ],
            }
            for m in ranking.members
        ],
    }
