"""Nộp báo cáo: the template for a unit and period, upload, preview, commit, past uploads."""
import streamlit as st

from kpi.auth import PermissionDenied, writable_units
from kpi.ingest.commit import UploadError, commit_upload
from kpi.ingest.display import (
    PREVIEW_ROWS, issues_frame, preview_frame, upload_choices, uploads_frame,
)
from kpi.ingest.preview import preview_upload
from kpi.ingest.template import build_template
from kpi.markdown_safety import escape_markdown
from kpi.periods import today_vn
from kpi.ui import current_user, guard_page, lang, store_engine

guard_page()
vi = lang() == "vi"
user = current_user()
st.title("Nộp báo cáo" if vi else "Submit a report")
if user is None or user.role not in ("admin", "statistician"):
    st.warning("Cần đăng nhập bằng tài khoản cán bộ thống kê hoặc quản trị để nộp báo cáo."
               if vi else "Sign in as a statistician or an administrator to submit reports.")
    st.stop()

engine = store_engine()
allowed = writable_units(user)
choices = upload_choices(engine, allowed, today_vn(), lang())
if not choices.units:
    st.warning("Tài khoản chưa được giao đơn vị nào." if vi else "No unit assigned to this account.")
    st.stop()
units, periods = dict(choices.units), dict(choices.periods)
left, right = st.columns(2)
unit = left.selectbox("Đơn vị" if vi else "Unit", list(units), format_func=units.get,
                      key="upload_unit")
period = right.selectbox("Kỳ báo cáo" if vi else "Period", list(periods), format_func=periods.get,
                         index=choices.period_default, key="upload_period")
name, template = build_template(engine, unit, period, lang=lang())
st.download_button("Tải mẫu báo cáo (.xlsx)" if vi else "Download the template (.xlsx)",
                   template, file_name=name, key="template",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

done = st.session_state.pop("upload_done", None)
if done:
    st.success(done)
uploaded = st.file_uploader("Tệp Excel đã điền" if vi else "Filled workbook",
                            type=["xlsx", "xls"], key="upload_file")
if uploaded is not None:
    preview = preview_upload(engine, uploaded.getvalue(), uploaded.name, unit=unit,
                             period=period, allowed_units=allowed)
    counts = preview.counts
    for column, (label, value) in zip(st.columns(5), (
            ("Mới" if vi else "New", counts["new"]),
            ("Thay đổi" if vi else "Changed", counts["changed"]),
            ("Không đổi" if vi else "Unchanged", counts["unchanged"]),
            ("Lỗi" if vi else "Errors", len(preview.errors)),
            ("Cảnh báo" if vi else "Warnings", len(preview.warnings)))):
        column.metric(label, value)
    if preview.issues:
        st.dataframe(issues_frame(preview, lang()), hide_index=True, width="stretch")
    if preview.changes:
        st.dataframe(preview_frame(preview, engine, lang()), hide_index=True, width="stretch")
        if len(preview.changes) > PREVIEW_ROWS:
            st.caption(f"Hiển thị {PREVIEW_ROWS} trên {len(preview.changes)} số liệu (số thay đổi "
                       "trước)." if vi else f"Showing {PREVIEW_ROWS} of {len(preview.changes)}.")
    if preview.errors:
        st.error("Tệp còn lỗi nên chưa ghi được: hãy sửa các ô được nêu rồi tải lên lại."
                 if vi else "The file has errors: fix the cells listed and upload it again.")
    elif counts["new"] + counts["changed"] == 0:
        st.info("Không có số liệu nào thay đổi: tệp này không cần ghi." if vi
                else "Nothing changes: there is nothing to commit.")
    elif st.button("Ghi số liệu" if vi else "Commit", type="primary", key="commit"):
        try:
            result = commit_upload(engine, preview, user)
        except (UploadError, PermissionDenied) as exc:
            st.error(escape_markdown(exc))
        else:
            st.session_state["upload_done"] = (
                f"Đã ghi lần nộp số {result.batch_id}: {result.new} mới, {result.changed} thay đổi."
                if vi else f"Upload {result.batch_id} committed: {result.new} new, "
                f"{result.changed} changed.")
            st.rerun()

st.subheader("Các lần nộp trước" if vi else "Past uploads")
history = uploads_frame(engine, lang())
if history.empty:
    st.caption("Chưa có lần nộp nào." if vi else "No uploads yet.")
else:
    st.dataframe(history, hide_index=True, width="stretch")
