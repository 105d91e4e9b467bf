"""Rolling values up the unit tree and across the 2025 reform (DESIGN §2, §6).

Values are plain dicts keyed by unit key ("vn2004:91", "vn2025:30001"); a
value of None or NaN means the unit has not reported. Three ways up the tree,
as `Indicator.aggregation` names them: "sum" (revenue, counts, areas),
"ratio" (Σ numerator / Σ denominator — a rate is never the mean of rates) and
"count" (units meeting a standard). Across the reform, additive values carry
from old units into the new ones they went into whole; a ratio carries its
two parts and divides; a growth rate is recomputed from summed levels.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

RELATIONS = ("whole", "split")
MISSING_STATUSES = (None, "no_data")


@dataclass(frozen=True)
class AggregateResult:
    """A roll-up over member units.

    `value` is None when no member reported (or the result is undefined, as
    a ratio over a zero denominator); `reported` and `expected` count member
    units; `missing` lists members without data in the members' order;
    `complete` is True only when every member reported (and there is one).
    """

    value: float | None
    reported: int
    expected: int
    missing: tuple[str, ...]
    complete: bool


@dataclass(frozen=True)
class ReformGap:
    """A new unit whose carried value is incomplete, and why.

    `split` lists predecessors that were split across several new units (their
    value cannot be apportioned); `missing` lists predecessors that went in
    whole but have no value.
    """

    new_key: str
    split: tuple[str, ...]
    missing: tuple[str, ...]


def _present(value: float | None) -> bool:
    # NaN is how pandas hands over an empty cell; it is the only value unequal to itself.
    return value is not None and value == value


def _members(members: Iterable[str]) -> tuple[str, ...]:
    keys = tuple(members)
    repeated = [k for k, n in Counter(keys).items() if n > 1]
    if repeated:
        # Counting a unit twice would inflate a sum silently.
        raise ValueError(f"Đơn vị lặp lại trong danh sách thành viên: {', '.join(repeated)}")
    return keys


def _result(value: float | None, keys: tuple[str, ...], missing: list[str]) -> AggregateResult:
    return AggregateResult(
        value=value,
        reported=len(keys) - len(missing),
        expected=len(keys),
        missing=tuple(missing),
        complete=bool(keys) and not missing,
    )


def sum_values(values: Mapping[str, float | None], members: Iterable[str]) -> AggregateResult:
    """Sum the members' values (revenue, counts, areas).

    Members without a value are listed in `missing` and left out of the sum,
    so an incomplete sum is a lower bound; value is None when none reported.
    Keys of `values` outside `members` are ignored. Raises ValueError when a
    member is listed twice.
    """
    keys = _members(members)
    missing = [k for k in keys if not _present(values.get(k))]
    present = [values[k] for k in keys if _present(values.get(k))]
    return _result(math.fsum(present) if present else None, keys, missing)


def ratio_of_sums(
    numerators: Mapping[str, float | None],
    denominators: Mapping[str, float | None],
    members: Iterable[str],
    scale: float = 100.0,
) -> AggregateResult:
    """A rate over members: Σ numerator / Σ denominator × scale.

    Never the mean of the members' rates: a district of 2.000 households weighs
    twice one of 1.000. Only members having BOTH parts count, in both sums;
    a member missing either part is listed in `missing`. value is None when
    no member has both parts or the summed denominator is 0. `scale` is 100
    for percent, 1.000 for per mille. Raises ValueError when a member is
    listed twice.
    """
    keys = _members(members)
    both = [k for k in keys if _present(numerators.get(k)) and _present(denominators.get(k))]
    counted = set(both)
    missing = [k for k in keys if k not in counted]
    den = math.fsum(denominators[k] for k in both)
    value = math.fsum(numerators[k] for k in both) / den * scale if both and den else None
    return _result(value, keys, missing)


def count_meeting(
    statuses: Mapping[str, str | None],
    members: Iterable[str],
    meeting: tuple[str, ...] = ("met", "exceeded"),
) -> AggregateResult:
    """Count member units whose status is in `meeting` (communes meeting the
    new-rural standard).

    A status of None or "no_data" is missing; any other status ("not_met",
    "nearly", "not_due") is reported and not meeting. value is the count
    among reported members (a lower bound when incomplete), None when none
    reported. Raises ValueError when a member is listed twice.
    """
    keys = _members(members)
    missing = [k for k in keys if statuses.get(k) in MISSING_STATUSES]
    count = sum(1 for k in keys if statuses.get(k) in meeting)
    return _result(float(count) if len(missing) < len(keys) else None, keys, missing)


def share_meeting(
    statuses: Mapping[str, str | None],
    members: Iterable[str],
    meeting: tuple[str, ...] = ("met", "exceeded"),
) -> AggregateResult:
    """The percent of ALL member units meeting: count × 100 / expected.

    As plans write it ("75% số xã đạt chuẩn nông thôn mới"), the base is every
    member, so a unit without data counts as not meeting; `complete` says
    whether that happened. value is None when no member reported. Raises
    ValueError when a member is listed twice.
    """
    counted = count_meeting(statuses, members, meeting)
    value = None if counted.value is None else counted.value * 100 / counted.expected
    return AggregateResult(value, counted.reported, counted.expected,
                           counted.missing, counted.complete)


# --- across the 2025 reform --------------------------------------------------------

def _predecessors(links: Iterable[tuple[str, str, str]]) -> dict[str, list[tuple[str, str]]]:
    """new_key → [(old_key, relation)], checking the links hang together."""
    by_new: dict[str, list[tuple[str, str]]] = {}
    by_old: dict[str, list[str]] = {}
    for old_key, new_key, relation in links:
        if relation not in RELATIONS:
            raise ValueError(f"Quan hệ '{relation}' không hợp lệ (cho phép: whole, split)")
        by_new.setdefault(new_key, []).append((old_key, relation))
        by_old.setdefault(old_key, []).append(relation)
    for old_key, relations in by_old.items():
        # A unit that went in whole and also elsewhere would be counted twice.
        if "whole" in relations and len(relations) > 1:
            raise ValueError(f"Đơn vị {old_key} nhập nguyên vào một đơn vị nhưng còn liên kết khác")
    return by_new


def reform_gaps(
    old_values: Mapping[str, float | None],
    links: Iterable[tuple[str, str, str]],
) -> tuple[ReformGap, ...]:
    """The new units whose carried value is incomplete, sorted by key.

    A new unit is incomplete when a predecessor was split (relation "split")
    or a whole predecessor has no value in `old_values`. For a ratio, call it
    on the numerators and on the denominators. Raises ValueError as
    `carry_across_reform` does.
    """
    gaps = []
    for new_key, preds in sorted(_predecessors(links).items()):
        split = tuple(old for old, rel in preds if rel == "split")
        missing = tuple(old for old, rel in preds
                        if rel == "whole" and not _present(old_values.get(old)))
        if split or missing:
            gaps.append(ReformGap(new_key, split, missing))
    return tuple(gaps)


def carry_across_reform(
    old_values: Mapping[str, float | None],
    links: Iterable[tuple[str, str, str]],
    method: str,
) -> dict[str, float | None]:
    """Carry additive values from old units into the new units of the reform.

    Each link is (old_key, new_key, relation): "whole" when the old unit went
    entirely into the new one, "split" when it was divided among several.
    With method "sum" a new unit gets the sum of its whole predecessors'
    values; it is None when a predecessor was split (its value cannot be
    apportioned) or has no value — `reform_gaps` says which and why. The
    result has one entry per new unit named in `links`; old units outside
    `links` are not carried.

    Raises ValueError for a method other than "sum" (a ratio carries its
    parts: `carry_ratio_across_reform`; a growth rate is recomputed from
    carried levels: `growth_from_levels`), an unknown relation, or an old
    unit linked "whole" that has another link too.
    """
    if method == "ratio":
        raise ValueError("Tỷ lệ được tính lại từ tử số và mẫu số: dùng carry_ratio_across_reform")
    if method != "sum":
        raise ValueError(f"Phương pháp '{method}' không cộng dồn được qua sắp xếp đơn vị")
    carried: dict[str, float | None] = {}
    for new_key, preds in _predecessors(links).items():
        parts = [old_values.get(old) for old, rel in preds if rel == "whole"]
        exact = all(rel == "whole" for _, rel in preds) and all(_present(p) for p in parts)
        carried[new_key] = math.fsum(parts) if exact else None
    return carried


def carry_ratio_across_reform(
    numerators: Mapping[str, float | None],
    denominators: Mapping[str, float | None],
    links: Iterable[tuple[str, str, str]],
    scale: float = 100.0,
) -> dict[str, float | None]:
    """Recompute a rate for new units: carried Σ numerator / carried Σ denominator × scale.

    Both parts carry with method "sum"; a new unit is None where either part
    is (see `reform_gaps` on each) or the carried denominator is 0. Raises
    ValueError as `carry_across_reform` does.
    """
    links = tuple(links)
    num = carry_across_reform(numerators, links, "sum")
    den = carry_across_reform(denominators, links, "sum")
    return {
        key: (num[key] / den[key] * scale if num[key] is not None and den[key] else None)
        for key in num
    }


def growth_from_levels(current: float, previous: float) -> float:
    """Growth in percent from two levels: (current / previous − 1) × 100.

    For a merged unit pass summed levels at comparable prices (Σ GRDPₜ and
    Σ GRDPₜ₋₁ in giá so sánh 2010): its growth is not the mean of its
    predecessors' growth rates. Raises ValueError when previous is not
    positive or a value is not finite.
    """
    if not (math.isfinite(current) and math.isfinite(previous)):
        raise ValueError(f"Giá trị không hữu hạn: {current!r}, {previous!r}")
    if previous <= 0:
        raise ValueError(f"Mức kỳ trước phải dương để tính tốc độ tăng, nhận được {previous}")
    return (current / previous - 1) * 100
