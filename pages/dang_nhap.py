"""Đăng nhập / đăng xuất: local accounts (passwords checked by kpi.accounts), and
single sign-on (OIDC, st.login) only when secrets.toml has an [auth] section."""
import streamlit as st

from kpi.accounts import sign_in
from kpi.auth import ROLE_LABELS
from kpi.markdown_safety import escape_markdown
from kpi.ui import (
    SSO_UNMATCHED, current_user, guard_page, lang, sign_in_user, sign_out_user, sso_configured,
    store_engine,
)

guard_page()
vi = lang() == "vi"
user = current_user()
sso = sso_configured()
if user is not None:
    st.title("Tài khoản" if vi else "Account")
    st.write(f"{escape_markdown(user.display_name)} — {ROLE_LABELS[user.role][lang()]} "
             f"({escape_markdown(user.username)})")
    if st.button("Đăng xuất" if vi else "Sign out", key="sign_out"):
        sign_out_user()
        if sso and st.user.get("is_logged_in") is True:
            st.logout()
        st.rerun()
    st.stop()

st.title("Đăng nhập" if vi else "Sign in")
if sso:
    unmatched = st.session_state.get(SSO_UNMATCHED)
    if unmatched:
        st.warning(f"Email {escape_markdown(unmatched)} chưa gắn với tài khoản nào: nhờ quản trị "
                   "ghi email này vào tài khoản của bạn (trang Tài khoản)." if vi else
                   f"No account has the email {escape_markdown(unmatched)}: ask an administrator.")
    if st.button("Đăng nhập một lần (SSO)" if vi else "Single sign-on", key="sso"):
        st.login()
with st.form("sign_in"):
    username = st.text_input("Tên đăng nhập" if vi else "User name", key="username", max_chars=64)
    password = st.text_input("Mật khẩu" if vi else "Password", type="password", key="password",
                             max_chars=200)
    submitted = st.form_submit_button("Đăng nhập" if vi else "Sign in")
if submitted:
    found = sign_in(store_engine(), username, password)
    if found is None:
        st.error("Tên đăng nhập hoặc mật khẩu không đúng." if vi
                 else "Wrong user name or password.")
    else:
        sign_in_user(found)
        st.rerun()
