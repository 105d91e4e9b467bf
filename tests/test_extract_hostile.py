"""Plan documents that are huge, binary, in the wrong encoding or built to be slow:
kpi/extract refuses them with a Vietnamese message saying what to do (checked in
kpi, not only by Streamlit's upload limit), and reads the legitimate variants."""
from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest

from kpi.extract import extract_bytes
from kpi.extract.patterns import COMPARATOR_PATTERNS, find_comparator
from kpi.extract.document_checks import (
    MAX_DOCUMENT_CHARACTERS, MAX_LINE_CHARACTERS, DocumentError,
)
from kpi.extract.text import MAX_DOCUMENT_BYTES, read_lines
from kpi.ingest.legacy_text import _TCVN3_FROM, _TCVN3_TO

PLAN = ("KẾ HOẠCH phát triển kinh tế - xã hội năm 2024\n"
        "1. Tốc độ tăng trưởng kinh tế (GRDP) đạt 10-11%.\n"
        "2. Thu ngân sách nhà nước trên địa bàn đạt 3.400 tỷ đồng.\n"
        "3. Tỷ lệ hộ nghèo giảm còn dưới 1%; tỷ lệ che phủ rừng đạt 49%.\n") * 3


def _cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: letters with their hat or horn, tones combining."""
    out = []
    for ch in text:
        base, *marks = unicodedata.normalize("NFD", ch)
        hats = "".join(m for m in marks if m in "\u0302\u0306\u031b")
        out.append(unicodedata.normalize("NFC", base + hats) + "".join(m for m in marks
                                                                     if m not in hats))
    return "".join(out).encode("cp1258")


def _tcvn3(text: str) -> bytes:
    """Lower-case Vietnamese as the .VnTime font stored it (TCVN3), read as Latin-1."""
    table = dict(zip(_TCVN3_TO, _TCVN3_FROM))
    return "".join(table.get(ch, ch) for ch in text).encode("latin-1")


def _indicators(data: bytes, name: str = "ke-hoach.txt") -> list[str]:
    return [t.indicator for t in extract_bytes(data, name).targets]


READ = _indicators(PLAN.encode())


@pytest.mark.parametrize("data", [
    PLAN.encode("utf-8-sig"),
    PLAN.encode("utf-16"),  # Notepad's "Unicode"
    _cp1258(PLAN),
], ids=["utf8-bom", "utf16-bom", "windows-1258"])
def test_text_in_other_unicode_forms_and_windows_1258_reads_the_same(data):
    assert len(READ) >= 4 and _indicators(data) == READ


def test_a_plan_typed_in_tcvn3_is_converted():
    text = ("thu ngân sách nhà nước trên địa bàn đạt 3.400 tỷ đồng; tỷ lệ hộ nghèo giảm còn "
            "dưới 1% trong năm 2024.\n") * 3
    lines = read_lines(_tcvn3(text), "cu.txt")
    assert lines[0].text.startswith("thu ngân sách nhà nước trên địa bàn đạt 3.400 tỷ đồng")


def _docx_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (120 * 1024 * 1024))
    return out.getvalue()


def _zip_without_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


@pytest.mark.parametrize("data, name, message", [
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "ke-hoach.txt", "thực ra là ảnh PNG"),
    (b"PK\x03\x04" + b"\0" * 64, "ke-hoach.txt", "thực ra là tệp nén"),
    (b"%PDF-1.7\n" + b"x" * 64, "ke-hoach.txt", "thực ra là tệp PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "ke-hoach.docx", "Word .doc"),
    (PLAN.encode("utf-16-le"), "ke-hoach.txt", "UTF-16 không có BOM"),
    (bytes(range(1, 32)) * 2000, "ke-hoach.txt", "nhiều ký tự không đọc được"),
    (b"<html><body>not a pdf</body></html>", "ke-hoach.pdf", "không phải PDF"),
    (_zip_without_document(), "ke-hoach.docx", "không phải văn bản Word"),
    (_docx_bomb(), "ke-hoach.docx", "giải nén ra quá lớn"),
    (b"x" * (MAX_DOCUMENT_BYTES + 1), "ke-hoach.txt", "Tệp quá lớn"),
    (("Thu ngân sách đạt 3.400 tỷ đồng.\n" * (MAX_DOCUMENT_CHARACTERS // 30)).encode(),
     "ke-hoach.txt", "Văn bản quá dài"),
    (("1.234,5 " * (MAX_LINE_CHARACTERS // 8 + 1)).encode(), "ke-hoach.txt", "một đoạn dài"),
    (("thu ng©n s¸ch " * 10 + "zz§§¤¤¦¦ ¥¥ ££ ") .encode() * 20, "cu.txt", "Unikey"),
], ids=["png", "zip", "pdf-as-txt", "doc-as-docx", "utf16-no-bom", "control-bytes",
        "html-as-pdf", "xlsx-as-docx", "docx-bomb", "over-20-MB", "too-many-characters",
        "one-endless-line", "tcvn3-unreadable"])
def test_hostile_or_mistaken_documents_are_refused_in_vietnamese(data, name, message):
    with pytest.raises(DocumentError, match=message):
        extract_bytes(data, name)


def _comparator_in_all_the_text(before: str):
    # The reference: every pattern searched in the whole text before the figure.
    for pattern, direction, strict, note in COMPARATOR_PATTERNS:
        match = pattern.search(before.lower())
        if match:
            return match.start(), direction, strict, note
    return None


@pytest.mark.parametrize("before", [
    "Thu ngân sách đạt ", "Tỷ lệ hộ nghèo giảm còn dưới ", "x" * 5000 + " phấn đấu đạt trên ",
    "1.234,5 " * 2000, "1.234,5 " * 2000 + "đạt ", "a" * 5000 + "trên ", "trên" + " " * 500,
    "không " + "ít hơn " * 60, "Tỷ lệ " + " " * 300 + "không quá    :   ",
])
def test_the_comparator_read_from_the_tail_is_the_one_the_whole_text_gives(before):
    # Reading only the tail keeps a long line of figures linear (a hostile
    # document took minutes: bench/hostile_documents.py); the answer is the same.
    assert find_comparator(before) == _comparator_in_all_the_text(before)
