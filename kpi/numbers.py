"""Vietnamese number notation: reading what people type, writing what they read.

Vietnamese usage groups thousands with "." and marks decimals with ",":
"6.400" is six thousand four hundred, "0,28" is a fraction. Published figures
round half up, unlike Python's `round` and Babel, which round half to even
(7,25 → 7,2). Units carry scale words ("nghìn tỷ đồng", "triệu lượt") that
convert between each other by powers of ten.
"""
from __future__ import annotations

import math
import numbers as std_numbers
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

LANGS = ("vi", "en")
MISSING = "–"  # shown for a missing value (en dash)

# Thin, narrow no-break and no-break spaces arrive from Word and Excel exports.
_SPACES = re.compile(r"[ \u00a0\u2007\u2009\u202f]+")
# U+2212 is the typographic minus; a leading en dash is a word processor's
# autocorrected hyphen, never anything else at the start of a number.
_SIGNS = {"-": -1, "\u2212": -1, "\u2013": -1, "+": 1}
_VI_PLAIN = re.compile(r"\d+(?:,\d+)?")
_VI_DOTTED = re.compile(r"(\d{1,3})(?:\.\d{3})+(?:,\d+)?")
_VI_SPACED = re.compile(r"(\d{1,3})(?: \d{3})+(?:,\d+)?")
_EN_DECIMAL = re.compile(r"\d+\.(\d+)")
# A number (digits with . , or a thousands space) at the start, the unit after.
_QUANTITY = re.compile(
    r"\s*([+\-\u2212\u2013]?\d(?:[\d.,]|[ \u00a0\u2007\u2009\u202f](?=\d{3}(?!\d)))*)\s*(.*)",
    re.S,
)
_SCALES = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}
# Spelling variants of the same word, folded before comparing units.
_VARIANTS = {"ngàn": "nghìn", "tỉ": "tỷ"}
_HINT = "viết dấu chấm ngăn cách hàng nghìn và dấu phẩy trước phần thập phân, ví dụ 1.234,5"


class NumberFormatError(ValueError):
    """A text that is not a number in Vietnamese (or plain) notation."""


class UnitMismatchError(ValueError):
    """Two units that no scale word converts between."""


@dataclass(frozen=True)
class Quantity:
    """A number with the unit written after it, scale word included."""

    value: float
    unit: str


def parse_number(text: str | int | float | None) -> float | None:
    """Read a number written the Vietnamese way ("1.234.567,89" → 1234567.89).

    "." groups thousands (a single "." followed by exactly three digits is a
    thousands separator), "," marks decimals; spaces (also no-break ones)
    group thousands; a leading "-", "−" or "+" is a sign; one trailing "%" or
    "‰" is dropped (the caller knows the unit). A plain "12.5" is read as
    12.5 when the dot cannot be a thousands separator. Numbers pass through
    as floats; None, blank text and NaN (an empty spreadsheet cell) give None.
    Raises NumberFormatError for anything else, including ambiguous forms
    ("1,234.5", "0.280", "1234.567").
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise NumberFormatError(f"Không đọc được số: giá trị “{text}” là đúng/sai, không phải số.")
    if isinstance(text, (std_numbers.Real, Decimal)):
        value = float(text)
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise NumberFormatError(f"Không đọc được số: “{text}” không phải một số hữu hạn.")
        return value
    body = _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()
    if not body:
        return None
    if body[-1] in "%‰":
        body = body[:-1].rstrip()
    sign = 1
    if body[:1] in _SIGNS:
        sign, body = _SIGNS[body[0]], body[1:].lstrip()
    return sign * _parse_unsigned(body, text)


def _parse_unsigned(body: str, text: object) -> float:
    dotted = _VI_DOTTED.fullmatch(body) or _VI_SPACED.fullmatch(body)
    if dotted:
        if dotted[1].startswith("0"):
            raise NumberFormatError(
                f"Số “{text}” không rõ nghĩa: nhóm hàng nghìn đầu tiên bắt đầu bằng 0; {_HINT}."
            )
        return float(body.replace(".", "").replace(" ", "").replace(",", "."))
    if _VI_PLAIN.fullmatch(body):
        return float(body.replace(",", "."))
    english = _EN_DECIMAL.fullmatch(body)
    # Exactly three digits after a lone dot is the thousands reading, which
    # _VI_DOTTED already took when well-formed; otherwise it is ambiguous.
    if english and len(english[1]) != 3:
        return float(body)
    raise NumberFormatError(f"Không đọc được số “{text}”: {_HINT}.")


def parse_quantity(text: str) -> Quantity:
    """Split "43,5 nghìn tỷ đồng" into Quantity(43.5, "nghìn tỷ đồng").

    The number is read by `parse_number`; the unit is the rest of the text
    as written (NFC, inner whitespace folded to one space), "" when absent.
    "%" and "‰" are units: "99,60%" → Quantity(99.6, "%"). Raises
    NumberFormatError when the text does not start with a number or the unit
    starts like another number ("6.400-6.500 tỷ đồng" is a range).
    """
    normalized = unicodedata.normalize("NFC", str(text))
    match = _QUANTITY.fullmatch(normalized)
    if not match:
        raise NumberFormatError(f"Không tìm thấy số ở đầu “{text}”.")
    unit = " ".join(match[2].split())
    if unit and (unit[0].isdigit() or unit[0] in "-\u2212\u2013.,;:"):
        raise NumberFormatError(
            f"Không tách được số và đơn vị trong “{text}”: sau số phải là đơn vị."
        )
    value = parse_number(match[1])
    assert value is not None  # the pattern guarantees a digit
    return Quantity(value, unit)


def _unit_words(unit: str) -> list[str]:
    words = unicodedata.normalize("NFC", unit).casefold().split()
    return [_VARIANTS.get(word, word) for word in words]


def _split_scale(unit: str) -> tuple[int, str]:
    """(scale, base unit): "nghìn tỷ đồng" → (10**12, "đồng")."""
    words = _unit_words(unit)
    scale = 1
    while words and words[0] in _SCALES:
        scale *= _SCALES[words.pop(0)]
    return scale, " ".join(words)


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert `value` between units that differ only by scale words.

    "ngàn"/"nghìn" = 1.000, "triệu" = 1.000.000, "tỷ"/"tỉ" = 10⁹, so 43,5
    "nghìn tỷ đồng" is 43.500 "tỷ đồng" and 1.509 "triệu đồng" is 1,509 "tỷ
    đồng". Units compare after NFC, case and whitespace folding. Raises
    UnitMismatchError when the units measure different things ("%" and
    "tỷ đồng", or "%" and "‰").
    """
    from_scale, from_base = _split_scale(from_unit)
    to_scale, to_base = _split_scale(to_unit)
    if from_base != to_base:
        raise UnitMismatchError(
            f"Không đổi được đơn vị “{from_unit}” sang “{to_unit}”: hai đơn vị không cùng loại."
        )
    # In decimal, shifting by powers of ten is exact, so 1509 triệu is 1.509 tỷ
    # (not 1.5090000000000001) and 0,07 triệu is 0.00007 tỷ.
    return float(_to_decimal(value) * from_scale / to_scale)


def _to_decimal(value: float | int) -> Decimal:
    # repr gives the shortest text that reads back as the same float, so
    # 1.005 is Decimal("1.005"), not 1.00499999999999989… from the binary value.
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))


def _quantize(value: Decimal, decimals: int) -> Decimal:
    # Large magnitudes need more digits than the default 28 to hold the result.
    with localcontext() as context:
        context.prec = 400
        rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded.is_zero() else rounded


def round_half_up(value: float, decimals: int = 0) -> float:
    """Round as published figures do: halves away from zero (7,25 → 7,3; -2,5 → -3).

    Works on the decimal text of the float, so 1.005 → 1.01. Negative
    `decimals` round to tens, hundreds… NaN and infinities come back unchanged.
    """
    if not math.isfinite(value):
        return float(value)
    return float(_quantize(_to_decimal(value), decimals))


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise NumberFormatError(f"Ngôn ngữ hiển thị không hỗ trợ: “{lang}” (chỉ có “vi”, “en”).")


def _is_missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _format_decimal(value: Decimal, decimals: int | None, lang: str) -> str:
    rounded = _quantize(value, 2 if decimals is None else decimals)
    text = format(rounded, ",f")
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def format_number(value: float | int | None, decimals: int | None = None, lang: str = "vi") -> str:
    """Write a number for people: "1.234.567,89" (vi) or "1,234,567.89" (en).

    `decimals=None`: whole numbers without decimals, others rounded to at most
    2 decimals with trailing zeros trimmed; a fixed `decimals` keeps zeros
    ("99,60"). Rounds half up. None and NaN give "–". Raises
    NumberFormatError for a language other than "vi" or "en".
    """
    _check_lang(lang)
    if _is_missing(value):
        return MISSING
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return _format_decimal(_to_decimal(value), decimals, lang)


def format_percent(ratio: float | None, decimals: int = 0, lang: str = "vi") -> str:
    """Write a ratio as a percentage: 1.04 → "104%", 0.955 (decimals=1) → "95,5%".

    The ratio is scaled by 100 in decimal arithmetic before rounding half up,
    so 0.0725 → "7,3%" at one decimal. None and NaN give "–".
    """
    _check_lang(lang)
    if _is_missing(ratio):
        return MISSING
    if math.isinf(ratio):
        return format_number(ratio, lang=lang) + "%"
    return _format_decimal(_to_decimal(ratio) * 100, decimals, lang) + "%"


def format_quantity(
    value: float | int | None, measure: str, decimals: int | None = None, lang: str = "vi"
) -> str:
    """Write a value with its unit: "49%", "11‰", "10,5%/năm", "3.400 tỷ đồng".

    No space before a unit starting with "%" or "‰", one space before any
    other, none when `measure` is empty. A missing value gives "–" alone.
    Formatting follows `format_number`.
    """
    number = format_number(value, decimals, lang)
    unit = " ".join(measure.split())
    if number == MISSING or not unit:
        return number
    if unit[0] in "%‰":
        return number + unit
    return f"{number} {unit}"
