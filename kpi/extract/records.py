"""What the extractor hands out: target records (DESIGN.md §5) and reported values.

A `TargetRecord` keeps the document's own words and notation: the unit as
written ("ngàn tỷ đồng", "%/năm"), the direction as worded, the period as
a plan says it ("2021", "2025", "2021-2025", "hằng năm (2021-2025)").
Turning it into a stored `kpi.targets.Target` is `kpi.extract.convert`'s job.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

DIRECTIONS = (
    "at_least", "at_most", "range", "exact", "increase_by", "decrease_by",
    "decrease_vs_previous", "increase_vs_previous", "boolean",
)
GROUPS = ("kinh tế", "xã hội", "môi trường", "quốc phòng - an ninh", "khác")
ACTUAL_KINDS = ("level", "change_vs_previous", "pct_of_plan")


@dataclass
class TargetRecord:
    """One target as the document states it.

    `value` is set for a single figure, `min`/`max` for a range (also a range
    of change); all three are None for a change with no figure. `strict` is
    True for "dưới X" / "trên X". `notes` explain anything inferred or odd.
    """

    indicator: str
    value: float | None
    min: float | None
    max: float | None
    unit: str | None
    direction: str
    period: str
    locality: str | None
    group: str
    quote: str
    strict: bool = False
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The §5 JSON object; `note` joins the notes, `strict` appears when True."""
        data = asdict(self)
        notes = data.pop("notes")
        strict = data.pop("strict")
        if strict:
            data["strict"] = True
        if notes:
            data["note"] = "; ".join(notes)
        return data


@dataclass
class ReportedValue:
    """A result a report states against the plan: an actual, never a target.

    `kind`: "level" (ước đạt 3.500 tỷ đồng), "change_vs_previous" (tăng 5% so
    với cùng kỳ), "pct_of_plan" (đạt 102,9% kế hoạch). `estimate` is True for
    "ước". `period` is a period code ("2021", "2022-H1", "2022-Q3") or None.
    """

    indicator: str
    value: float
    unit: str | None
    period: str | None
    kind: str
    estimate: bool
    locality: str | None
    quote: str
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        notes = data.pop("notes")
        if notes:
            data["note"] = "; ".join(notes)
        return data
