"""Plotly figures of the slides for presentation mode: data in, figure out.

Large type for a hall, the colour-blind-safe status colours, Vietnamese
numbers (`separators=",."` for ticks; bar labels are the slides' own
Vietnamese texts), periods as categories so plotly never reads them as dates.
"""
from __future__ import annotations

import plotly.graph_objects as go

from kpi.numbers import format_number
from kpi.reports.presentation import FieldSlide, IndicatorSlide, SummarySlide

FONT_SIZE = 22
ACTUAL_COLOR = "#0072B2"
TARGET_COLOR = "#E69F00"


def _layout(figure: go.Figure, height: int) -> go.Figure:
    figure.update_layout(
        template="plotly_white", separators=",.", height=height,
        font={"size": FONT_SIZE, "color": "#111111"},
        margin={"l": 10, "r": 30, "t": 10, "b": 10}, showlegend=False,
    )
    figure.update_xaxes(separatethousands=True)
    figure.update_yaxes(separatethousands=True)
    return figure


def summary_figure(slide: SummarySlide) -> go.Figure:
    """Targets by status: one coloured column per status, its count on top."""
    figure = go.Figure(go.Bar(
        x=[f"{c.symbol} {c.label}" for c in slide.counts], y=[c.count for c in slide.counts],
        marker_color=[c.color for c in slide.counts],
        text=[format_number(c.count) for c in slide.counts], textposition="outside",
        textfont={"size": FONT_SIZE + 8}, cliponaxis=False, hoverinfo="skip",
    ))
    figure.update_yaxes(visible=False, rangemode="tozero")
    figure.update_xaxes(type="category", tickfont={"size": FONT_SIZE, "color": "#111111"})
    return _layout(figure, 420)


def field_figure(slide: FieldSlide) -> go.Figure:
    """% so kế hoạch of each target, top to bottom in plan order, with the 100% line."""
    bars = slide.bars
    figure = go.Figure(go.Bar(
        x=[bar.value for bar in bars], y=[bar.label for bar in bars], orientation="h",
        marker_color=[bar.color for bar in bars], text=[bar.text for bar in bars],
        # Inside the bar's end when it fits, so the 100% line never crosses a label.
        textposition="auto", insidetextanchor="end",
        insidetextfont={"color": "#ffffff", "size": FONT_SIZE + 2},
        outsidetextfont={"color": "#111111", "size": FONT_SIZE + 2},
        cliponaxis=False, hoverinfo="skip",
    ))
    top = max([1.25] + [bar.value * 1.15 for bar in bars])
    figure.add_vline(x=1, line_width=3, line_dash="dash", line_color="#111111", layer="below")
    figure.update_xaxes(range=[0, top], tickformat=".0%", dtick=0.5,
                        tickfont={"size": FONT_SIZE - 4})
    figure.update_yaxes(autorange="reversed", type="category", automargin=True,
                        tickfont={"size": FONT_SIZE - 2, "color": "#111111"})
    return _layout(figure, max(240, 72 * len(bars) + 70))


def indicator_figure(slide: IndicatorSlide) -> go.Figure:
    """A key indicator by year: actual and plan side by side, labelled in Vietnamese."""
    figure = go.Figure()
    for name, values, color in (("Thực hiện", slide.actual, ACTUAL_COLOR),
                                ("Kế hoạch", slide.target, TARGET_COLOR)):
        figure.add_bar(
            name=name, x=list(slide.labels), y=list(values), marker_color=color,
            text=[format_number(v, slide.decimals) if v is not None else "" for v in values],
            textposition="outside", cliponaxis=False, hoverinfo="skip",
        )
    figure.update_xaxes(type="category", tickfont={"size": FONT_SIZE, "color": "#111111"})
    figure.update_yaxes(visible=False, rangemode="tozero")
    _layout(figure, 440)
    figure.update_layout(showlegend=True, barmode="group",
                         legend={"orientation": "h", "y": -0.15, "font": {"size": FONT_SIZE}})
    return figure
