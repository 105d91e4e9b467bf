"""Figures are data: what each chart draws, read from fig.to_dict()."""
from __future__ import annotations

import pandas as pd
import pytest

from kpi import charts
from kpi.status import STATUS_COLORS

GEO_TRACES = {"scattergeo", "choropleth", "scattermapbox", "choroplethmapbox", "densitymapbox",
              "scattermap", "choroplethmap", "densitymap"}
SERIES = pd.DataFrame({
    "period": ["2020", "2021", "2022", "2023"],
    "label": ["Năm 2020", "Năm 2021", "Năm 2022", "Năm 2023"],
    "value": [45.0, 45.5, 46.0, None], "basis": ["carried", "reported", "reported", "gap"],
    "note": [None, None, None, "Chưa có số liệu"], "lower": [None, 10.0, 10.0, 49.0],
    "upper": [None, 11.0, 11.0, None], "status": [None, "met", "not_met", "no_data"],
    "target_text": [None, "10–11%", "10–11%", "≥ 49%"],
})
PATH = pd.DataFrame({"period": ["2020", "2025"], "label": ["Năm 2020", "Năm 2025"],
                     "value": [45.0, 49.0]})
YTD = pd.DataFrame({"period": ["2021-01", "2021-02", "2021-03"], "label": ["T1", "T2", "T3"],
                    "full_label": ["Tháng 1/2021", "Tháng 2/2021", "Tháng 3/2021"],
                    "value": [100.0, 120.0, None], "cumulative": [100.0, 220.0, None],
                    "expected": [98.0, 187.0, 290.0]})
LOCALITIES = pd.DataFrame({"unit_key": ["a", "b", "c"], "unit": ["Xã A", "Xã B", "Xã C"],
                           "value": [50.0, 40.0, None], "partial": [False] * 3,
                           "status": ["exceeded", None, None], "target": [45.0, None, None]})
COMPONENTS = pd.DataFrame({
    "period": ["2021", "2021", "2021"], "label": ["Năm 2021"] * 3,
    "code": ["AGRI", "FISH", "TOTAL"], "name": ["Nông nghiệp", "Thủy sản", "Nông – thủy sản"],
    "value": [155.0, 4350.0, 4505.0], "role": ["component", "component", "total"]})
CHILDREN = pd.DataFrame({
    "unit_key": ["x1", "x2", "org"], "unit": ["Xã Một", "Xã Hai", "Sở Y tế"],
    "name": ["Xã Một", "Xã Hai", "Sở Y tế"], "level": ["commune", "commune", "agency"],
    "targets": [4, 0, 2], "due": [4, 0, 2], "meeting": [3, 0, 1], "at_risk": [1, 0, 1],
    "no_data": [0, 0, 0], "share_meeting": [0.75, None, 0.5], "lat": [10.2, 10.3, None],
    "lon": [103.9, 104.0, None]})
MATRIX = pd.DataFrame({
    "indicator_code": ["A", "A", "B"], "indicator": ["Thu ngân sách", "Thu ngân sách", "Che phủ rừng"],
    "group": ["kinh_te"] * 3, "column": ["u1", "u2", "u1"],
    "column_label": ["Tỉnh Kiên Giang", "Thành phố Phú Quốc", "Tỉnh Kiên Giang"],
    "status": ["exceeded", "nearly", "not_due"], "status_label": ["Vượt", "Gần đạt", "Chưa đến hạn"],
    "achievement": [1.1, 0.93, None], "text": ["110%", "93%", "Đúng tiến độ"], "targets": [1, 1, 1]})
COUNTS = [("exceeded", "▲ Vượt", 3), ("met", "● Đạt", 2), ("nearly", "◐ Gần đạt", 0),
          ("not_met", "✖ Không đạt", 1), ("no_data", "? Chưa có số liệu", 0),
          ("not_due", "… Chưa đến hạn", 4)]
TITLE = "Thu ngân sách – Tỉnh Kiên Giang · Năm 2021"


def _figures():
    return {
        "counts": charts.status_counts_chart(COUNTS, TITLE, compare=COUNTS,
                                             compare_label="Năm 2020", name="Năm 2021"),
        "matrix": charts.status_matrix_chart(MATRIX, TITLE),
        "series": charts.indicator_series_chart(SERIES, TITLE, measure="%", flow=False,
                                                path=PATH, forecast={"label": "Năm 2025",
                                                                     "value": 47.7}),
        "ytd": charts.year_to_date_chart(YTD, TITLE, measure="tỷ đồng", target=1160.0,
                                         estimate=880.0),
        "localities": charts.localities_chart(LOCALITIES, TITLE, measure="%", target=42.0,
                                              target_name="Chỉ tiêu của tỉnh"),
        "components": charts.components_chart(COMPONENTS, TITLE, measure="tỷ đồng"),
        "map": charts.locality_map(CHILDREN, TITLE),
        "history": charts.unit_history_chart(SERIES.assign(sources="Kiên Giang"), TITLE,
                                             measure="%"),
    }


@pytest.mark.parametrize("name", list(_figures()))
def test_every_figure_speaks_vietnamese_numbers_and_names_period_and_place(name):
    fig = _figures()[name].to_dict()
    assert fig["layout"]["separators"] == ",."
    assert fig["layout"]["yaxis"]["separatethousands"] is True  # "5.000", not "5000"
    assert fig["layout"]["title"]["text"] == TITLE
    assert not {trace["type"] for trace in fig["data"]} & GEO_TRACES


@pytest.mark.parametrize("name, axis", [("series", "xaxis"), ("ytd", "xaxis"),
                                        ("matrix", "xaxis"), ("components", "xaxis"),
                                        ("history", "xaxis"), ("localities", "yaxis")])
def test_period_and_place_axes_are_categories(name, axis):
    assert _figures()[name].to_dict()["layout"][axis]["type"] == "category"


def test_status_counts_use_the_status_palette_and_hatch_the_compared_period():
    data = _figures()["counts"].to_dict()["data"]
    assert data[0]["x"] == [3, 2, 0, 1, 0, 4]
    assert data[0]["marker"]["color"] == [STATUS_COLORS[s] for s, _l, _n in COUNTS]
    assert data[1]["name"] == "Năm 2020" and data[1]["marker"]["pattern"]["shape"] == "/"


def test_matrix_cells_carry_status_and_text_with_a_legend_per_status():
    data = _figures()["matrix"].to_dict()["data"]
    dark, light = data[0], data[1]
    assert dark["type"] == light["type"] == "heatmap"
    assert dark["x"] == ["Tỉnh Kiên Giang", "Thành phố Phú Quốc"]
    assert dark["text"][0] == ["110%", ""] and light["text"][0] == ["", "93%"]
    assert light["text"][1] == ["Đúng tiến độ", ""]
    legend = [t["name"] for t in data[2:]]
    assert legend == ["▲ Vượt", "◐ Gần đạt", "… Chưa đến hạn"]
    assert [t["marker"]["color"] for t in data[2:]] == [
        STATUS_COLORS[s] for s in ("exceeded", "nearly", "not_due")]


def test_series_draws_the_band_the_one_sided_target_the_path_and_the_forecast():
    traces = {t["name"]: t for t in _figures()["series"].to_dict()["data"]}
    band = traces["Khoảng chỉ tiêu"]
    assert band["fill"] == "tonexty" and list(band["y"]) == [10.0, 10.0]
    assert list(traces["Chỉ tiêu"]["x"]) == ["Năm 2023"] and list(traces["Chỉ tiêu"]["y"]) == [49.0]
    assert list(traces["Thực hiện"]["y"]) == [45.5, 46.0, None]
    assert list(traces["Ghép từ đơn vị cũ"]["y"]) == [45.0]
    assert list(traces["Lộ trình từ năm gốc"]["y"]) == [45.0, 49.0]
    forecast = traces["Dự báo Năm 2025"]
    assert list(forecast["x"]) == ["Năm 2022", "Năm 2025"] and list(forecast["y"]) == [46.0, 47.7]


def test_year_to_date_draws_running_total_pro_rata_target_and_estimate():
    traces = {t["name"]: t for t in _figures()["ytd"].to_dict()["data"]}
    assert list(traces["Lũy kế"]["y"]) == [100.0, 220.0, None]
    assert list(traces["Kế hoạch theo tiến độ"]["y"]) == [98.0, 187.0, 290.0]
    assert list(traces["Kế hoạch cả năm 1.160 tỷ đồng"]["y"]) == [1160.0, 1160.0]
    assert list(traces["Ước cả năm 880,0 tỷ đồng"]["y"]) == [880.0]


def test_localities_sorted_coloured_by_own_status_with_the_parents_target_line():
    traces = {t["name"]: t for t in _figures()["localities"].to_dict()["data"]}
    bars = traces["Thực hiện"]
    assert list(bars["y"]) == ["Xã A", "Xã B"] and list(bars["x"]) == [50.0, 40.0]
    assert bars["marker"]["color"] == [STATUS_COLORS["exceeded"], charts.NEUTRAL]
    assert list(traces["Chỉ tiêu của tỉnh"]["x"]) == [42.0, 42.0]
    assert list(traces["Chỉ tiêu của từng đơn vị"]["x"]) == [45.0]


def test_components_are_stacked_under_their_total():
    fig = _figures()["components"].to_dict()
    assert fig["layout"]["barmode"] == "stack"
    bars = [t for t in fig["data"] if t["type"] == "bar"]
    assert [t["name"] for t in bars] == ["Nông nghiệp", "Thủy sản"]
    total = next(t for t in fig["data"] if t["type"] == "scatter")
    assert list(total["y"]) == [4505.0] and total["name"].startswith("Tổng")


def test_map_places_units_at_their_centres_on_plain_axes():
    data = _figures()["map"].to_dict()["data"]
    rated = next(t for t in data if t["name"] == "Tỷ lệ chỉ tiêu đạt")
    unrated = next(t for t in data if t["name"] == "Chưa có chỉ tiêu")
    assert all(t["type"] == "scatter" for t in data)
    assert list(rated["x"])[0] == 103.9 and list(rated["marker"]["color"])[0] == 0.75
    assert list(unrated["text"]) == ["Xã Hai"]
    # The agency has no centre: it is laid out below the communes.
    assert len(rated["x"]) == 2 and rated["y"][1] < 10.2


def test_chart_toolbar_saves_a_named_png():
    config = charts.chart_config("tong-quan-2021")
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "tong-quan-2021",
                                              "scale": 2}
    assert config["displaylogo"] is False and config["displayModeBar"] is True
