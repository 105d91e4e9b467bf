"""The PowerPoint deck, opened with python-pptx: native charts carrying the store's figures."""
from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from pptx import Presentation as OpenPptx
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt

from kpi.config import load_settings
from kpi.numbers import format_number
from kpi.reports.deck import write_deck
from kpi.reports.presentation import load_presentation
from kpi.scorecard import load_scorecard, scorecard_records
from kpi.series import load_unit_series
from kpi.store.catalog import load_indicators
from kpi.status import STATUS_ORDER

AS_OF = dt.date(2026, 11, 1)
CHART_PART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CASES = [("PQ-2021", "2021", "vn2004:911"), ("KG-2021-2025", "2022", "vn2004:91")]


def _deck(engine, plan, period, unit, keys=()):
    presentation = load_presentation(engine, plan, period, unit_key=unit, as_of=AS_OF,
                                     key_indicators=keys)
    return OpenPptx(io.BytesIO(write_deck(presentation)))


def _charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def _records(engine, plan, period, unit):
    rows = load_scorecard(engine, period, unit_key=unit, as_of=AS_OF, settings=load_settings())
    return [r for r in scorecard_records(rows) if r["plan"] == plan]


def _expected_share(record: dict, polarity: str) -> float | None:
    """% so kế hoạch from the scorecard record: the achievement of a due
    target, the progress towards the level of one not yet due (none for a
    band such as an economic-structure share, or a yes/no duty)."""
    if record["kind"] == "boolean" or record["actual"] is None:
        return None
    if polarity == "band" and record["kind"] in ("range", "exact"):
        return None
    if record["due"]:
        return record["achievement"]
    if record["position"] is None and record["target_min"] and record["kind"] != "at_most":
        return record["actual"] / record["target_min"]
    if record["target_max"] and record["actual"] > 0:
        return record["target_max"] / record["actual"]
    return None


@pytest.mark.parametrize("plan, period, unit", CASES)
def test_every_chart_is_native_and_field_bars_are_the_scorecard_figures(
        demo_engine, plan, period, unit):
    prs = _deck(demo_engine, plan, period, unit)
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    bars = {}
    for slide in prs.slides:
        assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        for chart in _charts(slide):
            assert chart.part.content_type == CHART_PART
            assert chart.part.chart_workbook.xlsx_part is not None  # editable in PowerPoint
            series = chart.plots[0].series[0]
            if series.name == "% so kế hoạch":
                bars.update(zip(chart.plots[0].categories, series.values))
    expected, records = {}, _records(demo_engine, plan, period, unit)
    with demo_engine.connect() as conn:
        polarity = {code: i.polarity for code, i in load_indicators(conn).items()}
    # A target of another period than most (GRDP of 2022 among 2025 levels) says so.
    usual = Counter(r["period"] for r in records).most_common(1)[0][0]
    for record in records:
        share = _expected_share(record, polarity[record["indicator_code"]])
        name = record["indicator"]
        label = name if len(name) <= 70 else name[:69].rstrip() + "…"
        if record["period"] != usual:
            label += f" ({record['period_label']})"
        if share is not None:
            expected.setdefault(label, share)  # two targets of one result: one bar
    assert bars.keys() == expected.keys()
    for label, value in expected.items():
        assert bars[label] == pytest.approx(value), label


def test_summary_chart_counts_the_scorecard_statuses(demo_engine):
    prs = _deck(demo_engine, "PQ-2021", "2021", "vn2004:911")
    chart = _charts(prs.slides[1])[0]
    counts = {s: 0 for s in STATUS_ORDER}
    for record in _records(demo_engine, "PQ-2021", "2021", "vn2004:911"):
        counts[record["status"]] += 1
    shown = [s for s in STATUS_ORDER if s != "not_due" or counts[s]]
    assert list(chart.plots[0].series[0].values) == [counts[s] for s in shown]
    labels = [p.data_label.text_frame.text for p in chart.plots[0].series[0].points]
    assert labels == [format_number(counts[s]) for s in shown]


def test_key_indicator_slide_is_the_series_with_vietnamese_labels(demo_engine):
    prs = _deck(demo_engine, "PQ-2021", "2021", "vn2004:911", keys=["BUDGET_REVENUE"])
    chart = _charts(prs.slides[-1])[0]
    actual, target = chart.plots[0].series
    points = load_unit_series(demo_engine, "BUDGET_REVENUE", "vn2004:911", ["2020", "2021"])
    assert list(actual.values) == [p.value for p in points]
    record = next(r for r in _records(demo_engine, "PQ-2021", "2021", "vn2004:911")
                  if r["indicator_code"] == "BUDGET_REVENUE")
    assert actual.values[-1] == record["actual"]
    assert list(target.values) == [None, 3400.0]
    assert list(chart.plots[0].categories) == ["Năm 2020", "Năm 2021"]
    assert actual.points[1].data_label.text_frame.text == "3.765,4"  # not 3,765.4
    assert target.points[1].data_label.text_frame.text == "3.400,0"


def test_speaker_notes_give_plan_source_and_date(demo_engine):
    prs = _deck(demo_engine, "PQ-2021", "2021", "vn2004:911", keys=["BUDGET_REVENUE"])
    notes = [slide.notes_slide.notes_text_frame.text for slide in prs.slides]
    assert all(notes)
    assert "Số liệu tính đến ngày 01/11/2026" in notes[0]
    field_notes = notes[2]
    assert "kế hoạch PQ-2021" in field_notes and "Chính thức" in field_notes
    assert "nguồn: Dữ liệu minh họa" in field_notes and "báo cáo ngày 25/03/2022" in field_notes
    assert "Thu ngân sách nhà nước trên địa bàn" in notes[-1]


def test_type_is_large_enough_for_a_hall(demo_engine):
    prs = _deck(demo_engine, "PQ-2021", "2021", "vn2004:911")
    sizes = [run.font.size for slide in prs.slides for shape in slide.shapes
             if shape.has_text_frame for p in shape.text_frame.paragraphs for run in p.runs]
    assert sizes and min(sizes) >= Pt(16)
    for slide in prs.slides:
        for chart in _charts(slide):
            assert chart.font.size >= Pt(16)
