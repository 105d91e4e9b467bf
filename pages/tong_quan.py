"""Tổng quan: which targets are met, exceeded, at risk or unreported, for a locality and period."""
import streamlit as st

from kpi import cache
from kpi.charts import status_counts_chart, status_matrix_chart
from kpi.dashboard import tables
from kpi.display import chart, download, file_name, status_metrics, table, title
from kpi.filters import dashboard_filters
from kpi.numbers import format_number, format_percent
from kpi.periods import format_date, today_vn
from kpi.ui import guard_page, lang

guard_page()
vi, today = lang() == "vi", today_vn()
opts = cache.options()
st.title("Tổng quan" if vi else "Overview")
if not opts.localities:
    st.warning("Chưa có chỉ tiêu nào: hãy nạp kế hoạch (python -m kpi demo hoặc trang Nộp báo cáo)."
               if vi else "No targets stored yet: load a plan first.")
    st.stop()
f = dashboard_filters(opts, lang(), compare=True, today=today)
axis = st.segmented_control("Ma trận theo" if vi else "Matrix by", ["localities", "periods"],
                            default="localities", key="tq_truc", required=True,
                            format_func=lambda a: {"localities": "Địa bàn" if vi else "Localities",
                                                   "periods": "Kỳ" if vi else "Periods"}[a])
o = cache.overview(as_of=today, period_code=f.period, unit_key=f.unit, plan_code=f.plan,
                   group=f.group, axis=axis, compare=f.compare, lang=lang())
where = f"{o.place} · {o.period_text}"
st.caption(f"{where} · {'số liệu đến ngày' if vi else 'data as of'} {format_date(today, lang())}")
status_metrics(o.counts, o.compare_counts, o.compare_text, lang())
name = file_name("tong-quan", o.place, o.period_text)
if o.compare_counts:
    chart(status_counts_chart(o.counts, title("counts", lang(), where=where), lang(),
                              o.compare_counts, o.compare_text, name=o.period_text),
          f"{name}-trang-thai")

st.subheader("Ma trận trạng thái" if vi else "Status matrix")
if o.matrix.empty:
    st.info("Kỳ này không có chỉ tiêu nào cho địa bàn đã chọn." if vi
            else "No targets for this locality and period.")
else:
    chart(status_matrix_chart(o.matrix, title("matrix", lang(), where=where), lang()),
          f"{name}-ma-tran")
    download(tables.matrix_table(o.matrix, "unit" if axis == "localities" else "period", lang()),
             name=f"{name}-ma-tran", title=title("matrix_table", lang(), where=where), lang=lang())

st.subheader("Chỉ tiêu có nguy cơ không đạt" if vi else "Targets at risk")
if o.at_risk.empty:
    st.success("Không có chỉ tiêu nào có nguy cơ." if vi else "No target at risk.")
else:
    table(tables.at_risk_table(o.at_risk, lang()), name=f"{name}-nguy-co",
          title=title("at_risk", lang(), where=where), lang=lang(), limit=100)

st.subheader("Báo cáo đã nhận" if vi else "Reports received")
r = o.reports
if r.expected:
    st.progress(min(1.0, r.share), text=(
        f"Đã nhận {format_number(r.received, 0, lang())}/{format_number(r.expected, 0, lang())} "
        f"báo cáo đến hạn ({format_percent(r.share, 0, lang())})" if vi else
        f"{r.received}/{r.expected} reports due received ({format_percent(r.share, 0, 'en')})"))
    table(tables.reports_table(r.by_unit, lang()), name=f"{name}-bao-cao",
          title=title("reports", lang(), where=where), lang=lang(), limit=50)
else:
    st.info("Chưa có báo cáo nào đến hạn trong kỳ này." if vi else "No report due yet.")
