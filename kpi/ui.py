"""Streamlit glue shared by the pages: the engine, the language, the page guard.

One of the few modules that import Streamlit. Cached resources are keyed by
the database URL, so tests that switch databases never see a stale engine.
"""
from __future__ import annotations

import inspect
from pathlib import Path

import streamlit as st
from sqlalchemy import Engine

from kpi.accounts import sign_in_sso
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


LANG_KEY = "_kpi_lang"  # survives runs where the switch widget is not drawn


def lang() -> str:
    """The viewer's language: 'vi' unless switched to English."""
    return st.session_state.get(LANG_KEY, load_settings().language)


def language_switch() -> None:
    """The sidebar's Tiếng Việt / English switch (drawn by app.py)."""
    choices = ["vi", "en"]

    def remember() -> None:
        st.session_state[LANG_KEY] = st.session_state["lang"]

    st.radio(
        t("language"), options=choices, index=choices.index(lang()), key="lang",
        horizontal=True, on_change=remember,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
    )


def t(key: str) -> str:
    """A fixed interface text in the viewer's language."""
    return TEXT[key][lang()]


def mark_entrypoint() -> None:
    """Called by app.py on every run so pages know navigation was set up."""
    st.session_state[ENTRY_FLAG] = True


PENDING_PAGE = "_kpi_pending_page"


def guard_page() -> None:
    """Send a page opened without app.py (a deep link right after the server
    started, in Streamlit's pages-directory mode) through the entrypoint,
    remembering it so app.py opens it once navigation is set up."""
    if not st.session_state.get(ENTRY_FLAG):
        caller = Path(inspect.stack()[1].filename).resolve()
        st.session_state[PENDING_PAGE] = (f"pages/{caller.name}", st.query_params.to_dict())
        st.switch_page("app.py", query_params=st.query_params.to_dict())


def follow_deep_link(pages) -> None:
    """In app.py, after st.navigation: open the page a deep link asked for,
    if this visitor may see it (`pages`: the NavPage list shown)."""
    pending = st.session_state.pop(PENDING_PAGE, None)
    if pending and any(p.file == pending[0] for p in pages):
        st.switch_page(pending[0], query_params=pending[1])


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


SSO_UNMATCHED = "_kpi_sso_unmatched"


def sso_configured() -> bool:
    """True when secrets.toml has an [auth] section: single sign-on (OIDC,
    st.login) is offered beside local accounts. Never needed offline."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all: local accounts only
        return False


def adopt_sso_user() -> None:
    """In app.py, before navigation: when an OIDC provider has signed the
    visitor in (st.login), open the local account an administrator gave that
    email; remember an email no account has, for the sign-in page to say so.
    `st.user.is_logged_in` raises without [auth]: read it with .get()."""
    if current_user() is not None or not sso_configured():
        return
    if st.user.get("is_logged_in") is not True:
        return
    email = st.user.get("email")
    user = sign_in_sso(store_engine(), email if isinstance(email, str) else None)
    if user is None:
        st.session_state[SSO_UNMATCHED] = email
    else:
        st.session_state.pop(SSO_UNMATCHED, None)
        sign_in_user(user)
