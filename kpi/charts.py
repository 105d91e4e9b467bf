"""Plotly figures for the dashboards: data in, `go.Figure` out, no Streamlit.

Every figure writes numbers the Vietnamese way (`layout.separators=",."`),
colours statuses with kpi.status's colour-blind-safe palette (a symbol or a
label always says the status too), draws the target wherever there is one,
and has a title naming the period and the locality. Period labels are
categories ("Năm 2021", "Tháng 6/2021"), never dates. The map places units
at their centres on plain axes: plotly's geographic traces would fetch a
world map from a CDN.
"""
from __future__ import annotations

import math
from typing import Sequence

import pandas as pd
import plotly.graph_objects as go

from kpi.numbers import format_number, format_percent
from kpi.status import STATUS_COLORS, STATUS_ORDER, STATUS_SYMBOLS, status_label

SEPARATORS = ",."
ACTUAL = "#0072B2"  # Okabe–Ito blue
TARGET = "#000000"
PATH = "#CC79A7"  # reddish purple
FORECAST = "#E69F00"
NEUTRAL = "#56B4E9"  # sky blue: a value with no status of its own
NO_STATUS = "#BBBBBB"
# Matrix cells on these colours take dark text, on the others white.
_LIGHT = ("nearly", "no_data", "not_due")
_WORDS = {
    "vi": {"actual": "Thực hiện", "target": "Chỉ tiêu", "band": "Khoảng chỉ tiêu",
           "path": "Lộ trình từ năm gốc", "forecast": "Dự báo", "carried": "Ghép từ đơn vị cũ",
           "monthly": "Thực hiện từng kỳ", "cumulative": "Lũy kế",
           "expected": "Kế hoạch theo tiến độ", "year_target": "Kế hoạch cả năm",
           "estimate": "Ước cả năm", "unit_target": "Chỉ tiêu của từng đơn vị",
           "total": "Tổng", "share": "Tỷ lệ chỉ tiêu đạt", "no_target": "Chưa có chỉ tiêu",
           "no_value": "Chưa có số liệu", "compare": "So sánh"},
    "en": {"actual": "Actual", "target": "Target", "band": "Target range",
           "path": "Path from baseline", "forecast": "Forecast", "carried": "From former units",
           "monthly": "Per period", "cumulative": "Year to date",
           "expected": "Target pro rata", "year_target": "Year target",
           "estimate": "Full-year estimate", "unit_target": "Each unit's target",
           "total": "Total", "share": "Share of targets met", "no_target": "No target",
           "no_value": "No data", "compare": "Compare"},
}


def _w(lang: str) -> dict[str, str]:
    return _WORDS["en" if lang == "en" else "vi"]


def chart_config(filename: str) -> dict:
    """Plotly config for st.plotly_chart: the toolbar always shown, its camera
    button saving a PNG named `filename` at twice the screen resolution."""
    return {
        "displaylogo": False, "displayModeBar": True,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def _finish(fig: go.Figure, title: str, *, height: int | None = None) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"}, separators=SEPARATORS,
        template="plotly_white", font={"size": 14}, height=height,
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        margin={"l": 10, "r": 10, "t": 60, "b": 10}, hoverlabel={"font_size": 14},
    )
    # Group thousands on the axes too ("5.000", not "5000"); plotly does not by default.
    fig.update_xaxes(separatethousands=True)
    fig.update_yaxes(separatethousands=True)
    return fig


def _category_axis(fig: go.Figure, labels: Sequence[str], axis: str = "x") -> None:
    fig.update_layout({f"{axis}axis": {"type": "category", "categoryorder": "array",
                                        "categoryarray": list(labels)}})


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _list(column) -> list:
    """A column as a plain list, missing values as None: plotly would encode a
    numeric array as base64 in the figure's JSON."""
    return [None if not _present(v) else v for v in list(column)]


def _short(text: str, size: int = 48) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def status_counts_chart(counts: Sequence[tuple[str, str, int]], title: str, lang: str = "vi",
                        compare: Sequence[tuple[str, str, int]] | None = None,
                        compare_label: str | None = None, name: str = "") -> go.Figure:
    """Horizontal bars: targets per status (status, label, count), statuses
    in order, the trace named `name` (the period); with `compare`, a hatched
    bar for the other period."""
    fig = go.Figure()
    labels = [label for _s, label, _n in counts]
    fig.add_bar(y=labels, x=[n for *_x, n in counts], orientation="h", name=name,
                marker_color=[STATUS_COLORS[s] for s, _l, _n in counts],
                text=[format_number(n, 0, lang) for *_x, n in counts], textposition="outside",
                hovertemplate="%{y}: %{x}<extra></extra>")
    if compare:
        fig.add_bar(y=[label for _s, label, _n in compare], x=[n for *_x, n in compare],
                    orientation="h", name=compare_label or _w(lang)["compare"],
                    marker={"color": [STATUS_COLORS[s] for s, _l, _n in compare],
                            "opacity": 0.45, "pattern": {"shape": "/"}},
                    text=[format_number(n, 0, lang) for *_x, n in compare],
                    textposition="outside", hovertemplate="%{y}: %{x}<extra></extra>")
    fig.update_layout(barmode="group", showlegend=bool(compare))
    fig.update_yaxes(autorange="reversed", type="category")
    return _finish(fig, title, height=320)


def status_matrix_chart(matrix: pd.DataFrame, title: str, lang: str = "vi") -> go.Figure:
    """Heatmap of kpi.dashboard.overview.status_matrix: indicators down,
    columns across, each cell coloured by status with its text. Two heatmap
    traces (dark and light cells, white and black text) and one legend entry
    per status present."""
    fig = go.Figure()
    if matrix.empty:
        return _finish(fig, title, height=200)
    rows = list(dict.fromkeys(matrix["indicator"]))
    columns = list(dict.fromkeys(matrix["column_label"]))
    y = [_short(r) for r in rows]
    for light in (False, True):
        z, text, hover = [], [], []
        cells = {(r.indicator, r.column_label): r for r in matrix.itertuples()}
        for row in rows:
            z.append([]), text.append([]), hover.append([])
            for column in columns:
                cell = cells.get((row, column))
                show = cell is not None and (cell.status in _LIGHT) == light
                z[-1].append(STATUS_ORDER.index(cell.status) if show else None)
                text[-1].append(cell.text if show else "")
                hover[-1].append(f"{row}<br>{column}<br>{cell.status_label}: {cell.text}"
                                 if show else "")
        scale = []
        for i, status in enumerate(STATUS_ORDER):
            scale += [[i / len(STATUS_ORDER), STATUS_COLORS[status]],
                      [(i + 1) / len(STATUS_ORDER), STATUS_COLORS[status]]]
        fig.add_heatmap(z=z, x=columns, y=y, text=text, texttemplate="%{text}",
                        customdata=hover, hovertemplate="%{customdata}<extra></extra>",
                        zmin=-0.5, zmax=len(STATUS_ORDER) - 0.5, colorscale=scale,
                        showscale=False, xgap=2, ygap=2, name="light" if light else "dark",
                        textfont={"color": "#000000" if light else "#FFFFFF", "size": 12})
    for status in STATUS_ORDER:
        if status in set(matrix["status"]):
            fig.add_scatter(x=[None], y=[None], mode="markers", showlegend=True,
                            name=f"{STATUS_SYMBOLS[status]} {status_label(status, lang)}",
                            marker={"color": STATUS_COLORS[status], "size": 12, "symbol": "square"})
    _category_axis(fig, columns)
    fig.update_yaxes(type="category", autorange="reversed", categoryorder="array",
                     categoryarray=y, tickfont={"size": 13, "color": "#222222"})
    fig.update_xaxes(side="top", tickangle=-30 if len(columns) > 4 else 0)
    fig.update_layout(plot_bgcolor="#FFFFFF")
    return _finish(fig, title, height=max(260, 160 + 30 * len(rows)))


def indicator_series_chart(series: pd.DataFrame, title: str, *, measure: str, flow: bool,
                           path: pd.DataFrame | None = None, forecast: dict | None = None,
                           lang: str = "vi") -> go.Figure:
    """Actual values by year (bars for a flow, a line for a level; values
    carried from former units hollow) against the target: a filled band for
    a range, a marker for a one-sided target, the path from the baseline to
    a multi-year target, and the forecast for the target year."""
    w, fig = _w(lang), go.Figure()
    labels = list(series["label"])
    upper = [u if _present(u) else None for u in series["upper"]]
    lower = [v if _present(v) else None for v in series["lower"]]
    banded = [i for i, (lo, up) in enumerate(zip(lower, upper)) if lo is not None and up is not None]
    if banded:
        fig.add_scatter(x=[labels[i] for i in banded], y=[upper[i] for i in banded],
                        mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip",
                        name=w["band"] + " (trên)")
        fig.add_scatter(x=[labels[i] for i in banded], y=[lower[i] for i in banded],
                        mode="lines", line={"width": 0}, fill="tonexty", name=w["band"],
                        fillcolor="rgba(0,0,0,0.12)",
                        hovertemplate=f"%{{x}}: {w['band']}<extra></extra>")
    single = [i for i in range(len(labels)) if i not in banded
              and (lower[i] is not None or upper[i] is not None)]
    if single:
        fig.add_scatter(x=[labels[i] for i in single],
                        y=[lower[i] if lower[i] is not None else upper[i] for i in single],
                        mode="markers", name=w["target"],
                        marker={"symbol": "line-ew-open", "size": 28, "color": TARGET,
                                "line": {"width": 3}},
                        hovertemplate=f"%{{x}}: {w['target']} %{{y:,.2f}} {measure}<extra></extra>")
    reported = series["basis"] != "carried"
    for mask, name, symbol in ((reported, w["actual"], "circle"),
                               (~reported, w["carried"], "circle-open")):
        part = series[mask]
        if part.empty or part["value"].isna().all():
            continue
        if flow:
            fig.add_bar(x=_list(part["label"]), y=_list(part["value"]), name=name, marker_color=ACTUAL,
                        opacity=1 if symbol == "circle" else 0.5,
                        hovertemplate=f"%{{x}}: %{{y:,.1f}} {measure}<extra></extra>")
        else:
            fig.add_scatter(x=_list(part["label"]), y=_list(part["value"]), name=name,
                            mode="lines+markers" if symbol == "circle" else "markers",
                            line={"color": ACTUAL, "width": 3},
                            marker={"symbol": symbol, "size": 10, "color": ACTUAL},
                            hovertemplate=f"%{{x}}: %{{y:,.2f}} {measure}<extra></extra>")
    if path is not None and not path.empty:
        fig.add_scatter(x=_list(path["label"]), y=_list(path["value"]), mode="lines", name=w["path"],
                        line={"color": PATH, "dash": "dot", "width": 2},
                        hovertemplate=f"%{{x}}: %{{y:,.2f}} {measure}<extra></extra>")
        labels += [lb for lb in path["label"] if lb not in labels]
    if forecast:
        known = series.dropna(subset=["value"])
        xs, ys = [forecast["label"]], [forecast["value"]]
        if not known.empty:
            xs, ys = [known["label"].iloc[-1]] + xs, [float(known["value"].iloc[-1])] + ys
        fig.add_scatter(x=xs, y=ys, mode="lines+markers", name=f"{w['forecast']} {forecast['label']}",
                        line={"color": FORECAST, "dash": "dash", "width": 2},
                        marker={"symbol": ["circle", "star"][-len(xs):], "size": [6, 16][-len(xs):],
                                "color": FORECAST},
                        hovertemplate=f"%{{x}}: %{{y:,.2f}} {measure}<extra></extra>")
        if forecast["label"] not in labels:
            labels.append(forecast["label"])
    _category_axis(fig, labels)
    fig.update_yaxes(title=measure, rangemode="tozero" if flow else "normal")
    return _finish(fig, title, height=440)


def year_to_date_chart(frame: pd.DataFrame, title: str, *, measure: str,
                       target: float | None, estimate: float | None,
                       lang: str = "vi") -> go.Figure:
    """A flow within its year (kpi.dashboard.year_to_date): each period's
    value, the running total (lũy kế) and the target pro rata, the year's
    target and the full-year estimate (ước cả năm)."""
    w, fig = _w(lang), go.Figure()
    labels = list(frame["label"])
    hover = f"%{{x}}: %{{y:,.1f}} {measure}<extra></extra>"
    fig.add_bar(x=labels, y=_list(frame["value"]), name=w["monthly"], marker_color=NEUTRAL,
                hovertemplate=hover)
    fig.add_scatter(x=labels, y=_list(frame["cumulative"]), mode="lines+markers", name=w["cumulative"],
                    line={"color": ACTUAL, "width": 3}, hovertemplate=hover)
    if target:
        fig.add_scatter(x=labels, y=_list(frame["expected"]), mode="lines", name=w["expected"],
                        line={"color": TARGET, "dash": "dot"}, hovertemplate=hover)
        fig.add_scatter(x=[labels[0], labels[-1]], y=[target, target], mode="lines",
                        name=f"{w['year_target']} {format_number(target, None, lang)} {measure}",
                        line={"color": TARGET, "width": 2}, hovertemplate=hover)
    if estimate is not None:
        fig.add_scatter(x=[labels[-1]], y=[estimate], mode="markers",
                        name=f"{w['estimate']} {format_number(estimate, 1, lang)} {measure}",
                        marker={"symbol": "star", "size": 18, "color": FORECAST},
                        hovertemplate=hover)
    _category_axis(fig, labels)
    fig.update_yaxes(title=measure, rangemode="tozero")
    return _finish(fig, title, height=420)


def localities_chart(frame: pd.DataFrame, title: str, *, measure: str,
                     target: float | None = None, target_name: str | None = None,
                     lang: str = "vi") -> go.Figure:
    """Horizontal bars of each locality's value, largest on top, coloured by
    the status of its own target (sky blue without one); each unit's own
    target as a tick, and `target` (the parent's level) as a line."""
    w, fig = _w(lang), go.Figure()
    data = frame.dropna(subset=["value"])
    names = [_short(u, 40) for u in data["unit"]]
    colours = [STATUS_COLORS.get(s, NEUTRAL) if isinstance(s, str) else NEUTRAL
               for s in data["status"]]
    statuses = [status_label(s, lang) if isinstance(s, str) else w["no_target"]
                for s in data["status"]]
    fig.add_bar(y=names, x=_list(data["value"]), orientation="h", name=w["actual"],
                marker_color=colours, customdata=statuses,
                text=[format_number(v, 1, lang) for v in data["value"]], textposition="auto",
                hovertemplate=f"%{{y}}: %{{x:,.2f}} {measure} (%{{customdata}})<extra></extra>")
    own = data[data["target"].notna()]
    if not own.empty:
        fig.add_scatter(y=[_short(u, 40) for u in own["unit"]], x=_list(own["target"]), mode="markers",
                        name=w["unit_target"], marker={"symbol": "line-ns-open", "size": 22,
                                                       "color": TARGET, "line": {"width": 3}},
                        hovertemplate=f"%{{y}}: {w['target']} %{{x:,.2f}}<extra></extra>")
    if target is not None and names:
        fig.add_scatter(x=[target, target], y=[names[0], names[-1]], mode="lines",
                        name=target_name or w["target"],
                        line={"color": TARGET, "dash": "dash", "width": 2},
                        hovertemplate=f"{target_name or w['target']}: %{{x:,.2f}}<extra></extra>")
    _category_axis(fig, names, "y")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=measure)
    return _finish(fig, title, height=max(300, 120 + 24 * len(names)))


def components_chart(frame: pd.DataFrame, title: str, *, measure: str,
                     lang: str = "vi") -> go.Figure:
    """Components stacked by year against the total (kpi.dashboard.indicator
    .components_frame): one bar trace per component, the total as a line."""
    fig = go.Figure()
    labels = list(dict.fromkeys(frame["label"]))
    hover = f"%{{x}}: %{{y:,.1f}} {measure}<extra>%{{fullData.name}}</extra>"
    for code, part in frame[frame["role"] == "component"].groupby("code", sort=False):
        fig.add_bar(x=_list(part["label"]), y=_list(part["value"]), name=_short(part["name"].iloc[0], 40),
                    hovertemplate=hover)
    total = frame[frame["role"] == "total"]
    if not total.empty:
        fig.add_scatter(x=_list(total["label"]), y=_list(total["value"]), mode="lines+markers",
                        name=f"{_w(lang)['total']}: {_short(total['name'].iloc[0], 40)}",
                        line={"color": TARGET, "width": 2}, marker={"symbol": "diamond"},
                        hovertemplate=hover)
    fig.update_layout(barmode="stack", colorway=["#009E73", "#56B4E9", "#E69F00", "#CC79A7",
                                                  "#F0E442", "#0072B2", "#D55E00"])
    _category_axis(fig, labels)
    fig.update_yaxes(title=measure, rangemode="tozero")
    return _finish(fig, title, height=420)


def locality_map(frame: pd.DataFrame, title: str, lang: str = "vi", *,
                 value: str = "share_meeting", value_name: str | None = None) -> go.Figure:
    """Units at their centres (plain longitude/latitude axes, no map tiles:
    columns lat, lon; labels from `name`), coloured by `value` — by default
    the share of due targets met (0–1, with `meeting`/`due` in the hover),
    otherwise an indicator's value named `value_name` — on the viridis scale
    (readable with colour-blindness and in grey print); units without a
    value hollow grey. Units with no known centre (agencies) are laid out in
    a grid below the others."""
    w, fig = _w(lang), go.Figure()
    share = value == "share_meeting"
    placed = frame[frame["lat"].notna() & frame["lon"].notna()]
    loose = frame[frame["lat"].isna() | frame["lon"].isna()]
    if not loose.empty:  # a tile grid for agencies and other units without a centre
        side = math.ceil(math.sqrt(len(loose)))
        base_x = placed["lon"].min() if not placed.empty else 0.0
        base_y = (placed["lat"].min() - 0.3) if not placed.empty else 0.0
        step = 0.15 if not placed.empty else 1.0
        loose = loose.assign(lon=[base_x + (i % side) * step for i in range(len(loose))],
                             lat=[base_y - (i // side) * step for i in range(len(loose))])
    data = pd.concat([placed, loose])
    rated, unrated = data[data[value].notna()], data[data[value].isna()]
    hover = "%{text}<br>%{customdata}<extra></extra>"
    empty = w["no_target"] if share else _WORDS["en" if lang == "en" else "vi"]["no_value"]
    if not unrated.empty:
        fig.add_scatter(x=_list(unrated["lon"]), y=_list(unrated["lat"]), mode="markers+text",
                        name=empty, text=[_short(u, 24) for u in unrated["name"]],
                        textposition="top center", customdata=[empty] * len(unrated),
                        marker={"size": 12, "color": NO_STATUS, "symbol": "circle-open",
                                "line": {"width": 2}}, hovertemplate=hover)
    if not rated.empty:
        name = w["share"] if share else (value_name or w["actual"])
        if share:
            notes = [f"{name}: {format_percent(v, 0, lang)} ({m}/{d})" for v, m, d in
                     zip(rated[value], rated["meeting"], rated["due"])]
            scale = {"cmin": 0, "cmax": 1, "colorbar": {"title": name, "tickformat": ".0%"}}
        else:
            notes = [f"{name}: {format_number(v, 2, lang)}" for v in rated[value]]
            scale = {"colorbar": {"title": _short(name, 20)}}
        fig.add_scatter(x=_list(rated["lon"]), y=_list(rated["lat"]), mode="markers+text",
                        name=name, text=[_short(u, 24) for u in rated["name"]],
                        textposition="top center", customdata=notes, hovertemplate=hover,
                        marker={"size": 18, "color": _list(rated[value]), "colorscale": "Viridis",
                                "line": {"width": 1, "color": "#333"}, **scale})
    middle = data["lat"].mean() if not data.empty else 0.0
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x",
                     scaleratio=1 / max(0.2, math.cos(math.radians(middle or 0.0))))
    fig.update_layout(showlegend=not unrated.empty and not rated.empty)
    return _finish(fig, title, height=560)


def unit_history_chart(frame: pd.DataFrame, title: str, *, measure: str,
                       lang: str = "vi") -> go.Figure:
    """A unit's series across the reform (kpi.dashboard.locality.unit_history):
    values it reported as filled dots, values carried from its former units
    hollow."""
    w, fig = _w(lang), go.Figure()
    for basis, name, symbol in (("reported", w["actual"], "circle"),
                                ("carried", w["carried"], "circle-open")):
        part = frame[frame["basis"] == basis]
        if not part.empty:
            fig.add_scatter(x=_list(part["label"]), y=_list(part["value"]), name=name,
                            mode="lines+markers" if basis == "reported" else "markers",
                            line={"color": ACTUAL, "width": 2},
                            marker={"symbol": symbol, "size": 14, "color": ACTUAL,
                                    "line": {"width": 2}}, customdata=_list(part["sources"]),
                            hovertemplate=f"%{{x}}: %{{y:,.2f}} {measure}<br>%{{customdata}}"
                                          "<extra></extra>")
    _category_axis(fig, list(frame["label"]))
    fig.update_yaxes(title=measure)
    return _finish(fig, title, height=380)
