"""Tình hình báo cáo: each member's reports on time, late or missing; who to remind."""
import streamlit as st

from kpi.emulation.discipline import on_time_share, reminders
from kpi.emulation.export import reminders_workbook
from kpi.emulation.ranking import block_label, list_blocks, load_block_state
from kpi.emulation.views import as_of_caption, discipline_frame, formatted, on_time_by_unit
from kpi.markdown_safety import escape_markdown
from kpi.numbers import format_percent
from kpi.periods import today_vn
from kpi.ui import guard_page, lang, store_engine

guard_page()
vi = lang() == "vi"
engine = store_engine()
st.title("Tình hình báo cáo" if vi else "Reporting discipline")
blocks = {b.code: b for b in list_blocks(engine)}
if not blocks:
    st.warning("Chưa có khối thi đua nào: quản trị tạo khối ở trang “Khối thi đua”." if vi
               else "No emulation block yet.")
    st.stop()
left, right = st.columns([3, 1])
code = left.selectbox("Khối thi đua" if vi else "Block", list(blocks),
                      format_func=lambda c: block_label(blocks[c], lang()), key="block")
as_of = right.date_input("Tính đến ngày" if vi else "As of", value=today_vn(),
                         format="DD/MM/YYYY", key="as_of")
try:
    state = load_block_state(engine, code, as_of=as_of)
except ValueError as exc:  # e.g. a year missing from the holiday table: the message says how
    st.error(escape_markdown(exc))
    st.stop()
st.caption(as_of_caption(escape_markdown(state.block.name), state.block.year, as_of, lang()))
if not state.deadlines:
    st.info("Kế hoạch của khối chưa có hạn báo cáo." if vi else "The block's plan sets no deadline.")
    st.stop()

due = [c for c in state.checks if c.is_due]
share = on_time_share(state.checks)
cols = st.columns(4)
cols[0].metric("Tỷ lệ đúng hạn" if vi else "On time", format_percent(share, lang=lang()))
cols[1].metric("Trễ hạn" if vi else "Late", sum(c.status == "late" for c in due))
cols[2].metric("Chưa nộp / thiếu" if vi else "Missing / incomplete",
               sum(c.status in ("missing", "incomplete") for c in due))
cols[3].metric("Chưa đến hạn" if vi else "Not yet due", len(state.checks) - len(due))

st.subheader("Theo đơn vị" if vi else "By unit")
st.dataframe(formatted(on_time_by_unit(state.checks, state.names, lang()), lang()),
             hide_index=True, width="stretch")
st.subheader("Từng báo cáo" if vi else "Each report")
st.dataframe(formatted(discipline_frame(state.checks, state.names, lang()), lang()),
             hide_index=True, width="stretch")

st.subheader("Đơn vị cần đôn đốc" if vi else "To remind")
chase = reminders(state.checks, as_of)
if not chase:
    st.success("Không có đơn vị nào cần đôn đốc." if vi else "Nobody to remind.")
else:
    st.dataframe(formatted(discipline_frame(chase, state.names, lang()), lang()),
                 hide_index=True, width="stretch")
    st.download_button("Tải danh sách đôn đốc (Excel)" if vi else "Download (Excel)",
                       reminders_workbook(chase, state.names, state.block.name, as_of),
                       file_name=f"don-doc-bao-cao-{state.block.code}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="download", on_click="ignore")
