"""Khối thi đua (admin): create and edit blocks, and their scoring scheme."""
import streamlit as st

from kpi.auth import PermissionDenied
from kpi.emulation.admin import save_block, set_scheme
from kpi.emulation.blocks import Block
from kpi.emulation.editors import scheme_frames, scheme_from_frames
from kpi.emulation.ranking import block_label, list_blocks
from kpi.emulation.scheme import parse_scheme
from kpi.markdown_safety import escape_markdown
from kpi.store.blocks import load_scheme
from kpi.store.catalog import load_plans
from kpi.store.units import load_units
from kpi.ui import current_user, guard_page, lang, store_engine

guard_page()
vi = lang() == "vi"
engine = store_engine()
user = current_user()
st.title("Khối thi đua" if vi else "Emulation blocks")
if user is None or user.role != "admin":
    st.warning("Chỉ quản trị được tạo, sửa khối thi đua: đăng nhập bằng tài khoản quản trị.")
    st.stop()
blocks = {b.code: b for b in list_blocks(engine)}
with engine.connect() as conn:
    agencies = {u.key: u.name for u in load_units(conn) if u.level == "agency"}
    plans = [p.code for p in load_plans(conn) if p.kind != "registration"]
choice = st.selectbox("Khối" if vi else "Block", [""] + list(blocks), key="edit_block",
                      format_func=lambda c: block_label(blocks[c], lang()) if c else "(khối mới)")
old = blocks.get(choice)
blocks_tab, scheme_tab = st.tabs(["Thông tin khối", "Cách chấm điểm"])
units = [""] + list(agencies)


def _at(options, value) -> int:
    return options.index(value) if value in options else 0


with blocks_tab, st.form("block_form"):
    k = f":{choice}"  # widget keys carry the chosen block, so another choice refills the form
    code = st.text_input("Mã khối", old.code if old else "", key="code" + k, disabled=bool(old))
    name = st.text_input("Tên khối", old.name if old else "", key="name" + k)
    year = st.number_input("Năm", 2000, 2100, old.year if old else 2021, key="year" + k)
    series = st.text_input("Mã chuỗi khối (giống nhau qua các năm)", old.series if old else "",
                           key="series" + k)
    plan = st.selectbox("Kế hoạch phát động", [""] + plans, key="plan" + k,
                        index=_at([""] + plans, old.plan_code if old else ""))
    members = st.multiselect("Thành viên", list(agencies), default=list(old.members) if old else [],
                             format_func=lambda u: agencies.get(u, u), key="members" + k)
    head = st.selectbox("Khối trưởng", units, key="head" + k, index=_at(units, old and old.head),
                        format_func=lambda u: agencies.get(u, "—"))
    deputy = st.selectbox("Khối phó", units, key="deputy" + k, index=_at(units, old and old.deputy),
                          format_func=lambda u: agencies.get(u, "—"))
    deadline = st.date_input("Hạn đăng ký thi đua", old.registration_deadline if old else None,
                             format="DD/MM/YYYY", key="deadline" + k)
    if st.form_submit_button("Lưu khối"):
        try:
            save_block(engine, user, Block(code.strip(), name, int(year), tuple(members),
                                           head or None, deputy or None, plan or None, deadline,
                                           series.strip() or None))
            st.success(f"Đã lưu khối {escape_markdown(code)}.")
        except (PermissionDenied, ValueError) as exc:
            st.error(escape_markdown(exc))
with scheme_tab:
    if old is None:
        st.info("Chọn một khối đã lưu để sửa cách chấm điểm.")
    else:
        k = f":{old.code}"
        with engine.connect() as conn:
            scheme = parse_scheme(load_scheme(conn, old.code))
        criteria, awards = scheme_frames(scheme)
        criteria = st.data_editor(criteria, num_rows="dynamic", hide_index=True, key="criteria" + k)
        awards = st.data_editor(awards, num_rows="dynamic", hide_index=True, key="awards" + k)
        c1, c2, c3, c4 = st.columns(4)
        rules = dict(
            bonus_rate=c1.number_input("Hệ số thưởng khi vượt", value=scheme.bonus_rate,
                                       key="bonus_rate" + k),
            bonus_cap=c2.number_input("Mức thưởng tối đa (tỷ lệ)", value=scheme.bonus_cap,
                                      key="bonus_cap" + k),
            late_per_day=c3.number_input("Trừ mỗi ngày trễ", value=scheme.late_per_day,
                                         key="late" + k),
            missing_penalty=c4.number_input("Trừ thêm khi không nộp",
                                            value=scheme.missing_penalty, key="missing" + k))
        st.caption(f"Tổng điểm tối đa (chưa kể thưởng): {scheme.max_total:g}")
        if st.button("Lưu cách chấm điểm", key="save_scheme" + k):
            try:
                set_scheme(engine, user, old.code,
                           scheme_from_frames(criteria, awards, scheme, **rules))
                st.success("Đã lưu cách chấm điểm.")
            except (PermissionDenied, ValueError) as exc:
                st.error(escape_markdown(exc))
