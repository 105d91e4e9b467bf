"""The three files a presenter takes away, by kind: deck, report, brief.

One place names each kind's suffix, MIME type and file name, so the page's
download buttons and the command line write the same files.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kpi.reports.presentation import Presentation


@dataclass(frozen=True)
class ExportKind:
    """A downloadable file: its suffix, MIME type and file-name stem."""

    suffix: str
    mime: str
    stem: str


KINDS = {
    "deck": ExportKind(
        ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "trinh-chieu"),
    "report": ExportKind(
        ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "bao-cao-tong-hop"),
    "brief": ExportKind(
        ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "bao-cao"),
}


def file_name(kind: str, presentation: Presentation) -> str:
    """"trinh-chieu_PQ-2021_2021.pptx": kind, plan code and period, safe on any disk."""
    results = presentation.results
    parts = [KINDS[kind].stem, results.plan.code, results.period.code]
    if results.unit is not None:
        parts.append(results.unit.unit_code)
    name = "_".join(re.sub(r"[^0-9A-Za-z.-]+", "-", part) for part in parts)
    return name + KINDS[kind].suffix


def render(kind: str, presentation: Presentation, *, issued_on: dt.date) -> bytes:
    """The file of `kind` ("deck", "report", "brief") for `presentation`.

    Raises KeyError for another kind. The writers are imported here, on
    first use, so pages and commands that do not export never load them.
    """
    if kind == "deck":
        from kpi.reports.deck import write_deck

        return write_deck(presentation)
    if kind == "report":
        from kpi.reports.summary import write_summary

        return write_summary(presentation.results)
    if kind == "brief":
        from kpi.reports.brief import write_brief

        return write_brief(presentation.results, issued_on=issued_on)
    raise KeyError(kind)
