"""Cached dashboard data, shared by all sessions (Streamlit's st.cache_data).

Every cached function is keyed by the database URL and the store's data
version (kpi.store.queries.data_version: it changes when a batch is
uploaded or rolled back, a plan re-imported…), so a new upload shows at
once and a test that switches databases never sees another store's data.
Nothing here depends on who is looking: viewing needs no account, and a
per-user function would have to take the user in its key.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kpi.config import load_settings
from kpi.dashboard.choices import Options, indicator_options, load_options
from kpi.dashboard.indicator import IndicatorView, load_indicator_view
from kpi.dashboard.locality import LocalityView, compare_localities, load_locality, unit_history
from kpi.dashboard.overview import Overview, load_overview
from kpi.store.queries import data_version
from kpi.ui import store_engine

TTL_SECONDS = 600


def _url() -> str:
    return load_settings().database_url


def _engine_for(url: str):
    # `url` is what keys the cache; kpi.ui keeps one engine per URL, and the
    # settings that give `url` give it the same one.
    return store_engine()


def _version(url: str) -> tuple:
    with _engine_for(url).connect() as conn:
        return data_version(conn)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=16)
def _options(url: str, version: tuple) -> Options:
    with _engine_for(url).connect() as conn:
        return load_options(conn)


def options() -> Options:
    """What the shared filters offer (kpi.dashboard.choices.load_options)."""
    url = _url()
    return _options(url, _version(url))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=128)
def _indicators(url: str, version: tuple, unit_key: str, plan_code: str | None,
                lang: str) -> list[tuple[str, str]]:
    with _engine_for(url).connect() as conn:
        return indicator_options(conn, _options(url, version).catalog, unit_key, plan_code, lang)


def indicators(unit_key: str, plan_code: str | None, lang: str) -> list[tuple[str, str]]:
    """(code, name) of the indicators to offer for a locality and plan."""
    url = _url()
    return _indicators(url, _version(url), unit_key, plan_code, lang)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _overview(url: str, version: tuple, as_of: dt.date, kwargs: tuple) -> Overview:
    return load_overview(_engine_for(url), as_of=as_of, **dict(kwargs))


def overview(*, as_of: dt.date, **kwargs) -> Overview:
    """kpi.dashboard.overview.load_overview, cached."""
    url = _url()
    return _overview(url, _version(url), as_of, tuple(sorted(kwargs.items())))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _indicator_view(url: str, version: tuple, as_of: dt.date, kwargs: tuple) -> IndicatorView:
    return load_indicator_view(_engine_for(url), as_of=as_of, **dict(kwargs))


def indicator_view(*, as_of: dt.date, **kwargs) -> IndicatorView:
    """kpi.dashboard.indicator.load_indicator_view, cached."""
    url = _url()
    return _indicator_view(url, _version(url), as_of, tuple(sorted(kwargs.items())))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _locality_view(url: str, version: tuple, as_of: dt.date, kwargs: tuple) -> LocalityView:
    return load_locality(_engine_for(url), as_of=as_of, **dict(kwargs))


def locality_view(*, as_of: dt.date, **kwargs) -> LocalityView:
    """kpi.dashboard.locality.load_locality, cached."""
    url = _url()
    return _locality_view(url, _version(url), as_of, tuple(sorted(kwargs.items())))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _unit_history(url: str, version: tuple, as_of: dt.date, kwargs: tuple) -> pd.DataFrame:
    return unit_history(_engine_for(url), as_of=as_of, **dict(kwargs))


def history(*, as_of: dt.date, **kwargs) -> pd.DataFrame:
    """kpi.dashboard.locality.unit_history, cached."""
    url = _url()
    return _unit_history(url, _version(url), as_of, tuple(sorted(kwargs.items())))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def _comparison(url: str, version: tuple, as_of: dt.date, kwargs: tuple):
    return compare_localities(_engine_for(url), as_of=as_of, **dict(kwargs))


def comparison(*, as_of: dt.date, **kwargs) -> tuple[pd.DataFrame, float | None]:
    """kpi.dashboard.locality.compare_localities, cached."""
    url = _url()
    return _comparison(url, _version(url), as_of, tuple(sorted(kwargs.items())))
