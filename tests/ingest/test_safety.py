"""Structural checks, rule by rule, on files made here (no parser runs on them)."""
from __future__ import annotations

import io
import struct
import zipfile

import pytest

from kpi.ingest.issues import FileRefused
from kpi.ingest.safety import check_file
from kpi.ingest.workbook import is_percent_format, read_grids
from tests.ingest.files import cfb, part, rezip, workbook, xls

LIMIT = 20 << 20
REPORT = workbook({"Báo cáo": [["Mã chỉ tiêu", "Thực hiện"], ["BUDGET_REVENUE", 3500]]})


def refusal(data: bytes, name: str = "bao-cao.xlsx") -> tuple[str, str]:
    with pytest.raises(FileRefused) as caught:
        check_file(data, name, LIMIT)
    (issue,) = caught.value.issues
    return issue.code, issue.message


def test_a_sound_workbook_passes_with_its_sheets_and_parts():
    checked = check_file(REPORT, "bao-cao.xlsx", LIMIT)
    assert checked.kind == "xlsx" and [s.name for s in checked.sheets] == ["Báo cáo"]
    assert checked.sheets[0].path in checked.parts


def test_a_genuine_xls_passes():
    checked = check_file(xls([["a", 1]], sheet="Trang 1"), "cu.xls", LIMIT)
    assert checked.kind == "xls" and [s.name for s in checked.sheets] == ["Trang 1"]


def test_entries_sharing_their_bytes_are_a_zip_bomb():
    base = rezip(REPORT, add={"xl/media/a.bin": b"\0" * 1000})
    end = base.rindex(b"PK\x05\x06")
    offset = struct.unpack_from("<I", base, end + 16)[0]
    entries = base[offset:end]
    at = entries.index(b"xl/media/a.bin") - 46
    clone = entries[at:at + 46 + len(b"xl/media/a.bin")].replace(b"xl/media/a.bin", b"xl/media/b.bin")
    record = bytearray(base[end:end + 22])
    count = struct.unpack_from("<H", record, 10)[0] + 1
    struct.pack_into("<HHI", record, 8, count, count, len(entries) + len(clone))
    code, message = refusal(base[:offset] + entries + clone + bytes(record))
    assert code == "zip_bomb" and "chồng lên nhau" in message


def test_an_entry_inflating_far_beyond_its_size_is_a_zip_bomb():
    code, message = refusal(rezip(REPORT, add={"xl/media/a.bin": b"\0" * (3 << 20)}))
    assert code == "zip_bomb" and "tỷ lệ" in message


def test_an_entry_whose_declared_size_lies_is_refused():
    data = bytearray(rezip(REPORT, add={"xl/media/a.bin": b"x" * 5000}))
    at = bytes(data).rindex(b"xl/media/a.bin") - 46  # its central directory entry
    struct.pack_into("<I", data, at + 24, 100)  # uncompressed size: 100 instead of 5000
    assert refusal(bytes(data))[0] in ("zip_bomb", "corrupt_file")


@pytest.mark.parametrize("name, content_type, words", [
    ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml"
     ".document.main+xml", "Word"),
    ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml"
     ".presentation.main+xml", "PowerPoint"),
])
def test_other_office_files_renamed_are_named(name, content_type, words):
    types = part(REPORT, "[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        content_type.encode())
    code, message = refusal(rezip(REPORT, {"[Content_Types].xml": types}))
    assert code == "not_spreadsheet" and words in message


def test_opendocument_and_plain_zip_are_not_excel():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert "OpenDocument" in refusal(out.getvalue())[1]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "x")
    assert "ZIP" in refusal(out.getvalue())[1]


def test_utf16_xml_is_refused():
    sheet = part(REPORT, "xl/worksheets/sheet1.xml").decode().replace('encoding="UTF-8"', "")
    code, _ = refusal(rezip(REPORT, {"xl/worksheets/sheet1.xml": sheet.encode("utf-16")}))
    assert code == "xml_encoding"


@pytest.mark.parametrize("data, code", [
    (b"", "empty_file"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not_spreadsheet"),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
     "xml_spreadsheet"),
    (cfb({"WordDocument": b"x"}), "not_spreadsheet"),
])
def test_other_contents_are_named(data, code):
    assert refusal(data)[0] == code


def test_too_large_by_the_configured_limit():
    with pytest.raises(FileRefused) as caught:
        check_file(REPORT, "bao-cao.xlsx", len(REPORT) - 1)
    assert caught.value.issues[0].code == "file_too_large"


@pytest.mark.parametrize("code, expected", [
    ("0%", True), ("0.00%", True), ("#,##0.0%;[Red]-#,##0.0%", True),
    ('0"%"', False), ("0\\%", False), ("General", False), ("[Red]0.0", False),
])
def test_percentage_formats(code, expected):
    assert is_percent_format(code) is expected


def test_the_reader_sees_percent_cells_and_formula_problems():
    data = workbook({"S": [["x", 0.49, "=1+1"]]}, percent=["S!B1"])
    (grid,) = read_grids(check_file(data, "a.xlsx", LIMIT))
    assert grid.percent == {(0, 1)} and grid.problems == {(0, 2): "="}
