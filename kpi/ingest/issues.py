"""Errors and warnings found in an uploaded file, located as Excel shows them.

An error means nothing of the file is written; a warning is written with the
values and shown. Each issue names the sheet, the row (1-based, as Excel
numbers it) and the column (a letter), carries a stable machine `code` and a
Vietnamese `message` that says what to do.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One finding; `row` is Excel's row number, `column` a letter ('E')."""

    severity: str
    code: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def where(self) -> str:
        """'Trang “Báo cáo”, ô E7' (or as much of it as is known)."""
        parts = []
        if self.sheet is not None:
            parts.append(f"Trang “{self.sheet}”")
        if self.row is not None and self.column is not None:
            parts.append(f"ô {self.column}{self.row}")
        elif self.row is not None:
            parts.append(f"dòng {self.row}")
        elif self.column is not None:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        """The JSON shape of the command line: sheet, row, column, code, message."""
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "code": self.code, "message": self.message}


def error(code: str, message: str, sheet: str | None = None, row: int | None = None,
          column: str | None = None) -> Issue:
    """An error at the given place (row 1-based, column a letter)."""
    return Issue(ERROR, code, message, sheet, row, column)


def warning(code: str, message: str, sheet: str | None = None, row: int | None = None,
            column: str | None = None) -> Issue:
    """A warning at the given place (row 1-based, column a letter)."""
    return Issue(WARNING, code, message, sheet, row, column)


class FileRefused(Exception):
    """The file cannot be read at all; `issues` say why, in Vietnamese."""

    def __init__(self, issues: Iterable[Issue]):
        self.issues = list(issues)
        super().__init__("; ".join(i.message for i in self.issues))


def refuse(code: str, message: str, sheet: str | None = None) -> FileRefused:
    """A FileRefused with one file-level error (raise it)."""
    return FileRefused([error(code, message, sheet)])


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index: 0 → 'A', 26 → 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """The 0-based index of an Excel column letter: 'A' → 0, 'XFD' → 16383."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - 64)
    return index - 1
