"""Registration (đăng ký thi đua): each member's targets for the block's year.

A registration is stored like any plan's targets: a plan of kind
"registration" per member (code `DK-<block>-<unit code>`, citing the block's
plan), so the scorecard and the dashboards read it as they read any plan.
The block plan's own targets for a member (seed 001's common pledge on weak
party organisations) count too, unless the member registered the same
indicator and period itself.

Registrations close on the block's deadline (moved to the next working day
when it falls on a day off); after it only an administrator's reopening (until
a given day, audited) lets the member change them. The lock is checked here,
whatever page or workbook the change comes from.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import Connection, Engine

from kpi.auth import User, can_write_unit, require_role, require_write
from kpi.db import write_transaction
from kpi.emulation.blocks import Block, BlockError, Membership
from kpi.emulation.calendar import working_day_on_or_after
from kpi.indicators import Indicator
from kpi.periods import PeriodError, parse_period, today_vn
from kpi.plans import Plan
from kpi.store.audit import record_audit
from kpi.store.blocks import load_blocks, load_memberships, set_registration_plan, set_reopened_until
from kpi.store.catalog import load_indicators, load_targets, save_indicators, save_plan
from kpi.store.units import load_units
from kpi.targets import Target
from kpi.units import key_to_code

REGISTRATION_KIND = "registration"


class RegistrationError(ValueError):
    """A registration that cannot be saved now (Vietnamese message)."""


def registration_plan_code(block: Block, unit_key: str) -> str:
    """The plan code of a member's registration: 'DK-K8-TV-2021-TV-STTTT'."""
    return f"DK-{block.code}-{key_to_code(unit_key).split(':')[-1]}"[:64]


def closing_day(block: Block) -> dt.date | None:
    """The last day registrations are open (the deadline moved off days off)."""
    if block.registration_deadline is None:
        return None
    return working_day_on_or_after(block.registration_deadline)


def lock_state(block: Block, membership: Membership, today: dt.date) -> tuple[bool, str]:
    """(open, a Vietnamese sentence saying why) for a member's registration on `today`."""
    closing = closing_day(block)
    if closing is None:
        return True, "Khối chưa đặt hạn đăng ký: đơn vị được đăng ký, sửa đăng ký."
    if today <= closing:
        return True, f"Đang mở đăng ký đến hết ngày {closing:%d/%m/%Y}."
    reopened = membership.reopened_until
    if reopened is not None and today <= reopened:
        return True, f"Quản trị đã mở lại đăng ký cho đơn vị đến hết ngày {reopened:%d/%m/%Y}."
    return False, (f"Đã hết hạn đăng ký ({closing:%d/%m/%Y}): đề nghị quản trị mở lại đăng ký "
                   "cho đơn vị nếu cần sửa.")


def _block(conn: Connection, code: str) -> Block:
    found = load_blocks(conn, code)
    if not found:
        raise BlockError(f"Không có khối thi đua mã “{code}”: chọn khối trong danh sách.")
    return found[0]


def _membership(conn: Connection, block: Block, unit_key: str) -> Membership:
    for m in load_memberships(conn, block.code):
        if m.unit_key == unit_key:
            return m
    raise BlockError(f"Đơn vị {key_to_code(unit_key)} không phải thành viên khối {block.code}.")


def check_targets(block: Block, unit_key: str, targets: Sequence[Target],
                  known_indicators: set[str]) -> None:
    """Raise RegistrationError unless every target is the member's, in the
    block's year, of a known indicator, and no indicator × period is repeated."""
    seen = set()
    for number, t in enumerate(targets, start=1):
        where = f"Chỉ tiêu thứ {number} ({t.indicator_code})"
        if t.unit_key != unit_key:
            raise RegistrationError(f"{where}: thuộc đơn vị khác ({t.unit_key}).")
        if t.indicator_code not in known_indicators:
            raise RegistrationError(f"{where}: chưa có trong danh mục chỉ tiêu — chọn từ danh mục "
                                    "hoặc khai báo chỉ tiêu riêng của đơn vị.")
        try:
            period = parse_period(t.period)
        except PeriodError as exc:
            raise RegistrationError(f"{where}: {exc}") from None
        if period.start.year != block.year or period.end.year != block.year:
            raise RegistrationError(f"{where}: kỳ {t.period} phải nằm trong năm {block.year}.")
        if (t.indicator_code, t.period) in seen:
            raise RegistrationError(f"{where}: đăng ký hai lần cho cùng kỳ {t.period}.")
        seen.add((t.indicator_code, t.period))


def save_registration(
    engine: Engine, user: User | None, block_code: str, unit_key: str,
    targets: Sequence[Target], *, new_indicators: Sequence[Indicator] = (),
    today: dt.date | None = None, source: str = "Đăng ký trên ứng dụng",
) -> int:
    """Replace a member's registration with `targets`; returns how many were stored.

    `new_indicators` are the member's own indicators, added to the catalogue.
    Raises PermissionDenied (not signed in, or not the member's statistician
    nor an admin), BlockError (unknown block or member), RegistrationError
    (closed, or a target that does not fit). Audited; all or nothing.
    """
    today = today or today_vn()

    def work(conn: Connection) -> int:
        block = _block(conn, block_code)
        membership = _membership(conn, block, unit_key)
        units = {u.key: u for u in load_units(conn)}
        require_write(user, unit_key, {k: u.parent_key for k, u in units.items()},
                      units[unit_key].full_name)
        is_open, why = lock_state(block, membership, today)
        if not is_open:
            raise RegistrationError(why)
        if new_indicators:
            save_indicators(conn, list(new_indicators))
        check_targets(block, unit_key, targets, set(load_indicators(conn)))
        code = registration_plan_code(block, unit_key)
        before = [t.__dict__ for t in load_targets(conn, plan_code=code)] if membership.registration_plan else []
        plan = Plan(code=code, title=f"Đăng ký thi đua năm {block.year} — {units[unit_key].name}",
                    period=str(block.year), kind=REGISTRATION_KIND, unit_key=unit_key,
                    issuer=units[unit_key].name, issued_on=today, parent_plan=block.plan_code,
                    source=source)
        stored = [Target(**{**t.__dict__, "plan_code": code, "id": None}) for t in targets]
        save_plan(conn, plan, stored, actor=user.username)
        set_registration_plan(conn, block.code, unit_key, code)
        record_audit(conn, user.username, "save_registration", "emulation_registration",
                     f"{block.code}/{unit_key}", before=before,
                     after=[t.__dict__ for t in stored], source=source)
        return len(stored)

    return write_transaction(engine, work)


def reopen_registration(engine: Engine, user: User | None, block_code: str, unit_key: str,
                        until: dt.date | None) -> None:
    """An administrator reopens a member's registration until `until` (None closes
    it). Raises PermissionDenied, BlockError. Audited."""
    require_role(user, "admin")

    def work(conn: Connection) -> None:
        block = _block(conn, block_code)
        before = _membership(conn, block, unit_key).reopened_until
        set_reopened_until(conn, block.code, unit_key, until)
        record_audit(conn, user.username, "reopen_registration", "emulation_registration",
                     f"{block.code}/{unit_key}", before={"reopened_until": before},
                     after={"reopened_until": until})

    write_transaction(engine, work)


def registered_targets(conn: Connection, block: Block) -> dict[str, list[Target]]:
    """Each member's scored targets within the block's year: its registration's,
    then the block plan's for it on indicators × periods it did not register."""
    memberships = load_memberships(conn, block.code)
    common = load_targets(conn, plan_code=block.plan_code) if block.plan_code else []
    result: dict[str, list[Target]] = {}
    for m in memberships:
        own = load_targets(conn, plan_code=m.registration_plan) if m.registration_plan else []
        cells = {(t.indicator_code, t.period) for t in own}
        shared = [t for t in common if t.unit_key == m.unit_key
                  and (t.indicator_code, t.period) not in cells]
        result[m.unit_key] = [t for t in own + shared
                              if parse_period(t.period).start.year == block.year]
    return result


@dataclass(frozen=True)
class RegistrationView:
    """A member's registration as a page shows it."""

    block: Block
    unit_key: str
    unit_name: str
    targets: list[Target]
    common: list[Target]
    is_open: bool
    why: str
    catalogue: dict[str, Indicator]


def load_registration(engine: Engine, block_code: str, unit_key: str,
                      today: dt.date | None = None) -> RegistrationView:
    """The member's registered targets, the block plan's targets for it, and
    whether it may change them on `today`. Raises BlockError."""
    today = today or today_vn()
    with engine.connect() as conn:
        block = _block(conn, block_code)
        membership = _membership(conn, block, unit_key)
        own = (load_targets(conn, plan_code=membership.registration_plan)
               if membership.registration_plan else [])
        common = [t for t in (load_targets(conn, plan_code=block.plan_code) if block.plan_code else [])
                  if t.unit_key == unit_key]
        unit = load_units(conn, [unit_key])[0]
        catalogue = load_indicators(conn)
    is_open, why = lock_state(block, membership, today)
    return RegistrationView(block, unit_key, unit.name, own, common, is_open, why, catalogue)


def members_for(user: User | None, block: Block, parents: dict[str, str | None]) -> list[str]:
    """The members whose registration `user` may edit (admin: all; a
    statistician: those in its scope); empty for anyone else."""
    if user is None:
        return []
    return [m for m in block.members if can_write_unit(user, m, parents)]
