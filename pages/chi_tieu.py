"""Chỉ tiêu: one indicator of a locality against its target over time, by locality, by component."""
import streamlit as st

from kpi import cache, charts
from kpi.dashboard import tables
from kpi.display import chart, file_name, table, title
from kpi.filters import dashboard_filters, indicator_filter
from kpi.markdown_safety import escape_markdown
from kpi.numbers import format_percent, format_quantity
from kpi.periods import period_label, today_vn
from kpi.ui import guard_page, lang

guard_page()
vi, today, L = lang() == "vi", today_vn(), lang()
opts = cache.options()
st.title("Chỉ tiêu" if vi else "Indicator")
if not opts.localities:
    st.warning("Chưa có chỉ tiêu nào: hãy nạp kế hoạch." if vi else "No targets stored yet.")
    st.stop()
f = dashboard_filters(opts, L, today=today)
code = indicator_filter(cache.indicators(f.unit, f.plan, L), L)
v = cache.indicator_view(as_of=today, indicator_code=code, unit_key=f.unit,
                         period_code=f.period, plan_code=f.plan, lang=L)
m, where = v.indicator.measure, f"{v.place} · {v.period_text}"
name = file_name(code, v.place, v.period_text)
st.caption(f"{escape_markdown(v.indicator.display_name(L))} · {where}")
left, middle, right = st.columns(3)
main = v.records[0] if v.records else None
left.metric("Thực hiện" if vi else "Actual", main["actual_text"] if main else "–",
            help=main["target_text"] if main else None)
middle.metric("Trạng thái" if vi else "Status", main["status_label"] if main else "–",
              delta=main["achievement_text"] or None if main else None, delta_color="off")
if v.last_year and v.last_year["change"] is not None:
    right.metric(f"So cùng kỳ ({v.last_year['previous_label']})" if vi else "On last year",
                 format_quantity(v.last_year["previous"], m, v.indicator.decimals, L),
                 delta=format_percent(v.last_year["change"], 1, L), delta_color="off")
span = f"{v.series['period'].iloc[0]}–{v.series['period'].iloc[-1]}"
chart(charts.indicator_series_chart(v.series, f"{v.indicator.display_name(L)} – {v.place}, {span}",
                                    measure=m, flow=v.indicator.is_flow, path=v.path,
                                    forecast=v.forecast, lang=L), f"{name}-chuoi")
if v.forecast:
    st.caption(v.forecast["note"])
if v.ytd is not None and v.ytd.through is not None:  # a flow reported within the year
    st.subheader("Lũy kế và ước cả năm" if vi else "Year to date and full-year estimate")
    a, b, c = st.columns(3)
    a.metric(f"Lũy kế đến {period_label(v.ytd.through, L).lower()}" if vi else "Year to date",
             format_quantity(v.ytd.cumulative, m, 1, L))
    b.metric("Ước cả năm" if vi else "Full-year estimate", format_quantity(v.ytd.estimate, m, 1, L))
    c.metric("So với kế hoạch năm" if vi else "Of year target",
             format_percent(v.ytd.share_of_target, 0, L) if v.ytd.share_of_target else "–")
    heading = title("ytd", L, year=str(v.ytd.year.start.year), place=v.place)
    chart(charts.year_to_date_chart(v.ytd.frame, heading, measure=m, target=v.ytd.target,
                                    estimate=v.ytd.estimate, lang=L), f"{name}-luy-ke")
if not v.by_locality.dropna(subset=["value"]).empty:
    st.subheader("Theo địa bàn" if vi else "By locality")
    chart(charts.localities_chart(v.by_locality, f"{v.indicator.display_name(L)} – {where}",
                                  measure=m, target=v.locality_target,
                                  target_name=title("own_target", L, place=v.place), lang=L),
          f"{name}-dia-ban")
    table(tables.localities_table(v.by_locality, L), name=f"{name}-dia-ban", title=where, lang=L)
if not v.components.empty:
    st.subheader("Cơ cấu thành phần" if vi else "Components")
    chart(charts.components_chart(v.components, title("components", L, place=v.place),
                                  measure=m, lang=L),
          f"{name}-thanh-phan")
st.subheader("Số liệu theo năm" if vi else "Values by year")
table(tables.series_table(v.series, m, L), name=f"{name}-nam", title=where, lang=L)
st.subheader("Nguồn và lịch sử số liệu" if vi else "Sources and revisions")
table(tables.history_table(v.history, L), name=f"{name}-lich-su", title=where, lang=L, height=300)
