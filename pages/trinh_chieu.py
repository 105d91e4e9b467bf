"""Trình chiếu: full-width slides for the hall, and the deck, report and brief to download."""
import datetime as dt
import time

import streamlit as st

from kpi.config import load_settings
from kpi.markdown_safety import escape_markdown
from kpi.periods import today_vn
from kpi.reports.choices import load_plan_choices, load_presenter_plans
from kpi.reports.exports import KINDS, file_name, render
from kpi.reports.presentation import load_presentation
from kpi.reports.results import ReportError
from kpi.reports.slide_view import PROJECTOR_CSS, show_slide
from kpi.reports.slideshow import advance, move
from kpi.ui import guard_page, lang, store_engine

guard_page()
st.html(PROJECTOR_CSS)  # constant styling, no user text
vi, url = lang() == "vi", load_settings().database_url


@st.cache_data(show_spinner=False, max_entries=16)
def _presentation(url: str, plan: str, period: str, unit, keys: tuple, as_of: dt.date):
    return load_presentation(store_engine(), plan, period, unit_key=unit, as_of=as_of,
                             key_indicators=keys, generated=today_vn())


@st.cache_data(show_spinner=False, max_entries=16)
def _file(kind: str, *args) -> bytes:
    return render(kind, _presentation(*args), issued_on=today_vn())


@st.cache_data(show_spinner=False, ttl=60)
def _choices(url: str, plan: str | None, lang: str):
    if plan is None:
        return load_presenter_plans(store_engine())
    return load_plan_choices(store_engine(), plan, lang)


plans = dict(_choices(url, None, lang()))
if not plans:
    st.warning("Chưa có kế hoạch nào có chỉ tiêu: hãy nạp kế hoạch trước." if vi
               else "No plan with targets yet.")
    st.stop()
with st.sidebar:
    plan = st.selectbox("Kế hoạch" if vi else "Plan", list(plans), format_func=plans.get,
                        key="present_plan")
    choices = _choices(url, plan, lang())
    periods, units = dict(choices.periods), dict(choices.units)
    period = st.selectbox("Kỳ báo cáo" if vi else "Period", list(periods),
                          format_func=periods.get, key=f"present_period:{plan}")
    # Keys per plan: another plan has other periods, units and indicators.
    unit = st.selectbox("Địa bàn" if vi else "Locality", list(units), format_func=units.get,
                        key=f"present_unit:{plan}")
    names = dict(choices.indicators[unit])
    keys = st.multiselect("Chỉ tiêu chủ yếu (mỗi chỉ tiêu một trang)" if vi else "Key indicators",
                          list(names), format_func=names.get, key=f"present_keys:{plan}:{unit}")
    as_of = st.date_input("Số liệu đến ngày" if vi else "Data as of", value=today_vn(),
                          format="DD/MM/YYYY", key="present_as_of")
    auto = st.toggle("Tự động chuyển trang" if vi else "Auto-advance", key="present_auto",
                     on_change=lambda: st.session_state.update(present_shown_at=time.monotonic()))
    seconds = st.number_input("Số giây mỗi trang" if vi else "Seconds per slide", 5, 300, 20,
                              key="present_seconds", disabled=not auto)

args = (url, plan, period, unit, tuple(keys), as_of)
try:
    slides = _presentation(*args).slides
except ReportError as error:
    st.error(escape_markdown(error))
    st.stop()
if st.session_state.get("present_for") != args:  # new choices start from the title slide
    st.session_state.update(present_for=args, present_slide=0, present_shown_at=time.monotonic())


def _go(delta: int) -> None:
    st.session_state.present_slide = move(st.session_state.present_slide, delta, len(slides))
    st.session_state.present_shown_at = time.monotonic()


@st.fragment(run_every=seconds if auto else None)
def _slide_area() -> None:
    index = st.session_state.present_slide
    if auto and advance(index, len(slides), st.session_state.present_shown_at, time.monotonic(),
                        seconds) != index:
        _go(1)
    index = st.session_state.present_slide
    show_slide(slides[index], lang())
    back, counter, forward = st.columns([1, 1, 1], vertical_alignment="center")
    back.button("◀ Trang trước" if vi else "◀ Previous", key="present_prev", on_click=_go,
                args=(-1,), disabled=index == 0, shortcut="Left", width="stretch")
    counter.markdown(f"**{index + 1} / {len(slides)}**", text_alignment="center")
    forward.button("Trang sau ▶" if vi else "Next ▶", key="present_next", on_click=_go,
                   args=(1,), disabled=index == len(slides) - 1, shortcut="Right", width="stretch")


_slide_area()
labels = {"deck": ("Tải bộ trình chiếu (.pptx)", "Download the deck (.pptx)"),
          "report": ("Tải báo cáo tổng hợp (.xlsx)", "Download the summary (.xlsx)"),
          "brief": ("Tải báo cáo văn bản (.docx)", "Download the report (.docx)")}
for column, kind in zip(st.columns(3), KINDS):
    column.download_button(labels[kind][0 if vi else 1], data=lambda kind=kind: _file(kind, *args),
                           file_name=file_name(kind, _presentation(*args)),
                           mime=KINDS[kind].mime, key=f"present_download_{kind}", on_click="ignore")
