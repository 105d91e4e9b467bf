"""Structural checks of an uploaded file, before any parser sees it.

The fast reader (python-calamine, in Rust) aborts the whole process — no
`try/except` catches it — on a cell at XFD1048576 or a shared-string table
that declares billions of entries; zip bombs and XML entity tricks hurt any
parser. So the raw bytes are checked first, with the standard library only:
what the content really is (a CSV, PDF or HTML page renamed .xlsx/.xls is
refused), the zip's directory (entries, methods, overlaps, declared and
*actual* inflated sizes, ratio), encryption and macros, DOCTYPE/ENTITY
declarations, the number of sheets, each sheet's declared and real extent,
and the declared counts a parser might allocate from. A legacy .xls (an
OLE/CFB container) gets the same treatment at the BIFF record level.

`check_file` returns the inflated XML parts the reader needs, or raises
FileRefused with a Vietnamese message that says what to do.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from kpi.ingest.issues import column_index, refuse
from kpi.numbers import format_number

MB = 1024 * 1024
MAX_ENTRIES = 2_000
MAX_PART_BYTES = 200 * MB  # one inflated part
MAX_TOTAL_BYTES = 300 * MB  # all parts inflated
MAX_RATIO = 100  # inflated / compressed, as Apache POI's default
RATIO_FLOOR = 1 * MB  # small parts may compress better than that harmlessly
MAX_SHEETS = 100  # a province workbook has one sheet per unit: 34 or 63, not hundreds
MAX_CELLS = 2_000_000  # the rectangle a reader would allocate for one sheet
MAX_DECLARED_COUNT = 10_000_000  # count="…" attributes a parser may preallocate from
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RESAVE = "Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) → Excel Workbook (.xlsx) rồi tải lên lại."
_ENTITY = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
# Patterns start with a literal so that the scan over a large sheet stays fast.
_BIG_COUNT = re.compile(rb'ount="(\d{8,})"')  # count=, uniqueCount=
_REF_COLUMN = re.compile(rb' r="([A-Za-z]{1,3})\d')
_REF_ROW = re.compile(rb' r="[A-Za-z]{1,3}(\d{1,7})"')
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW_REF = re.compile(rb'row\s[^>]*?\br="(\d{1,8})"')
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_DIMENSION = re.compile(rb'dimension\s[^>]*?ref="([^"]{1,40})"')
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_SST_UNIQUE = re.compile(rb'<(?:\w+:)?sst\b[^>]*?\buniqueCount="(\d+)"')
_SST_ITEM = re.compile(rb"<(?:\w+:)?si[\s>/]")
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass(frozen=True)
class SheetPart:
    """A worksheet: its name as the tabs show it and, in an .xlsx, its zip member."""

    name: str
    path: str | None = None


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks: `kind` is 'xlsx' or 'xls'.

    `parts` holds the inflated worksheet and styles XML of an .xlsx (the
    reader scans them for percentage formats, Excel errors and formulas
    without a cached value).
    """

    kind: str
    data: bytes
    sheets: tuple[SheetPart, ...]
    parts: dict[str, bytes] = field(default_factory=dict)
    styles_path: str | None = None


def _mb(size: float) -> str:
    return format_number(size / MB, 1)


def check_file(data: bytes, file_name: str, max_bytes: int) -> CheckedFile:
    """Check the raw bytes of an upload; raise FileRefused unless it is a sound workbook.

    `max_bytes` is the configured size limit. Never runs a spreadsheet
    parser; the checks are bounded by the limits above.
    """
    name = file_name or "tệp tải lên"
    if not data:
        raise refuse("empty_file", f"Tệp “{name}” rỗng (0 byte). Hãy chọn đúng tệp Excel đã lưu.")
    if len(data) > max_bytes:
        raise too_large(name, len(data), max_bytes)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _check_zip(data, name)
    if data.startswith(CFB_MAGIC):
        from kpi.ingest.ole import check_cfb  # it uses this module's refusals

        return check_cfb(data, name)
    raise _not_a_workbook(data, name)


def too_large(name: str, size: int, max_bytes: int):
    """The refusal of a file of `size` bytes over the limit (raise it)."""
    return refuse("file_too_large", f"Tệp “{name}” nặng {_mb(size)} MB, vượt giới hạn "
                  f"{_mb(max_bytes)} MB. Hãy xóa các trang, hình ảnh không cần thiết hoặc chia "
                  "thành nhiều tệp.")


def _not_a_workbook(data: bytes, name: str):
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return refuse("pdf_renamed", f"Tệp “{name}” thực chất là tệp PDF, không phải bảng tính "
                      "Excel. Hãy tải lên tệp Excel (.xlsx) — có thể tải mẫu báo cáo ở trang "
                      "Nộp báo cáo hoặc bằng lệnh `python -m kpi template`.")
    text = _as_text(head).lower()
    if "<html" in text or "<!doctype html" in text or "<table" in text:
        return refuse("html_renamed", f"Tệp “{name}” là trang HTML (thường do phần mềm khác xuất "
                      f"ra) được đổi đuôi thành Excel, không phải bảng tính thật. {_RESAVE}")
    if "urn:schemas-microsoft-com:office:spreadsheet" in text:
        return refuse("xml_spreadsheet", f"Tệp “{name}” ở định dạng XML Spreadsheet 2003, không "
                      f"được hỗ trợ. {_RESAVE}")
    if text.startswith("{\\rtf"):
        return refuse("not_spreadsheet", f"Tệp “{name}” là văn bản RTF, không phải bảng tính "
                      "Excel. Hãy nhập số liệu vào mẫu báo cáo Excel (.xlsx).")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    if text and printable / len(text) > 0.95:
        return refuse("csv_renamed", f"Tệp “{name}” là văn bản thuần (CSV/TXT), không phải bảng "
                      f"tính Excel dù có đuôi của Excel. {_RESAVE}")
    return refuse("not_spreadsheet", f"Tệp “{name}” không phải bảng tính Excel (.xlsx hoặc .xls). "
                  "Hãy tải lên tệp Excel — có thể tải mẫu báo cáo ở trang Nộp báo cáo.")


def _as_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")


def corrupt(name: str, detail: str = ""):
    """The refusal of a damaged or truncated file (raise it)."""
    return refuse("corrupt_file", f"Tệp “{name}” bị hỏng hoặc tải lên chưa trọn{detail}. Hãy mở "
                  "tệp bằng Excel, lưu lại rồi tải lên lần nữa.")


def _bomb(name: str, detail: str):
    return refuse("zip_bomb", f"Tệp “{name}” {detail}, vượt giới hạn an toàn (có thể là “bom "
                  "nén”). Hãy gửi tệp được lưu trực tiếp từ Excel, chỉ gồm các trang báo cáo.")


def macro(name: str):
    """The refusal of a workbook with macros (raise it)."""
    return refuse("macro", f"Tệp “{name}” có chứa macro, không được chấp nhận vì lý do an toàn. "
                  "Hãy lưu lại dạng Excel Workbook (.xlsx, không macro) rồi tải lên.")


def encrypted(name: str):
    """The refusal of a workbook with a password to open (raise it)."""
    return refuse("encrypted", f"Tệp “{name}” được đặt mật khẩu mở tệp nên không đọc được. Hãy mở "
                  "bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng "
                  "mật khẩu, xóa mật khẩu), lưu rồi tải lên lại.")


# --- .xlsx: a zip of XML parts --------------------------------------------------------------

def _check_zip(data: bytes, name: str) -> CheckedFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception:  # any failure to read the directory is a broken file
        raise corrupt(name, " (không đọc được cấu trúc nén)") from None
    if len(infos) > MAX_ENTRIES:
        raise _bomb(name, f"có {len(infos)} thành phần nén")
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise corrupt(name, " (có thành phần trùng tên)")
    _check_directory(infos, name)
    if "mimetype" in names and b"opendocument" in _read(archive, archive.getinfo("mimetype"), name):
        raise refuse("not_spreadsheet", f"Tệp “{name}” là bảng tính OpenDocument (.ods). {_RESAVE}")
    if "[Content_Types].xml" not in names:
        raise refuse("not_spreadsheet", f"Tệp “{name}” là tệp nén ZIP chứ không phải bảng tính "
                     "Excel. Hãy tải lên tệp Excel (.xlsx).")
    lowered = [n.lower() for n in names]
    if any(n.endswith("vbaproject.bin") or n.startswith("xl/macrosheets/") for n in lowered):
        raise macro(name)
    parts: dict[str, bytes] = {}
    for info in infos:
        content = _read(archive, info, name)
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            _check_xml(content, name)
            parts[info.filename] = content
    return _check_package(data, parts, name)


def _check_directory(infos: list[zipfile.ZipInfo], name: str) -> None:
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise encrypted(name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise corrupt(name, " (phương thức nén không chuẩn)")
        if info.file_size > MAX_PART_BYTES:
            raise _bomb(name, f"có thành phần giải nén ra {_mb(info.file_size)} MB")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise _bomb(name, f"có thành phần nén với tỷ lệ {format_number(ratio, 0)}:1")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise _bomb(name, f"giải nén ra tổng cộng {_mb(total)} MB")
    # Entries sharing or overlapping their compressed bytes are the trick of
    # non-recursive zip bombs; a sound archive stores each entry once.
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for before, after in zip(ordered, ordered[1:]):
        end = before.header_offset + 30 + len(before.filename.encode()) + before.compress_size
        if end > after.header_offset:
            raise _bomb(name, "có các thành phần nén chồng lên nhau")


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """Inflate one entry; zipfile stops at the declared size and checks the CRC,
    so an entry whose real size differs from its declaration fails here."""
    try:
        with archive.open(info) as stream:
            content = stream.read(info.file_size + 1)
    except Exception:
        raise corrupt(name, f" (thành phần {info.filename} không giải nén được)") from None
    if len(content) != info.file_size:
        raise _bomb(name, "khai báo sai kích thước khi giải nén")
    return content


def _check_xml(content: bytes, name: str) -> None:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refuse("xml_encoding", f"Tệp “{name}” chứa XML mã hóa UTF-16, Excel không tạo ra "
                     f"như vậy. {_RESAVE}")
    if b"<!" in content and _ENTITY.search(content):
        raise refuse("xml_entities", f"Tệp “{name}” chứa khai báo DOCTYPE/ENTITY trong XML — Excel "
                     "không tạo ra nội dung này, tệp có thể đã bị sửa để tấn công máy chủ. Tệp bị "
                     f"từ chối. {_RESAVE}")
    found = _BIG_COUNT.search(content)
    if found and int(found[1]) > MAX_DECLARED_COUNT:
        raise _bomb(name, f"khai báo {format_number(int(found[1]))} phần tử")


def _parse(content: bytes, name: str) -> ElementTree.Element:
    try:  # DOCTYPE and ENTITY were refused above, so expat expands nothing
        return ElementTree.fromstring(content)
    except ElementTree.ParseError:
        raise corrupt(name, " (nội dung XML hỏng)") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relationships(parts: dict[str, bytes], owner: str, name: str) -> dict[str, tuple[str, str]]:
    """{id: (type suffix, target path)} of a part's relationships."""
    folder, base = posixpath.split(owner)
    rels_path = posixpath.join(folder, "_rels", base + ".rels")
    if rels_path not in parts:
        return {}
    found = {}
    for rel in _parse(parts[rels_path], name):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        found[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
    return found


def _content_type(parts: dict[str, bytes], path: str, name: str) -> str:
    types = _parse(parts["[Content_Types].xml"], name)
    for item in types:
        if _local(item.tag) == "Override" and item.get("PartName", "").lstrip("/") == path:
            return item.get("ContentType", "")
    extension = path.rsplit(".", 1)[-1].lower()
    for item in types:
        if _local(item.tag) == "Default" and item.get("Extension", "").lower() == extension:
            return item.get("ContentType", "")
    return ""


def _check_package(data: bytes, parts: dict[str, bytes], name: str) -> CheckedFile:
    main = next((path for kind, path in _relationships(parts, "", name).values()
                 if kind == "officeDocument"), None)
    if main is None or main not in parts:
        raise corrupt(name, " (không thấy phần sổ làm việc)")
    content_type = _content_type(parts, main, name)
    if "macroEnabled" in content_type:
        raise macro(name)
    if "wordprocessingml" in content_type:
        raise refuse("not_spreadsheet", f"Tệp “{name}” là văn bản Word, không phải bảng tính Excel. "
                     "Hãy nhập số liệu vào mẫu báo cáo Excel (.xlsx).")
    if "presentationml" in content_type:
        raise refuse("not_spreadsheet", f"Tệp “{name}” là bài trình chiếu PowerPoint, không phải "
                     "bảng tính Excel. Hãy nhập số liệu vào mẫu báo cáo Excel (.xlsx).")
    if "spreadsheetml" not in content_type:
        raise refuse("not_spreadsheet", f"Tệp “{name}” không phải bảng tính Excel. {_RESAVE}")
    relations = _relationships(parts, main, name)
    declared = [s for s in _parse(parts[main], name).iter() if _local(s.tag) == "sheet"]
    if len(declared) > MAX_SHEETS:
        raise refuse("too_many_sheets", f"Tệp “{name}” có {len(declared)} trang tính, vượt giới hạn "
                     f"{MAX_SHEETS}. Hãy chỉ để lại các trang báo cáo rồi tải lên lại.")
    sheets = []
    for sheet in declared:
        rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), "")
        kind, path = relations.get(rid, ("", ""))
        if kind == "macrosheet":
            raise macro(name)
        if kind != "worksheet":
            continue  # chart and dialog sheets hold no cells
        if path not in parts:
            raise corrupt(name, f" (thiếu trang “{sheet.get('name')}”)")
        _check_extent(parts[path], sheet.get("name", ""), name)
        sheets.append(SheetPart(sheet.get("name", ""), path))
    for kind, path in relations.values():
        if kind == "sharedStrings" and path in parts:
            _check_shared_strings(parts[path], name)
    styles = next((path for kind, path in relations.values() if kind == "styles"), None)
    keep = {s.path: parts[s.path] for s in sheets}
    if styles in parts:
        keep[styles] = parts[styles]
    return CheckedFile("xlsx", data, tuple(sheets), keep, styles)


def too_many_cells(sheet: str, name: str, what: str):
    """The refusal of a sheet whose cell rectangle is too large (raise it)."""
    return refuse("sheet_too_large", f"Trang “{sheet}” của tệp “{name}” {what}, vượt giới hạn "
                  f"{format_number(MAX_CELLS)} ô một trang. Hãy xóa các ô thừa ở xa vùng số liệu "
                  "(hoặc chép vùng số liệu sang một tệp mới) rồi tải lên lại.", sheet)


def _check_extent(xml: bytes, sheet: str, name: str) -> None:
    """Refuse a sheet whose declared or real cell rectangle is too large.

    The rectangle runs from the first to the last cell reference, which is
    what calamine allocates; cells or rows without a reference are placed
    after the previous one, so their count bounds the rectangle instead.
    """
    declared = _DIMENSION.search(xml)
    if declared:
        corners = [_REF.fullmatch(c) for c in declared[1].decode("ascii", "replace").split(":")]
        if all(corners) and len(corners) == 2:
            rows = abs(int(corners[1][2]) - int(corners[0][2])) + 1
            cols = abs(column_index(corners[1][1]) - column_index(corners[0][1])) + 1
            if rows * cols > MAX_CELLS:
                raise too_many_cells(sheet, name, f"khai báo vùng {declared[1].decode()} "
                                 f"({format_number(rows * cols)} ô)")
    refs = _REF_COLUMN.findall(xml)
    letters = {c.upper() for c in set(refs)}
    numbers = {int(r) for r in set(_REF_ROW.findall(xml)) | set(_ROW_REF.findall(xml))}
    if not refs and not numbers:
        return
    columns = [column_index(c.decode()) for c in letters] or [0]
    top, bottom = (min(numbers), max(numbers)) if numbers else (1, 1)
    left, right = min(columns), max(columns)
    if len(refs) < _cell_count(xml):  # some cells carry no reference
        bottom += len(_ROW_TAG.findall(xml))
        right += max(len(_CELL_TAG.findall(chunk)) for chunk in re.split(rb"</(?:\w+:)?row>", xml))
    if bottom > EXCEL_ROWS or right >= EXCEL_COLUMNS:
        raise corrupt(name, f" (trang “{sheet}” có ô nằm ngoài giới hạn của Excel)")
    cells = (bottom - top + 1) * (right - left + 1)
    if cells > MAX_CELLS:
        raise too_many_cells(sheet, name, f"có ô dữ liệu trải từ dòng {top} đến dòng {bottom}, "
                         f"cột {left + 1} đến cột {right + 1} ({format_number(cells)} ô)")


def _cell_count(xml: bytes) -> int:
    if b":worksheet" in xml[:1000]:  # a namespace prefix such as <x:c>
        return len(_CELL_TAG.findall(xml))
    return xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/>")


def _check_shared_strings(xml: bytes, name: str) -> None:
    declared = _SST_UNIQUE.search(xml)
    if not declared:
        return
    present = len(_SST_ITEM.findall(xml))
    if int(declared[1]) > max(2 * present, present + 10_000):
        raise _bomb(name, f"khai báo {format_number(int(declared[1]))} chuỗi văn bản nhưng chỉ "
                    f"chứa {format_number(present)}")
