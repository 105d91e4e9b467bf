"""The presentation: a title slide, a summary, one slide per field, one per key indicator.

Slides are plain data built from `PlanResults`; the page draws them with
plotly and `deck` writes them as PowerPoint slides with native charts, so
the hall and the file show the same figures. Every slide carries speaker
notes saying where each figure comes from (plan, standing, upload, date).

A field with more targets than fit on one slide at a readable size continues
on the next slide ("Kinh tế (2/3)"); nothing is left out.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import Engine

from kpi.config import Settings, load_settings
from kpi.numbers import format_percent, round_half_up
from kpi.periods import format_date
from kpi.reports.key_series import IndicatorSlide, key_slides
from kpi.reports.narrative import forecast_counts, headline, line_note, status_sentence
from kpi.reports.results import PlanResults, ResultLine, load_plan_data, results_for
from kpi.status import STATUS_COLORS, STATUS_ORDER, STATUS_SYMBOLS, status_label

BARS_PER_SLIDE = 7
ITEMS_PER_SLIDE = 6
NAME_LIMIT = 70
# A target not yet due is coloured by its forecast, so the hall sees the risk.
FORECAST_STATUS = {
    "reached": "exceeded", "on_track": "met", "needs_acceleration": "nearly",
    "limited_progress": "not_met", "deterioration": "not_met", "insufficient_data": "no_data",
}


@dataclass(frozen=True)
class StatusCount:
    """How many targets have `status`, with its label, symbol and colour."""

    status: str
    label: str
    symbol: str
    color: str
    count: int


@dataclass(frozen=True)
class Bar:
    """One target on a field chart: `value` is % so kế hoạch as a ratio."""

    label: str
    value: float
    text: str
    status: str
    color: str
    line: ResultLine


@dataclass(frozen=True)
class Item:
    """A target with no bar (a yes/no duty, a band, no data): said in words."""

    text: str
    status: str
    color: str
    line: ResultLine


@dataclass(frozen=True)
class TitleSlide:
    title: str
    lines: tuple[str, ...]
    notes: str
    kind: str = "title"


@dataclass(frozen=True)
class SummarySlide:
    title: str
    headline: str
    sentence: str
    counts: tuple[StatusCount, ...]
    notes: str
    kind: str = "summary"


@dataclass(frozen=True)
class FieldSlide:
    group: str
    title: str
    subtitle: str
    bars: tuple[Bar, ...]
    items: tuple[Item, ...]
    notes: str
    kind: str = "field"


Slide = TitleSlide | SummarySlide | FieldSlide | IndicatorSlide


@dataclass(frozen=True)
class Presentation:
    """The slides, in order, and the results they were built from."""

    results: PlanResults
    slides: tuple[Slide, ...]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def share_text(share: float, short_of_target: bool) -> str:
    """"104%" for a bar; a shortfall never reads "100%" (99,6% stays "99,6%")."""
    if short_of_target and round_half_up(share * 100) >= 100:
        return format_percent(min(share, 0.999), 1)
    return format_percent(share, 0)


def _short(text: str) -> str:
    return text if len(text) <= NAME_LIMIT else text[:NAME_LIMIT - 1].rstrip() + "…"


def _title_slide(results: PlanResults, demo: bool, generated: dt.date) -> TitleSlide:
    plan = results.plan
    lines = [results.scope_label, plan.title]
    if plan.issuer:
        lines.append(plan.issuer)
    lines.append(f"Số liệu tính đến ngày {format_date(results.as_of)}")
    if demo:
        lines.append("Dữ liệu minh họa: số liệu thực hiện là giả định")
    issued = f", ban hành ngày {format_date(plan.issued_on)}" if plan.issued_on else ""
    number = f", số {plan.number}" if plan.number else ""
    notes = (f"Kế hoạch {plan.code}{number}{issued}: {plan.title}. "
             f"Kỳ báo cáo: {results.period_label}. Phạm vi: {results.scope_label}. "
             f"Số liệu tính đến ngày {format_date(results.as_of)} (giá trị báo cáo sau ngày này "
             f"không được tính). Tệp tạo ngày {format_date(generated)} từ cơ sở dữ liệu Chỉ tiêu.")
    return TitleSlide(f"Kết quả thực hiện chỉ tiêu {_lower_first(results.period_label)}",
                      tuple(lines), notes)


def _summary_slide(results: PlanResults) -> SummarySlide:
    counts = results.counts()
    shown = [s for s in STATUS_ORDER if s != "not_due" or counts[s]]
    status_counts = tuple(
        StatusCount(s, status_label(s), STATUS_SYMBOLS[s], STATUS_COLORS[s], counts[s])
        for s in shown)
    sentence = status_sentence(counts, forecasts=forecast_counts(results.lines))
    notes = (f"Tổng hợp {len(results.lines)} chỉ tiêu của kế hoạch {results.plan.code} "
             f"trong kỳ {results.period_label} ({results.scope_label}), số liệu đến ngày "
             f"{format_date(results.as_of)}. {sentence} Mỗi chỉ tiêu được đếm một lần theo "
             "kết quả đánh giá; chi tiết ở các trang sau và trong báo cáo tổng hợp.")
    return SummarySlide("Tổng hợp kết quả", headline(counts), sentence, status_counts, notes)


def _bar_status(line: ResultLine) -> str:
    if line.status == "not_due":
        return FORECAST_STATUS.get(line.forecast or "", "no_data")
    return line.status


def _label(line: ResultLine, results: PlanResults) -> str:
    label = _short(line.indicator)
    if results.multi_unit:
        label += f" – {line.unit_name}"
    if line.target_period != results.main_target_period:
        label += f" ({line.target_period_label})"
    return label


def _field_parts(lines: Sequence[ResultLine], results: PlanResults):
    bars, items, seen = [], [], set()
    for line in lines:
        key = (line.indicator_code, line.unit_key, line.target_period)
        if key in seen:  # "≥ 4.549 tỷ" and "tăng 3,32%" are one result
            continue
        seen.add(key)
        status = _bar_status(line)
        if line.plan_share is not None:
            text = share_text(line.plan_share, status in ("nearly", "not_met"))
            bars.append(Bar(_label(line, results), line.plan_share, text, status,
                            STATUS_COLORS[status], line))
        else:
            items.append(Item(f"{STATUS_SYMBOLS[line.status]} {_label(line, results)}: "
                              f"{line.actual_text} — {line.evaluation}", line.status,
                              STATUS_COLORS[line.status], line))
    return bars, items


def _field_slides(group: str, heading: str, lines: Sequence[ResultLine],
                  results: PlanResults) -> list[FieldSlide]:
    bars, items = _field_parts(lines, results)
    pages = max(-(-len(bars) // BARS_PER_SLIDE), -(-len(items) // ITEMS_PER_SLIDE), 1)
    counts = {s: sum(1 for ln in lines if ln.status == s) for s in STATUS_ORDER}
    subtitle = "; ".join(f"{STATUS_SYMBOLS[s]} {status_label(s)}: {n}"
                         for s, n in counts.items() if n)
    slides = []
    for page in range(pages):
        page_bars = tuple(bars[page * BARS_PER_SLIDE:(page + 1) * BARS_PER_SLIDE])
        page_items = tuple(items[page * ITEMS_PER_SLIDE:(page + 1) * ITEMS_PER_SLIDE])
        shown = [bar.line for bar in page_bars] + [item.line for item in page_items]
        notes = (f"{heading} — {results.period_label}, {results.scope_label}. Cột: % so kế "
                 "hoạch (chỉ tiêu chưa đến hạn: so với mục tiêu, màu theo tiến độ).\n"
                 + "\n".join(line_note(ln, results.multi_unit) for ln in shown))
        title = heading if pages == 1 else f"{heading} ({page + 1}/{pages})"
        slides.append(FieldSlide(group, title, subtitle, page_bars, page_items, notes))
    return slides


def build_presentation(results: PlanResults, keys: Sequence[IndicatorSlide] = (), *,
                       demo: bool = False, generated: dt.date | None = None) -> Presentation:
    """Title, summary, the field slides in report order, then the key
    indicators' slides `keys`. Pure."""
    slides: list[Slide] = [_title_slide(results, demo, generated or results.as_of),
                           _summary_slide(results)]
    for group, heading, lines in results.by_group():
        slides.extend(_field_slides(group, heading, lines, results))
    slides.extend(keys)
    return Presentation(results, tuple(slides))


def load_presentation(
    engine: Engine,
    plan_code: str,
    period_code: str,
    *,
    unit_key: str | None = None,
    as_of: dt.date,
    key_indicators: Sequence[str] = (),
    settings: Settings | None = None,
    generated: dt.date | None = None,
) -> Presentation:
    """The presentation of a plan for a period and unit, with one slide per
    key indicator code. Raises ReportError (unknown plan, unit without
    targets, empty period, indicator not in the plan) or PeriodError."""
    settings = settings or load_settings()
    data = load_plan_data(engine, plan_code, unit_key)
    results = results_for(data, period_code, as_of, settings=settings)
    keys = key_slides(engine, data, results, key_indicators, settings=settings)
    return build_presentation(results, keys, demo=settings.demo, generated=generated)
