"""Nhật ký thay đổi (administrators): search the audit by who, what, object, dates
and text; read a change as before/after; roll an upload back from its row."""
import streamlit as st

from kpi.audit_trail import (
    AuditFilter, action_label, changes_frame, entity_label, entries_frame, facets, search,
    upload_status,
)
from kpi.auth import PermissionDenied
from kpi.ingest.commit import UploadError, rollback_upload
from kpi.markdown_safety import escape_markdown
from kpi.ui import current_user, guard_page, lang, store_engine

guard_page()
L = lang()
vi = L == "vi"
user = current_user()
st.title("Nhật ký thay đổi" if vi else "Audit log")
if user is None or user.role != "admin":
    st.warning("Chỉ quản trị xem được nhật ký thay đổi: đăng nhập bằng tài khoản quản trị." if vi
               else "Only administrators read the audit log: sign in as one.")
    st.stop()
engine = store_engine()
done = st.session_state.pop("audit_done", None)
if done:
    st.success(done)

found = facets(engine, user)
c1, c2, c3 = st.columns(3)
actor = c1.selectbox("Người thực hiện" if vi else "By", [""] + found["actor"], key="audit_actor",
                     format_func=lambda a: a or ("(tất cả)" if vi else "(all)"))
action = c2.selectbox("Thao tác" if vi else "Action", [""] + found["action"], key="audit_action",
                      format_func=lambda a: action_label(a, L) if a else ("(tất cả)" if vi else "(all)"))
entity = c3.selectbox("Đối tượng" if vi else "Object", [""] + found["entity"], key="audit_entity",
                      format_func=lambda e: entity_label(e, L) if e else ("(tất cả)" if vi else "(all)"))
c1, c2, c3 = st.columns(3)
since = c1.date_input("Từ ngày" if vi else "From", value=None, format="DD/MM/YYYY", key="audit_since")
until = c2.date_input("Đến ngày" if vi else "To", value=None, format="DD/MM/YYYY", key="audit_until")
text = c3.text_input("Tìm trong nội dung" if vi else "Search text", key="audit_text", max_chars=200)
try:
    entries = search(engine, user, AuditFilter(actor or None, action or None, entity or None,
                                               since, until, text or None))
except (PermissionDenied, ValueError) as exc:
    st.error(escape_markdown(exc))
    st.stop()
if not entries:
    st.info("Không có thay đổi nào khớp điều kiện tìm." if vi else "No change matches.")
    st.stop()
st.dataframe(entries_frame(entries, L), hide_index=True, width="stretch")

by_id = {e.id: e for e in entries}
chosen = by_id[st.selectbox("Xem chi tiết dòng số" if vi else "Details of row", list(by_id),
                            key="audit_row")]
st.subheader(f"{action_label(chosen.action, L)} — {escape_markdown(chosen.entity_id or '')}")
st.dataframe(changes_frame(chosen, L), hide_index=True, width="stretch")
batch = chosen.upload_batch
if batch is not None:
    if upload_status(engine, batch) == "rolled_back":
        st.caption(f"Lần nộp số {batch} đã được hủy." if vi else f"Upload {batch} was rolled back.")
    elif st.button(f"Hủy lần nộp số {batch}" if vi else f"Roll back upload {batch}",
                   key="audit_rollback"):
        try:
            rollback_upload(engine, batch, user)
        except (PermissionDenied, UploadError) as exc:
            st.error(escape_markdown(exc))
        else:
            st.session_state["audit_done"] = (
                f"Đã hủy lần nộp số {batch}: số liệu của nó không còn được tính." if vi
                else f"Upload {batch} rolled back.")
            st.rerun()
