"""Tài khoản (administrators): list accounts, create one, change its units, reset
its password, set its single sign-on email — every change through kpi.accounts,
which checks the role and writes the audit."""
import streamlit as st

from kpi.accounts import (
    account_names, accounts_frame, add_account, change_email, change_scopes, reset_password,
    scope_choices,
)
from kpi.auth import ROLE_LABELS, ROLES, PermissionDenied
from kpi.markdown_safety import escape_markdown
from kpi.ui import current_user, guard_page, lang, store_engine

guard_page()
vi = lang() == "vi"
user = current_user()
st.title("Tài khoản" if vi else "Accounts")
if user is None or user.role != "admin":
    st.warning("Chỉ quản trị quản lý tài khoản: đăng nhập bằng tài khoản quản trị." if vi
               else "Only administrators manage accounts: sign in as one.")
    st.stop()
engine = store_engine()
notice = st.session_state.pop("account_notice", None)
if notice:
    st.success(notice[0])
    if notice[1]:  # a password, shown once as code: copyable, never rendered as markdown
        st.code(notice[1], language=None)
st.dataframe(accounts_frame(engine, user, lang()), hide_index=True, width="stretch")

units = dict(scope_choices(engine))
names = {u.username: u for u in account_names(engine, user)}
role_name = lambda r: ROLE_LABELS[r][lang()]  # noqa: E731
create_tab, scope_tab, password_tab, email_tab = st.tabs(
    ["Tạo tài khoản", "Đơn vị phụ trách", "Đặt lại mật khẩu", "Email đăng nhập một lần"] if vi
    else ["New account", "Unit scopes", "Reset password", "Single sign-on email"])


def act(done: str, work) -> None:
    """Run one account change; a refusal is shown in Vietnamese, nothing written."""
    try:
        result = work()
    except (PermissionDenied, ValueError) as exc:
        st.error(escape_markdown(exc))
        return
    st.session_state["account_notice"] = (done, result if isinstance(result, str) else None)
    st.rerun()


with create_tab, st.form("new_account", clear_on_submit=False):
    new_name = st.text_input("Tên đăng nhập" if vi else "User name", key="new_username")
    new_display = st.text_input("Tên hiển thị" if vi else "Display name", key="new_display")
    new_role = st.selectbox("Vai trò" if vi else "Role", ROLES, index=ROLES.index("statistician"),
                            format_func=role_name, key="new_role")
    new_scopes = st.multiselect("Đơn vị phụ trách (cán bộ thống kê)" if vi else "Units",
                                list(units), format_func=units.get, key="new_scopes")
    new_password = st.text_input("Mật khẩu (để trống: tạo ngẫu nhiên)" if vi else
                                 "Password (blank: generated)", type="password", key="new_password")
    if st.form_submit_button("Tạo tài khoản" if vi else "Create"):
        act("Đã tạo tài khoản. Mật khẩu (chỉ hiện một lần):" if vi else "Created. Password (once):",
            lambda: add_account(engine, user, new_name, new_display, new_role, new_password or None,
                                new_scopes))

with scope_tab:
    who = st.selectbox("Tài khoản" if vi else "Account", list(names), key="scope_user")
    chosen = st.multiselect("Đơn vị phụ trách" if vi else "Units", list(units),
                            default=[k for k in names[who].scopes if k in units] if who else [],
                            format_func=units.get, key=f"scopes:{who}")
    if st.button("Lưu đơn vị phụ trách" if vi else "Save units", key="save_scopes"):
        act("Đã lưu đơn vị phụ trách." if vi else "Units saved.",
            lambda: change_scopes(engine, user, who, chosen))
with password_tab:
    who_pw = st.selectbox("Tài khoản" if vi else "Account", list(names), key="password_user")
    typed = st.text_input("Mật khẩu mới (để trống: tạo ngẫu nhiên)" if vi else "New password",
                          type="password", key="reset_password")
    if st.button("Đặt lại mật khẩu" if vi else "Reset the password", key="do_reset"):
        act("Đã đặt lại mật khẩu (chỉ hiện một lần):" if vi else "Password reset (shown once):",
            lambda: reset_password(engine, user, who_pw, typed or None))
with email_tab:
    who_mail = st.selectbox("Tài khoản" if vi else "Account", list(names), key="email_user")
    email = st.text_input("Email (để trống: bỏ đăng nhập một lần)" if vi else "Email (blank: none)",
                          key="sso_email")
    if st.button("Lưu email" if vi else "Save the email", key="save_email"):
        act("Đã lưu email." if vi else "Email saved.",
            lambda: change_email(engine, user, who_mail, email or None))
