"""The scoring scheme of a block (cách chấm điểm thi đua): criteria, weights, points, awards.

A scheme has criteria of three kinds, each worth `weight` points:

- `targets` (thực hiện chỉ tiêu đăng ký): the weight is shared equally among
  the member's registered targets; a target earns its share times the factor
  of its status (`status_points`: met 1, nearly 0,5, not met 0, no data 0…);
  an exceeded target earns its share plus a bonus of `bonus_rate` × the excess
  (112% of plan with rate 1 → +12% of the share), capped at `bonus_cap` × share;
- `discipline` (chế độ thông tin báo cáo): the weight is shared equally among
  the reports due; a report on time earns its share, a late one loses
  `late_per_day` per day late (at most its share), an incomplete one earns
  nothing, a missing one earns nothing and costs `missing_penalty` more;
- `council` (tiêu chí do Hội đồng khối chấm): points 0..weight given by the
  block council.

Awards (`awards`) are proposed in order down the ranking: each rule takes up
to `count` members not yet proposed whose total reaches `min_total` (and, if
`all_reports`, with no missing report).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

CRITERION_KINDS = ("targets", "discipline", "council")
SCORED_STATUSES = ("exceeded", "met", "nearly", "not_met", "no_data", "not_due")
DEFAULT_STATUS_POINTS = {
    "exceeded": 1.0, "met": 1.0, "nearly": 0.5, "not_met": 0.0, "no_data": 0.0, "not_due": 0.0,
}


class SchemeError(ValueError):
    """A scheme that cannot be used (Vietnamese message saying what to fix)."""


@dataclass(frozen=True)
class Criterion:
    """One criterion: `weight` is its full points (before any bonus)."""

    code: str
    label: str
    kind: str
    weight: float


@dataclass(frozen=True)
class AwardRule:
    """Propose `label` to at most `count` members in rank order reaching `min_total`."""

    code: str
    label: str
    count: int
    min_total: float = 0.0
    all_reports: bool = False


@dataclass(frozen=True)
class Scheme:
    """A block's scoring rules (see the module docstring)."""

    criteria: tuple[Criterion, ...]
    status_points: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_STATUS_POINTS))
    bonus_rate: float = 1.0
    bonus_cap: float = 0.2
    late_per_day: float = 0.5
    missing_penalty: float = 2.0
    awards: tuple[AwardRule, ...] = ()

    @property
    def max_total(self) -> float:
        """Total of the weights (the score of a member that meets everything)."""
        return sum(c.weight for c in self.criteria)

    def criterion(self, kind: str) -> Criterion | None:
        """The first criterion of `kind`, or None."""
        return next((c for c in self.criteria if c.kind == kind), None)


def default_scheme() -> Scheme:
    """The scheme a block uses until an administrator sets its own: 100 points."""
    return Scheme(
        criteria=(
            Criterion("chi_tieu", "Thực hiện các chỉ tiêu đã đăng ký", "targets", 70.0),
            Criterion("bao_cao", "Chế độ thông tin, báo cáo", "discipline", 10.0),
            Criterion("hoi_dong", "Đánh giá của Hội đồng khối", "council", 20.0),
        ),
        awards=(
            AwardRule("co_thi_dua", "Cờ thi đua của UBND tỉnh", 1, 90.0, True),
            AwardRule("bang_khen", "Bằng khen của Chủ tịch UBND tỉnh", 2, 80.0, False),
        ),
    )


def _number(data: dict, key: str, default: float, where: str, low: float = 0.0) -> float:
    raw = data.get(key, default)
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise SchemeError(f"{where}: “{key}” phải là một số (đang là “{raw}”).") from None
    if value < low:
        raise SchemeError(f"{where}: “{key}” không được nhỏ hơn {low:g}.")
    return value


def scheme_from_dict(data: dict) -> Scheme:
    """Build and check a scheme from its JSON form (as `scheme_to_dict` writes).

    Raises SchemeError naming the field to fix: no criteria, an unknown kind,
    a repeated code, a negative weight, more than one `targets` or
    `discipline` criterion, a status factor outside 0..1.
    """
    if not isinstance(data, dict):
        raise SchemeError("Cách chấm điểm phải là một đối tượng JSON ({...}).")
    criteria = []
    for index, raw in enumerate(data.get("criteria") or [], start=1):
        where = f"Tiêu chí {index}"
        code, kind = str(raw.get("code") or "").strip(), str(raw.get("kind") or "").strip()
        if not code:
            raise SchemeError(f"{where}: thiếu mã tiêu chí (code).")
        if kind not in CRITERION_KINDS:
            raise SchemeError(f"{where} ({code}): loại “{kind}” không hợp lệ — chọn "
                              "targets (chỉ tiêu), discipline (báo cáo) hoặc council (hội đồng).")
        criteria.append(Criterion(code, str(raw.get("label") or code).strip(), kind,
                                  _number(raw, "weight", 0.0, f"{where} ({code})")))
    if not criteria:
        raise SchemeError("Cách chấm điểm cần ít nhất một tiêu chí.")
    codes = [c.code for c in criteria]
    if len(set(codes)) != len(codes):
        raise SchemeError("Mỗi tiêu chí cần một mã riêng: có mã bị lặp.")
    for kind in ("targets", "discipline"):
        if sum(c.kind == kind for c in criteria) > 1:
            raise SchemeError(f"Chỉ được có một tiêu chí loại {kind}.")
    points = dict(DEFAULT_STATUS_POINTS)
    for status, factor in (data.get("status_points") or {}).items():
        if status not in SCORED_STATUSES:
            raise SchemeError(f"Trạng thái “{status}” không có (dùng: {', '.join(SCORED_STATUSES)}).")
        points[status] = _number({"v": factor}, "v", 0.0, f"Hệ số của trạng thái {status}")
        if points[status] > 1:
            raise SchemeError(f"Hệ số của trạng thái {status} phải từ 0 đến 1 (phần thưởng "
                              "khi vượt đặt ở bonus_rate, bonus_cap).")
    awards = []
    for index, raw in enumerate(data.get("awards") or [], start=1):
        where = f"Danh hiệu {index}"
        count = int(_number(raw, "count", 1, where, 1))
        awards.append(AwardRule(str(raw.get("code") or f"khen_{index}"),
                                str(raw.get("label") or "").strip() or f"Khen thưởng {index}",
                                count, _number(raw, "min_total", 0.0, where),
                                bool(raw.get("all_reports", False))))
    return Scheme(
        criteria=tuple(criteria), status_points=points,
        bonus_rate=_number(data, "bonus_rate", 1.0, "Cách chấm điểm"),
        bonus_cap=_number(data, "bonus_cap", 0.2, "Cách chấm điểm"),
        late_per_day=_number(data, "late_per_day", 0.5, "Cách chấm điểm"),
        missing_penalty=_number(data, "missing_penalty", 2.0, "Cách chấm điểm"),
        awards=tuple(awards),
    )


def scheme_to_dict(scheme: Scheme) -> dict:
    """The JSON form of a scheme (round-trips through `scheme_from_dict`)."""
    data = asdict(scheme)
    data["criteria"] = [asdict(c) for c in scheme.criteria]
    data["awards"] = [asdict(a) for a in scheme.awards]
    return data


def parse_scheme(text: str | None) -> Scheme:
    """A scheme from stored JSON text; the default scheme for None or empty.

    Raises SchemeError for text that is not JSON or not a valid scheme."""
    if not text or not text.strip():
        return default_scheme()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemeError(f"Cách chấm điểm không phải JSON hợp lệ (dòng {exc.lineno}, "
                          f"cột {exc.colno}): sửa lại rồi lưu.") from None
    return scheme_from_dict(data)


def dump_scheme(scheme: Scheme) -> str:
    """The JSON text stored for a scheme (Vietnamese kept readable)."""
    return json.dumps(scheme_to_dict(scheme), ensure_ascii=False, indent=2)
