"""Plan documents checked before and after reading: what the bytes really are,
how big they are once inflated or decoded, which encoding the text is in.

Hostile or mistaken files are refused with a Vietnamese message saying what
to do (DESIGN: bad input everywhere) — checked here, not only by Streamlit's
upload limit: a .txt that is an image or a renamed .docx, a .pdf that is
not one, a .docx that is not Word or inflates past 100 MB, bytes that are not
text, UTF-16 without its BOM, TCVN3/VNI text that does not convert, and
documents or paragraphs long enough to make the reader slow.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from typing import Iterable

from kpi.ingest.legacy_text import legacy_share, to_unicode
from kpi.numbers import format_number


class DocumentError(ValueError):
    """A file that cannot be read as a plan document (message in Vietnamese)."""


# The reader's cost grows with a line's length: lines and the whole text are
# bounded; a real plan is far below both.
MAX_DOCUMENT_CHARACTERS = 1_000_000  # about 300 printed pages
MAX_LINE_CHARACTERS = 20_000  # a paragraph or table row; the seed plans' longest is 1.234
MAX_DOCX_INFLATED = 100 * 1024 * 1024
MAX_DOCX_ENTRIES = 2_000
_SIGNATURES = (
    (b"PK\x03\x04", "tệp nén (Word .docx, Excel .xlsx hoặc .zip)"),
    (b"%PDF", "tệp PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "tệp Word .doc hoặc Excel .xls đời cũ"),
    (b"{\\rtf", "tệp RTF"),
    (b"\x89PNG", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF8", "ảnh GIF"),
    (b"MZ", "chương trình (.exe)"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _sniffed(data: bytes) -> str | None:
    return next((what for magic, what in _SIGNATURES if data.startswith(magic)), None)


def check_container(data: bytes, suffix: str) -> None:
    """Raise DocumentError for a file whose bytes are not what its suffix
    (".txt", ".docx", ".pdf") says, or a .docx that would inflate too far."""
    found = _sniffed(data)
    if suffix == ".txt" and found:
        raise DocumentError(f"Tệp .txt này thực ra là {found}: hãy tải lên đúng tệp gốc với đuôi "
                            ".docx hoặc .pdf, hoặc lưu văn bản thành .txt (UTF-8).")
    if suffix == ".pdf" and b"%PDF" not in data[:1024]:
        raise DocumentError("Tệp không phải PDF (thiếu phần đầu %PDF): hãy xuất lại PDF từ Word "
                            "hoặc tải lên tệp Word gốc.")
    if suffix != ".docx":
        return
    if not data.startswith(b"PK\x03\x04"):
        raise DocumentError(f"Tệp không phải Word .docx{f' (là {found})' if found else ''}: "
                            "hãy mở bằng Word, Lưu thành (Save As) → Word Document (.docx).")
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError("Không đọc được tệp .docx (tệp hỏng, không mở được phần nén): hãy lưu "
                            "lại bằng Word rồi tải lên lại.") from exc
    # Python reads a zip entry no further than its declared size, so bounding
    # the declared sizes bounds what python-docx inflates.
    if len(infos) > MAX_DOCX_ENTRIES or sum(i.file_size for i in infos) > MAX_DOCX_INFLATED:
        raise DocumentError("Tệp .docx giải nén ra quá lớn (quá 100 MB hoặc quá nhiều thành phần): "
                            "hãy bỏ ảnh, tệp nhúng rồi lưu lại, hoặc tải lên PDF dạng văn bản.")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise DocumentError("Tệp nén này không phải văn bản Word (.docx): hãy tải lên tệp Word, "
                            "PDF dạng văn bản hoặc .txt.")


def decode_text(data: bytes) -> str:
    """A .txt file's text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1258;
    Vietnamese typed in TCVN3/VNI fonts converted. Raises DocumentError for
    bytes that are not text in any of these."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError("Tệp UTF-16 bị hỏng: hãy lưu lại văn bản với mã hóa UTF-8.") from exc
    elif b"\x00" in data:
        raise DocumentError("Tệp không phải văn bản thuần (có byte 0: tệp nhị phân hoặc UTF-16 "
                            "không có BOM): hãy mở bằng Notepad, Lưu thành (Save As) với mã hóa "
                            "UTF-8 rồi tải lên lại.")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _legacy_or_1258(data)
    if len(_CONTROL.findall(text[:200_000])) > max(3, len(text[:200_000]) // 200):
        raise DocumentError("Tệp có nhiều ký tự không đọc được (không phải văn bản, hoặc sai bảng "
                            "mã): hãy lưu văn bản với mã hóa UTF-8 (Unicode) rồi tải lên lại.")
    return _legacy_fixed(text)


def _legacy_or_1258(data: bytes) -> str:
    # TCVN3/VNI text is read through the Latin-1 view the converters expect;
    # anything else that is not UTF-8 is taken as Windows-1258 (Vietnamese).
    latin = data.decode("latin-1")
    if legacy_share(latin) > _LEGACY_SHARE:
        converted = _converted(latin)
        if converted is not None:
            return converted
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


_LEGACY_SHARE = 0.05  # of the non-ASCII characters; Unicode Vietnamese has about none


def _converted(text: str) -> str | None:
    """TCVN3/VNI text converted to Unicode line by line, or None when too much of it stays unread."""
    fixed, encoding = [], None
    for line in text.split("\n"):
        converted, found = to_unicode(line, encoding)
        encoding = encoding or found
        fixed.append(converted)
    result = "\n".join(fixed)
    return result if encoding and legacy_share(result) <= _LEGACY_SHARE else None


def _legacy_fixed(text: str) -> str:
    """Text typed with TCVN3 (.VnTime) or VNI fonts, converted to Unicode;
    DocumentError when it cannot be."""
    if legacy_share(text) <= _LEGACY_SHARE:
        return text
    converted = _converted(text)
    if converted is None:
        raise DocumentError("Văn bản gõ bằng bảng mã cũ (TCVN3/VNI) không chuyển hết được sang "
                            "Unicode: hãy dùng Unikey (Công cụ chuyển mã) chuyển sang Unicode, lưu "
                            "UTF-8 rồi tải lên lại.")
    return converted


def check_length(texts: Iterable[str]) -> None:
    """Raise DocumentError when the lines read (paragraphs, table rows) are too
    long together or one of them is: the reader's time grows with both."""
    lengths = [len(text) for text in texts]
    total, longest = sum(lengths), max(lengths, default=0)
    if total > MAX_DOCUMENT_CHARACTERS:
        raise DocumentError(f"Văn bản quá dài ({format_number(total)} ký tự, tối đa "
                            f"{format_number(MAX_DOCUMENT_CHARACTERS)}): hãy tải lên riêng phần "
                            "có chỉ tiêu (mục tiêu, chỉ tiêu chủ yếu, phụ lục).")
    if longest > MAX_LINE_CHARACTERS:
        raise DocumentError(f"Văn bản có một đoạn dài {format_number(longest)} ký tự liền (tối đa "
                            f"{format_number(MAX_LINE_CHARACTERS)}): tệp có thể hỏng hoặc không "
                            "xuống dòng; hãy kiểm tra rồi lưu lại.")
