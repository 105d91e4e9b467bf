"""Plan documents as normalised lines: .txt, .docx (tables included) and text-based .pdf.

Every reader returns the same thing: a list of `Line`s in reading order, each
either running text or one row of a table (with its cells). Normalisation is
what the extractor's rules rely on: Unicode NFC, markdown emphasis removed
(`**trước ngày 15/6**`, `*trừ Thổ Châu*`), non-breaking and odd spaces folded,
typographic quotes straightened, and paragraphs that a page break or a PDF
line wrap split in two joined again (a line that does not end a sentence,
followed by one starting in lower case).
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kpi.extract.document_checks import (  # noqa: F401 - DocumentError is this module's error too
    MAX_DOCUMENT_CHARACTERS, MAX_LINE_CHARACTERS, DocumentError, check_container, check_length,
    decode_text,
)

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 1000
SUFFIXES = (".txt", ".docx", ".pdf")

_SPACES = re.compile(r"[ \t\u00a0\u2007\u2009\u202f\u200b\u3000]+")
# Emphasis markers hugging a word: "**x**", "*x*"; a "* " bullet is kept.
_EMPHASIS = re.compile(r"\*+(?=[^\s*])|(?<=[^\s*])\*+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "″": '"'})
_SENTENCE_END = re.compile(r"[.;:!?…)\]\"”]\s*$")
_TABLE_SEPARATOR = re.compile(r"\s*(?:\||\t)\s*")


@dataclass(frozen=True)
class Line:
    """One paragraph of text, or one table row when `cells` is set."""

    text: str
    cells: tuple[str, ...] | None = None

    @property
    def is_row(self) -> bool:
        return self.cells is not None


def normalize(text: str) -> str:
    """NFC, straight quotes, emphasis markers dropped, spaces folded, trimmed."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _EMPHASIS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _starts_lower(text: str) -> bool:
    first = text[:1]
    return first.isalpha() and first.islower()


_LIST_ITEM = re.compile(r"^(?:[a-zđ]\s*[.)]|\d+\s*[.)]|[-+•*–])\s")


def join_wrapped(paragraphs: list[str]) -> list[str]:
    """Join paragraphs split mid-sentence (no closing punctuation, next starts lower case).

    A list item ("a) …") starts a paragraph of its own, lower case or not.
    """
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and _starts_lower(paragraph) and not _SENTENCE_END.search(joined[-1]) \
                and not _LIST_ITEM.match(paragraph):
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


def lines_from_text(text: str) -> list[Line]:
    """Lines of a plain-text document; `a | b | c` or tab-separated lines become table rows."""
    paragraphs = [normalize(raw) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines: list[Line] = []
    buffer: list[str] = []

    def flush() -> None:
        lines.extend(Line(p) for p in join_wrapped(buffer))
        buffer.clear()

    width = None  # cells in the previous row of the current table
    for raw, paragraph in zip(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), paragraphs):
        if not paragraph:
            continue
        if "\t" in raw.strip() or paragraph.count("|") >= 2:
            flush()
            cells = row_cells(raw, width)
            width = len(cells)
            lines.append(Line(" ".join(c for c in cells if c), cells))
        elif _aligned_row(raw, width is not None):
            # Columns lined up with runs of spaces, as PDF text extraction leaves a table.
            flush()
            cells = tuple(normalize(c) for c in _ALIGNED_SEPARATOR.split(raw.strip()))
            width = len(cells)
            lines.append(Line(" ".join(c for c in cells if c), cells))
        else:
            width = None
            buffer.append(paragraph)
    flush()
    return lines


_ALIGNED_SEPARATOR = re.compile(r"\s{2,}")
_TABLE_HEADER = re.compile(r"\b(?:chỉ\s+tiêu|nội\s+dung)\b.*\b(?:đơn\s+vị|đvt|kế\s+hoạch|kh|năm)\b", re.I)


def _aligned_row(raw: str, in_table: bool) -> bool:
    """A row of a table aligned with spaces: three cells or more, opening with a header
    ("TT   Chỉ tiêu   Đơn vị tính   Kế hoạch 2025") or continuing one."""
    cells = _ALIGNED_SEPARATOR.split(raw.strip())
    if len(cells) < 3:
        return False
    return in_table or _TABLE_HEADER.search(raw) is not None


def row_cells(raw: str, width: int | None = None) -> tuple[str, ...]:
    """The cells of a table row written as text ("a | b | c", tab-separated).

    A row written "| a | b |" has a border on each side, unless the table's
    other rows show that its first cell is empty (" | Trong đó: … | 505 |"
    under "STT | Chỉ tiêu | … |"): the previous row's `width` decides.
    """
    body = raw.strip()
    full = [normalize(c) for c in _TABLE_SEPARATOR.split(body)]
    if not (body.startswith("|") and body.endswith("|")):
        return tuple(full)
    variants = [full[1:-1], full[:-1], full]  # bordered; empty first cell; as written
    if width is None:
        return tuple(variants[0])
    return tuple(min(variants, key=lambda cells: abs(len(cells) - width)))


def _docx_lines(data: bytes) -> list[Line]:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - a broken install
        raise DocumentError("Thiếu thư viện python-docx để đọc tệp .docx; cài lại theo requirements.txt.") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise DocumentError(
            "Không đọc được tệp .docx (tệp hỏng hoặc không phải Word). Hãy lưu lại bằng Word "
            "dưới dạng .docx rồi tải lên lại."
        ) from exc
    lines: list[Line] = []
    paragraphs: list[str] = []

    def flush() -> None:
        lines.extend(Line(p) for p in join_wrapped(paragraphs))
        paragraphs.clear()

    # Body order matters: a table sits under the heading that precedes it.
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = normalize(Paragraph(block, document).text)
            if text:
                paragraphs.append(text)
        elif tag == "tbl":
            flush()
            for row in Table(block, document).rows:
                cells = _row_cells(row)
                if any(cells):
                    lines.append(Line(" ".join(c for c in cells if c), cells))
    flush()
    return lines


def _row_cells(row) -> tuple[str, ...]:
    cells: list[str] = []
    previous = None
    for cell in row.cells:
        # Merged cells repeat the same object; keep one copy.
        if previous is not None and cell._tc is previous:
            continue
        previous = cell._tc
        cells.append(normalize(" ".join(p.text for p in cell.paragraphs)))
    return tuple(cells)


def _pdf_lines(data: bytes) -> list[Line]:
    try:
        from pypdf import PdfReader
    except ImportError as exc:  # pragma: no cover - a broken install
        raise DocumentError("Thiếu thư viện pypdf để đọc tệp .pdf; cài lại theo requirements.txt.") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError("Tệp PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(f"Tệp PDF có {len(reader.pages)} trang (tối đa {MAX_PDF_PAGES}): hãy "
                                "tải lên riêng phần có chỉ tiêu.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError("Không đọc được tệp PDF (tệp hỏng). Hãy xuất lại PDF từ Word rồi tải lên lại.") from exc
    text = "\n".join(pages)
    if len(re.findall(r"\w", text)) < 20:
        raise DocumentError(
            "Tệp PDF không có lớp chữ (bản quét ảnh): hệ thống chỉ đọc PDF dạng văn bản. "
            "Hãy dùng tệp Word gốc hoặc PDF xuất từ Word."
        )
    return lines_from_text(text)


def read_lines(data: bytes, filename: str) -> list[Line]:
    """Read a plan document's bytes by its file name's suffix (.txt, .docx, .pdf).

    Text files are read as UTF-8 (with or without BOM) or UTF-16 with a BOM,
    falling back to Windows-1258; TCVN3/VNI text is converted. Raises
    DocumentError, in Vietnamese, for an unknown type, a file over
    `MAX_DOCUMENT_BYTES`, a corrupt, mislabelled or binary file, a PDF without
    text, and a text too long (kpi.extract.document_checks).
    """
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError(
            f"Không đọc được loại tệp “{suffix or filename}”: chỉ nhận .txt, .docx hoặc .pdf."
        )
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"Tệp quá lớn ({len(data) // (1024 * 1024)} MB); giới hạn là "
            f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB."
        )
    check_container(data, suffix)
    if suffix == ".docx":
        lines = _docx_lines(data)
    elif suffix == ".pdf":
        lines = _pdf_lines(data)
    else:
        lines = lines_from_text(decode_text(data))
    check_length(line.text for line in lines)
    return lines


def read_document(path: str | Path) -> list[Line]:
    """Read a plan document from disk (see `read_lines`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"Không mở được tệp “{path}”: {exc.strerror or exc}.") from exc
    return read_lines(data, path.name)
