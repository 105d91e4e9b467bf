"""Địa bàn: a locality's targets, the localities within it, its series across the reform."""
import streamlit as st

from kpi import cache, charts
from kpi.dashboard import tables
from kpi.display import chart, file_name, status_metrics, table, title
from kpi.filters import dashboard_filters, go_to, indicator_filter
from kpi.periods import format_date, today_vn
from kpi.ui import guard_page, lang

guard_page()
vi, today, L = lang() == "vi", today_vn(), lang()
opts = cache.options()
st.title("Địa bàn" if vi else "Locality")
if not opts.localities:
    st.warning("Chưa có chỉ tiêu nào: hãy nạp kế hoạch." if vi else "No targets stored yet.")
    st.stop()
f = dashboard_filters(opts, L, today=today)
v = cache.locality_view(as_of=today, unit_key=f.unit, period_code=f.period, plan_code=f.plan,
                        group=f.group, lang=L)
where = f"{v.unit.label()} · {v.period_text}"
name = file_name("dia-ban", v.unit.label(), v.period_text)
st.caption(f"{where} · {'số liệu đến ngày' if vi else 'data as of'} {format_date(today, L)}")
if v.parent is not None and opts.locality(v.parent.key):
    st.button(f"↑ {v.parent.label()}", on_click=go_to, args=(v.parent.key, opts), key="len")
if v.predecessors:
    st.info(("Trước 01/07/2025, địa bàn này gồm: " if vi else "Before 1 July 2025 this was: ")
            + ", ".join(u.label() for u in v.predecessors))
status_metrics(v.counts, lang=L)
st.subheader("Chỉ tiêu của địa bàn" if vi else "Targets")
table(tables.targets_table(v.records, L), name=name, title=where, lang=L)

below = [(k, u) for k, u in zip(v.children["unit_key"], v.children["unit"]) if opts.locality(k)]
if below:
    st.subheader("Các địa bàn trực thuộc" if vi else "Localities within")
    if v.children["targets"].any():
        chart(charts.locality_map(v.children, title("share_map", L, where=where), L),
              f"{name}-ban-do")
        table(tables.children_table(v.children, L), name=f"{name}-truc-thuoc", title=where, lang=L)
    pick = st.selectbox("Xem chi tiết địa bàn" if vi else "Open locality", [k for k, _u in below],
                        format_func=dict(below).get, key="xuong")
    st.button("Xem" if vi else "Open", on_click=go_to, args=(pick, opts), key="xuong_nut")

st.subheader("So sánh các địa bàn trên một chỉ tiêu" if vi else "Compare localities")
code = indicator_filter(cache.indicators(f.unit, f.plan, L), L)
indicator = opts.catalog.indicators[code]
values, level = cache.comparison(as_of=today, indicator_code=code, unit_key=f.unit,
                                 period_code=f.period, plan_code=f.plan, lang=L)
heading = f"{indicator.display_name(L)} – {where}"
if values.dropna(subset=["value"]).empty:
    st.info("Các địa bàn trực thuộc chưa có số liệu của chỉ tiêu này trong kỳ." if vi
            else "No values of this indicator below this locality for the period.")
else:
    chart(charts.locality_map(values, heading, L, value="value", value_name=indicator.measure),
          f"{name}-ban-do-{code}")
    chart(charts.localities_chart(values, heading, measure=indicator.measure, target=level,
                                  target_name=title("own_target", L, place=v.unit.label()), lang=L),
          f"{name}-so-sanh")
    table(tables.localities_table(values, L), name=f"{name}-so-sanh", title=heading, lang=L)

st.subheader("Chuỗi số liệu qua sắp xếp đơn vị" if vi else "Series across the 2025 reform")
h = cache.history(as_of=today, indicator_code=code, unit_key=f.unit, plan_code=f.plan, lang=L)
chart(charts.unit_history_chart(h, f"{indicator.display_name(L)} – {v.unit.label()}, "
                                   f"{h['period'].iloc[0]}–{h['period'].iloc[-1]}",
                                measure=indicator.measure, lang=L), f"{name}-chuoi")
table(tables.unit_history_table(h, L), name=f"{name}-chuoi", title=where, lang=L)
