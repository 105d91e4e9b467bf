"""The "Nộp báo cáo" page with AppTest on the demo store: choose, upload, preview, commit."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.auth import User
from kpi.ingest.template import build_template
from kpi.ui import USER_KEY
from tests.ingest.files import XLSX_MIME, fill, workbook

APP = str(Path(__file__).resolve().parents[2] / "app.py")
ADMIN = User("admin", "Quản trị", "admin")


@pytest.fixture
def page(demo_url, monkeypatch):
    monkeypatch.setenv("KPI_DATABASE_URL", demo_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[USER_KEY] = ADMIN
    at.run()
    at.switch_page("pages/nop_bao_cao.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="upload_unit").set_value("vn2004:911")
    at.selectbox(key="upload_period").set_value("2021")
    at.run()
    assert not at.exception, at.exception
    return at


def _upload(at, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="upload_file").upload(name, data, XLSX_MIME).run()
    assert not at.exception, at.exception
    return at


def _table(at, column: str):
    """The page's table that has `column`."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _metrics(at) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


def test_upload_preview_commit_and_history(page, demo_engine):
    assert page.title[0].value == "Nộp báo cáo"
    assert page.get("download_button")  # the template of the chosen unit and period
    name, template = build_template(demo_engine, "vn2004:911", "2021", today=dt.date(2026, 1, 15))
    at = _upload(page, name, fill(template, {"BUDGET_REVENUE": 3512.4, "PEPPER_OUTPUT": 480}))
    assert _metrics(at) == {"Mới": 0, "Thay đổi": 2, "Không đổi": 0, "Lỗi": 0, "Cảnh báo": 0}
    preview = _table(at, "Số mới")
    assert list(preview["Thay đổi"]) == ["Thay đổi", "Thay đổi"]
    assert "3.512,4" in list(preview["Số mới"])
    at.button(key="commit").click().run()
    assert not at.exception, at.exception
    assert "Đã ghi lần nộp số" in at.success[0].value
    assert _metrics(at)["Không đổi"] == 2  # the same file, seen again after the commit
    history = _table(at, "Kết quả")
    assert list(history["Kết quả"]) == ["Đã ghi"] and list(history["Tệp"]) == [name]
    assert list(history["Người nộp"]) == ["admin"]


def test_a_file_with_errors_shows_them_and_offers_no_commit(page):
    data = workbook({"Số liệu": [["Mã chỉ tiêu", "Thực hiện"], ["BUDGET_REVENUE", "ba nghìn"],
                                 ["KHONG_CO", 1]]})
    at = _upload(page, "loi.xlsx", data)
    assert _metrics(at)["Lỗi"] == 2
    issues = _table(at, "Vị trí")
    assert list(issues["Vị trí"]) == ["Trang “Số liệu”, ô B2", "Trang “Số liệu”, ô A3"]
    assert "1.234,5" in issues["Nội dung"][0]
    assert "còn lỗi" in at.error[0].value
    assert not [b for b in at.button if b.key == "commit"]


def test_a_hostile_file_is_refused_on_the_page(page):
    at = _upload(page, "bao-cao.xlsx", "Mã chỉ tiêu;Thực hiện\n".encode())
    assert "CSV" in _table(at, "Vị trí")["Nội dung"][0]
    assert not [b for b in at.button if b.key == "commit"]
