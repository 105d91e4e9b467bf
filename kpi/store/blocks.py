"""Emulation blocks, their members, schemes and council scores in the store."""
from __future__ import annotations

import datetime as dt
from typing import Sequence

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import aliased

from kpi.emulation.blocks import Block, CouncilScore, Membership
from kpi.schema import (
    emulation_block_members as members, emulation_blocks as blocks,
    emulation_council_scores as council, plans, units,
)
from kpi.store.units import unit_ids


class BlockNotFound(KeyError):
    """No block has this code."""


def _block_id(conn: Connection, code: str) -> int:
    found = conn.execute(select(blocks.c.id).where(blocks.c.code == code)).scalar()
    if found is None:
        raise BlockNotFound(code)
    return found


def _key(system: str | None, code: str | None) -> str | None:
    return f"{system}:{code}" if code is not None else None


def save_block(conn: Connection, block: Block, *, actor: str) -> int:
    """Insert or update a block by code with its members; returns the block id.

    Members staying keep their registration plan and reopening date; members
    removed lose their council scores. Raises KeyError for an unknown unit or
    plan code.
    """
    ids = unit_ids(conn)
    plan_id = None
    if block.plan_code:
        plan_id = conn.execute(select(plans.c.id).where(plans.c.code == block.plan_code)).scalar()
        if plan_id is None:
            raise KeyError(block.plan_code)
    values = {
        "series": block.series_code, "name": block.name.strip(), "year": block.year,
        "plan_id": plan_id, "head_unit_id": ids[block.head] if block.head else None,
        "deputy_unit_id": ids[block.deputy] if block.deputy else None,
        "registration_deadline": block.registration_deadline, "note": block.note,
    }
    member_ids = [ids[key] for key in block.members]
    block_id = conn.execute(select(blocks.c.id).where(blocks.c.code == block.code)).scalar()
    if block_id is None:
        block_id = conn.execute(
            insert(blocks).values(code=block.code, created_at=dt.datetime.now(dt.timezone.utc),
                                  created_by=actor, **values).returning(blocks.c.id)
        ).scalar_one()
    else:
        conn.execute(update(blocks).where(blocks.c.id == block_id).values(**values))
    existing = dict(conn.execute(
        select(members.c.unit_id, members.c.id).where(members.c.block_id == block_id)).all())
    gone = [uid for uid in existing if uid not in member_ids]
    if gone:
        conn.execute(delete(council).where(council.c.block_id == block_id,
                                           council.c.unit_id.in_(gone)))
        conn.execute(delete(members).where(members.c.block_id == block_id,
                                           members.c.unit_id.in_(gone)))
    for position, uid in enumerate(member_ids, start=1):
        if uid in existing:
            conn.execute(update(members).where(members.c.id == existing[uid])
                         .values(position=position))
        else:
            conn.execute(insert(members).values(block_id=block_id, unit_id=uid,
                                                position=position))
    return block_id


def load_blocks(conn: Connection, code: str | None = None) -> list[Block]:
    """Every block (or the one with `code`), by year then code, members in order."""
    head, deputy = aliased(units), aliased(units)
    query = (
        select(blocks, plans.c.code.label("plan_code"),
               head.c.code_system.label("h_sys"), head.c.code.label("h_code"),
               deputy.c.code_system.label("d_sys"), deputy.c.code.label("d_code"))
        .outerjoin(plans, blocks.c.plan_id == plans.c.id)
        .outerjoin(head, blocks.c.head_unit_id == head.c.id)
        .outerjoin(deputy, blocks.c.deputy_unit_id == deputy.c.id)
        .order_by(blocks.c.year, blocks.c.code)
    )
    if code is not None:
        query = query.where(blocks.c.code == code)
    rows = conn.execute(query).all()
    member_rows = conn.execute(
        select(members.c.block_id, units.c.code_system, units.c.code)
        .join(units, members.c.unit_id == units.c.id)
        .order_by(members.c.block_id, members.c.position)
    ).all()
    by_block: dict[int, list[str]] = {}
    for block_id, system, unit in member_rows:
        by_block.setdefault(block_id, []).append(f"{system}:{unit}")
    return [
        Block(code=r.code, name=r.name, year=r.year, members=tuple(by_block.get(r.id, ())),
              head=_key(r.h_sys, r.h_code), deputy=_key(r.d_sys, r.d_code),
              plan_code=r.plan_code, registration_deadline=r.registration_deadline,
              series=r.series, note=r.note)
        for r in rows
    ]


def load_memberships(conn: Connection, block_code: str) -> list[Membership]:
    """The block's members in order, with registration plan codes.

    Raises BlockNotFound."""
    block_id = _block_id(conn, block_code)
    query = (
        select(units.c.code_system, units.c.code, members.c.position,
               plans.c.code.label("plan_code"), members.c.reopened_until)
        .join(units, members.c.unit_id == units.c.id)
        .outerjoin(plans, members.c.registration_plan_id == plans.c.id)
        .where(members.c.block_id == block_id)
        .order_by(members.c.position)
    )
    return [Membership(f"{r.code_system}:{r.code}", r.position, r.plan_code, r.reopened_until)
            for r in conn.execute(query)]


def _member_row(conn: Connection, block_code: str, unit_key: str):
    block_id = _block_id(conn, block_code)
    unit_id = unit_ids(conn).get(unit_key)
    row_id = conn.execute(select(members.c.id).where(
        members.c.block_id == block_id, members.c.unit_id == unit_id)).scalar()
    if row_id is None:
        raise KeyError(unit_key)
    return row_id


def set_registration_plan(conn: Connection, block_code: str, unit_key: str, plan_code: str) -> None:
    """Link a member to its registration plan. Raises KeyError / BlockNotFound."""
    row_id = _member_row(conn, block_code, unit_key)
    plan_id = conn.execute(select(plans.c.id).where(plans.c.code == plan_code)).scalar_one()
    conn.execute(update(members).where(members.c.id == row_id)
                 .values(registration_plan_id=plan_id))


def set_reopened_until(conn: Connection, block_code: str, unit_key: str,
                       until: dt.date | None) -> None:
    """Reopen a member's registration until `until` (None closes it again)."""
    row_id = _member_row(conn, block_code, unit_key)
    conn.execute(update(members).where(members.c.id == row_id).values(reopened_until=until))


def save_scheme(conn: Connection, block_code: str, scheme_json: str | None) -> None:
    """Store the block's scoring scheme (JSON text; None removes it)."""
    block_id = _block_id(conn, block_code)
    conn.execute(update(blocks).where(blocks.c.id == block_id).values(scheme=scheme_json))


def load_scheme(conn: Connection, block_code: str) -> str | None:
    """The block's scoring scheme as stored (JSON text), or None."""
    block_id = _block_id(conn, block_code)
    return conn.execute(select(blocks.c.scheme).where(blocks.c.id == block_id)).scalar()


def save_council_scores(conn: Connection, block_code: str, scores: Sequence[CouncilScore],
                        *, actor: str) -> None:
    """Replace the given (member, criterion) scores of the block.

    Raises BlockNotFound, or KeyError for a unit that is not stored."""
    block_id = _block_id(conn, block_code)
    ids = unit_ids(conn)
    now = dt.datetime.now(dt.timezone.utc)
    for score in scores:
        unit_id = ids[score.unit_key]
        conn.execute(delete(council).where(
            council.c.block_id == block_id, council.c.unit_id == unit_id,
            council.c.criterion == score.criterion))
        conn.execute(insert(council).values(
            block_id=block_id, unit_id=unit_id, criterion=score.criterion,
            points=float(score.points), note=score.note, scored_by=actor, scored_at=now))


def load_council_scores(conn: Connection, block_code: str) -> list[CouncilScore]:
    """Every council score of the block, by member order then criterion."""
    block_id = _block_id(conn, block_code)
    query = (
        select(units.c.code_system, units.c.code, council.c.criterion, council.c.points,
               council.c.note, council.c.scored_by)
        .join(units, council.c.unit_id == units.c.id)
        .where(council.c.block_id == block_id)
        .order_by(council.c.unit_id, council.c.criterion)
    )
    return [CouncilScore(f"{r.code_system}:{r.code}", r.criterion, r.points, r.note, r.scored_by)
            for r in conn.execute(query)]
