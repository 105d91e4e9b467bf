"""Text typed in TCVN3 (.VnTime) and VNI fonts, recognised and converted."""
from __future__ import annotations

import pytest

from kpi.ingest.legacy_text import is_syllable, looks_legacy, to_unicode

CASES = [
    ("Thu ng©n s¸ch nhµ n\xadíc", "Thu ngân sách nhà nước", "TCVN3"),
    ("Tû lÖ hé nghÌo", "Tỷ lệ hộ nghèo", "TCVN3"),
    ("§¬n vÞ tÝnh", "Đơn vị tính", "TCVN3"),
    ("Thu ngaân saùch nhaø nöôùc", "Thu ngân sách nhà nước", "VNI"),
    ("Tyû leä hoä ngheøo", "Tỷ lệ hộ nghèo", "VNI"),
    ("THAØNH PHOÁ PHUÙ QUOÁC", "THÀNH PHỐ PHÚ QUỐC", "VNI"),
]


@pytest.mark.parametrize("legacy, unicode, encoding", CASES)
def test_legacy_text_is_converted(legacy, unicode, encoding):
    assert to_unicode(legacy) == (unicode, encoding)


@pytest.mark.parametrize("text", ["Thu ngân sách nhà nước", "Đắk Lắk", "Krông Pắc", "GRDP 2021",
                                  "Hòa Bình", "Thủy sản", "ĐVT", "Müller"])
def test_unicode_and_foreign_text_is_left_alone(text):
    assert to_unicode(text) == (text, None)


def test_a_short_cell_follows_the_encoding_of_its_sheet():
    assert to_unicode("Phó Quèc") == ("Phó Quèc", None)  # Vietnamese words either way
    assert to_unicode("Phó Quèc", prefer="TCVN3") == ("Phú Quốc", "TCVN3")


@pytest.mark.parametrize("word, ok", [("nghiêng", True), ("quốc", True), ("gìn", True),
                                      ("ngaân", False), ("caùc", False), ("aâ", False)])
def test_syllable_shapes(word, ok):
    assert is_syllable(word) is ok


def test_looks_legacy_needs_several_marks():
    assert looks_legacy("ng©n s¸ch") and not looks_legacy("m²")
