"""Structural checks of OLE/CFB containers: legacy .xls workbooks and the
encrypted envelope of password-protected .xlsx files.

A CFB file that holds EncryptionInfo/EncryptedPackage streams is an .xlsx
with a password to open; VBA storages are macros; a "Workbook" (or "Book")
stream is BIFF, whose globals are walked record by record for FILEPASS
(encryption), macro sheets, the number of sheets and each sheet's declared
DIMENSIONS — before xlrd reads anything.
"""
from __future__ import annotations

import io
import struct

from kpi.ingest.issues import refuse
from kpi.ingest.safety import (
    MAX_CELLS, MAX_SHEETS, CheckedFile, SheetPart, corrupt, encrypted, macro, too_many_cells,
)
from kpi.numbers import format_number

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x002F, 0x0085, 0x0200


def check_cfb(data: bytes, name: str) -> CheckedFile:
    """Check an OLE/CFB container: a legacy .xls passes, anything else is refused."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        entries = {"/".join(parts).lower() for parts in ole.listdir(streams=True, storages=True)}
    except Exception:
        raise corrupt(name, " (cấu trúc OLE không đọc được)") from None
    if "encryptioninfo" in entries or "encryptedpackage" in entries:
        raise encrypted(name)
    if any(e.split("/")[0] in ("_vba_project_cur", "_vba_project", "macros") for e in entries):
        raise macro(name)
    stream = "workbook" if "workbook" in entries else "book" if "book" in entries else None
    if stream is None:
        kind = "văn bản Word" if "worddocument" in entries else "tệp Office khác"
        raise refuse("not_spreadsheet", f"Tệp “{name}” là {kind}, không phải bảng tính Excel. "
                     "Hãy tải lên tệp Excel (.xlsx hoặc .xls).")
    try:
        biff = ole.openstream(stream).read()
    except Exception:
        raise corrupt(name, " (luồng dữ liệu Excel không đọc được)") from None
    sheet_names = _check_biff(biff, name)
    return CheckedFile("xls", data, tuple(SheetPart(n) for n in sheet_names))


def _records(biff: bytes, start: int):
    position = start
    while position + 4 <= len(biff):
        kind, length = struct.unpack_from("<HH", biff, position)
        yield kind, biff[position + 4:position + 4 + length]
        position += 4 + length


def _check_biff(biff: bytes, name: str) -> list[str]:
    """Walk the workbook globals: refuse encryption, macro sheets, too many or
    too large sheets. Returns the worksheet names."""
    records = _records(biff, 0)
    first = next(records, None)
    if first is None or first[0] & 0xFF != 0x09:
        raise corrupt(name, " (không có bản ghi mở đầu của Excel)")
    sheets: list[tuple[int, str]] = []
    for kind, body in records:
        if kind == _EOF:
            break
        if kind == _FILEPASS:
            raise encrypted(name)
        if kind == _BOUNDSHEET and len(body) >= 8:
            offset, sheet_type = struct.unpack_from("<I", body)[0], body[5]
            if sheet_type in (1, 6):  # Excel 4 macro sheet, VB module
                raise macro(name)
            if sheet_type == 0:
                sheets.append((offset, _biff_sheet_name(body)))
    if len(sheets) > MAX_SHEETS:
        raise refuse("too_many_sheets", f"Tệp “{name}” có {len(sheets)} trang tính, vượt giới hạn "
                     f"{MAX_SHEETS}. Hãy chỉ để lại các trang báo cáo rồi tải lên lại.")
    for offset, sheet in sheets:
        for kind, body in _records(biff, offset):
            if kind == _DIMENSIONS:
                if len(body) >= 14:
                    first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body)
                else:
                    first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body)
                cells = max(last_row - first_row, 0) * max(last_col - first_col, 0)
                if cells > MAX_CELLS:
                    raise too_many_cells(sheet, name, f"khai báo {format_number(cells)} ô")
                break
            if kind == _EOF:
                break
    return [sheet for _, sheet in sheets]


def _biff_sheet_name(body: bytes) -> str:
    length, flags = body[6], body[7] if len(body) > 7 else 0
    raw = body[8:]
    if flags & 0x1:
        return raw[:2 * length].decode("utf-16-le", errors="replace")
    return raw[:length].decode("latin-1", errors="replace")
