"""Accounts, roles and scopes: checked in the domain layer, stored hashed, audited."""
from __future__ import annotations

import datetime as dt

import pytest

from kpi.accounts import add_account, change_scopes, ensure_first_admin, sign_in
from kpi.auth import (
    PermissionDenied, User, can_write_unit, hash_password, require_role, require_write,
    verify_password,
)
from kpi.store.audit import load_audit
from kpi.store.units import save_units
from kpi.store.users import AccountError, load_account
from kpi.units import Unit

PARENTS = {"vn2004:91": None, "vn2004:911": "vn2004:91", "vn2004:31096": "vn2004:911",
           "vn2004:899": "vn2004:91", "vn2025:91": None}
ADMIN = User("admin", "Quản trị", "admin")
LEADER = User("chutich", "Chủ tịch", "leader")
VIEWER = User("xem", "Người xem", "viewer")
PQ_STATISTICIAN = User("thongke.pq", "Thống kê Phú Quốc", "statistician",
                       frozenset({"vn2004:911"}))


@pytest.mark.parametrize(
    "user, unit, allowed",
    [
        (ADMIN, "vn2004:91", True),
        (PQ_STATISTICIAN, "vn2004:911", True),
        (PQ_STATISTICIAN, "vn2004:31096", True),  # Dương Tơ, a commune of Phú Quốc
        (PQ_STATISTICIAN, "vn2004:91", False),  # the province above it
        (PQ_STATISTICIAN, "vn2004:899", False),  # Rạch Giá, a sibling district
        (LEADER, "vn2004:911", False),
        (VIEWER, "vn2004:911", False),
    ],
)
def test_who_may_write_which_unit(user, unit, allowed):
    assert can_write_unit(user, unit, PARENTS) is allowed
    if allowed:
        require_write(user, unit, PARENTS)
    else:
        with pytest.raises(PermissionDenied, match="không được nhập số liệu"):
            require_write(user, unit, PARENTS, "Tỉnh Kiên Giang")


def test_anonymous_may_not_write_and_roles_are_checked():
    with pytest.raises(PermissionDenied, match="đăng nhập"):
        require_write(None, "vn2004:911", PARENTS)
    with pytest.raises(PermissionDenied, match="Chỉ quản trị"):
        require_role(PQ_STATISTICIAN, "admin")
    require_role(ADMIN, "admin")


def test_passwords_are_argon2_hashes_and_verify():
    stored = hash_password("mật-khẩu-đủ-dài")
    assert stored.startswith("$argon2id$") and "mật" not in stored
    assert verify_password(stored, "mật-khẩu-đủ-dài")
    assert not verify_password(stored, "mật-khẩu-sai!!")
    assert not verify_password(None, "bất kỳ")
    with pytest.raises(ValueError, match="ít nhất"):
        hash_password("ngắn")


def _units(engine):
    with engine.begin() as conn:
        save_units(conn, [
            Unit("vn2004", "91", "Kiên Giang", "Tỉnh", "province", None, None, dt.date(2025, 6, 30)),
            Unit("vn2004", "911", "Phú Quốc", "Thành phố", "district", "vn2004:91", None,
                 dt.date(2025, 6, 30)),
        ])


def test_first_admin_once_then_sign_in_and_accounts(fresh_engine):
    _units(fresh_engine)
    password = ensure_first_admin(fresh_engine)
    assert password and len(password) >= 12
    assert ensure_first_admin(fresh_engine) is None  # never a second default admin
    admin = sign_in(fresh_engine, "ADMIN ", password)
    assert admin is not None and admin.role == "admin"
    assert sign_in(fresh_engine, "admin", "sai-mật-khẩu") is None
    assert sign_in(fresh_engine, "không-có", password) is None

    add_account(fresh_engine, admin, "thongke.pq", "Thống kê Phú Quốc", "statistician",
                "một-mật-khẩu-dài", ["vn2004:911"])
    statistician = sign_in(fresh_engine, "thongke.pq", "một-mật-khẩu-dài")
    assert statistician.scopes == frozenset({"vn2004:911"})
    with pytest.raises(PermissionDenied):
        add_account(fresh_engine, statistician, "x.y", "X", "admin", "một-mật-khẩu-dài")
    with pytest.raises(AccountError, match="đã có"):
        add_account(fresh_engine, admin, "thongke.pq", "Trùng", "viewer", "một-mật-khẩu-dài")
    with pytest.raises(AccountError, match="Không có đơn vị"):
        change_scopes(fresh_engine, admin, "thongke.pq", ["vn2004:999"])
    change_scopes(fresh_engine, admin, "thongke.pq", ["vn2004:91"])
    with fresh_engine.connect() as conn:
        assert load_account(conn, "thongke.pq")[0].scopes == frozenset({"vn2004:91"})
        actions = [(row["actor"], row["action"]) for row in load_audit(conn)]
    assert actions[:3] == [("admin", "change_scopes"), ("admin", "create_account"),
                           ("system", "create_account")]


def test_admin_password_from_the_environment_is_used(fresh_engine):
    assert ensure_first_admin(fresh_engine, "mật-khẩu-từ-biến-môi-trường") == (
        "mật-khẩu-từ-biến-môi-trường")
    assert sign_in(fresh_engine, "admin", "mật-khẩu-từ-biến-môi-trường") is not None
