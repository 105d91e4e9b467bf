"""What administrators do to blocks: create and edit them, set the scoring
scheme, record the council's scores. Every function checks the acting user's
role first (kpi.auth.require_role), writes in one transaction and leaves an
audit row; the command line acts as kpi.auth.SYSTEM_USER.
"""
from __future__ import annotations

from typing import Sequence

from sqlalchemy import Connection, Engine

from kpi.auth import User, require_role
from kpi.db import write_transaction
from kpi.emulation.blocks import Block, BlockError, CouncilScore, validate_block
from kpi.emulation.scheme import Scheme, dump_scheme, parse_scheme
from kpi.store.audit import record_audit
from kpi.store.blocks import (
    load_blocks, load_council_scores, load_scheme, save_block as store_block,
    save_council_scores, save_scheme,
)
from kpi.store.catalog import load_plans
from kpi.store.units import unit_ids


def save_block(engine: Engine, user: User | None, block: Block) -> None:
    """Create or update a block (by code). Raises PermissionDenied unless admin,
    BlockError for a block that breaks the rules or names an unknown unit or plan."""
    require_role(user, "admin")
    validate_block(block)

    def work(conn: Connection) -> None:
        known = unit_ids(conn)
        unknown = [k for k in block.members if k not in known]
        if unknown:
            raise BlockError(f"Không có đơn vị: {', '.join(unknown)} — kiểm tra mã đơn vị.")
        if block.plan_code and block.plan_code not in {p.code for p in load_plans(conn)}:
            raise BlockError(f"Không có kế hoạch mã “{block.plan_code}”: chọn kế hoạch đã nạp.")
        twin = [b for b in load_blocks(conn) if b.code != block.code
                and b.series_code == block.series_code and b.year == block.year]
        if twin:
            raise BlockError(f"Chuỗi khối {block.series_code} đã có khối năm {block.year} "
                             f"({twin[0].code}): sửa khối đó thay vì tạo mới.")
        before = load_blocks(conn, block.code)
        store_block(conn, block, actor=user.username)
        record_audit(conn, user.username, "save_block", "emulation_block", block.code,
                     before=before[0].__dict__ if before else None, after=block.__dict__)

    write_transaction(engine, work)


def set_scheme(engine: Engine, user: User | None, block_code: str, scheme: Scheme | str) -> Scheme:
    """Store a block's scoring scheme (a Scheme or its JSON text); returns it.
    Raises PermissionDenied, SchemeError (invalid text), BlockNotFound."""
    require_role(user, "admin")
    parsed = parse_scheme(scheme) if isinstance(scheme, str) else scheme
    text = dump_scheme(parsed)

    def work(conn: Connection) -> None:
        before = load_scheme(conn, block_code)
        save_scheme(conn, block_code, text)
        record_audit(conn, user.username, "set_scheme", "emulation_block", block_code,
                     before=before, after=text)

    write_transaction(engine, work)
    return parsed


def record_council_scores(engine: Engine, user: User | None, block_code: str,
                          scores: Sequence[CouncilScore]) -> None:
    """Record the council's points for members and qualitative criteria.

    Raises PermissionDenied unless admin; BlockError for a unit that is not a
    member, a criterion that is not a council criterion of the block's
    scheme, or points outside 0..its weight."""
    require_role(user, "admin")

    def work(conn: Connection) -> None:
        found = load_blocks(conn, block_code)
        if not found:
            raise BlockError(f"Không có khối thi đua mã “{block_code}”.")
        block = found[0]
        weights = {c.code: c.weight for c in parse_scheme(load_scheme(conn, block_code)).criteria
                   if c.kind == "council"}
        for s in scores:
            if s.unit_key not in block.members:
                raise BlockError(f"{s.unit_key} không phải thành viên khối {block_code}.")
            if s.criterion not in weights:
                raise BlockError(f"“{s.criterion}” không phải tiêu chí do Hội đồng khối chấm.")
            if not 0 <= s.points <= weights[s.criterion]:
                raise BlockError(f"Điểm {s.points:g} của tiêu chí {s.criterion} phải từ 0 đến "
                                 f"{weights[s.criterion]:g}.")
        before = [s.__dict__ for s in load_council_scores(conn, block_code)]
        save_council_scores(conn, block_code, scores, actor=user.username)
        record_audit(conn, user.username, "council_scores", "emulation_block", block_code,
                     before=before, after=[s.__dict__ for s in scores])

    write_transaction(engine, work)
