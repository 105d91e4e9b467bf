"""Đăng nhập / đăng xuất: local accounts (passwords checked by kpi.accounts)."""
import streamlit as st

from kpi.accounts import sign_in
from kpi.auth import ROLE_LABELS
from kpi.ui import current_user, guard_page, lang, sign_in_user, sign_out_user, store_engine

guard_page()
vi = lang() == "vi"
user = current_user()
if user is not None:
    st.title("Tài khoản" if vi else "Account")
    st.write(f"{user.display_name} — {ROLE_LABELS[user.role][lang()]} ({user.username})")
    if st.button("Đăng xuất" if vi else "Sign out", key="sign_out"):
        sign_out_user()
        st.rerun()
    st.stop()

st.title("Đăng nhập" if vi else "Sign in")
with st.form("sign_in"):
    username = st.text_input("Tên đăng nhập" if vi else "User name", key="username")
    password = st.text_input("Mật khẩu" if vi else "Password", type="password", key="password")
    submitted = st.form_submit_button("Đăng nhập" if vi else "Sign in")
if submitted:
    found = sign_in(store_engine(), username, password)
    if found is None:
        st.error("Tên đăng nhập hoặc mật khẩu không đúng." if vi
                 else "Wrong user name or password.")
    else:
        sign_in_user(found)
        st.rerun()
