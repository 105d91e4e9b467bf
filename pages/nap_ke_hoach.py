"""Nạp kế hoạch: upload a plan document, review the proposed targets, commit; adjust later."""
import hashlib

import streamlit as st

from kpi.auth import PermissionDenied
from kpi.extract.adjustments import adjustment_frame, apply_adjustment, target_choices
from kpi.extract.cascade import cascade_frame
from kpi.extract.records import DIRECTIONS, GROUPS
from kpi.extract.review import commit_review, form_choices, start_review
from kpi.extract.text import DocumentError
from kpi.markdown_safety import escape_markdown
from kpi.periods import today_vn
from kpi.ui import current_user, guard_page, lang, store_engine

guard_page()
vi = lang() == "vi"
user = current_user()
st.title("Nạp kế hoạch" if vi else "Load a plan")
if user is None or user.role != "admin":
    st.warning("Cần đăng nhập bằng tài khoản quản trị để nạp kế hoạch." if vi
               else "Sign in as an administrator to load plans.")
    st.stop()
engine = store_engine()
choices = form_choices(engine, lang())
load_tab, adjust_tab, cascade_tab = st.tabs([
    "Nạp từ văn bản" if vi else "From a document", "Điều chỉnh chỉ tiêu" if vi else "Adjust a target",
    "Đối chiếu cấp trên" if vi else "Against the higher plan"])

with load_tab:
    done = st.session_state.pop("plan_done", None)
    if done:
        st.success(escape_markdown(done))
    uploaded = st.file_uploader("Văn bản kế hoạch (.docx, .pdf, .txt)" if vi else "Plan document",
                                type=["docx", "pdf", "txt"], key="plan_file")
    draft = None
    if uploaded is not None:
        digest = hashlib.sha256(uploaded.getvalue()).hexdigest()
        if st.session_state.get("plan_digest") != digest:
            try:
                st.session_state["plan_draft"] = start_review(engine, uploaded.getvalue(), uploaded.name)
            except DocumentError as exc:
                st.session_state["plan_draft"] = None
                st.error(escape_markdown(exc))
            st.session_state["plan_digest"] = digest
        draft = st.session_state.get("plan_draft")
    if draft is not None:
        h = dict(draft.header)
        units, plans = dict(choices.units), dict(choices.plans)
        left, right = st.columns(2)
        h["code"] = left.text_input("Mã kế hoạch" if vi else "Plan code", h["code"], key="plan_code")
        h["number"] = right.text_input("Số, ký hiệu" if vi else "Number", h["number"] or "", key="plan_number")
        h["title"] = st.text_input("Tên kế hoạch" if vi else "Title", h["title"], key="plan_title")
        h["issuer"] = left.text_input("Cơ quan ban hành" if vi else "Issuer", h["issuer"] or "", key="plan_issuer")
        h["issued_on"] = right.date_input("Ngày ban hành" if vi else "Issued on", h["issued_on"],
                                          format="DD/MM/YYYY", key="plan_date")
        keys = list(units)
        h["unit_key"] = left.selectbox("Đơn vị (địa bàn)" if vi else "Unit", keys, format_func=units.get,
                                       index=keys.index(h["unit_key"]) if h["unit_key"] in units else None,
                                       key="plan_unit")
        h["period"] = right.text_input("Kỳ kế hoạch" if vi else "Period", h["period"], key="plan_period")
        h["parent_plan"] = st.selectbox("Kế hoạch cấp trên" if vi else "Parent plan", [None] + list(plans),
                                        format_func=lambda c: "—" if c is None else plans[c], key="plan_parent")
        st.caption(f"{len(draft.frame)} chỉ tiêu đề xuất · {len(draft.phases)} đợt thi đua · "
                   f"{len(draft.deadlines)} hạn báo cáo · {len(draft.actuals)} số liệu kết quả (không phải chỉ tiêu)"
                   if vi else f"{len(draft.frame)} proposed targets")
        edited = st.data_editor(
            draft.frame, key="plan_targets", hide_index=True, width="stretch", num_rows="fixed",
            disabled=["quote", "note", "match"],
            column_config={
                "keep": st.column_config.CheckboxColumn("Giữ" if vi else "Keep"),
                "indicator": st.column_config.TextColumn("Chỉ tiêu (theo văn bản)" if vi else "Indicator (as written)"),
                "indicator_choice": st.column_config.SelectboxColumn(
                    "Chỉ tiêu trong danh mục" if vi else "Catalogue indicator", options=choices.indicators),
                "value": st.column_config.NumberColumn("Giá trị" if vi else "Value", format="%g"),
                "min": st.column_config.NumberColumn("Từ" if vi else "Min", format="%g"),
                "max": st.column_config.NumberColumn("Đến" if vi else "Max", format="%g"),
                "unit": st.column_config.TextColumn("Đơn vị tính" if vi else "Unit"),
                "direction": st.column_config.SelectboxColumn("Chiều" if vi else "Direction", options=DIRECTIONS),
                "strict": st.column_config.CheckboxColumn("Không kể bằng" if vi else "Strict"),
                "period": st.column_config.TextColumn("Kỳ" if vi else "Period"),
                "locality": st.column_config.TextColumn("Địa bàn" if vi else "Places"),
                "group": st.column_config.SelectboxColumn("Lĩnh vực" if vi else "Field", options=GROUPS),
                "quote": st.column_config.TextColumn("Trích văn bản" if vi else "Quote"),
                "note": st.column_config.TextColumn("Ghi chú" if vi else "Note"),
                "match": st.column_config.NumberColumn("Độ khớp" if vi else "Match", format="%.0f"),
            })
        if st.button("Ghi kế hoạch vào cơ sở dữ liệu" if vi else "Commit the plan", type="primary",
                     key="plan_commit"):
            try:
                outcome = commit_review(engine, edited, h, user, draft.phases, draft.deadlines)
            except PermissionDenied as exc:
                st.error(escape_markdown(exc))
            else:
                if outcome.errors:
                    st.error("Chưa ghi: sửa các dòng sau rồi bấm ghi lại." if vi else "Not committed:")
                    st.dataframe({"Lỗi" if vi else "Error": outcome.errors}, hide_index=True, width="stretch")
                else:
                    st.session_state["plan_done"] = (
                        f"Đã ghi kế hoạch {outcome.plan_code}: {outcome.targets} chỉ tiêu"
                        f"{' (cập nhật, không nhân đôi)' if outcome.replaced else ''}; "
                        f"{len(outcome.new_indicators)} chỉ tiêu mới trong danh mục.")
                    st.rerun()

with adjust_tab:
    plans = dict(choices.plans)
    plan = st.selectbox("Kế hoạch" if vi else "Plan", list(plans), format_func=plans.get, index=None,
                        key="adjust_plan")
    if plan:
        targets = dict(target_choices(engine, plan))
        key = st.selectbox("Chỉ tiêu" if vi else "Target", list(targets), format_func=targets.get,
                           key="adjust_target")
        cols = st.columns(3)
        value = cols[0].number_input("Giá trị mới" if vi else "New value", value=None, key="adjust_value")
        low = cols[1].number_input("Từ" if vi else "Min", value=None, key="adjust_min")
        high = cols[2].number_input("Đến" if vi else "Max", value=None, key="adjust_max")
        document = cols[0].text_input("Văn bản điều chỉnh" if vi else "Adjusting document", key="adjust_doc")
        date = cols[1].date_input("Ngày văn bản" if vi else "Document date", today_vn(), format="DD/MM/YYYY",
                                  key="adjust_date")
        if st.button("Ghi điều chỉnh" if vi else "Record the adjustment", key="adjust_commit"):
            try:
                apply_adjustment(engine, plan, key, value=value, low=low, high=high, document=document,
                                 document_date=date, user=user)
                st.success("Đã ghi điều chỉnh; chỉ tiêu mới có hiệu lực." if vi else "Adjustment recorded.")
            except (PermissionDenied, ValueError, LookupError) as exc:
                st.error(escape_markdown(exc))
        history = adjustment_frame(engine, plan, lang())
        st.subheader("Lịch sử điều chỉnh" if vi else "Adjustment history")
        if history.empty:
            st.caption("Chưa có điều chỉnh nào." if vi else "No adjustments yet.")
        else:
            st.dataframe(history, hide_index=True, width="stretch")

with cascade_tab:
    plans = dict(choices.plans)
    plan = st.selectbox("Kế hoạch cấp dưới" if vi else "Lower plan", list(plans), format_func=plans.get,
                        index=None, key="cascade_plan")
    if plan:
        st.dataframe(cascade_frame(engine, plan, lang()), hide_index=True, width="stretch")
