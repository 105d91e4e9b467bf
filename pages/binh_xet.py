"""Bình xét thi đua: a block's members ranked, each score explained, awards proposed, Excel out."""
import streamlit as st

from kpi.auth import PermissionDenied
from kpi.emulation.admin import record_council_scores
from kpi.emulation.editors import council_frame, council_scores_from_frame
from kpi.emulation.export import ranking_workbook
from kpi.emulation.ranking import block_label, list_blocks, load_ranking
from kpi.emulation.views import as_of_caption, explanation_frame, formatted, ranking_frame
from kpi.markdown_safety import escape_markdown
from kpi.periods import today_vn
from kpi.store.blocks import load_council_scores
from kpi.ui import current_user, guard_page, lang, store_engine

guard_page()
vi = lang() == "vi"
engine = store_engine()
st.title("Bình xét thi đua" if vi else "Emulation ranking")
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
    ranking = load_ranking(engine, code, as_of=as_of)
except ValueError as exc:  # a scheme or holiday table to fix: the message says how
    st.error(escape_markdown(exc))
    st.stop()
block = ranking.state.block
st.caption(as_of_caption(escape_markdown(block.name), block.year, as_of, lang()))
st.dataframe(formatted(ranking_frame(ranking, lang()), lang()), hide_index=True, width="stretch")
for m in ranking.members:
    if m.award:
        st.success(escape_markdown(f"Đề nghị {m.award}: {m.unit_name} — {m.award_note}"))
    elif m.award_note:
        st.warning(escape_markdown(f"{m.unit_name}: {m.award_note}"))
    if m.tie_note:
        st.info(escape_markdown(f"{m.unit_name}: {m.tie_note}"))
st.download_button("Tải bảng bình xét (Excel)" if vi else "Download ranking (Excel)",
                   ranking_workbook(ranking), file_name=f"binh-xet-{block.code}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   key="download", on_click="ignore")

st.subheader("Giải thích điểm" if vi else "Score explained")
names = {m.unit_key: f"{m.rank}. {m.unit_name}" for m in ranking.members}
member = st.selectbox("Đơn vị" if vi else "Unit", list(names), format_func=names.get, key="member")
st.dataframe(formatted(explanation_frame(ranking, member, lang()), lang()), hide_index=True,
             width="stretch")

user = current_user()
if user is not None and user.role == "admin":
    with st.expander("Nhập điểm Hội đồng khối" if vi else "Council scores"):
        with engine.connect() as conn:
            scores = load_council_scores(conn, block.code)
        edited = st.data_editor(council_frame(block.members, ranking.state.names,
                                              ranking.state.scheme, scores),
                                hide_index=True, disabled=["Mã đơn vị", "Đơn vị"], key=f"council:{block.code}")
        if st.button("Lưu điểm Hội đồng" if vi else "Save council scores", key="save_council"):
            try:
                record_council_scores(engine, user, block.code,
                                      council_scores_from_frame(edited, ranking.state.scheme))
                st.success("Đã lưu điểm Hội đồng khối." if vi else "Saved.")
                st.rerun()
            except (PermissionDenied, ValueError) as exc:
                st.error(escape_markdown(exc))
