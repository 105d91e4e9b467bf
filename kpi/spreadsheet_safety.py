"""Text written into a spreadsheet stays text: it never runs as a formula.

Excel, LibreOffice and Google Sheets treat a cell whose text starts with
"=", "+", "-" or "@" as a formula, and some import paths strip a leading tab
or carriage return first (OWASP "CSV injection"). A plan title or indicator
name typed as `=HYPERLINK("http://…", "Bấm vào đây")` must reach the reader as
those characters, not as a live link or a DDE call. Every export that writes
user text into .xlsx or .csv goes through this module.
"""
from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    """True when `value` is text a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralise(text: str) -> str:
    """Text for plain exports (CSV): an apostrophe before formula-like text, as
    OWASP recommends; anything else unchanged. Spreadsheets hide the
    apostrophe when they show the cell."""
    return "'" + text if is_formula_like(text) else text


def write_text(cell, text: str | None) -> None:
    """Put `text` into an openpyxl cell as a string, never as a formula.

    openpyxl stores any str starting with "=" as a formula; here the cell is
    forced to a string and, when the text looks like a formula, marked with
    Excel's quote prefix so that editing the cell keeps it text. Characters
    XML cannot carry (control characters other than tab, CR, LF) are dropped
    rather than failing the whole export. None leaves the cell empty.
    """
    if text is None:
        cell.value = None
        return
    clean = ILLEGAL_CHARACTERS_RE.sub("", str(text))
    cell.value = clean
    cell.data_type = "s"
    if is_formula_like(clean):
        cell.quotePrefix = True
