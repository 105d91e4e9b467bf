"""Tổng quan, Chỉ tiêu and Địa bàn driven with AppTest on the demo store: filters in,
numbers, statuses and figure data out (checked against the scorecard)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.db import create_store_engine, upgrade
from kpi.periods import today_vn
from kpi.scorecard import load_scorecard, scorecard_records

APP = str(Path(__file__).resolve().parent.parent / "app.py")
KG, PQ = "vn2004:91", "vn2004:911"


def _start(url: str, monkeypatch, query: dict | None = None) -> AppTest:
    monkeypatch.setenv("KPI_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app(demo_url, monkeypatch):
    return _start(demo_url, monkeypatch)


def _set(at: AppTest, **values) -> AppTest:
    """Choose filters in the sidebar by their keys (ky, dia_ban, cap, …), in order."""
    for key, value in values.items():
        at.selectbox(key=key).set_value(value).run()
        assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> list[dict]:
    """Every plotly figure on the page, parsed (AppTest keeps it as escaped JSON)."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _figure(at: AppTest, title_start: str) -> dict:
    return next(f for f in figures(at) if f["layout"]["title"]["text"].startswith(title_start))


def _scorecard(demo_url, period, unit):
    engine = create_store_engine(demo_url)
    rows = load_scorecard(engine, period, unit_key=unit, as_of=today_vn())
    engine.dispose()
    return rows


# --- Tổng quan --------------------------------------------------------------------------

def test_overview_is_the_landing_page(app):
    assert app.title[0].value == "Tổng quan"
    assert app.selectbox(key="dia_ban").value == KG
    assert app.selectbox(key="ky").value == "2024"  # Kiên Giang's last full year
    assert any("Dữ liệu minh họa" in info.value for info in app.sidebar.info)


def test_overview_counts_matrix_and_risks_follow_the_filters(app, demo_url):
    at = _set(app, ky="2021")
    expected = Counter(r.assessment.status for unit in (KG, PQ)
                       for r in _scorecard(demo_url, "2021", unit))
    shown = {m.label.split(" ", 1)[1]: int(m.value) for m in at.metric}
    assert shown == {"Vượt": expected["exceeded"], "Đạt": expected["met"],
                     "Gần đạt": expected["nearly"], "Không đạt": expected["not_met"],
                     "Chưa có số liệu": expected["no_data"], "Chưa đến hạn": expected["not_due"]}
    assert at.caption[0].value.startswith("Tỉnh Kiên Giang (trước 01/07/2025) · Năm 2021")
    matrix = _figure(at, "Trạng thái chỉ tiêu")
    assert matrix["layout"]["title"]["text"].endswith("Tỉnh Kiên Giang (trước 01/07/2025) · Năm 2021")
    assert matrix["data"][0]["x"] == ["Tỉnh Kiên Giang (trước 01/07/2025)",
                                      "Thành phố Phú Quốc (trước 01/07/2025)"]
    risky = at.dataframe[0].value
    assert list(risky.columns)[:4] == ["Địa bàn", "Chỉ tiêu", "Kỳ", "Trạng thái"]
    assert risky.iloc[0]["Trạng thái"] == "✖ Không đạt"
    assert any("báo cáo đến hạn" in p.proto.text for p in at.get("progress"))


def test_overview_compares_with_last_year(app, demo_url):
    at = _set(app, ky="2022", so_sanh="last_year")
    before = Counter(r.assessment.status for unit in (KG, PQ)
                     for r in _scorecard(demo_url, "2021", unit))
    now = Counter(r.assessment.status for unit in (KG, PQ)
                  for r in _scorecard(demo_url, "2022", unit))
    met = next(m for m in at.metric if m.label.endswith("Đạt") and "Gần" not in m.label)
    assert int(met.value) == now["met"] and int(met.delta) == now["met"] - before["met"]
    counts = _figure(at, "Số chỉ tiêu theo trạng thái")
    assert [t["name"] for t in counts["data"]] == ["Năm 2022", "Năm 2021"]


def test_overview_matrix_by_period_and_one_field(app):
    at = _set(app, ky="2022", linh_vuc="xa_hoi")
    at.segmented_control(key="tq_truc").set_value("periods").run()
    matrix = _figure(at, "Trạng thái chỉ tiêu")
    assert matrix["data"][0]["x"] == ["Năm 2021", "Năm 2022", "Năm 2023", "Năm 2024", "Năm 2025"]
    rows = set(matrix["data"][0]["y"])
    assert any(r.startswith("Tỷ lệ hộ nghèo") for r in rows)
    assert not any(r.startswith("Tốc độ tăng tổng sản phẩm") for r in rows)  # kinh tế is out


def test_filters_follow_the_viewer_to_the_other_pages(app):
    at = _set(app, ky="2021", cap="district", dia_ban=PQ)
    at.switch_page("pages/chi_tieu.py").run()
    assert not at.exception, at.exception
    assert (at.selectbox(key="ky").value, at.selectbox(key="dia_ban").value) == ("2021", PQ)
    at.switch_page("pages/dia_ban.py").run()
    assert at.caption[0].value.startswith("Thành phố Phú Quốc (trước 01/07/2025) · Năm 2021")


def test_a_link_opens_the_view_it_names(demo_url, monkeypatch):
    at = _start(demo_url, monkeypatch, {"ky": "2021", "dia_ban": PQ})
    assert at.caption[0].value.startswith("Thành phố Phú Quốc (trước 01/07/2025) · Năm 2021")
    assert at.query_params["dia_ban"] == PQ and at.query_params["ky"] == "2021"


# --- Chỉ tiêu ---------------------------------------------------------------------------

def test_indicator_page_shows_actual_target_year_to_date_and_history(app, demo_url):
    at = _set(app, ky="2021", cap="district", dia_ban=PQ)
    at.switch_page("pages/chi_tieu.py").run()
    at = _set(at, chi_tieu="BUDGET_REVENUE")
    row = next(r for r in scorecard_records(_scorecard(demo_url, "2021", PQ))
               if r["indicator_code"] == "BUDGET_REVENUE")
    metrics = {m.label: m for m in at.metric}
    assert metrics["Thực hiện"].value == row["actual_text"] == "3.765,4 tỷ đồng"
    assert metrics["Trạng thái"].value == "Vượt"
    assert metrics["Lũy kế đến tháng 12/2021"].value == "3.765,4 tỷ đồng"
    series = _figure(at, "Thu ngân sách nhà nước trên địa bàn – Thành phố Phú Quốc")
    target = next(t for t in series["data"] if t["name"] == "Chỉ tiêu")
    assert (target["x"], target["y"]) == (["Năm 2021"], [3400.0])
    actual = next(t for t in series["data"] if t["name"] == "Thực hiện")
    assert actual["type"] == "bar" and actual["y"][actual["x"].index("Năm 2021")] == 3765.4
    ytd = _figure(at, "Lũy kế năm 2021")
    expected = next(t for t in ytd["data"] if t["name"] == "Kế hoạch theo tiến độ")
    assert expected["y"][-1] == pytest.approx(3400)
    history = at.dataframe[-1].value
    assert (history["Được tính"] == "Có").sum() == history["Kỳ"].nunique()


def test_indicator_page_draws_the_path_to_a_multi_year_target(app):
    at = _set(app, ky="2023")
    at.switch_page("pages/chi_tieu.py").run()
    at = _set(at, chi_tieu="FOREST_COVER")
    series = _figure(at, "Tỷ lệ che phủ rừng – Tỉnh Kiên Giang")
    names = [t["name"] for t in series["data"]]
    assert {"Thực hiện", "Lộ trình từ năm gốc", "Dự báo Năm 2025", "Chỉ tiêu"} <= set(names)
    path = next(t for t in series["data"] if t["name"] == "Lộ trình từ năm gốc")
    assert path["y"][-1] == pytest.approx(49)
    by_place = _figure(at, "Tỷ lệ che phủ rừng – Tỉnh Kiên Giang (trước 01/07/2025) · Năm 2023")
    line = next(t for t in by_place["data"] if t["name"].startswith("Chỉ tiêu của"))
    assert line["x"] == [49.0, 49.0]
    assert any("cần đẩy nhanh" in c.value or "đúng tiến độ" in c.value for c in at.caption)


# --- Địa bàn ----------------------------------------------------------------------------

def test_locality_page_lists_targets_and_drills_down_and_back(app, demo_url):
    at = _set(app, ky="2021", cap="district", dia_ban=PQ)
    at.switch_page("pages/dia_ban.py").run()
    targets = at.dataframe[0].value
    assert len(targets) == len(_scorecard(demo_url, "2021", PQ))
    assert targets.iloc[0]["Địa bàn"] == "Thành phố Phú Quốc (trước 01/07/2025)"
    at = _set(at, chi_tieu="POOR_HOUSEHOLD_RATE")
    title = "Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều) – Thành phố Phú Quốc (trước 01/07/2025) · Năm 2021"
    place_map, bars = [f for f in figures(at) if f["layout"]["title"]["text"] == title]
    assert all(t["type"] == "scatter" for t in place_map["data"])
    assert sum(len(t["x"]) for t in place_map["data"]) == 9  # Phú Quốc's communes
    line = next(t for t in bars["data"] if t["name"].startswith("Chỉ tiêu của"))
    assert line["x"] == [0.28, 0.28]  # Phú Quốc's own target: hộ nghèo ≤ 0,28%
    assert bars["data"][0]["x"] == sorted(bars["data"][0]["x"], reverse=True)
    at.selectbox(key="xuong").set_value("vn2004:31096").run()
    at.button(key="xuong_nut").click().run()
    assert at.selectbox(key="dia_ban").value == "vn2004:31096"
    assert at.caption[0].value.startswith("Xã Dương Tơ (trước 01/07/2025)")
    at.button(key="len").click().run()
    assert at.selectbox(key="dia_ban").value == PQ


def test_locality_page_shows_todays_unit_with_its_history_across_the_reform(app):
    at = _set(app, cap="commune", dia_ban="vn2025:31078")
    at.switch_page("pages/dia_ban.py").run()
    at = _set(at, chi_tieu="POOR_HOUSEHOLD_RATE")
    history = _figure(at, "Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều) – Đặc khu Phú Quốc")
    carried = next(t for t in history["data"] if t["name"] == "Ghép từ đơn vị cũ")
    reported = next(t for t in history["data"] if t["name"] == "Thực hiện")
    assert "Năm 2021" in carried["x"] and reported["x"] == ["Năm 2025"]
    table = next(df.value for df in at.dataframe if "Nguồn số liệu" in df.value.columns)
    assert set(table["Nguồn số liệu"]) >= {"Ghép từ đơn vị cũ", "Tự báo cáo"}


def test_pages_speak_english_on_request(app):
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.title[0].value == "Overview"
    assert app.selectbox(key="ky").label == "Period"
    assert [m.label for m in app.metric][0] == "▲ Exceeded"
    assert _figure(app, "Target status – ")
    for page, heading in (("pages/chi_tieu.py", "Indicator"), ("pages/dia_ban.py", "Locality")):
        app.switch_page(page).run()
        assert not app.exception, app.exception
        assert app.title[0].value == heading


@pytest.mark.parametrize("page", ["pages/tong_quan.py", "pages/chi_tieu.py", "pages/dia_ban.py"])
def test_an_empty_store_says_what_to_do(tmp_path, monkeypatch, page):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    engine = create_store_engine(url)
    upgrade(engine)
    engine.dispose()
    at = _start(url, monkeypatch)
    at.switch_page(page).run()
    assert not at.exception and not at.error
    assert "Chưa có chỉ tiêu nào" in at.warning[0].value

