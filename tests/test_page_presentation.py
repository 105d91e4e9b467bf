"""The "Trình chiếu" page, driven with AppTest on the demo store."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PLAN = "PQ-2021"


@pytest.fixture
def app(demo_url, monkeypatch):
    monkeypatch.setenv("KPI_DATABASE_URL", demo_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/trinh_chieu.py")
    at.run()
    assert not at.exception, at.exception
    at.selectbox(key="present_plan").set_value(PLAN).run()
    assert not at.exception, at.exception
    return at


def _counter(at) -> tuple[int, int]:
    text = next(m.value for m in at.markdown if m.value.startswith("**") and " / " in m.value)
    shown, total = text.strip("*").split(" / ")
    return int(shown), int(total)


def _click(at, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def _figure(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_opens_on_the_title_slide_with_a_counter(app):
    assert app.title[0].value == "Kết quả thực hiện chỉ tiêu năm 2021"
    assert app.header[0].value == "Thành phố Phú Quốc"
    assert _counter(app) == (1, 10)
    assert app.button(key="present_prev").disabled
    assert [b.label for b in app.get("download_button")] == [
        "Tải bộ trình chiếu (.pptx)", "Tải báo cáo tổng hợp (.xlsx)", "Tải báo cáo văn bản (.docx)"]


def test_next_and_previous_walk_the_slides(app):
    _click(app, "present_next")
    assert app.title[0].value == "Tổng hợp kết quả" and _counter(app) == (2, 10)
    assert app.header[0].value == "19/40 chỉ tiêu đạt và vượt kế hoạch"
    counts = _figure(app)["data"][0]
    assert counts["y"] == [12, 7, 11, 9, 1] and counts["text"][0] == "12"
    _click(app, "present_next")
    assert app.title[0].value == "Kinh tế (1/3)" and _counter(app) == (3, 10)
    bars = _figure(app)["data"][0]
    assert bars["y"][0] == "Giá trị sản xuất nông, lâm nghiệp và thủy sản"
    assert bars["text"][0] == "101%" and bars["x"][0] == pytest.approx(4593.8 / 4549)
    _click(app, "present_prev")
    assert app.title[0].value == "Tổng hợp kết quả" and _counter(app) == (2, 10)


def test_last_slide_disables_next(app):
    for _ in range(12):  # more clicks than slides: it stays on the last one
        if app.button(key="present_next").disabled:
            break
        _click(app, "present_next")
    assert _counter(app) == (10, 10)
    assert app.button(key="present_next").disabled


def test_key_indicator_adds_its_slide_and_new_choices_restart(app):
    _click(app, "present_next")
    app.multiselect(key=f"present_keys:{PLAN}:vn2004:911").select("BUDGET_REVENUE").run()
    assert not app.exception, app.exception
    assert _counter(app) == (1, 11)  # new choices start from the title slide
    for _ in range(10):
        _click(app, "present_next")
    assert app.title[0].value == "Thu ngân sách nhà nước trên địa bàn"
    series = _figure(app)["data"]
    assert [s["name"] for s in series] == ["Thực hiện", "Kế hoạch"]
    assert series[0]["text"] == ["3.120,0", "3.765,4"]
