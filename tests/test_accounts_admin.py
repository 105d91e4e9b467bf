"""What the account page does through kpi.accounts: reset a password, set a single
sign-on email, list accounts, demo accounts only in demo mode — role-checked,
audited without passwords, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest

from kpi.accounts import (
    DEMO_ACCOUNTS, accounts_frame, add_account, change_email, change_scopes, ensure_demo_accounts,
    reset_password, scope_choices, sign_in, sign_in_sso,
)
from kpi.auth import PermissionDenied, User
from kpi.store.audit import load_audit
from kpi.store.units import save_units
from kpi.store.users import AccountError
from kpi.units import Unit
from kpi.user_text import TextError

ADMIN = User("admin", "Quản trị", "admin")
LEADER = User("chutich", "Chủ tịch", "leader")
UNITS = [
    Unit("vn2004", "91", "Kiên Giang", "Tỉnh", "province", None, None, dt.date(2025, 6, 30)),
    Unit("vn2004", "911", "Phú Quốc", "Thành phố", "district", "vn2004:91", None,
         dt.date(2025, 6, 30)),
    Unit("vn2004", "31078", "Dương Tơ", "Xã", "commune", "vn2004:911", None, dt.date(2025, 6, 30)),
    Unit("vn2025", "31078", "Phú Quốc", "Đặc khu", "commune", None, dt.date(2025, 7, 1), None),
    Unit("org", "TV-STTTT", "Thông tin và Truyền thông Trà Vinh", "Sở", "agency", None, None, None),
]


@pytest.fixture
def store(fresh_engine):
    with fresh_engine.begin() as conn:
        save_units(conn, UNITS)
    add_account(fresh_engine, ADMIN, "thongke.pq", "Thống kê Phú Quốc", "statistician",
                "mật-khẩu-ban-đầu", ["vn2004:911"])
    return fresh_engine


def _audit(engine) -> list[dict]:
    with engine.connect() as conn:
        return load_audit(conn)


def test_an_admin_resets_a_password_and_the_audit_never_holds_it(store):
    chosen = reset_password(store, ADMIN, "thongke.pq", "mật-khẩu-mới-đủ-dài")
    assert chosen == "mật-khẩu-mới-đủ-dài"
    assert sign_in(store, "thongke.pq", "mật-khẩu-ban-đầu") is None
    assert sign_in(store, "thongke.pq", chosen) is not None
    generated = reset_password(store, ADMIN, "thongke.pq")
    assert len(generated) >= 12 and sign_in(store, "thongke.pq", generated) is not None
    rows = [r for r in _audit(store) if r["action"] == "reset_password"]
    assert [r["actor"] for r in rows] == ["admin", "admin"]
    assert all(chosen not in (r["after"] or "") and generated not in (r["after"] or "")
               for r in _audit(store))


@pytest.mark.parametrize("call", [
    lambda e, who: reset_password(e, who, "thongke.pq", "mật-khẩu-mới-đủ-dài"),
    lambda e, who: change_email(e, who, "thongke.pq", "pq@kiengiang.gov.vn"),
    lambda e, who: change_scopes(e, who, "thongke.pq", ["vn2004:91"]),
    lambda e, who: add_account(e, who, "ke.gian", "Kẻ gian", "admin", None),
    lambda e, who: accounts_frame(e, who),
])
def test_only_an_admin_changes_accounts(store, call):
    before = _audit(store)
    for who in (LEADER, User("thongke.pq", "TK", "statistician", frozenset({"vn2004:911"})),
                None):
        with pytest.raises(PermissionDenied):
            call(store, who)
    assert _audit(store) == before
    assert sign_in(store, "thongke.pq", "mật-khẩu-ban-đầu").scopes == frozenset({"vn2004:911"})


@pytest.mark.parametrize("username, display_name, error, message", [
    ("x" * 65, "Tên", TextError, "tối đa 64"),
    ("nguoi.moi", "T" * 201, TextError, "tối đa 200"),
    ("nguoi.moi", "   ", TextError, "Chưa nhập “Tên hiển thị”"),
    ("nguoi.moi", "Tên\x00ẩn", TextError, "ký tự điều khiển"),
    ("nguoi.moi", "Hai\ndòng", TextError, "ký tự điều khiển"),
    ("<script>", "Tên", AccountError, "chỉ gồm chữ, số"),
    ("=cmd|' /C calc'!A0", "Tên", AccountError, "chỉ gồm chữ, số"),
])
def test_bad_account_fields_are_refused_and_nothing_is_written(store, username, display_name,
                                                               error, message):
    before = _audit(store)
    with pytest.raises(error, match=message):
        add_account(store, ADMIN, username, display_name, "viewer", None)
    assert _audit(store) == before


def test_a_name_with_html_or_formula_text_is_kept_as_typed(store):
    name = '<script>alert(1)</script> =HYPERLINK("http://x.vn","Bấm")'
    add_account(store, ADMIN, "nguoi.moi", name, "viewer", None)
    frame = accounts_frame(store, ADMIN)
    assert name in list(frame["Tên hiển thị"])


def test_single_sign_on_opens_the_account_that_has_the_email(store):
    assert sign_in_sso(store, "pq@kiengiang.gov.vn") is None
    change_email(store, ADMIN, "thongke.pq", "  PQ@KienGiang.gov.vn ")
    user = sign_in_sso(store, "pq@kiengiang.gov.vn")
    assert (user.username, user.role, user.scopes) == (
        "thongke.pq", "statistician", frozenset({"vn2004:911"}))
    for other in (None, "", "khong-phai-email", "pq@kiengiang.gov.vn.evil.com"):
        assert sign_in_sso(store, other) is None
    add_account(store, ADMIN, "nguoi.khac", "Người khác", "viewer", None)
    with pytest.raises(AccountError, match="đã gắn với tài khoản thongke.pq"):
        change_email(store, ADMIN, "nguoi.khac", "pq@kiengiang.gov.vn")
    with pytest.raises(AccountError, match="không phải một địa chỉ email"):
        change_email(store, ADMIN, "nguoi.khac", "<script>@")
    with pytest.raises(AccountError, match="Không có tài khoản"):
        change_email(store, ADMIN, "khong.co", "a@b.vn")
    change_email(store, ADMIN, "thongke.pq", None)
    assert sign_in_sso(store, "pq@kiengiang.gov.vn") is None
    emails = [(r["before"], r["after"]) for r in _audit(store) if r["action"] == "set_email"]
    assert emails == [('{"email": "pq@kiengiang.gov.vn"}', '{"email": null}'),
                      ('{"email": null}', '{"email": "pq@kiengiang.gov.vn"}')]


def test_the_account_list_and_the_scope_choices(store):
    frame = accounts_frame(store, ADMIN)
    assert frame.to_dict("records") == [{
        "Tên đăng nhập": "thongke.pq", "Tên hiển thị": "Thống kê Phú Quốc",
        "Vai trò": "Cán bộ thống kê", "Đơn vị phụ trách": "Thành phố Phú Quốc (trước 01/07/2025)",
        "Email": ""}]
    choices = dict(scope_choices(store))
    # Old communes are covered by their district; the 2025 communes have no district.
    assert "vn2004:31078" not in choices and "vn2025:31078" in choices
    assert choices["vn2004:911"].endswith("Tỉnh Kiên Giang — vn2004:911")
    assert list(choices)[0] == "vn2004:91" and list(choices)[-1] == "org:TV-STTTT"


def test_demo_accounts_only_in_demo_mode_with_fresh_passwords_printed_once(store):
    assert ensure_demo_accounts(store, demo=False) == {}
    created = ensure_demo_accounts(store, demo=True)
    assert sorted(created) == sorted(name for name, *_ in DEMO_ACCOUNTS if name != "thongke.pq")
    assert len(set(created.values())) == len(created)  # generated, never a fixed password
    for username, password in created.items():
        assert sign_in(store, username, password).username == username
    assert ensure_demo_accounts(store, demo=True) == {}  # once
    assert sign_in(store, "thongke.pq", "mật-khẩu-ban-đầu") is not None  # an existing one is kept
