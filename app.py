"""Chỉ tiêu — entrypoint: page config, language, navigation."""
import streamlit as st

from kpi.config import load_settings
from kpi.ui import lang, mark_entrypoint, t

st.set_page_config(page_title="Chỉ tiêu", page_icon="📊", layout="wide")
mark_entrypoint()

with st.sidebar:
    st.radio(
        t("language"), options=["vi", "en"], key="lang", horizontal=True,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
    )

pages = [
    st.Page("pages/thuc_hien.py", title="Tình hình thực hiện" if lang() == "vi" else "Target status",
            url_path="thuc-hien", default=True),
]
navigation = st.navigation(pages)
if load_settings().demo:
    st.sidebar.info(t("demo_notice"))
navigation.run()
