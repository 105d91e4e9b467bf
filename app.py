"""Chỉ tiêu — entrypoint: page config, language, sign-in state, navigation by role."""
import streamlit as st

from kpi.config import load_settings
from kpi.navigation import NavPage, visible_pages
from kpi.ui import current_user, lang, mark_entrypoint, t

# No emoji or material page_icon: those favicons are fetched from the internet.
st.set_page_config(page_title="Chỉ tiêu", layout="wide")
mark_entrypoint()

# Every page: file, Vietnamese and English titles, URL path, who may open it
# ("view": anyone when viewing is open, else any signed-in user; or a tuple of
# roles). Pages also check permissions inside kpi: hiding is not a permission.
PAGES = [
    NavPage("pages/thuc_hien.py", "Tình hình thực hiện", "Target status", "thuc-hien", "view"),
    NavPage("pages/dang_nhap.py", "Đăng nhập", "Sign in", "dang-nhap", "anyone"),
]

with st.sidebar:
    st.radio(
        t("language"), options=["vi", "en"], key="lang", horizontal=True,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
    )
settings = load_settings()
shown = visible_pages(PAGES, current_user(), settings.view_without_login)
navigation = st.navigation([
    st.Page(p.file, title=p.title(lang()), url_path=p.url_path, default=(i == 0))
    for i, p in enumerate(shown)
])
if settings.demo:
    st.sidebar.info(t("demo_notice"))
navigation.run()
