"""Sentences written from the numbers, as a report's body says them.

"15/17 chỉ tiêu đạt và vượt kế hoạch (vượt 10, đạt 5); 1 chỉ tiêu gần đạt; …"
The denominator is every target due in the period (those not yet due are
counted apart, with their forecasts), so the same counts read the same on
the summary slide, in the brief and in the workbook's title block.
"""
from __future__ import annotations

from collections import Counter
from typing import Mapping, Sequence

from kpi.numbers import format_percent
from kpi.reports.results import ResultLine
from kpi.status import FORECAST_LABELS

DUE_STATUSES = ("exceeded", "met", "nearly", "not_met", "no_data")
_PARTS = {
    "nearly": ("gần đạt", "nearly met"),
    "not_met": ("không đạt", "not met"),
    "no_data": ("chưa có số liệu", "without data"),
}


def _vi(lang: str) -> bool:
    return lang != "en"


def due_count(counts: Mapping[str, int]) -> int:
    """How many targets fall due in the period (every status but not_due)."""
    return sum(counts.get(status, 0) for status in DUE_STATUSES)


def headline(counts: Mapping[str, int], lang: str = "vi") -> str:
    """"15/17 chỉ tiêu đạt và vượt kế hoạch" (or that none is due yet)."""
    due = due_count(counts)
    good = counts.get("exceeded", 0) + counts.get("met", 0)
    if due == 0:
        return ("Chưa có chỉ tiêu nào đến hạn đánh giá trong kỳ" if _vi(lang)
                else "No target is due in this period")
    return (f"{good}/{due} chỉ tiêu đạt và vượt kế hoạch" if _vi(lang)
            else f"{good}/{due} targets met or exceeded")


def status_sentence(counts: Mapping[str, int], lang: str = "vi",
                    forecasts: Mapping[str, int] | None = None) -> str:
    """The headline with its breakdown: "15/17 chỉ tiêu đạt và vượt kế hoạch
    (vượt 10, đạt 5); 1 chỉ tiêu gần đạt; 1 chỉ tiêu không đạt; 4 chỉ tiêu
    chưa đến hạn đánh giá (3 đúng tiến độ, 1 cần đẩy nhanh)." Zero parts are left out."""
    vi = _vi(lang)
    parts = [headline(counts, lang)]
    if due_count(counts):
        exceeded, met = counts.get("exceeded", 0), counts.get("met", 0)
        if exceeded and met:
            parts[0] += (f" (vượt {exceeded}, đạt {met})" if vi
                         else f" ({exceeded} exceeded, {met} met)")
    for status, (word_vi, word_en) in _PARTS.items():
        if counts.get(status):
            parts.append(f"{counts[status]} chỉ tiêu {word_vi}" if vi
                         else f"{counts[status]} {word_en}")
    not_due = counts.get("not_due", 0)
    if not_due:
        text = (f"{not_due} chỉ tiêu chưa đến hạn đánh giá" if vi
                else f"{not_due} not yet due")
        spread = [f"{n} {FORECAST_LABELS[c]['vi' if vi else 'en'].lower()}"
                  for c, n in (forecasts or {}).items() if n]
        if spread:
            text += f" ({', '.join(spread)})"
        parts.append(text)
    return "; ".join(parts) + "."


def forecast_counts(lines: Sequence[ResultLine]) -> dict[str, int]:
    """Forecast categories of the targets not yet due, in the labels' order."""
    found = Counter(line.forecast for line in lines if line.status == "not_due" and line.forecast)
    return {category: found[category] for category in FORECAST_LABELS if found[category]}


def _figure(line: ResultLine, lang: str, with_unit: bool) -> str:
    share = line.achievement_text or (
        f"bằng {format_percent(line.plan_share, 0, lang)} kế hoạch" if line.plan_share is not None
        else "")
    name = f"{line.indicator} ({line.unit_name})" if with_unit else line.indicator
    text = f"{name} {line.actual_text}"
    return f"{text}, {share}" if share else text


def highlights(lines: Sequence[ResultLine], lang: str = "vi", limit: int = 3) -> list[str]:
    """Sentences naming the best and the weakest results of `lines`:
    "Nổi bật: Thu ngân sách nhà nước trên địa bàn 3.765,4 tỷ đồng, đạt 111% kế hoạch."
    Targets repeated for the same indicator are named once."""
    vi = _vi(lang)
    seen, ranked = set(), []
    for line in lines:
        key = (line.indicator_code, line.unit_key, line.target_period)
        if key in seen or line.plan_share is None or not line.due:
            continue
        seen.add(key)
        ranked.append(line)
    ranked.sort(key=lambda ln: ln.plan_share, reverse=True)
    best = [ln for ln in ranked if ln.status == "exceeded"][:limit]
    weak = [ln for ln in reversed(ranked) if ln.status in ("not_met", "nearly")][:limit]
    with_unit = len({ln.unit_key for ln in lines}) > 1
    sentences = []
    if best:
        sentences.append(("Nổi bật: " if vi else "Highlights: ")
                         + "; ".join(_figure(ln, lang, with_unit) for ln in best) + ".")
    if weak:
        sentences.append(("Chưa đạt kế hoạch: " if vi else "Short of target: ")
                         + "; ".join(_figure(ln, lang, with_unit) for ln in weak) + ".")
    return sentences


def line_note(line: ResultLine, with_unit: bool, lang: str = "vi") -> str:
    """Speaker note for one target: plan, figure, its source and date, verdict."""
    name = f"{line.indicator} ({line.unit_name})" if with_unit else line.indicator
    text = (f"• {name} — kế hoạch {line.plan_code}: {line.target_text} "
            f"({line.target_period_label}); thực hiện: {line.actual_text}")
    if line.sources:
        text += " [" + "; ".join(source.describe(lang) for source in line.sources) + "]"
    elif line.actual is None:
        text += " [chưa có số liệu báo cáo]"
    if line.achievement_text:
        text += f"; {line.achievement_text}"
    text += f"; đánh giá: {line.evaluation}."
    if line.quote:
        text += f" Trích kế hoạch: “{line.quote}”."
    return text
