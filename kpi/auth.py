"""Accounts, roles and unit scopes: who may read and who may write what.

Checks live here, in the domain layer, and every write path calls them:
hiding a page is not a permission. Passwords are hashed with Argon2id
(argon2-cffi), never stored or logged in clear.

Roles: `admin` (everything, accounts included), `leader` (reads everything,
writes nothing), `statistician` (reports for the units in its scope and
their sub-units), `viewer` (reads).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Mapping

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ROLES = ("admin", "leader", "statistician", "viewer")
ROLE_LABELS = {
    "admin": {"vi": "Quản trị", "en": "Administrator"},
    "leader": {"vi": "Lãnh đạo", "en": "Leader"},
    "statistician": {"vi": "Cán bộ thống kê", "en": "Statistician"},
    "viewer": {"vi": "Người xem", "en": "Viewer"},
}
MIN_PASSWORD_LENGTH = 10
_HASHER = PasswordHasher()


class PermissionDenied(Exception):
    """The user may not do this; str() is a Vietnamese sentence for the user."""


@dataclass(frozen=True)
class User:
    """A signed-in user. `scopes` holds unit keys ('vn2004:911') a
    statistician reports for; sub-units of a scope are included."""

    username: str
    display_name: str
    role: str
    scopes: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"Vai trò không hợp lệ: '{self.role}'")


# The command line acts as an administrator until accounts are used there.
SYSTEM_USER = User("system", "Quản trị (dòng lệnh)", "admin")


def hash_password(password: str) -> str:
    """An Argon2id hash of `password`. Raises ValueError for a short password."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự")
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches the stored hash (False for no hash)."""
    if not password_hash:
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def generate_password() -> str:
    """A random password to print once (about 96 bits)."""
    return secrets.token_urlsafe(12)


def _ancestors(unit_key: str, parents: Mapping[str, str | None]) -> list[str]:
    chain, seen = [], set()
    key: str | None = unit_key
    while key and key not in seen:
        seen.add(key)
        chain.append(key)
        key = parents.get(key)
    return chain


def writable_units(user: User) -> frozenset[str] | None:
    """Unit keys the user may report for (with their sub-units): None = all."""
    if user.role == "admin":
        return None
    if user.role == "statistician":
        return user.scopes
    return frozenset()


def can_write_unit(user: User, unit_key: str, parents: Mapping[str, str | None]) -> bool:
    """True when `user` may write values for `unit_key`.

    `parents` maps unit keys to their parent key, so a statistician of a
    district also reports for its communes.
    """
    allowed = writable_units(user)
    if allowed is None:
        return True
    return any(key in allowed for key in _ancestors(unit_key, parents))


def require_write(user: User | None, unit_key: str, parents: Mapping[str, str | None],
                  unit_label: str | None = None) -> None:
    """Raise PermissionDenied unless `user` may write values for `unit_key`."""
    if user is None:
        raise PermissionDenied("Cần đăng nhập để ghi số liệu.")
    if not can_write_unit(user, unit_key, parents):
        raise PermissionDenied(
            f"Tài khoản {user.username} ({ROLE_LABELS[user.role]['vi'].lower()}) không được "
            f"nhập số liệu cho {unit_label or unit_key}."
        )


def require_role(user: User | None, *roles: str) -> None:
    """Raise PermissionDenied unless `user` has one of `roles`."""
    if user is None:
        raise PermissionDenied("Cần đăng nhập để thực hiện thao tác này.")
    if user.role not in roles:
        names = ", ".join(ROLE_LABELS[r]["vi"].lower() for r in roles)
        raise PermissionDenied(f"Chỉ {names} được thực hiện thao tác này.")
