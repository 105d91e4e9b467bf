"""Chỉ tiêu — entrypoint: page config, language, sign-in state, navigation by role."""
import streamlit as st

from kpi.config import load_settings
from kpi.navigation import NavPage, visible_pages
from kpi.ui import (
    adopt_sso_user, current_user, follow_deep_link, lang, language_switch, mark_entrypoint, t,
)

# No emoji or material page_icon: those favicons are fetched from the internet.
st.set_page_config(page_title="Chỉ tiêu", layout="wide")
mark_entrypoint()

# Every page: file, Vietnamese and English titles, who may open it
# ("view": anyone when viewing is open, else any signed-in user; or a tuple of
# roles). Pages also check permissions inside kpi: hiding is not a permission.
PAGES = [
    NavPage("pages/tong_quan.py", "Tổng quan", "Overview", "view"),
    NavPage("pages/chi_tieu.py", "Chỉ tiêu", "Indicator", "view"),
    NavPage("pages/dia_ban.py", "Địa bàn", "Locality", "view"),
    NavPage("pages/thuc_hien.py", "Tình hình thực hiện", "Target status", "view"),
    NavPage("pages/nop_bao_cao.py", "Nộp báo cáo", "Submit a report",
            ("admin", "statistician")),
    NavPage("pages/tinh_hinh_bao_cao.py", "Tình hình báo cáo", "Reporting discipline", "view"),
    NavPage("pages/trinh_chieu.py", "Trình chiếu", "Presentation", "view"),
    NavPage("pages/binh_xet.py", "Bình xét thi đua", "Emulation ranking", "view"),
    NavPage("pages/dang_ky_thi_dua.py", "Đăng ký thi đua", "Emulation registration", ("admin", "statistician")),
    NavPage("pages/khoi_thi_dua.py", "Khối thi đua", "Emulation blocks", ("admin",)),
    NavPage("pages/nap_ke_hoach.py", "Nạp kế hoạch", "Load a plan", ("admin",)),
    NavPage("pages/nhat_ky.py", "Nhật ký thay đổi", "Audit log", ("admin",)),
    NavPage("pages/tai_khoan.py", "Tài khoản", "Accounts", ("admin",)),
    NavPage("pages/dang_nhap.py", "Đăng nhập", "Sign in", "anyone"),
]

with st.sidebar:
    language_switch()
settings = load_settings()
adopt_sso_user()  # only with an [auth] section in secrets.toml
shown = visible_pages(PAGES, current_user(), settings.view_without_login)
# expanded: every page listed (an administrator has 14; collapsed, Streamlit
# would hide those after the tenth behind an English "View more").
navigation = st.navigation([
    st.Page(p.file, title=p.title(lang()), url_path=p.url_path, default=(i == 0))
    for i, p in enumerate(shown)
], expanded=True)
follow_deep_link(shown)
if settings.demo:
    st.sidebar.info(t("demo_notice"))
navigation.run()
