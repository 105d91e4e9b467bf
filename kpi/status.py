"""How a target's status is said and shown: labels, colours, achievement text.

Colours follow the Okabe–Ito palette, which stays distinguishable for
colour-blind viewers and on a projector; each status also has a symbol so
that colour is never the only cue.
"""
from __future__ import annotations

from kpi.numbers import format_number, format_percent, format_quantity, round_half_up

STATUS_ORDER = ("exceeded", "met", "nearly", "not_met", "no_data", "not_due")
STATUS_LABELS = {
    "exceeded": {"vi": "Vượt", "en": "Exceeded"},
    "met": {"vi": "Đạt", "en": "Met"},
    "nearly": {"vi": "Gần đạt", "en": "Nearly met"},
    "not_met": {"vi": "Không đạt", "en": "Not met"},
    "no_data": {"vi": "Chưa có số liệu", "en": "No data"},
    "not_due": {"vi": "Chưa đến hạn", "en": "Not due"},
}
STATUS_COLORS = {
    "exceeded": "#0072B2",  # blue
    "met": "#009E73",  # bluish green
    "nearly": "#E69F00",  # orange
    "not_met": "#D55E00",  # vermillion
    "no_data": "#999999",  # grey
    "not_due": "#CCCCCC",  # light grey
}
STATUS_SYMBOLS = {
    "exceeded": "▲", "met": "●", "nearly": "◐", "not_met": "✖", "no_data": "?", "not_due": "…",
}
FORECAST_LABELS = {
    "reached": {"vi": "Đã đạt mục tiêu", "en": "Target reached"},
    "on_track": {"vi": "Đúng tiến độ", "en": "On track"},
    "needs_acceleration": {"vi": "Cần đẩy nhanh", "en": "Needs acceleration"},
    "limited_progress": {"vi": "Tiến triển chậm", "en": "Limited progress"},
    "deterioration": {"vi": "Đi xuống", "en": "Deteriorating"},
    "insufficient_data": {"vi": "Chưa đủ số liệu", "en": "Insufficient data"},
}
POSITION_LABELS = {
    "inside": {"vi": "trong khoảng", "en": "inside the band"},
    "above": {"vi": "cao hơn khoảng", "en": "above the band"},
    "below": {"vi": "thấp hơn khoảng", "en": "below the band"},
}


def _lang(lang: str) -> str:
    return lang if lang in ("vi", "en") else "vi"


def status_label(status: str, lang: str = "vi") -> str:
    """"Vượt", "Đạt", "Gần đạt"… for a status code."""
    return STATUS_LABELS[status][_lang(lang)]


def forecast_label(category: str | None, lang: str = "vi") -> str:
    """"Đúng tiến độ", "Cần đẩy nhanh"… for a forecast category ('' for None)."""
    return FORECAST_LABELS[category][_lang(lang)] if category else ""


def achievement_text(achievement: float | None, position: str | None = None,
                     lang: str = "vi", *, short_of_target: bool = False) -> str:
    """"đạt 104% kế hoạch" (or the band position); '' when there is none.

    A target missed by a hair is never shown as "đạt 100%": with
    `short_of_target` the share is shown to one decimal, at most 99,9%.
    """
    if position:
        return POSITION_LABELS[position][_lang(lang)]
    if achievement is None:
        return ""
    share = format_percent(achievement, 0, lang=_lang(lang))
    if short_of_target and round_half_up(achievement * 100) >= 100:
        share = format_percent(min(achievement, 0.999), 1, lang=_lang(lang))
    return f"đạt {share} kế hoạch" if _lang(lang) == "vi" else f"{share} of target"


_CHANGE_WORDS = {
    "points": {"vi": "điểm %", "en": "points"},
    "percent": {"vi": "%", "en": "%"},
    "times": {"vi": "lần", "en": "times"},
    "absolute": {"vi": "", "en": ""},
}


def target_text(target, indicator, bounds=None, lang: str = "vi") -> str:
    """The target as a plan would write it: "10–11%", "≥ 49%", "< 11‰",
    "giảm 1,5–2 điểm % (3–3,5%)", "giảm so với cùng kỳ"; bounds, when given,
    add the level a relative target works out to."""
    lang = _lang(lang)
    measure, decimals = indicator.measure, indicator.decimals

    def q(value):  # a figure as the plan wrote it: no padding zeros
        return format_quantity(value, measure, None, lang)

    kind = target.kind
    if kind == "boolean":
        return "Hoàn thành" if lang == "vi" else "Done"
    if kind == "at_least":
        return f"{'>' if target.strict else '≥'} {q(target.value)}"
    if kind == "at_most":
        return f"{'<' if target.strict else '≤'} {q(target.value)}"
    if kind == "range":
        return f"{format_number(target.min, None, lang)}–{q(target.max)}"
    if kind == "exact":
        return q(target.value)
    if kind in ("decrease_vs_previous", "increase_vs_previous"):
        word = {"decrease_vs_previous": ("giảm so với cùng kỳ", "below last year"),
                "increase_vs_previous": ("tăng so với cùng kỳ", "above last year")}[kind]
        return word[0] if lang == "vi" else word[1]
    verb = ("tăng" if kind == "increase_by" else "giảm") if lang == "vi" else (
        "up" if kind == "increase_by" else "down")
    unit = _CHANGE_WORDS.get(target.change_unit or "absolute", {}).get(lang, "")
    if target.value is not None:
        change = format_number(target.value, None, lang)
    else:
        change = f"{format_number(target.min, None, lang)}–{format_number(target.max, None, lang)}"
    if target.change_unit == "absolute":
        unit = measure
    text = f"{verb} {change}{'' if unit == '%' else ' '}{unit}".rstrip()
    if bounds is not None:  # the level a relative target works out to

        def level(value):
            return format_quantity(value, measure, decimals, lang)

        if bounds.lower is not None and bounds.upper is not None:
            text += f" ({format_number(bounds.lower, decimals, lang)}–{level(bounds.upper)})"
        elif bounds.lower is not None:
            text += f" (≥ {level(bounds.lower)})"
        elif bounds.upper is not None:
            text += f" (≤ {level(bounds.upper)})"
    return text


def actual_text(value: float | None, indicator, lang: str = "vi") -> str:
    """A reported value for display: "3.765,4 tỷ đồng", "49,2%", "Có"/"Không"."""
    if value is None:
        return "–"
    if indicator.polarity == "boolean":
        yes = value >= 0.5
        return ("Có" if yes else "Không") if _lang(lang) == "vi" else ("Yes" if yes else "No")
    return format_quantity(value, indicator.measure, indicator.decimals, _lang(lang))


def change_text(actual: float | None, previous: float | None, lang: str = "vi") -> str:
    """Change against the same period last year: "giảm 23,7% so cùng kỳ"."""
    if actual is None or not previous:
        return ""
    change = (actual - previous) / abs(previous)
    word = ("tăng" if change > 0 else "giảm") if _lang(lang) == "vi" else (
        "up" if change > 0 else "down")
    tail = "so cùng kỳ" if _lang(lang) == "vi" else "on last year"
    return f"{word} {format_percent(abs(change), 1, lang=_lang(lang))} {tail}"
