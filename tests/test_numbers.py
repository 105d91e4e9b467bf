"""Vietnamese number notation: parsing, units, half-up rounding, formatting."""
import math
import unicodedata
from decimal import Decimal

import pytest

from kpi.numbers import (
    NumberFormatError,
    Quantity,
    UnitMismatchError,
    convert,
    format_number,
    format_percent,
    format_quantity,
    parse_number,
    parse_quantity,
    round_half_up,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6.400", 6400),
        ("0,28", 0.28),
        ("1.234.567,89", 1234567.89),
        ("99,60", 99.6),
        ("-3,5", -3.5),
        ("\u22123,5", -3.5),  # unicode minus
        ("\u20133,5", -3.5),  # autocorrected hyphen
        ("+5", 5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),  # no-break space
        ("1\u202f234\u202f567", 1234567),  # narrow no-break space
        ("02", 2),
        ("16,723", 16.723),  # the Vietnamese reading, even where a plan meant 16.723
        ("12.5", 12.5),
        ("0.28", 0.28),
        ("1234.5", 1234.5),
        ("1.2345", 1.2345),
        ("99,60%", 99.6),
        ("99,60 %", 99.6),
        ("11‰", 11),
        ("  7 ", 7),
        ("4.549", 4549),
        (6400, 6400.0),
        (0.28, 0.28),
        (Decimal("1.5"), 1.5),
    ],
)
def test_parse_number(text, expected):
    value = parse_number(text)
    assert value == expected
    assert isinstance(value, float)


@pytest.mark.parametrize("text", [None, "", "   ", "\u00a0", float("nan")])
def test_parse_number_missing(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "1,2,3",
        "1..2",
        "1.234.5",
        "1,234.5",  # English grouping: would silently differ from "1,234" = 1,234
        "1234.567",  # a lone dot before three digits must group thousands
        "0.280",  # leading zero group: neither reading is sure
        "1 23",
        "%",
        "-",
        ",5",
        "5,",
        "12a",
        "1e5",
        True,
        float("inf"),
    ],
)
def test_parse_number_rejects_garbage(text):
    with pytest.raises(NumberFormatError) as raised:
        parse_number(text)
    assert str(text) in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_parse_number_error_is_vietnamese():
    with pytest.raises(NumberFormatError, match="Không đọc được số “abc”"):
        parse_number("abc")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("43,5 nghìn tỷ đồng", Quantity(43.5, "nghìn tỷ đồng")),
        ("10km", Quantity(10, "km")),
        ("11‰", Quantity(11, "‰")),
        ("99,60%", Quantity(99.6, "%")),
        ("2 triệu lượt", Quantity(2, "triệu lượt")),
        ("6.400 tỷ đồng", Quantity(6400, "tỷ đồng")),
        ("1 234,5 tỷ đồng", Quantity(1234.5, "tỷ đồng")),
        ("2 000 000 lượt", Quantity(2_000_000, "lượt")),
        ("-3,5 %", Quantity(-3.5, "%")),
        ("  113  triệu   đồng/người ", Quantity(113, "triệu đồng/người")),
        ("10,5%/năm", Quantity(10.5, "%/năm")),
        ("7", Quantity(7, "")),
        (unicodedata.normalize("NFD", "12 triệu lít"), Quantity(12, "triệu lít")),
    ],
)
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["tỷ đồng", "", "6.400-6.500 tỷ đồng", "1,2,3 tấn"])
def test_parse_quantity_rejects(text):
    with pytest.raises(NumberFormatError):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("value", "from_unit", "to_unit", "expected"),
    [
        (43.5, "nghìn tỷ đồng", "tỷ đồng", 43_500),
        (100, "ngàn tỷ đồng", "tỷ đồng", 100_000),
        (1509, "triệu đồng", "tỷ đồng", 1.509),  # 1509 * 0.001 is 1.5090000000000001
        (0.07, "triệu đồng", "tỷ đồng", 0.00007),  # 0.07 / 1000 is 7.000000000000001e-05
        (2.01, "triệu đồng", "tỷ đồng", 0.00201),  # 2.01 * 10**6 / 10**9 is 0.0020099999999999996
        (0.27, "nghìn tỷ đồng", "tỷ đồng", 270),  # 0.27 * 10**12 / 10**9 is 270.00000000000006
        (2, "triệu lượt", "lượt", 2_000_000),
        (3, "ngàn tấn", "tấn", 3000),
        (3400, "tỷ đồng", "nghìn tỷ đồng", 3.4),
        (5, "nghìn", "", 5000),
        (113, "triệu đồng/người", "nghìn đồng/người", 113_000),
        (49, "%", "%", 49),
        (10, "ngàn tỷ đồng", "nghìn tỷ đồng", 10),
        (7, "Tỷ  đồng", "tỷ đồng", 7),
        (7, "tỉ đồng", "tỷ đồng", 7),
        (7, unicodedata.normalize("NFD", "tỷ đồng"), "tỷ đồng", 7),
    ],
)
def test_convert(value, from_unit, to_unit, expected):
    assert convert(value, from_unit, to_unit) == expected


@pytest.mark.parametrize(
    ("from_unit", "to_unit"),
    [("%", "tỷ đồng"), ("tấn", "km"), ("%", "‰"), ("triệu đồng/người", "tỷ đồng"), ("%/năm", "%")],
)
def test_convert_rejects_incompatible_units(from_unit, to_unit):
    with pytest.raises(UnitMismatchError, match="Không đổi được đơn vị"):
        convert(1, from_unit, to_unit)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (7.25, 1, 7.3),
        (2.5, 0, 3),
        (3.5, 0, 4),
        (-2.5, 0, -3),
        (1.005, 2, 1.01),
        (2.675, 2, 2.68),
        (0.125, 2, 0.13),
        (7.24, 1, 7.2),
        (1234.5, -1, 1230),
        (1235, -1, 1240),
        (7, 2, 7),
    ],
)
def test_round_half_up(value, decimals, expected):
    assert round_half_up(value, decimals) == expected


def test_round_half_up_differs_from_python_round():
    # Why the function exists: Python rounds half to even on the binary value.
    assert round(7.25, 1) == 7.2
    assert round_half_up(7.25, 1) == 7.3


def test_round_half_up_keeps_non_finite():
    assert math.isnan(round_half_up(float("nan"), 1))
    assert round_half_up(float("inf")) == float("inf")


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (1234567.89, None, "vi", "1.234.567,89"),
        (1234.5, None, "vi", "1.234,5"),
        (0.28, None, "vi", "0,28"),
        (6400, None, "vi", "6.400"),
        (6400.0, None, "vi", "6.400"),
        (1_000_000, None, "vi", "1.000.000"),
        (99.6, 2, "vi", "99,60"),
        (3, 2, "vi", "3,00"),
        (7.25, 1, "vi", "7,3"),
        (1.005, None, "vi", "1,01"),
        (2.999, None, "vi", "3"),
        (1234567.891, 1, "vi", "1.234.567,9"),
        (-3.5, None, "vi", "-3,5"),
        (-1234.5, None, "vi", "-1.234,5"),
        (-0.001, None, "vi", "0"),
        (0, None, "vi", "0"),
        (1234.5, None, "en", "1,234.5"),
        (1234567.89, None, "en", "1,234,567.89"),
        (-1234.5, 2, "en", "-1,234.50"),
        (None, None, "vi", "–"),
        (float("nan"), 2, "vi", "–"),
    ],
)
def test_format_number(value, decimals, lang, expected):
    assert format_number(value, decimals, lang) == expected


@pytest.mark.parametrize("value", [6400.0, 0.28, 1234567.89, -3.5, 16.72, 99.6])
def test_format_number_reads_back(value):
    assert parse_number(format_number(value)) == value


def test_format_number_rejects_unknown_language():
    with pytest.raises(NumberFormatError, match="Ngôn ngữ"):
        format_number(1, lang="fr")


@pytest.mark.parametrize(
    ("ratio", "decimals", "lang", "expected"),
    [
        (1.04, 0, "vi", "104%"),
        (0.955, 1, "vi", "95,5%"),
        (0.0725, 1, "vi", "7,3%"),  # 0.0725 * 100 is 7.249999… in binary
        (0.125, 0, "vi", "13%"),
        (1, 0, "vi", "100%"),
        (1, 1, "vi", "100,0%"),
        (12.345, 0, "vi", "1.235%"),
        (0.955, 1, "en", "95.5%"),
        (None, 0, "vi", "–"),
    ],
)
def test_format_percent(ratio, decimals, lang, expected):
    assert format_percent(ratio, decimals, lang) == expected


@pytest.mark.parametrize(
    ("value", "measure", "decimals", "expected"),
    [
        (49, "%", None, "49%"),
        (11, "‰", None, "11‰"),
        (99.6, "%", 2, "99,60%"),
        (10.5, "%/năm", None, "10,5%/năm"),
        (3400, "tỷ đồng", None, "3.400 tỷ đồng"),
        (113, "triệu đồng/người", None, "113 triệu đồng/người"),
        (7, "", None, "7"),
        (None, "tỷ đồng", None, "–"),
    ],
)
def test_format_quantity(value, measure, decimals, expected):
    assert format_quantity(value, measure, decimals) == expected


def test_format_quantity_english():
    assert format_quantity(3400.5, "tỷ đồng", lang="en") == "3,400.5 tỷ đồng"
