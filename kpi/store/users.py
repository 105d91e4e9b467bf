"""Accounts and their unit scopes in the store."""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from sqlalchemy import Connection, delete, func, insert, select, update

from kpi.auth import User
from kpi.schema import units, user_scopes, users
from kpi.store.units import unit_ids


class AccountError(ValueError):
    """An account operation that cannot be done (Vietnamese message)."""


def count_users(conn: Connection) -> int:
    """How many accounts exist."""
    return conn.execute(select(func.count()).select_from(users)).scalar_one()


def create_user(
    conn: Connection, username: str, display_name: str, role: str, password_hash: str | None,
    scopes: Iterable[str] = (),
) -> None:
    """Create an account with its unit scopes. Raises AccountError when the
    name is taken or a scope names no unit."""
    username = username.strip().lower()
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise AccountError("Tên đăng nhập chỉ gồm chữ, số, dấu chấm, gạch dưới, gạch nối")
    User(username, display_name, role)  # validates the role
    if conn.execute(select(users.c.id).where(users.c.username == username)).first():
        raise AccountError(f"Tên đăng nhập '{username}' đã có")
    user_id = conn.execute(
        insert(users).values(
            username=username, display_name=display_name, role=role,
            password_hash=password_hash, active=True,
            created_at=dt.datetime.now(dt.timezone.utc),
        ).returning(users.c.id)
    ).scalar_one()
    set_scopes(conn, username, scopes, _user_id=user_id)


def set_scopes(conn: Connection, username: str, scopes: Iterable[str], *, _user_id=None) -> None:
    """Replace the account's unit scopes. Raises AccountError for an unknown unit."""
    user_id = _user_id or conn.execute(
        select(users.c.id).where(users.c.username == username)).scalar_one()
    ids = unit_ids(conn)
    scopes = list(scopes)
    unknown = [key for key in scopes if key not in ids]
    if unknown:
        raise AccountError(f"Không có đơn vị: {', '.join(unknown)}")
    conn.execute(delete(user_scopes).where(user_scopes.c.user_id == user_id))
    if scopes:
        conn.execute(insert(user_scopes), [{"user_id": user_id, "unit_id": ids[k]} for k in scopes])


def account_exists(conn: Connection, username: str) -> bool:
    """True when an active account has this name."""
    return conn.execute(select(users.c.id).where(
        users.c.username == username.strip().lower(), users.c.active.is_(True))).first() is not None


def set_email(conn: Connection, username: str, email: str | None) -> str | None:
    """Set (or clear, with None) the account's single sign-on email; returns the
    previous one. Raises AccountError when another account has it."""
    if email is not None:
        taken = conn.execute(select(users.c.username).where(
            users.c.email == email, users.c.username != username)).scalar_one_or_none()
        if taken:
            raise AccountError(f"Email {email} đã gắn với tài khoản {taken}: mỗi email một tài khoản.")
    before = conn.execute(select(users.c.email).where(users.c.username == username)).scalar_one()
    conn.execute(update(users).where(users.c.username == username).values(email=email))
    return before


def username_for_email(conn: Connection, email: str) -> str | None:
    """The active account whose single sign-on email is `email` (lower case), or None."""
    return conn.execute(select(users.c.username).where(
        users.c.email == email, users.c.active.is_(True))).scalar_one_or_none()


def account_emails(conn: Connection) -> dict[str, str]:
    """User name → single sign-on email, for the accounts that have one."""
    return dict(conn.execute(select(users.c.username, users.c.email)
                             .where(users.c.email.is_not(None))).all())


def set_password_hash(conn: Connection, username: str, password_hash: str) -> None:
    """Store a new password hash for the account."""
    conn.execute(update(users).where(users.c.username == username)
                 .values(password_hash=password_hash))


def load_account(conn: Connection, username: str) -> tuple[User, str | None] | None:
    """(user, password hash) of an active account, or None."""
    row = conn.execute(
        select(users.c.id, users.c.username, users.c.display_name, users.c.role,
               users.c.password_hash)
        .where(users.c.username == username.strip().lower(), users.c.active.is_(True))
    ).first()
    if row is None:
        return None
    scope_rows = conn.execute(
        select(units.c.code_system, units.c.code)
        .join(user_scopes, user_scopes.c.unit_id == units.c.id)
        .where(user_scopes.c.user_id == row.id)
    )
    scopes = frozenset(f"{system}:{code}" for system, code in scope_rows)
    return User(row.username, row.display_name, row.role, scopes), row.password_hash


def list_users(conn: Connection) -> list[User]:
    """Every active account, by user name."""
    names = conn.execute(select(users.c.username).where(users.c.active.is_(True))
                         .order_by(users.c.username)).scalars().all()
    return [load_account(conn, name)[0] for name in names]
