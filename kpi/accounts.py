"""Account services: the first administrator, sign-in (password or single
sign-on), account changes, demo accounts.

Every change is checked against the actor's role and leaves an audit row;
passwords never reach the audit log, only that one was set.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Iterable

import pandas as pd
from sqlalchemy import Engine

from kpi.auth import (
    ROLE_LABELS, User, generate_password, hash_password, require_role, verify_password,
)
from kpi.names import vi_sort_key
from kpi.store.audit import record_audit
from kpi.store.units import load_units
from kpi.store.users import (
    AccountError, account_emails, account_exists, count_users, create_user, list_users,
    load_account, set_email, set_password_hash, set_scopes, username_for_email,
)
from kpi.units import key_to_code
from kpi.user_text import clean_text

FIRST_ADMIN = "admin"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


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
    engine: Engine, actor: User, username: str, display_name: str, role: str,
    password: str | None, scopes: Iterable[str] = (),
) -> str:
    """An administrator creates an account; returns its password (a generated
    one when `password` is empty) to hand over once. Raises PermissionDenied,
    AccountError, TextError (a name too long, blank or with control
    characters) or ValueError (short password), all in Vietnamese; nothing is
    written then."""
    require_role(actor, "admin")
    password = password or generate_password()
    username = clean_text(username, "Tên đăng nhập", 64, required=True)
    display_name = clean_text(display_name, "Tên hiển thị", 200, required=True)
    scopes = list(scopes)
    with engine.begin() as conn:
        create_user(conn, username, display_name, role, hash_password(password), scopes)
        record_audit(conn, actor.username, "create_account", "user", username.lower(),
                     after={"display_name": display_name, "role": role, "scopes": scopes})
    return password


def change_scopes(engine: Engine, actor: User, username: str, scopes: Iterable[str]) -> None:
    """An administrator replaces an account's unit scopes (audited)."""
    require_role(actor, "admin")
    scopes = list(scopes)
    with engine.begin() as conn:
        before = _existing(conn, username)
        set_scopes(conn, username, scopes)
        record_audit(conn, actor.username, "change_scopes", "user", username,
                     before={"scopes": sorted(before.scopes)},
                     after={"scopes": sorted(scopes)})


def _existing(conn, username: str) -> User:
    found = load_account(conn, username)
    if found is None:
        raise AccountError(f"Không có tài khoản “{username}”: chọn lại trong danh sách.")
    return found[0]


def reset_password(engine: Engine, actor: User, username: str, password: str | None = None) -> str:
    """An administrator sets a new password for an account; returns it (a
    generated one when `password` is empty) to hand over once. Audited
    without the password. Raises PermissionDenied, AccountError (no such
    account) or ValueError (too short)."""
    require_role(actor, "admin")
    chosen = password or generate_password()
    hashed = hash_password(chosen)
    with engine.begin() as conn:
        user = _existing(conn, username)
        set_password_hash(conn, user.username, hashed)
        record_audit(conn, actor.username, "reset_password", "user", user.username,
                     after={"password": "đặt lại", "generated": not password})
    return chosen


def normalize_email(text: str | None) -> str | None:
    """The address in lower case, or None when blank. Raises TextError/AccountError
    (Vietnamese) for text that is not one address."""
    email = clean_text(text, "Email", 254)
    if email is None:
        return None
    if not _EMAIL.fullmatch(email):
        raise AccountError(f"“{email}” không phải một địa chỉ email (ví dụ ten@kiengiang.gov.vn).")
    return email.lower()


def change_email(engine: Engine, actor: User, username: str, email: str | None) -> None:
    """An administrator sets (or clears) the email a single sign-on provider
    must vouch for to open this account. Audited."""
    require_role(actor, "admin")
    email = normalize_email(email)
    with engine.begin() as conn:
        user = _existing(conn, username)
        before = set_email(conn, user.username, email)
        record_audit(conn, actor.username, "set_email", "user", user.username,
                     before={"email": before}, after={"email": email})


def sign_in_sso(engine: Engine, email: str | None) -> User | None:
    """The local account whose email a signed-in OIDC identity carries, or None.

    Single sign-on proves who the person is; what they may do comes from the
    local account an administrator gave that email (role and scopes)."""
    try:
        address = normalize_email(email)
    except ValueError:
        return None
    if address is None:
        return None
    with engine.connect() as conn:
        username = username_for_email(conn, address)
        found = load_account(conn, username) if username else None
    return found[0] if found else None


def accounts_frame(engine: Engine, actor: User, lang: str = "vi") -> pd.DataFrame:
    """Every active account (administrators only): Tên đăng nhập, Tên hiển thị,
    Vai trò, Đơn vị phụ trách, Email (English headers when lang == "en")."""
    require_role(actor, "admin")
    with engine.connect() as conn:
        users = list_users(conn)
        emails = account_emails(conn)
        names = {u.key: u.label() for u in load_units(conn, {k for u in users for k in u.scopes})}
    en = lang == "en"
    return pd.DataFrame([{
        "User name" if en else "Tên đăng nhập": u.username,
        "Name" if en else "Tên hiển thị": u.display_name,
        "Role" if en else "Vai trò": ROLE_LABELS[u.role][lang],
        "Units" if en else "Đơn vị phụ trách": "; ".join(sorted(
            (names.get(k, key_to_code(k)) for k in u.scopes), key=vi_sort_key)),
        "Email": emails.get(u.username, ""),
    } for u in users])


def account_names(engine: Engine, actor: User) -> list[User]:
    """Every active account, by user name (administrators only)."""
    require_role(actor, "admin")
    with engine.connect() as conn:
        return list_users(conn)


_LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2, "agency": 3}


def scope_choices(engine: Engine) -> list[tuple[str, str]]:
    """(unit key, label) a statistician's scope can name: provinces, districts
    and agencies, communes of the current (2025) code list — an old commune is
    covered by its district — and any unit already in a scope."""
    with engine.connect() as conn:
        everything = load_units(conn)
        in_use = {k for u in list_users(conn) for k in u.scopes}
    by_key = {u.key: u for u in everything}
    chosen = [u for u in everything if u.key in in_use or u.level != "commune"
              or u.code_system == "vn2025"]

    def label(unit) -> str:
        parent = by_key.get(unit.parent_key) if unit.parent_key else None
        where = f", {parent.full_name}" if parent else ""
        return f"{unit.label()}{where} — {key_to_code(unit.key)}"

    chosen.sort(key=lambda u: (_LEVEL_ORDER.get(u.level, 9), vi_sort_key(label(u))))
    return [(u.key, label(u)) for u in chosen]


# Demo accounts: names, roles and scopes only. Passwords are generated when
# the accounts are created and printed once; none is ever written in the repository.
DEMO_ACCOUNTS = (
    ("lanhdao", "Lãnh đạo UBND (minh họa)", "leader", ()),
    ("thongke.kg", "Cán bộ thống kê tỉnh Kiên Giang (minh họa)", "statistician", ("vn2004:91",)),
    ("thongke.pq", "Cán bộ thống kê Phú Quốc (minh họa)", "statistician", ("vn2004:911",)),
    ("thongke.stttt", "Cán bộ thi đua Sở TT&TT Trà Vinh (minh họa)", "statistician",
     ("org:TV-STTTT",)),
    ("xem", "Người xem (minh họa)", "viewer", ()),
)


def ensure_demo_accounts(engine: Engine, demo: bool) -> dict[str, str]:
    """Create the demo accounts that do not exist yet — only when `demo` (the
    KPI_DEMO setting) is on — each with a freshly generated password.

    Returns {user name: password} of the accounts created now, to print once;
    {} when demo mode is off or they all exist. Audited. Scopes must name
    stored units (load the demo first)."""
    if not demo:
        return {}
    created = {}
    with engine.begin() as conn:
        for username, display_name, role, scopes in DEMO_ACCOUNTS:
            if account_exists(conn, username):
                continue
            password = generate_password()
            create_user(conn, username, display_name, role, hash_password(password), scopes)
            record_audit(conn, "system", "create_demo_account", "user", username,
                         after={"display_name": display_name, "role": role, "scopes": list(scopes)})
            created[username] = password
    return created
