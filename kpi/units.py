"""Units that report and are reported on: provinces, districts, communes, agencies.

Outside the store a unit is named by its `unit_code`: the official code as a
zero-padded string in the current code system ('91', '31078'), a code of an
older system as 'vn2004:91', an agency as 'org:TV-STTTT'. Inside, the key is
always 'code_system:code', because the 2025 reform reused codes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CURRENT_SYSTEM = "vn2025"
CODE_SYSTEMS = ("vn2025", "vn2004", "org")
REFORM_DATE = dt.date(2025, 7, 1)
LEVEL_LABELS = {
    "province": {"vi": "Tỉnh/thành phố", "en": "Province"},
    "district": {"vi": "Huyện/quận/thị xã", "en": "District"},
    "commune": {"vi": "Xã/phường/đặc khu", "en": "Commune"},
    "agency": {"vi": "Cơ quan, đơn vị", "en": "Agency"},
}


class UnitCodeError(ValueError):
    """A unit code that names no code system or no unit."""


@dataclass(frozen=True)
class Unit:
    """A unit as the domain sees it; `key` is 'code_system:code'."""

    code_system: str
    code: str
    name: str
    type: str
    level: str
    parent_key: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @property
    def key(self) -> str:
        return f"{self.code_system}:{self.code}"

    @property
    def parent_code(self) -> str | None:
        """The parent's code in the same code system, or None for a top unit."""
        return self.parent_key.split(":", 1)[1] if self.parent_key else None

    @property
    def unit_code(self) -> str:
        return unit_code(self.code_system, self.code)

    @property
    def full_name(self) -> str:
        return f"{self.type} {self.name}".strip()

    def is_valid_on(self, day: dt.date) -> bool:
        """True when the unit existed on `day`."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)

    def label(self) -> str:
        """Full name, with '(trước 01/07/2025)' for units the reform ended."""
        if self.valid_to and self.valid_to < REFORM_DATE:
            return f"{self.full_name} (trước {REFORM_DATE:%d/%m/%Y})"
        return self.full_name


def unit_code(code_system: str, code: str) -> str:
    """The public code: bare in the current system, 'system:code' otherwise."""
    return code if code_system == CURRENT_SYSTEM else f"{code_system}:{code}"


def unit_key(text: str) -> str:
    """The internal key 'code_system:code' for a public unit code or a key.

    '91' → 'vn2025:91'; 'vn2004:91' stays; raises UnitCodeError for an
    unknown code system or an empty code.
    """
    text = (text or "").strip()
    if not text:
        raise UnitCodeError("Thiếu mã đơn vị")
    if ":" in text:
        system, code = text.split(":", 1)
        if system not in CODE_SYSTEMS or not code:
            raise UnitCodeError(
                f"Mã đơn vị không hợp lệ: '{text}' (hệ mã cho phép: {', '.join(CODE_SYSTEMS)})"
            )
        return f"{system}:{code}"
    if not text.isdigit():
        raise UnitCodeError(
            f"Mã đơn vị không hợp lệ: '{text}' (mã hành chính là dãy số, "
            "mã cũ viết 'vn2004:91', cơ quan viết 'org:MÃ')"
        )
    return f"{CURRENT_SYSTEM}:{text}"


def key_to_code(key: str) -> str:
    """'vn2025:91' → '91'; 'vn2004:91' stays."""
    system, code = key.split(":", 1)
    return unit_code(system, code)
