"""The dashboards' shared filters: plan, period (kind, then period), locality
(level, then unit), field, comparison and indicator, kept across pages.

Streamlit forgets a widget's value when another page renders a widget with
the same key, so each value is also kept under a shadow key in
st.session_state and handed back to the widget before it is drawn. The
first run of a session reads them from the URL (?ky=2021&dia_ban=vn2004:911
…), and every run writes them back, so a link opens the same view.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Sequence

import streamlit as st

from kpi.dashboard.choices import (
    COMPARISONS, KIND_LABELS, Options, available_kinds, default_locality, default_period,
    group_options, level_options, period_options,
)
from kpi.periods import today_vn

ALL = "*"  # "every plan" / "every field": no filter
KEYS = {"plan": "ke_hoach", "kind": "loai_ky", "period": "ky", "level": "cap", "unit": "dia_ban",
        "group": "linh_vuc", "compare": "so_sanh", "indicator": "chi_tieu"}
_SHADOW = "_flt_"
_LABELS = {
    "plan": ("Kế hoạch", "Plan"), "kind": ("Loại kỳ", "Period type"), "period": ("Kỳ", "Period"),
    "level": ("Cấp", "Level"), "unit": ("Địa bàn", "Locality"), "group": ("Lĩnh vực", "Field"),
    "compare": ("So sánh với", "Compare with"), "indicator": ("Chỉ tiêu", "Indicator"),
    "all_plans": ("Tất cả kế hoạch", "All plans"), "all_groups": ("Tất cả lĩnh vực", "All fields"),
    "no_compare": ("Không so sánh", "No comparison"), "heading": ("Bộ lọc", "Filters"),
}


@dataclass(frozen=True)
class Filters:
    """The chosen filters; `plan`, `group` and `compare` are None for "all" / "none"."""

    plan: str | None
    kind: str
    period: str
    level: str
    unit: str
    group: str | None
    compare: str | None


def _t(name: str, lang: str) -> str:
    return _LABELS[name][1 if lang == "en" else 0]


def _keep(key: str, then: Callable[[], None] | None = None) -> None:
    st.session_state[_SHADOW + key] = st.session_state[key]
    if then is not None:
        then()


def _forget(*names: str) -> None:
    for name in names:
        st.session_state.pop(_SHADOW + KEYS[name], None)


def _choose(name: str, options: Sequence[tuple[str, str]], default: str, lang: str, container,
            then: Callable[[], None] | None = None) -> str:
    """A selectbox whose value survives page switches; returns the chosen value."""
    key = KEYS[name]
    values = [value for value, _label in options]
    wanted = st.session_state.get(_SHADOW + key, st.query_params.get(key))
    if wanted not in values:
        wanted = default if default in values else values[0]
    st.session_state[key] = wanted
    labels = dict(options)
    value = container.selectbox(_t(name, lang), values, format_func=labels.get, key=key,
                                on_change=_keep, args=(key, then))
    st.session_state[_SHADOW + key] = value
    return value


def _default_of_kind(options: list[tuple[str, str]], kind: str, opts: Options,
                     today: dt.date, plan: str | None) -> str:
    if kind == "year":
        full = [code for code, _l in options if opts.catalog.period(code).end <= today]
        return full[-1] if full else default_period(opts.catalog, today, plan) or options[0][0]
    ended = [code for code, _l in options if opts.catalog.period(code).end <= today]
    return ended[-1] if ended else options[-1][0]


def go_to(unit_key: str, opts: Options) -> None:
    """Callback for drill-down buttons: make `unit_key` the chosen locality."""
    place = opts.locality(unit_key)
    if place is not None:
        st.session_state[_SHADOW + KEYS["unit"]] = place.key
        st.session_state[_SHADOW + KEYS["level"]] = place.level


def dashboard_filters(opts: Options, lang: str = "vi", *, compare: bool = False,
                      today: dt.date | None = None) -> Filters:
    """Draw the shared filters in the sidebar and return the choice.

    Raises nothing; with no plan or locality stored the page should check
    `opts` first.
    """
    today = today or today_vn()
    box = st.sidebar
    box.subheader(_t("heading", lang))
    plans = [(ALL, _t("all_plans", lang))] + [
        (p.code, f"{p.number + ' – ' if p.number else ''}{p.title}"[:90]) for p in opts.catalog.plans]

    def plan_changed() -> None:  # a plan brings its own unit and years
        chosen = st.session_state[KEYS["plan"]]
        plan = next((p for p in opts.catalog.plans if p.code == chosen), None)
        _forget("period", "kind")
        if plan and plan.unit_key and opts.locality(plan.unit_key):
            go_to(plan.unit_key, opts)

    plan = _choose("plan", plans, ALL, lang, box, plan_changed)
    plan_code = None if plan == ALL else plan
    wanted_unit = st.session_state.get(_SHADOW + KEYS["unit"], st.query_params.get(KEYS["unit"]))
    start = opts.locality(wanted_unit) if wanted_unit else None
    start = start or opts.locality(default_locality(opts.localities) or "")
    level = _choose("level", level_options(opts.localities, lang), start.level if start else "",
                    lang, box, lambda: _forget("unit"))
    places = [(p.key, p.label) for p in opts.localities if p.level == level]
    first = next((p.key for p in opts.localities if p.level == level and p.has_targets),
                 places[0][0] if places else "")
    unit = _choose("unit", places, start.key if start and start.level == level else first,
                   lang, box)
    kinds = [(k, KIND_LABELS[k]["en" if lang == "en" else "vi"])
             for k in available_kinds(opts.catalog, plan_code)]
    kind = _choose("kind", kinds, "year", lang, box, lambda: _forget("period"))
    periods = period_options(opts.catalog, kind, lang, plan_code)
    # A unit the 2025 reform ended has no figures after it: default to a year it lived through.
    ended = opts.locality(unit).valid_to if opts.locality(unit) else None
    until = min(today, ended) if ended else today
    period = _choose("period", periods, _default_of_kind(periods, kind, opts, until, plan_code),
                     lang, box)
    group = _choose("group", [(ALL, _t("all_groups", lang))] + group_options(lang), ALL, lang, box)
    chosen = None
    if compare:
        pairs = [(ALL, _t("no_compare", lang))] + [
            (k, v["en" if lang == "en" else "vi"]) for k, v in COMPARISONS.items()]
        chosen = _choose("compare", pairs, ALL, lang, box)
    filters = Filters(plan_code, kind, period, level, unit, None if group == ALL else group,
                      None if chosen in (None, ALL) else chosen)
    _write_url(filters)
    return filters


def indicator_filter(options: Sequence[tuple[str, str]], lang: str = "vi", container=None) -> str:
    """Draw the indicator choice (kept across pages like the others)."""
    first = options[0][0] if options else ""
    code = _choose("indicator", options, first, lang, container or st)
    st.query_params[KEYS["indicator"]] = code
    return code


def _write_url(filters: Filters) -> None:
    values = {"ke_hoach": filters.plan, "loai_ky": filters.kind, "ky": filters.period,
              "cap": filters.level, "dia_ban": filters.unit, "linh_vuc": filters.group,
              "so_sanh": filters.compare}
    for key, value in values.items():
        if value:
            st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]
