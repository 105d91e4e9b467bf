"""The presentation as a PowerPoint deck (.pptx): 16:9, large type, native charts.

Charts are PowerPoint chart objects (python-pptx `add_chart` with their data
embedded), so a presenter can restyle or correct them in PowerPoint. Number
format codes in a chart are locale-invariant and PowerPoint renders them
with the separators of the computer it runs on, which shows 1,234.5 on an
English Windows; so each data label carries its text written the
Vietnamese way (kpi.numbers), and the series keep the plain numbers.
Percentages on the value axis ("0%") read the same in every locale.
Speaker notes say where each figure comes from.
"""
from __future__ import annotations

import io
from typing import Sequence

from pptx import Presentation as PptxPresentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from kpi.numbers import format_number
from kpi.reports.presentation import (
    FieldSlide, IndicatorSlide, Presentation, SummarySlide, TitleSlide,
)

FONT = "Arial"
INK = RGBColor(0x11, 0x11, 0x11)
MUTED = RGBColor(0x44, 0x44, 0x44)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
BRAND = RGBColor(0x00, 0x72, 0xB2)
ACTUAL_COLOR = "0072B2"
TARGET_COLOR = "E69F00"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # PowerPoint's own 16:9 size
MARGIN = Inches(0.5)
TITLE_PT, BODY_PT, LABEL_PT, AXIS_PT = 36, 22, 18, 16


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def _text(slide, left, top, width, height, paragraphs: Sequence[tuple], *,
          align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
    """A text box; each paragraph is (text, size in pt, bold, RGBColor)."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for index, (text, size, bold, color) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        paragraph.space_after = Pt(size * 0.4)
        run = paragraph.add_run()
        run.text = text
        run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
        run.font.color.rgb = color
        run.font.language_id = MSO_LANGUAGE_ID.VIETNAMESE
    return box


def _title_size(title: str) -> int:
    """A long indicator name gets smaller type instead of spilling onto the chart."""
    return TITLE_PT if len(title) <= 45 else 30 if len(title) <= 70 else 26


def _heading(slide, title: str, subtitle: str = "", headline: str = "",
             height: float = 1.3) -> None:
    paragraphs = [(title, _title_size(title), True, INK)]
    if subtitle:
        paragraphs.append((subtitle, BODY_PT - 2, False, MUTED))
    if headline:
        paragraphs.append((headline, 26, True, BRAND))
    _text(slide, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(height), paragraphs)


def _notes(slide, notes: str) -> None:
    slide.notes_slide.notes_text_frame.text = notes


def _label_point(point, text: str, size: int = LABEL_PT, position=None) -> None:
    label = point.data_label
    label.text_frame.text = text
    run = label.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.bold, run.font.name = Pt(size), True, FONT
    run.font.language_id = MSO_LANGUAGE_ID.VIETNAMESE
    if position is not None:
        label.position = position


def _style_chart(chart, legend: bool = False) -> None:
    chart.font.name, chart.font.size = FONT, Pt(AXIS_PT)
    chart.has_title = False
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(LABEL_PT)


def _value_axis_at_last_category(chart) -> None:
    # python-pptx sets where the category axis crosses the values; the value
    # axis's own c:crosses (at the last category, the bottom once reversed)
    # is only reachable in the XML.
    for crosses in chart._chartSpace.xpath(".//c:valAx/c:crosses"):
        crosses.set("val", "max")


def _fill(point, color: str) -> None:
    point.format.fill.solid()
    point.format.fill.fore_color.rgb = _rgb(color)


def _title_slide(prs, slide_data: TitleSlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(1, 0, Inches(1.6), WIDTH, Inches(2.0))  # 1: rectangle
    band.fill.solid()
    band.fill.fore_color.rgb = BRAND
    band.line.fill.background()
    _text(slide, MARGIN, Inches(1.7), WIDTH - 2 * MARGIN, Inches(1.8),
          [(slide_data.title.upper(), 40, True, WHITE)], align=PP_ALIGN.CENTER,
          anchor=MSO_ANCHOR.MIDDLE)
    first, *rest = slide_data.lines
    _text(slide, Inches(1), Inches(3.9), WIDTH - Inches(2), Inches(3.3),
          [(first, 30, True, INK)] + [(line, 20, False, MUTED) for line in rest],
          align=PP_ALIGN.CENTER)
    _notes(slide, slide_data.notes)


def _summary_slide(prs, slide_data: SummarySlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _heading(slide, slide_data.title)
    _text(slide, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(0.9),
          [(slide_data.headline, 32, True, BRAND)])
    data = CategoryChartData(number_format="0")
    data.categories = [f"{c.symbol} {c.label}" for c in slide_data.counts]
    data.add_series("Số chỉ tiêu", [c.count for c in slide_data.counts])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, Inches(2.1),
                                   Inches(7.6), Inches(4.3), data)
    chart = frame.chart
    _style_chart(chart)
    chart.plots[0].gap_width = 50
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    series = chart.plots[0].series[0]
    for index, count in enumerate(slide_data.counts):
        _fill(series.points[index], count.color)
        _label_point(series.points[index], format_number(count.count), 24,
                     XL_LABEL_POSITION.OUTSIDE_END)
    _text(slide, Inches(8.4), Inches(2.2), Inches(4.5), Inches(4.2),
          [(f"{c.symbol} {c.label}: {format_number(c.count)}", 24, True, INK)
           for c in slide_data.counts])
    _text(slide, MARGIN, Inches(6.45), WIDTH - 2 * MARGIN, Inches(0.9),
          [(slide_data.sentence, 16, False, MUTED)])
    _notes(slide, slide_data.notes)


def _field_slide(prs, slide_data: FieldSlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _heading(slide, slide_data.title, slide_data.subtitle)
    top, height = Inches(1.7), Inches(5.5)
    chart_width = WIDTH - 2 * MARGIN
    if slide_data.items:
        chart_width = Inches(8.0) if slide_data.bars else 0
        left = MARGIN + chart_width + (Inches(0.3) if slide_data.bars else 0)
        _text(slide, left, top, WIDTH - left - MARGIN, height,
              [(item.text, 18, False, INK) for item in slide_data.items])
    if not slide_data.bars:
        _notes(slide, slide_data.notes)
        return
    data = CategoryChartData(number_format="0%")
    data.categories = [bar.label for bar in slide_data.bars]
    data.add_series("% so kế hoạch", [bar.value for bar in slide_data.bars])
    # A few bars keep their thickness instead of stretching over the slide.
    height = min(height, Inches(0.75) * len(slide_data.bars) + Inches(0.8))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, top, chart_width,
                                   height, data)
    chart = frame.chart
    _style_chart(chart)
    chart.plots[0].gap_width = 40
    # The plan's order reads top to bottom; the value axis stays at the bottom.
    chart.category_axis.reverse_order = True
    chart.category_axis.tick_labels.font.size = Pt(AXIS_PT)
    axis = chart.value_axis
    _value_axis_at_last_category(chart)
    axis.minimum_scale = 0
    axis.maximum_scale = max(1.25, max(bar.value for bar in slide_data.bars) * 1.15)
    axis.major_unit = 0.5
    axis.has_major_gridlines = True
    axis.tick_labels.number_format = "0%"
    axis.tick_labels.number_format_is_linked = False
    series = chart.plots[0].series[0]
    for index, bar in enumerate(slide_data.bars):
        _fill(series.points[index], bar.color)
        _label_point(series.points[index], bar.text, LABEL_PT, XL_LABEL_POSITION.OUTSIDE_END)
    _notes(slide, slide_data.notes)


def _indicator_slide(prs, slide_data: IndicatorSlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _heading(slide, slide_data.title, slide_data.subtitle, slide_data.headline, height=2.3)
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = list(slide_data.labels)
    data.add_series("Thực hiện", list(slide_data.actual))
    data.add_series("Kế hoạch", list(slide_data.target))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, Inches(2.7),
                                   WIDTH - 2 * MARGIN, Inches(4.6), data)
    chart = frame.chart
    _style_chart(chart, legend=True)
    chart.plots[0].gap_width = 60
    # Tick labels would use the viewer's separators; the bars carry Vietnamese labels.
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    chart.category_axis.tick_labels.font.size = Pt(LABEL_PT)
    for series, values, color in zip(chart.plots[0].series,
                                     (slide_data.actual, slide_data.target),
                                     (ACTUAL_COLOR, TARGET_COLOR)):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(color)
        for index, value in enumerate(values):
            if value is not None:
                _label_point(series.points[index], format_number(value, slide_data.decimals),
                             LABEL_PT, XL_LABEL_POSITION.OUTSIDE_END)
    _notes(slide, slide_data.notes)


_WRITERS = {
    "title": _title_slide, "summary": _summary_slide, "field": _field_slide,
    "indicator": _indicator_slide,
}


def write_deck(presentation: Presentation) -> bytes:
    """The .pptx file of `presentation`: one slide per slide, in order."""
    prs = PptxPresentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    results = presentation.results
    prs.core_properties.title = f"Kết quả thực hiện chỉ tiêu — {results.period_label}"
    prs.core_properties.subject = results.plan.title
    prs.core_properties.author = "Chỉ tiêu"
    prs.core_properties.language = "vi-VN"
    for slide in presentation.slides:
        _WRITERS[slide.kind](prs, slide)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
