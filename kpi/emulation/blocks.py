"""Emulation blocks (khối thi đua) as plain data, and the rules a block must keep.

A block exists for one year: its members (units, usually agencies such as
`org:TV-STTTT`), a head (khối trưởng) and a deputy (khối phó) among them, the
plan that set it up (seed 001: K8-TV-2021) and the day registrations close.
`series` names the same block across years, so this year's ranking can be
compared with last year's.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kpi.user_text import TextError, clean_text

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class BlockError(ValueError):
    """A block that cannot be saved as given (Vietnamese message saying what to fix)."""


@dataclass(frozen=True)
class Block:
    """One block for one year; `members` are unit keys in the block's order."""

    code: str
    name: str
    year: int
    members: tuple[str, ...]
    head: str | None = None
    deputy: str | None = None
    plan_code: str | None = None
    registration_deadline: dt.date | None = None
    series: str | None = None
    note: str | None = None

    @property
    def series_code(self) -> str:
        """The code shared by this block's years (its own code when unset)."""
        return self.series or self.code


@dataclass(frozen=True)
class Membership:
    """A member's standing in a block: its registration plan and any reopening."""

    unit_key: str
    position: int
    registration_plan: str | None = None
    reopened_until: dt.date | None = None


@dataclass(frozen=True)
class CouncilScore:
    """Points the block council gave a member for one qualitative criterion."""

    unit_key: str
    criterion: str
    points: float
    note: str | None = None
    scored_by: str | None = None


def validate_block(block: Block) -> Block:
    """Return `block` when it can be saved; raise BlockError otherwise.

    Checks: a code of letters, digits, '.', '_' or '-' (at most 64); a name; a
    year 2000–2100; at least two members, none twice; head and deputy are
    members and differ; a registration deadline in the block's year or the
    year before.
    """
    if not _CODE.fullmatch(block.code or ""):
        raise BlockError(
            f"Mã khối “{block.code}” không hợp lệ: dùng chữ, số, dấu chấm, gạch dưới hoặc "
            "gạch nối, không quá 64 ký tự (ví dụ K8-TV-2021).")
    if block.series and not _CODE.fullmatch(block.series):
        raise BlockError(f"Mã chuỗi khối “{block.series}” không hợp lệ (ví dụ K8-TV).")
    if not (block.name or "").strip():
        raise BlockError("Nhập tên khối (ví dụ: Khối thi đua Khối 8).")
    try:  # a name the store can hold (200 characters), on one line
        clean_text(block.name, "Tên khối", 200, required=True)
    except TextError as exc:
        raise BlockError(str(exc)) from None
    if not 2000 <= block.year <= 2100:
        raise BlockError(f"Năm {block.year} không hợp lệ: nhập năm thi đua, ví dụ 2021.")
    if len(block.members) < 2:
        raise BlockError("Khối cần ít nhất hai đơn vị thành viên.")
    repeated = sorted({m for m in block.members if block.members.count(m) > 1})
    if repeated:
        raise BlockError(f"Đơn vị có tên hai lần trong khối: {', '.join(repeated)}.")
    for role, key in (("Khối trưởng", block.head), ("Khối phó", block.deputy)):
        if key is not None and key not in block.members:
            raise BlockError(f"{role} ({key}) phải là thành viên của khối: thêm đơn vị vào danh sách.")
    if block.head is not None and block.head == block.deputy:
        raise BlockError("Khối trưởng và khối phó phải là hai đơn vị khác nhau.")
    deadline = block.registration_deadline
    if deadline is not None and deadline.year not in (block.year - 1, block.year):
        raise BlockError(
            f"Hạn đăng ký thi đua {deadline:%d/%m/%Y} phải thuộc năm {block.year} "
            f"(hoặc cuối năm {block.year - 1}).")
    return block
