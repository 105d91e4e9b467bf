"""Sign-in page with AppTest: wrong password refused, right one signs in, pages follow the role."""
from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.accounts import add_account, ensure_first_admin, sign_in

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PASSWORD = "mật-khẩu-quản-trị-thử"


@pytest.fixture
def app(demo_url, demo_engine, monkeypatch):
    monkeypatch.setenv("KPI_DATABASE_URL", demo_url)
    ensure_first_admin(demo_engine, PASSWORD)
    admin = sign_in(demo_engine, "admin", PASSWORD)
    add_account(demo_engine, admin, "thongke.pq", "Thống kê Phú Quốc", "statistician",
                "mật-khẩu-thống-kê", ["vn2004:911"])
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/dang_nhap.py").run()
    assert not at.exception, at.exception
    return at


def _sign_in(at, username, password):
    at.text_input(key="username").input(username)
    at.text_input(key="password").input(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_wrong_password_is_refused_in_vietnamese(app):
    _sign_in(app, "admin", "không-đúng-đâu")
    assert "không đúng" in app.error[0].value
    assert "_kpi_user" not in app.session_state


def test_statistician_signs_in_and_sees_its_account(app):
    _sign_in(app, "thongke.pq", "mật-khẩu-thống-kê")
    user = app.session_state["_kpi_user"]
    assert (user.username, user.role, user.scopes) == (
        "thongke.pq", "statistician", frozenset({"vn2004:911"}))
    assert any("Cán bộ thống kê" in md.value for md in app.markdown)
