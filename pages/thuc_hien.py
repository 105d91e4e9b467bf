"""Tình hình thực hiện: every target of a period and unit, by field, with its status."""
import datetime as dt

import streamlit as st

from kpi.periods import format_date, today_vn
from kpi.scorecard import load_scorecard, scorecard_choices, scorecard_records
from kpi.status_table import STATUS_COLUMN, status_counts, status_frame, style_status
from kpi.ui import guard_page, lang, store_engine

guard_page()
vi = lang() == "vi"
engine = store_engine()
choices = scorecard_choices(engine, lang())
st.title("Tình hình thực hiện chỉ tiêu" if vi else "Target status")
if not choices.units:
    st.warning("Chưa có chỉ tiêu nào trong cơ sở dữ liệu." if vi else "No targets stored yet.")
    st.stop()

period_labels = dict(choices.periods)
unit_labels = dict(choices.units)
left, middle, right = st.columns([2, 3, 2])
period = left.selectbox("Kỳ" if vi else "Period", list(period_labels),
                        format_func=period_labels.get, key="period")
unit = middle.selectbox("Đơn vị" if vi else "Unit", list(unit_labels),
                        format_func=unit_labels.get, key="unit")
as_of = right.date_input("Tính đến ngày" if vi else "As of", value=today_vn(),
                         min_value=dt.date(2015, 1, 1), format="DD/MM/YYYY", key="as_of")

records = scorecard_records(
    load_scorecard(engine, period, unit_key=unit, as_of=as_of), lang())
st.caption(f"{unit_labels[unit]} · {period_labels[period]} · "
           f"{'số liệu đến ngày' if vi else 'data as of'} {format_date(as_of, lang())}")

counts = status_counts(records, lang())
if counts:
    for column, (label, count) in zip(st.columns(len(counts)), counts):
        column.metric(label, count)

if not records:
    st.info("Kỳ này không có chỉ tiêu nào cho đơn vị đã chọn." if vi
            else "No targets for this unit and period.")
for group_label, frame in status_frame(records, lang()):
    st.subheader(group_label)
    st.dataframe(style_status(frame, lang()), hide_index=True, width="stretch",
                 column_config={STATUS_COLUMN[lang()]: st.column_config.TextColumn(width="small")})
