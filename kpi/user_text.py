"""Text typed into forms, checked before it is stored.

Names and documents are stored as typed — `<script>` or `=HYPERLINK(…)` in a
plan title is the user's text, kept verbatim; it is made harmless where it
is shown (kpi.markdown_safety) or exported (kpi.spreadsheet_safety). What is
refused here, with a Vietnamese message saying what to do, is what the store
cannot hold or no form should send: text longer than its column (PostgreSQL
refuses it with a database error; SQLite would silently keep it), control
characters, and a required field left blank.
"""
from __future__ import annotations

import re
import unicodedata

from kpi.numbers import format_number

# C0/C1 control characters except tab and line breaks (kept where a
# multi-line note allows them), and the NUL byte PostgreSQL cannot store.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\t\r\n]")


class TextError(ValueError):
    """Text a form may not store; str() is a Vietnamese sentence saying what to do."""


def clean_text(value: object, label: str, max_length: int, *, required: bool = False,
               multiline: bool = False) -> str | None:
    """`value` trimmed and in Unicode NFC, or None when blank and not `required`.

    `label` names the field in the message ("Tên hiển thị"); `max_length`
    counts characters. Raises TextError for a blank required field, control
    characters (tabs and line breaks too, unless `multiline`) or text longer
    than `max_length`.
    """
    text = "" if value is None else unicodedata.normalize("NFC", str(value)).strip()
    if not text:
        if required:
            raise TextError(f"Chưa nhập “{label}”: hãy nhập rồi lưu lại.")
        return None
    if _CONTROL.search(text) or (not multiline and _LINE_BREAK.search(text)):
        raise TextError(f"“{label}” có ký tự điều khiển hoặc xuống dòng không dùng được: hãy gõ "
                        "lại trên một dòng (không dán từ tệp nhị phân).")
    if len(text) > max_length:
        raise TextError(f"“{label}” dài {format_number(len(text))} ký tự, tối đa "
                        f"{format_number(max_length)} ký tự: hãy rút gọn rồi lưu lại.")
    return text
