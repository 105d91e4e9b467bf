"""Account services: the first administrator, sign-in, account changes.

Every change is checked against the actor's role and leaves an audit row.
"""
from __future__ import annotations

from functools import cache
from typing import Iterable

from sqlalchemy import Engine

from kpi.auth import (
    User, generate_password, hash_password, require_role, verify_password,
)
from kpi.store.audit import record_audit
from kpi.store.users import count_users, create_user, load_account, set_scopes

FIRST_ADMIN = "admin"


@cache
def _dummy_hash() -> str:
    # Verifying against a dummy hash when the account does not exist keeps the
    # time of a failed sign-in the same whether or not the name exists. Made
    # on first use: hashing costs ~0,3 s, too much for every CLI start.
    return hash_password("không-có-tài-khoản-này")


def ensure_first_admin(engine: Engine, password: str | None = None) -> str | None:
    """Create the first administrator when there is no account yet.

    Uses `password` (from KPI_ADMIN_PASSWORD) or generates one; returns the
    password to print once, or None when accounts already exist.
    """
    with engine.begin() as conn:
        if count_users(conn):
            return None
        chosen = password or generate_password()
        create_user(conn, FIRST_ADMIN, "Quản trị hệ thống", "admin", hash_password(chosen))
        record_audit(conn, "system", "create_account", "user", FIRST_ADMIN,
                     after={"role": "admin"})
    return chosen


def sign_in(engine: Engine, username: str, password: str) -> User | None:
    """The user when the name and password match an active account, else None."""
    with engine.connect() as conn:
        found = load_account(conn, username)
    if found is None:
        verify_password(_dummy_hash(), password)
        return None
    user, password_hash = found
    return user if verify_password(password_hash, password) else None


def add_account(
    engine: Engine, actor: User, username: str, display_name: str, role: str, password: str,
    scopes: Iterable[str] = (),
) -> None:
    """An administrator creates an account. Raises PermissionDenied, AccountError
    or ValueError (short password), all in Vietnamese; nothing is written then."""
    require_role(actor, "admin")
    scopes = list(scopes)
    with engine.begin() as conn:
        create_user(conn, username, display_name, role, hash_password(password), scopes)
        record_audit(conn, actor.username, "create_account", "user", username.strip().lower(),
                     after={"role": role, "scopes": scopes})


def change_scopes(engine: Engine, actor: User, username: str, scopes: Iterable[str]) -> None:
    """An administrator replaces an account's unit scopes (audited)."""
    require_role(actor, "admin")
    scopes = list(scopes)
    with engine.begin() as conn:
        before = load_account(conn, username)
        set_scopes(conn, username, scopes)
        record_audit(conn, actor.username, "change_scopes", "user", username,
                     before={"scopes": sorted(before[0].scopes) if before else None},
                     after={"scopes": sorted(scopes)})
