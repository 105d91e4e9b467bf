"""Targets from plan documents: read a plan, propose its targets (issue 5).

`extract_file(path)` / `extract_bytes(data, filename)` return an
`Extraction` (header, target records in the schema of DESIGN.md §5, phases,
deadlines, reported values). The rules are for the language of Vietnamese
plans, not for particular documents: see `patterns`, `quantities`,
`clauses` and `extractor`.
"""
from __future__ import annotations

from pathlib import Path

from kpi.extract.extractor import Extraction, extract
from kpi.extract.text import lines_from_text, read_document, read_lines


def extract_file(path: str | Path) -> Extraction:
    """Extract everything from a .txt, .docx or .pdf file (raises DocumentError)."""
    return extract(read_document(path))


def extract_bytes(data: bytes, filename: str) -> Extraction:
    """Extract from an uploaded file's bytes; the suffix of `filename` picks the reader."""
    return extract(read_lines(data, filename))


def extract_text(text: str) -> Extraction:
    """Extract from plain text (tests, pasted text)."""
    return extract(lines_from_text(text))


__all__ = ["Extraction", "extract", "extract_bytes", "extract_file", "extract_text"]
