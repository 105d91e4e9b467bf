"""Streamlit glue shared by the pages: the engine, the language, the page guard.

One of the few modules that import Streamlit. Cached resources are keyed by
the database URL, so tests that switch databases never see a stale engine.
"""
from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from kpi.config import load_settings
from kpi.db import create_store_engine

ENTRY_FLAG = "_kpi_entrypoint_ran"

TEXT = {
    "app_title": {"vi": "Chỉ tiêu", "en": "Chỉ tiêu (targets)"},
    "demo_notice": {
        "vi": "Dữ liệu minh họa: chỉ tiêu lấy từ các kế hoạch mẫu, số liệu thực hiện là giả định.",
        "en": "Demo data: targets come from the sample plans; reported values are invented.",
    },
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
}


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return create_store_engine(url)


def store_engine() -> Engine:
    """The engine for the configured database (one per URL, shared by sessions)."""
    return _engine_for(load_settings().database_url)


def lang() -> str:
    """The viewer's language: 'vi' unless switched to English."""
    return st.session_state.get("lang", load_settings().language)


def t(key: str) -> str:
    """A fixed interface text in the viewer's language."""
    return TEXT[key][lang()]


def mark_entrypoint() -> None:
    """Called by app.py on every run so pages know navigation was set up."""
    st.session_state[ENTRY_FLAG] = True


def guard_page() -> None:
    """Send a page opened without app.py (a deep link right after the server
    started, in Streamlit's pages-directory mode) through the entrypoint."""
    if not st.session_state.get(ENTRY_FLAG):
        st.switch_page("app.py")


USER_KEY = "_kpi_user"


def current_user():
    """The signed-in `kpi.auth.User` of this session, or None."""
    return st.session_state.get(USER_KEY)


def sign_in_user(user) -> None:
    """Remember `user` for this browser session."""
    st.session_state[USER_KEY] = user


def sign_out_user() -> None:
    """Forget the signed-in user of this session."""
    st.session_state.pop(USER_KEY, None)
