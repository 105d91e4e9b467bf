"""Indicators (chỉ tiêu): what is measured, in which unit, and how to read it.

Polarity says which way is better (higher, lower, a band such as the shares
of the economic structure, or a yes/no duty); `temporal` says whether the
values of sub-periods add up to the period (a flow such as budget revenue) or
the period has one reading (a level such as forest cover or a rate);
`aggregation` says how units roll up the unit tree.
"""
from __future__ import annotations

from dataclasses import dataclass

POLARITIES = ("higher", "lower", "band", "boolean")
TEMPORALS = ("flow", "level")
AGGREGATIONS = ("sum", "ratio", "count", "none")
FREQUENCIES = ("month", "quarter", "half", "year")

# Fields in the order reports list them.
GROUPS: dict[str, dict[str, str]] = {
    "kinh_te": {"vi": "Kinh tế", "en": "Economy"},
    "xa_hoi": {"vi": "Văn hóa – xã hội", "en": "Society"},
    "moi_truong": {"vi": "Môi trường", "en": "Environment"},
    "quoc_phong_an_ninh": {"vi": "Quốc phòng – an ninh", "en": "Defence and security"},
    "khac": {"vi": "Khác", "en": "Other"},
}

# Rounding tolerance for a band's bare value when the indicator sets none.
DEFAULT_TOLERANCE = 0.05


@dataclass(frozen=True)
class Indicator:
    """One indicator of the catalogue; values are stored in `measure`."""

    code: str
    name: str
    measure: str
    group: str
    polarity: str
    temporal: str = "level"
    aggregation: str = "none"
    frequency: str = "year"
    name_en: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    scale: float | None = None
    parent: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    decimals: int | None = None
    tolerance: float | None = None

    def __post_init__(self) -> None:
        for field, allowed in (
            ("polarity", POLARITIES),
            ("temporal", TEMPORALS),
            ("aggregation", AGGREGATIONS),
            ("frequency", FREQUENCIES),
            ("group", tuple(GROUPS)),
        ):
            if getattr(self, field) not in allowed:
                raise ValueError(
                    f"Chỉ tiêu {self.code}: giá trị '{getattr(self, field)}' của "
                    f"trường {field} không hợp lệ (cho phép: {', '.join(allowed)})"
                )

    @property
    def rounding_tolerance(self) -> float:
        """Tolerance, in the measure's units, for a band's bare value."""
        return DEFAULT_TOLERANCE if self.tolerance is None else self.tolerance

    def tolerance_for(self, figure: float) -> float:
        """Rounding tolerance around a published `figure`, in the measure's units.

        The indicator's own tolerance when set; otherwise half a unit of the
        figure's last written decimal (49 → 0,5; 0,28 → 0,005), so an actual
        that rounds to the target as published counts as meeting it, not
        exceeding it.
        """
        if self.tolerance is not None:
            return self.tolerance
        digits = repr(float(figure)).split(".")[1].rstrip("0") if "." in repr(float(figure)) else ""
        return 0.5 * 10 ** -min(len(digits), 6)

    @property
    def is_flow(self) -> bool:
        return self.temporal == "flow"

    def display_name(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


def group_label(group: str, lang: str = "vi") -> str:
    """The field's heading as reports write it ("Kinh tế", "Quốc phòng – an ninh")."""
    return GROUPS.get(group, GROUPS["khac"])[lang if lang in ("vi", "en") else "vi"]
