"""Test material for the upload feature: a small store built from the seed
plans, workbooks in each layout, and hostile files — all made here."""
from __future__ import annotations

import io
import re
import struct
import zipfile
from typing import Iterable, Mapping, Sequence

import openpyxl
from sqlalchemy import Engine

from kpi.admin_units import load_crosswalk, load_reference_units
from kpi.demo import _agencies, _indicator, _plan_parts
from kpi.demo_data import demo_units_from_reference, load_demo_catalog
from kpi.store.catalog import save_indicators, save_plan
from kpi.store.units import save_lineage, save_units
from kpi.units import REFORM_DATE

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PHU_QUOC, KIEN_GIANG = "vn2004:911", "vn2004:91"


def catalogue_store(engine: Engine) -> None:
    """The demo's catalogue, plans and units (Kiên Giang, its districts, Phú
    Quốc's communes, their 2025 successors, the agencies), without the 14.000
    other units and without reported values: quick on both backends."""
    catalog = load_demo_catalog()
    reference = {u.key: u for u in load_reference_units()}
    crosswalk = load_crosswalk()
    keys = {u.key for u in demo_units_from_reference(reference.values(), crosswalk)}
    for doc in catalog.plans:  # the units plans govern and set targets for
        keys |= {k for k in [doc.get("unit_code")] + [t["unit_code"] for t in doc["targets"]]
                 if k in reference}
    new = {k for k in keys if k.startswith("vn2025:")}  # with every unit merged into them
    keys |= {l.old_key for l in crosswalk if l.new_key in new and l.old_level == l.new_level}
    keys |= {reference[k].parent_key for k in list(keys) if reference[k].parent_key}
    units = sorted((reference[k] for k in keys), key=lambda u: (u.parent_key is not None, u.key))
    links = [(l.old_key, l.new_key, l.relation) for l in crosswalk
             if l.old_key in keys and l.new_key in keys]
    with engine.begin() as conn:
        save_units(conn, units)
        save_lineage(conn, links, REFORM_DATE)
        save_units(conn, _agencies(catalog))
        save_indicators(conn, [_indicator(row) for row in catalog.indicators])
        for doc in sorted(catalog.plans, key=lambda d: d.get("parent_plan") is not None):
            plan, targets, phases, deadlines = _plan_parts(doc)
            save_plan(conn, plan, targets, phases, deadlines, actor="test")


def workbook(sheets: Mapping[str, Sequence[Sequence[object]]], *, percent: Iterable[str] = (),
             formats: Mapping[str, str] | None = None) -> bytes:
    """An .xlsx with the given rows per sheet; `percent` lists 'Sheet!B3' cells
    formatted '0%'; `formats` maps cells to other number formats."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    for ref, fmt in [(r, "0%") for r in percent] + list((formats or {}).items()):
        name, cell = ref.split("!")
        book[name][cell].number_format = fmt
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fill(data: bytes, values: Mapping[str, object], sheet: str = "Báo cáo",
         column: int = 5, standing: str | None = None) -> bytes:
    """The template with "Thực hiện" filled for the given indicator codes."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book[sheet]
    for row in range(1, ws.max_row + 1):
        code = ws.cell(row, 1).value
        if code in values:
            ws.cell(row, column).value = values[code]
            if standing:
                ws.cell(row, 6).value = standing
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, change: Mapping[str, bytes | None] = (), add: Mapping[str, bytes] = ()
          ) -> bytes:
    """An .xlsx with some parts replaced (None removes a part) or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in dict(change):
                replaced = dict(change)[info.filename]
                if replaced is not None:
                    target.writestr(info.filename, replaced)
            else:
                target.writestr(info.filename, source.read(info.filename))
        for name, content in dict(add).items():
            target.writestr(name, content)
    return out.getvalue()


def part(data: bytes, name: str) -> bytes:
    """One inflated part of an .xlsx."""
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def xls(rows: Sequence[Sequence[object]], sheet: str = "Số liệu",
        percent: Iterable[tuple[int, int]] = ()) -> bytes:
    """A genuine BIFF8 .xls (written by xlwt); `percent` lists (row, col) formatted 0%."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    pct = xlwt.easyxf(num_format_str="0%")
    marked = set(percent)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if (r, c) in marked:
                ws.write(r, c, value, pct)
            else:
                ws.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- a minimal compound file (OLE/CFB) writer, for encrypted and legacy containers ---------

_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def cfb(streams: Mapping[str, bytes], storages: Iterable[str] = ()) -> bytes:
    """A version-3 compound file with top-level streams (padded to 4.096 bytes,
    so no mini stream is needed) and empty storages, as Office writes them."""
    sector = 512
    entries = [(name, 2, data.ljust(max(4096, -(-len(data) // sector) * sector), b"\0"))
               for name, data in streams.items()]
    entries += [(name, 1, b"") for name in storages]
    data_sectors: list[bytes] = []
    starts = []
    fat: list[int] = [_FATSECT]  # sector 0: the FAT
    dir_count = (len(entries) + 1 + 3) // 4
    fat += [i + 2 for i in range(dir_count - 1)] + [_END]  # directory chain
    for _, kind, payload in entries:
        if kind != 2:
            starts.append(_END)
            continue
        first = 1 + dir_count + len(data_sectors)
        count = len(payload) // sector
        starts.append(first)
        for i in range(count):
            data_sectors.append(payload[i * sector:(i + 1) * sector])
            fat.append(first + i + 1 if i < count - 1 else _END)
    if len(fat) > 128:
        raise ValueError("test CFB writer: too much data for one FAT sector")
    fat += [_FREE] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", _FREE, right, child) + b"\0" * 16 + b"\0" * 4
                + b"\0" * 16 + struct.pack("<IQ", start, size))

    directory = [entry("Root Entry", 5, 1 if entries else _FREE, _FREE, _END, 0)]
    for i, (name, kind, payload) in enumerate(entries):
        right = i + 2 if i + 1 < len(entries) else _FREE
        directory.append(entry(name, kind, _FREE, right, starts[i], len(payload)))
    blob = b"".join(directory).ljust(dir_count * sector, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<I", 0) + struct.pack("<108I", *([_FREE] * 108)))
    fat_sector = struct.pack("<128I", *fat)
    return header + fat_sector + blob + b"".join(data_sectors)


def biff_records(records: Sequence[tuple[int, bytes]]) -> bytes:
    """BIFF records as bytes: (type, body) pairs."""
    return b"".join(struct.pack("<HH", kind, len(body)) + body for kind, body in records)


# --- hostile files ------------------------------------------------------------------------

def _small_report() -> bytes:
    return workbook({"Báo cáo": [["Mã chỉ tiêu", "Thực hiện"], ["BUDGET_REVENUE", 3500]]})


def _sheet_xml(data: bytes) -> bytes:
    return part(data, "xl/worksheets/sheet1.xml")


def _encrypted_xls() -> bytes:
    import olefile

    plain = olefile.OleFileIO(io.BytesIO(xls([["Mã chỉ tiêu", "Thực hiện"]]))).openstream(
        "Workbook").read()
    bof_length = struct.unpack_from("<H", plain, 2)[0]
    filepass = biff_records([(0x002F, b"\x01\x00" + b"\x00" * 52)])  # RC4 encryption header
    cut = 4 + bof_length
    return cfb({"Workbook": plain[:cut] + filepass + plain[cut:]})


def _zip_bomb(size: int = 256 << 20) -> bytes:
    """A few hundred KB of deflated zeros that inflate to `size` bytes."""
    out = io.BytesIO()
    report = zipfile.ZipFile(io.BytesIO(_small_report()))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in report.infolist():
            z.writestr(info.filename, report.read(info))
        with z.open("xl/media/image1.png", "w", force_zip64=True) as stream:
            chunk = b"\0" * (16 << 20)
            for _ in range(size // len(chunk)):
                stream.write(chunk)
    return out.getvalue()


def _overlapping_bomb(copies: int = 300) -> bytes:
    """Many central-directory entries sharing one compressed member (Fifield's trick)."""
    base = rezip(_small_report(), add={"xl/media/a.bin": b"\0" * (4 << 20)})
    end = base.rindex(b"PK\x05\x06")
    directory_offset = struct.unpack_from("<I", base, end + 16)[0]
    entries = base[directory_offset:end]
    target = entries.index(b"xl/media/a.bin") - 46
    entry_length = 46 + sum(struct.unpack_from("<HHH", entries, target + 28))
    entry = entries[target:target + entry_length]
    clones = b"".join(entry.replace(b"xl/media/a.bin", f"xl/media/{i:05d}".encode()[:14])
                      for i in range(copies))
    new_entries = entries + clones
    count = struct.unpack_from("<H", base, end + 10)[0] + copies
    record = bytearray(base[end:end + 22])
    struct.pack_into("<HHII", record, 8, count, count, len(new_entries), directory_offset)
    return base[:directory_offset] + new_entries + bytes(record)


def _macro_workbook() -> bytes:
    data = _small_report()
    types = part(data, "[Content_Types].xml").replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    return rezip(data, {"[Content_Types].xml": types}, {"xl/vbaProject.bin": b"\xd0\xcf" * 64})


def _billion_laughs() -> bytes:
    data = _small_report()
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b"]>")
    sheet = _sheet_xml(data).replace(b'<?xml version="1.0" encoding="UTF-8"?>', b"")
    sheet = lol + sheet.replace(b"<v>3500</v>", b"<v>&lol9;</v>")
    return rezip(data, {"xl/worksheets/sheet1.xml": sheet})


def _far_cell() -> bytes:
    data = _small_report()
    sheet = _sheet_xml(data).replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    return rezip(data, {"xl/worksheets/sheet1.xml": sheet})


def _lying_dimension() -> bytes:
    data = _small_report()
    sheet = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>',
                   _sheet_xml(data))
    return rezip(data, {"xl/worksheets/sheet1.xml": sheet})


def _lying_strings() -> bytes:
    data = _small_report()
    types = part(data, "[Content_Types].xml").replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    rels = part(data, "xl/_rels/workbook.xml.rels").replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    strings = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
               b'2006/main" count="9000000" uniqueCount="9000000"><si><t>a</t></si></sst>')
    return rezip(data, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels},
                 {"xl/sharedStrings.xml": strings})


def _many_sheets(count: int = 300) -> bytes:
    return workbook({f"Trang {i}": [["Mã chỉ tiêu", "Thực hiện"]] for i in range(count)})


def hostile_files() -> dict[str, tuple[str, bytes, str]]:
    """Case → (file name, bytes, the error code the refusal carries)."""
    report = _small_report()
    csv = "Mã chỉ tiêu;Thực hiện\nBUDGET_REVENUE;3.500\n".encode()
    return {
        "csv renamed .xlsx": ("bao-cao.xlsx", csv, "csv_renamed"),
        "csv renamed .xls": ("bao-cao.xls", csv, "csv_renamed"),
        "pdf renamed .xlsx": ("bao-cao.xlsx", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF", "pdf_renamed"),
        "html renamed .xls": ("bao-cao.xls", b"<html><body><table><tr><td>BUDGET_REVENUE</td>"
                              b"<td>3500</td></tr></table></body></html>", "html_renamed"),
        "truncated xlsx": ("bao-cao.xlsx", report[: len(report) // 2], "corrupt_file"),
        "garbage behind a zip header": ("bao-cao.xlsx", b"PK\x03\x04" + bytes(range(256)) * 40,
                                        "corrupt_file"),
        "password-protected xlsx": ("bao-cao.xlsx", cfb({"EncryptionInfo": b"\x04\x00\x04\x00",
                                                         "EncryptedPackage": b"\x8f" * 6000}),
                                    "encrypted"),
        "password-protected xls": ("bao-cao.xls", _encrypted_xls(), "encrypted"),
        "macro-enabled workbook": ("bao-cao.xlsm", _macro_workbook(), "macro"),
        "macros in an xls": ("bao-cao.xls", cfb({"Workbook": b"\x09\x08" + b"\0" * 20},
                                                storages=["_VBA_PROJECT_CUR"]), "macro"),
        "xml entity expansion": ("bao-cao.xlsx", _billion_laughs(), "xml_entities"),
        "zip bomb": ("bao-cao.xlsx", _zip_bomb(), "zip_bomb"),
        "overlapping zip entries": ("bao-cao.xlsx", _overlapping_bomb(), "zip_bomb"),
        "cell at XFD1048576": ("bao-cao.xlsx", _far_cell(), "sheet_too_large"),
        "declared dimension lies": ("bao-cao.xlsx", _lying_dimension(), "sheet_too_large"),
        "declared string count lies": ("bao-cao.xlsx", _lying_strings(), "zip_bomb"),
        "hundreds of sheets": ("bao-cao.xlsx", _many_sheets(), "too_many_sheets"),
    }
