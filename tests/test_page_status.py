"""The "Tình hình thực hiện" page, driven with AppTest on the demo store."""
from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def landing(demo_url, monkeypatch):
    """The app's first run: app.py with the landing page (Tổng quan)."""
    monkeypatch.setenv("KPI_DATABASE_URL", demo_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app(landing):
    # AppTest re-detects pages/ on reruns and runs a page's file on its own
    # (a real server does not), so app.py's sidebar is checked on `landing`.
    landing.switch_page("pages/thuc_hien.py").run()
    assert not landing.exception, landing.exception
    return landing


def _choose(at, period: str, unit: str) -> AppTest:
    at.selectbox(key="period").set_value(period)
    at.selectbox(key="unit").set_value(unit)
    at.run()
    assert not at.exception, at.exception
    return at


def _tables(at) -> dict[str, list[dict]]:
    headings = [h.value for h in at.subheader]
    return {h: df.value.to_dict("records") for h, df in zip(headings, at.dataframe)}


def test_app_opens_in_vietnamese_with_demo_notice(landing):
    assert landing.sidebar.radio(key="lang").value == "vi"
    assert any("Dữ liệu minh họa" in info.value for info in landing.sidebar.info)


def test_page_opens_on_a_year(app):
    assert app.title[0].value == "Tình hình thực hiện chỉ tiêu"
    assert app.selectbox(key="period").value.isdigit()  # a year is the first choice


def test_phu_quoc_2021_shows_each_field_with_statuses_and_vietnamese_numbers(app):
    at = _choose(app, "2021", "vn2004:911")
    tables = _tables(at)
    assert list(tables)[:2] == ["Kinh tế", "Văn hóa – xã hội"]
    assert "Quốc phòng – an ninh" in tables
    rows = [row for table in tables.values() for row in table]
    statuses = {row["Trạng thái"].split(" ", 1)[1] for row in rows}
    assert len(statuses) >= 4, statuses
    revenue = next(r for r in tables["Kinh tế"] if r["Chỉ tiêu"].startswith("Thu ngân sách"))
    assert revenue["Kế hoạch"] == "3.400 tỷ đồng"
    assert revenue["Thực hiện"].endswith("tỷ đồng") and "." in revenue["Thực hiện"]
    metrics = {m.label: int(m.value) for m in at.metric}
    assert sum(metrics.values()) == len(rows)


def test_switching_unit_and_period_changes_the_rows(app):
    phu_quoc = _tables(_choose(app, "2021", "vn2004:911"))
    province = _tables(_choose(app, "2021", "vn2004:91"))
    assert phu_quoc != province
    forest = [r for t in province.values() for r in t if r["Chỉ tiêu"].startswith("Tỷ lệ che phủ rừng")]
    assert forest and forest[0]["Kỳ"] == "Năm 2025" and forest[0]["Tiến độ"]


def test_english_switch(landing):
    landing.sidebar.radio(key="lang").set_value("en").run()
    app = landing.switch_page("pages/thuc_hien.py").run()
    assert app.title[0].value == "Target status"
    assert app.selectbox(key="period").label == "Period"
