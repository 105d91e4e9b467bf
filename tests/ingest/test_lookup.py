"""Units across the 2025 reform, on a hand-made catalogue: a rename is followed,
a merger is explained."""
from __future__ import annotations

import datetime as dt

import pytest

from kpi.ingest.lookup import Lookup
from kpi.periods import parse_period
from kpi.units import Unit

END, START = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
UNITS = {u.key: u for u in [
    Unit("vn2004", "11111", "Đông Hòa", "Xã", "commune", valid_to=END),  # renamed, alone
    Unit("vn2025", "22222", "Đông Hòa Mới", "Xã", "commune", valid_from=START),
    Unit("vn2004", "33333", "Tây An", "Xã", "commune", valid_to=END),  # merged with Bắc An
    Unit("vn2004", "44444", "Bắc An", "Xã", "commune", valid_to=END),
    Unit("vn2025", "55555", "An Hợp", "Xã", "commune", valid_from=START),
]}
LINEAGE = [("vn2004:11111", "vn2025:22222", "whole"), ("vn2004:33333", "vn2025:55555", "whole"),
           ("vn2004:44444", "vn2025:55555", "whole")]


@pytest.fixture
def lookup() -> Lookup:
    found = Lookup({}, UNITS, {})
    found.lineage = LINEAGE
    return found


@pytest.mark.parametrize("text, period, key, words", [
    ("Đông Hòa", "2021", "vn2004:11111", None),
    ("Dong Hoa", "2025-Q4", "vn2025:22222", "nay là Xã Đông Hòa Mới"),  # renamed: followed, noted
    ("Tây An", "2025-Q4", None, "An Hợp"),  # merged: explained, not guessed
    ("An Hợp", "2021", None, "Tây An"),  # not yet created: names the old communes
])
def test_units_across_the_reform(lookup, text, period, key, words):
    match = lookup.unit(text, parse_period(period))
    assert match.key == key
    if words:
        assert words in (match.note or match.message)
