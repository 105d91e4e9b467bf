"""Drawing one slide in Streamlit: the reports package's only Streamlit module.

The figures come from `kpi.reports.figures`; text goes through Streamlit's
ordinary elements (never unsafe HTML). The style block is a constant: large
type and high contrast for a projector, with no user text in it.
"""
from __future__ import annotations

import streamlit as st

from kpi.markdown_safety import escape_markdown
from kpi.reports import figures
from kpi.reports.presentation import Slide

PROJECTOR_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 1.5rem; color: #111;}
[data-testid="stMainBlockContainer"] h1 {font-size: 3rem; line-height: 1.15;}
[data-testid="stMainBlockContainer"] h2 {font-size: 2.2rem;}
[data-testid="stMainBlockContainer"] h3 {font-size: 1.6rem; color: #0072B2;}
[data-testid="stMainBlockContainer"] p,
[data-testid="stMainBlockContainer"] li {font-size: 1.45rem;}
</style>"""
_CHART_CONFIG = {"displayModeBar": False}
# theme=None keeps the figures' own large type instead of Streamlit's small chart theme.


def show_slide(slide: Slide, lang: str = "vi") -> None:
    """Draw `slide` full width, its speaker notes folded away underneath."""
    # Titles and names come from plan documents: shown as typed, never as markup.
    st.title(escape_markdown(slide.title), anchor=False)
    if slide.kind == "title":
        for number, line in enumerate(slide.lines):
            (st.header if number == 0 else st.subheader)(escape_markdown(line), anchor=False)
    elif slide.kind == "summary":
        st.header(escape_markdown(slide.headline), anchor=False)
        st.plotly_chart(figures.summary_figure(slide), config=_CHART_CONFIG, theme=None)
        st.write(escape_markdown(slide.sentence))
    elif slide.kind == "field":
        st.subheader(escape_markdown(slide.subtitle), anchor=False)
        if slide.bars:
            st.plotly_chart(figures.field_figure(slide), config=_CHART_CONFIG, theme=None)
        for item in slide.items:
            st.markdown(f"- {escape_markdown(item.text)}")
    else:
        st.subheader(escape_markdown(slide.headline), anchor=False)
        st.caption(escape_markdown(slide.subtitle))
        st.plotly_chart(figures.indicator_figure(slide), config=_CHART_CONFIG, theme=None)
    with st.expander("Ghi chú cho người trình bày" if lang != "en" else "Speaker notes"):
        st.text(slide.notes)
