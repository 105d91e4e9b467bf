"""Each role through the app (AppTest, demo store): what it is offered, what it
may write through the page and through kpi, and what the audit page then shows.

AppTest re-detects pages/ on reruns, so after `switch_page` a page runs without
app.py: users are signed in by putting them in session state, as app.py's
sign-in page does."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from kpi.accounts import add_account
from kpi.auth import PermissionDenied, User
from kpi.config import load_settings
from kpi.ingest.commit import commit_upload
from kpi.ingest.preview import preview_upload
from kpi.ingest.template import build_template
from kpi.schema import actual_values, audit_log, upload_batches
from kpi.ui import ENTRY_FLAG, USER_KEY
from tests.ingest.files import XLSX_MIME, fill

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TODAY = dt.date(2026, 1, 15)
PHU_QUOC, KIEN_GIANG = "vn2004:911", "vn2004:91"
USERS = {
    "admin": User("admin", "Quản trị", "admin"),
    "leader": User("chutich", "Chủ tịch UBND", "leader"),
    "statistician": User("thongke.pq", "Thống kê Phú Quốc", "statistician", frozenset({PHU_QUOC})),
    "viewer": User("xem", "Người xem", "viewer"),
}
WRITE_PAGES = {"nop_bao_cao.py", "dang_ky_thi_dua.py", "khoi_thi_dua.py", "nap_ke_hoach.py",
               "nhat_ky.py", "tai_khoan.py"}


def _app(url, monkeypatch, user) -> AppTest:
    monkeypatch.setenv("KPI_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    if user is not None:
        at.session_state[USER_KEY] = user
    at.run()
    assert not at.exception, at.exception
    return at


def _open(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _offered(at: AppTest) -> set[str]:
    # The pages st.navigation registered for this session (AppTest keeps them).
    return {Path(info["script_path"]).name for info in at._registered_pages.values()
            if info.get("script_path")}


def _written(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (actual_values, upload_batches, audit_log)}


@pytest.mark.parametrize("role, expected", [
    (None, set()),
    ("viewer", set()),
    ("leader", set()),
    ("statistician", {"nop_bao_cao.py", "dang_ky_thi_dua.py"}),
    ("admin", WRITE_PAGES),
])
def test_navigation_offers_each_role_only_its_pages(demo_url, monkeypatch, role, expected):
    at = _app(demo_url, monkeypatch, USERS.get(role))
    offered = _offered(at)
    assert offered & WRITE_PAGES == expected
    assert {"tong_quan.py", "dang_nhap.py"} <= offered  # the demo leaves viewing open


@pytest.mark.parametrize("role", [None, "viewer", "leader"])
@pytest.mark.parametrize("page, refusal", [
    ("pages/nop_bao_cao.py", "Cần đăng nhập bằng tài khoản cán bộ thống kê hoặc quản trị"),
    ("pages/nhat_ky.py", "Chỉ quản trị xem được nhật ký"),
    ("pages/tai_khoan.py", "Chỉ quản trị quản lý tài khoản"),
])
def test_a_page_run_directly_refuses_who_may_not_use_it(demo_url, monkeypatch, role, page,
                                                       refusal):
    # Navigation does not offer the page (AppTest refuses to switch to it); run
    # its file directly, as a stale link in a running session would.
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        _open(_app(demo_url, monkeypatch, USERS.get(role)), page)
    at = AppTest.from_file(str(Path(APP).parent / page), default_timeout=60)
    at.session_state[ENTRY_FLAG] = True
    if role is not None:
        at.session_state[USER_KEY] = USERS[role]
    at.run()
    assert not at.exception, at.exception
    assert refusal in at.warning[0].value
    assert not at.get("file_uploader") and not at.dataframe and not at.button


def test_a_statistician_cannot_write_another_units_figures_through_the_page(
        demo_url, demo_engine, monkeypatch):
    at = _open(_app(demo_url, monkeypatch, USERS["statistician"]), "pages/nop_bao_cao.py")
    units = at.selectbox(key="upload_unit").options
    assert units and all("Phú Quốc" in u or "Xã" in u or "Phường" in u or "Thị trấn" in u
                         for u in units), units
    assert not any(u.startswith("Tỉnh") for u in units)  # the province is not its to report
    _name, province = build_template(demo_engine, KIEN_GIANG, "2021", today=TODAY)
    before = _written(demo_engine)
    at.file_uploader(key="upload_file").upload(
        "bao-cao-kien-giang.xlsx", fill(province, {"BUDGET_REVENUE": 9999.0}), XLSX_MIME).run()
    assert not at.exception, at.exception
    messages = [df.value for df in at.dataframe if "Nội dung" in df.value.columns][0]["Nội dung"]
    assert any("không được nhập số liệu cho" in m for m in messages)
    assert not [b for b in at.button if b.key == "commit"]
    assert _written(demo_engine) == before


def test_a_statistician_cannot_write_another_units_figures_through_kpi(demo_engine):
    _name, province = build_template(demo_engine, KIEN_GIANG, "2021", today=TODAY)
    # A preview made without the scope (as a crafted request would) is still refused.
    preview = preview_upload(demo_engine, fill(province, {"BUDGET_REVENUE": 9999.0}),
                             "kg.xlsx", settings=load_settings({}), today=TODAY)
    assert not preview.errors
    before = _written(demo_engine)
    for role in ("statistician", "leader", "viewer"):
        with pytest.raises(PermissionDenied):
            commit_upload(demo_engine, preview, USERS[role], today=TODAY)
    with pytest.raises(PermissionDenied):
        commit_upload(demo_engine, preview, None, today=TODAY)
    assert _written(demo_engine) == before


def _commit_as(engine, user, values, name):
    _n, template = build_template(engine, PHU_QUOC, "2021", today=TODAY)
    preview = preview_upload(engine, fill(template, values), name, settings=load_settings({}),
                             today=TODAY, allowed_units=user.scopes or None)
    return commit_upload(engine, preview, user, today=TODAY).batch_id


def _audit_rows(at: AppTest):
    return next(df.value for df in at.dataframe if "Thao tác" in df.value.columns)


def test_the_audit_page_shows_each_change_and_rolls_an_upload_back(demo_url, demo_engine,
                                                                   monkeypatch):
    batch = _commit_as(demo_engine, USERS["statistician"], {"BUDGET_REVENUE": 3512.4},
                       "bao-cao-pq.xlsx")
    add_account(demo_engine, USERS["admin"], "nguoi.moi", "<b>Người mới</b>", "viewer", None)
    at = _open(_app(demo_url, monkeypatch, USERS["admin"]), "pages/nhat_ky.py")
    rows = _audit_rows(at)
    assert list(rows["Thao tác"][:2]) == ["Tạo tài khoản", "Nộp số liệu"]
    assert list(rows["Người thực hiện"][:2]) == ["admin", "thongke.pq"]

    at.selectbox(key="audit_action").set_value("upload_actuals").run()
    assert list(_audit_rows(at)["Mã"]) == [str(batch)]
    at.selectbox(key="audit_row").set_value(int(_audit_rows(at)["Số"][0])).run()
    change = next(df.value for df in at.dataframe if "Trước" in df.value.columns)
    revenue = change[change["Mục"].str.contains("BUDGET_REVENUE")].iloc[0]
    assert revenue["Sau"] == "3.512,4" and revenue["Trước"] != ""  # the demo's figure before
    at.button(key="audit_rollback").click().run()
    assert not at.exception, at.exception
    assert f"Đã hủy lần nộp số {batch}" in at.success[0].value
    with demo_engine.connect() as conn:
        status = conn.execute(select(upload_batches.c.status)
                              .where(upload_batches.c.id == batch)).scalar_one()
    assert status == "rolled_back"

    at.selectbox(key="audit_action").set_value("").run()
    rows = _audit_rows(at)
    assert list(rows["Thao tác"][:3]) == ["Hủy lần nộp", "Tạo tài khoản", "Nộp số liệu"]
    at.text_input(key="audit_text").input("Người mới").run()
    assert list(_audit_rows(at)["Mã"]) == ["nguoi.moi"]
    at.text_input(key="audit_text").input("không có ở đâu").run()
    assert "Không có thay đổi nào khớp" in at.info[0].value


def test_the_account_page_creates_an_account_shows_its_password_once_and_audits_it(
        demo_url, demo_engine, monkeypatch):
    at = _open(_app(demo_url, monkeypatch, USERS["admin"]), "pages/tai_khoan.py")
    at.text_input(key="new_username").input("thongke.dt")
    at.text_input(key="new_display").input("[Bấm](http://x.vn) <script>")
    at.multiselect(key="new_scopes").set_value(["vn2004:899"])
    at.button[0].click().run()  # the form's submit button
    assert not at.exception, at.exception
    assert "Mật khẩu (chỉ hiện một lần)" in at.success[0].value
    password = at.code[0].value
    accounts = next(df.value for df in at.dataframe if "Tên đăng nhập" in df.value.columns)
    assert "[Bấm](http://x.vn) <script>" in list(accounts["Tên hiển thị"])
    at.run()
    assert not at.code  # shown once

    from kpi.accounts import sign_in
    user = sign_in(demo_engine, "thongke.dt", password)
    assert user.scopes == frozenset({"vn2004:899"})
    at.selectbox(key="password_user").set_value("thongke.dt")
    at.button(key="do_reset").click().run()
    assert sign_in(demo_engine, "thongke.dt", password) is None
    assert sign_in(demo_engine, "thongke.dt", at.code[0].value) is not None

    at.text_input(key="new_username").input("thongke.dt")  # taken: refused, nothing written
    at.button[0].click().run()
    assert "đã có" in at.error[0].value
    at = _open(at, "pages/nhat_ky.py")
    assert list(_audit_rows(at)["Thao tác"][:2]) == ["Đặt lại mật khẩu", "Tạo tài khoản"]


def test_the_sign_in_page_shows_a_name_as_typed_never_as_markup(demo_url, monkeypatch):
    hostile = User("la", "![x](http://x.vn/a.png) <script>alert(1)</script>", "viewer")
    at = _open(_app(demo_url, monkeypatch, hostile), "pages/dang_nhap.py")
    shown = [m.value for m in at.markdown if "alert" in m.value]
    assert shown == ["!\\[x\\](http\u2060://x.vn/a.png) \\<script\\>alert(1)\\</script\\> — "
                     "Người xem (la)"]


AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "chi-de-kiem-thu",
        "client_id": "kpi", "client_secret": "chi-de-kiem-thu",
        "server_metadata_url": "https://sso.example.invalid/.well-known/openid-configuration"}


@pytest.mark.parametrize("configured, email, signed_in_as, warning", [
    (False, "pq@kiengiang.gov.vn", None, None),  # no [auth] section: local accounts only
    (True, "PQ@KienGiang.gov.vn", "thongke.pq", None),
    (True, "la@example.com", None, "Email la@example.com chưa gắn với tài khoản nào"),
])
def test_single_sign_on_only_when_configured_opens_the_account_with_that_email(
        demo_url, demo_engine, monkeypatch, configured, email, signed_in_as, warning):
    from kpi.accounts import change_email

    add_account(demo_engine, USERS["admin"], "thongke.pq", "Thống kê Phú Quốc", "statistician",
                None, [PHU_QUOC])
    change_email(demo_engine, USERS["admin"], "thongke.pq", "pq@kiengiang.gov.vn")
    monkeypatch.setenv("KPI_DATABASE_URL", demo_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    if configured:
        at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email}  # what the OIDC provider vouched for
    at.run()
    assert not at.exception, at.exception
    user = at.session_state[USER_KEY] if USER_KEY in at.session_state else None
    assert (user.username if user else None) == signed_in_as
    assert ("nop_bao_cao.py" in _offered(at)) is (signed_in_as is not None)
    if user is None:
        at = _open(at, "pages/dang_nhap.py")
        assert bool([b for b in at.button if b.key == "sso"]) is configured
        # As escaped for markdown: backslashes, and a word joiner before the "@".
        shown = [w.value.replace("\\", "").replace("\u2060", "") for w in at.warning]
        assert (len(shown) == 1 and warning in shown[0]) if warning else shown == []
