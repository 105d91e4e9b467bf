"""Đăng ký thi đua: a member registers its targets for the year, in the app or by workbook."""
import streamlit as st

from kpi.auth import PermissionDenied
from kpi.emulation.editors import targets_frame, targets_from_frame
from kpi.emulation.ranking import block_label, list_blocks
from kpi.emulation.registration import (
    load_registration, members_for, reopen_registration, save_registration,
)
from kpi.emulation.registration_workbook import read_registration, registration_template
from kpi.markdown_safety import escape_markdown
from kpi.periods import today_vn
from kpi.store.units import load_units
from kpi.ui import current_user, guard_page, lang, store_engine

guard_page()
vi = lang() == "vi"
engine = store_engine()
user = current_user()
st.title("Đăng ký thi đua" if vi else "Emulation registration")
blocks = {b.code: b for b in list_blocks(engine)}
if user is None or not blocks:
    st.warning("Đăng nhập bằng tài khoản quản trị hoặc cán bộ thống kê của đơn vị thành viên; "
               "khối thi đua do quản trị tạo." if vi else "Sign in; blocks are created by admins.")
    st.stop()
code = st.selectbox("Khối thi đua" if vi else "Block", list(blocks),
                    format_func=lambda c: block_label(blocks[c], lang()), key="block")
with engine.connect() as conn:
    units = {u.key: u for u in load_units(conn, blocks[code].members)}
allowed = members_for(user, blocks[code], {k: u.parent_key for k, u in units.items()})
if not allowed:
    st.warning("Tài khoản này không đăng ký thi đua cho đơn vị nào của khối." if vi
               else "This account registers for no member of the block.")
    st.stop()
unit = st.selectbox("Đơn vị" if vi else "Unit", allowed, format_func=lambda k: units[k].name,
                    key="unit")
view = load_registration(engine, code, unit, today_vn())
(st.info if view.is_open else st.warning)(view.why)
if view.common:
    st.caption("Chỉ tiêu chung của khối (tính điểm nếu đơn vị không tự đăng ký lại): "
               + "; ".join(escape_markdown(view.catalogue[t.indicator_code].name)
                         for t in view.common))

edited = st.data_editor(targets_frame(view.targets), num_rows="dynamic", hide_index=True,
                        disabled=not view.is_open, key=f"targets:{code}:{unit}")
st.download_button("Tải mẫu đăng ký (Excel)" if vi else "Download template",
                   registration_template(unit, view.unit_name, view.block.year, view.targets,
                                         view.catalogue),
                   file_name=f"dang-ky-{code}-{unit.split(':')[-1]}.xlsx", key="template",
                   on_click="ignore")
upload = st.file_uploader("Hoặc tải lên bảng đăng ký đã điền" if vi else "Or upload a filled workbook",
                          type=["xlsx"], key="upload", disabled=not view.is_open)
new_indicators = ()
try:
    targets = targets_from_frame(edited, unit, view.block.year, view.catalogue)
    if upload is not None:
        sheet = read_registration(upload.getvalue(), unit, view.block.year, view.catalogue)
        for problem in sheet.problems:
            st.error(escape_markdown(problem))
        targets, new_indicators = list(sheet.targets), sheet.new_indicators
        st.dataframe(targets_frame(targets), hide_index=True)
except ValueError as exc:
    st.error(escape_markdown(exc))
    targets = None
if view.is_open and targets and st.button("Lưu đăng ký" if vi else "Save", key="save"):
    try:
        count = save_registration(engine, user, code, unit, targets, new_indicators=new_indicators,
                                  source=upload.name if upload is not None else "Đăng ký trên ứng dụng")
        st.success(f"Đã lưu {count} chỉ tiêu đăng ký." if vi else f"Saved {count} targets.")
    except (PermissionDenied, ValueError) as exc:
        st.error(escape_markdown(exc))

if user.role == "admin":
    with st.expander("Mở lại đăng ký cho đơn vị" if vi else "Reopen registration"):
        until = st.date_input("Mở đến hết ngày" if vi else "Open until", value=today_vn(),
                              format="DD/MM/YYYY", key="reopen_until")
        if st.button("Mở lại" if vi else "Reopen", key="reopen"):
            reopen_registration(engine, user, code, unit, until)
            st.rerun()
