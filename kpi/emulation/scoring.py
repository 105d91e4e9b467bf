"""Scores and ranking of a block's members, explained line by line (pure).

Each member gets one line per registered target, per report due and per
council criterion, with the points and the reason; the total is the sum of the
lines, rounded half up to 2 decimals. The rules are the scheme's
(kpi.emulation.scheme).

Ties (the rule block heads apply, documented in the README): members with the
same total are ordered by (1) the points of the targets criterion, (2) the
points of the reporting criterion, (3) how many targets were met or exceeded.
Members still equal on all of these share the rank (1, 2, 2, 4); no award
that only one of them could receive is proposed automatically.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from kpi.emulation.blocks import CouncilScore
from kpi.emulation.discipline import ReportCheck, status_label as report_label
from kpi.emulation.scheme import Criterion, Scheme
from kpi.numbers import format_number, format_percent, round_half_up
from kpi.periods import period_label
from kpi.status import status_label as target_label


@dataclass(frozen=True)
class TargetResult:
    """A registered target's outcome for the year (from the scorecard)."""

    indicator_code: str
    indicator: str
    target_text: str
    actual_text: str
    status: str
    achievement: float | None = None


@dataclass(frozen=True)
class MemberInput:
    """What a member is scored on."""

    unit_key: str
    unit_name: str
    targets: tuple[TargetResult, ...] = ()
    reports: tuple[ReportCheck, ...] = ()
    council: Mapping[str, CouncilScore] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoreLine:
    """One line of a member's score: which criterion and item, status, points, why."""

    criterion_code: str
    criterion: str
    item: str
    status: str
    status_label: str
    points: float
    max_points: float
    reason: str


@dataclass(frozen=True)
class MemberScore:
    """A member's score; `rank`, `tie_note`, `award` are set by ranking."""

    unit_key: str
    unit_name: str
    lines: tuple[ScoreLine, ...]
    total: float
    by_criterion: dict[str, float]
    targets_done: int
    missing_reports: int
    rank: int | None = None
    tie_note: str | None = None
    award: str | None = None
    award_note: str | None = None


def _pts(value: float) -> float:
    return round_half_up(value, 2)


def _n(value: float) -> str:
    return format_number(round_half_up(value, 2))


def _target_line(criterion: Criterion, scheme: Scheme, share: float, t: TargetResult) -> ScoreLine:
    factor = scheme.status_points.get(t.status, 0.0)
    base = share * factor
    label = target_label(t.status)
    said = f"{label} (kế hoạch {t.target_text}, thực hiện {t.actual_text}"
    said += f", đạt {format_percent(t.achievement)} kế hoạch)" if t.achievement is not None else ")"
    if t.status == "exceeded" and t.achievement is not None and t.achievement > 1:
        raw = (t.achievement - 1) * scheme.bonus_rate
        bonus = min(raw, scheme.bonus_cap)
        capped = " (mức thưởng tối đa)" if raw > scheme.bonus_cap else ""
        reason = (f"{said}: {_n(base)} điểm + thưởng {format_percent(bonus, 1)}{capped} "
                  f"= {_n(base * (1 + bonus))} điểm")
        base *= 1 + bonus
    elif factor == 1:
        reason = f"{said}: đủ {_n(share)} điểm"
    elif factor == 0:
        reason = f"{said}: 0/{_n(share)} điểm"
    else:
        reason = f"{said}: {format_percent(factor)} của {_n(share)} điểm = {_n(base)} điểm"
    return ScoreLine(criterion.code, criterion.label, t.indicator, t.status, label, _pts(base),
                     _pts(share), reason)


def score_targets(criterion: Criterion, scheme: Scheme, targets: Sequence[TargetResult]
                  ) -> list[ScoreLine]:
    """One line per registered target; the criterion's weight shared equally."""
    if not targets:
        return [ScoreLine(criterion.code, criterion.label, "Không có chỉ tiêu đăng ký", "no_data",
                          target_label("no_data"), 0.0, _pts(criterion.weight),
                          "Đơn vị chưa đăng ký chỉ tiêu nào: 0 điểm")]
    share = criterion.weight / len(targets)
    return [_target_line(criterion, scheme, share, t) for t in targets]


def _report_item(check: ReportCheck) -> str:
    return f"{check.deadline.what or 'Báo cáo'} ({period_label(check.deadline.period)})"


def _deadline_text(check: ReportCheck) -> str:
    eff = check.effective
    text = f"hạn {eff.deadline:%d/%m/%Y}"
    if eff.moved_because:
        text += f" (ngày {eff.last_day:%d/%m/%Y} là {eff.moved_because}, lùi sang ngày làm việc kế tiếp)"
    return text


def score_discipline(criterion: Criterion, scheme: Scheme, reports: Sequence[ReportCheck]
                     ) -> list[ScoreLine]:
    """One line per report due; the weight shared equally among them."""
    due = [c for c in reports if c.is_due]
    if not due:
        return [ScoreLine(criterion.code, criterion.label, "Chưa có báo cáo đến hạn", "pending",
                          report_label("pending"), _pts(criterion.weight), _pts(criterion.weight),
                          f"Chưa có báo cáo nào đến hạn: giữ đủ {_n(criterion.weight)} điểm")]
    share = criterion.weight / len(due)
    lines = []
    for c in due:
        deadline = _deadline_text(c)
        if c.status == "on_time":
            points = share
            reason = f"Nộp ngày {c.received_on:%d/%m/%Y}, {deadline}: đủ {_n(share)} điểm"
        elif c.status == "late":
            cut = min(share, c.days_late * scheme.late_per_day)
            points = share - cut
            reason = (f"Nộp ngày {c.received_on:%d/%m/%Y}, trễ {c.days_late} ngày so với {deadline}: "
                      f"trừ {_n(cut)} điểm ({_n(scheme.late_per_day)} điểm/ngày, tối đa "
                      f"{_n(share)}) → {_n(points)} điểm")
        elif c.status == "incomplete":
            points = 0.0
            reason = (f"Thiếu {len(c.missing)}/{len(c.expected)} chỉ tiêu sau {deadline}: "
                      f"0/{_n(share)} điểm")
        else:
            points = -scheme.missing_penalty
            reason = (f"Chưa nộp, {deadline}: 0/{_n(share)} điểm, trừ thêm "
                      f"{_n(scheme.missing_penalty)} điểm")
        lines.append(ScoreLine(criterion.code, criterion.label, _report_item(c), c.status,
                               report_label(c.status), _pts(points), _pts(share), reason))
    return lines


def score_council(criterion: Criterion, score: CouncilScore | None) -> ScoreLine:
    """The council's points for one criterion (0 while not scored)."""
    if score is None:
        return ScoreLine(criterion.code, criterion.label, criterion.label, "not_scored",
                         "Chưa chấm", 0.0, _pts(criterion.weight),
                         f"Hội đồng khối chưa chấm tiêu chí này: 0/{_n(criterion.weight)} điểm")
    points = max(0.0, min(score.points, criterion.weight))
    note = f" — {score.note}" if score.note else ""
    return ScoreLine(criterion.code, criterion.label, criterion.label, "scored", "Đã chấm",
                     _pts(points), _pts(criterion.weight),
                     f"Hội đồng khối chấm {_n(points)}/{_n(criterion.weight)} điểm{note}")


def score_member(scheme: Scheme, member: MemberInput) -> MemberScore:
    """A member's lines and total under `scheme` (no rank yet)."""
    lines: list[ScoreLine] = []
    for criterion in scheme.criteria:
        if criterion.kind == "targets":
            lines += score_targets(criterion, scheme, member.targets)
        elif criterion.kind == "discipline":
            lines += score_discipline(criterion, scheme, member.reports)
        else:
            lines.append(score_council(criterion, member.council.get(criterion.code)))
    by_criterion = {c.code: _pts(sum(l.points for l in lines if l.criterion_code == c.code))
                    for c in scheme.criteria}
    done = sum(t.status in ("met", "exceeded") for t in member.targets)
    missing = sum(c.status == "missing" for c in member.reports)
    return MemberScore(member.unit_key, member.unit_name, tuple(lines),
                       _pts(sum(by_criterion.values())), by_criterion, done, missing)


def _kind_points(scheme: Scheme, score: MemberScore, kind: str) -> float:
    criterion = scheme.criterion(kind)
    return score.by_criterion.get(criterion.code, 0.0) if criterion else 0.0


def _key(scheme: Scheme, s: MemberScore) -> tuple[float, float, float, int]:
    return (s.total, _kind_points(scheme, s, "targets"), _kind_points(scheme, s, "discipline"),
            s.targets_done)


_TIE_WORDS = (("điểm thực hiện chỉ tiêu", "cao hơn", "thấp hơn"),
              ("điểm chế độ báo cáo", "cao hơn", "thấp hơn"),
              ("số chỉ tiêu đạt và vượt", "nhiều hơn", "ít hơn"))


def _tie_note(scheme: Scheme, score: MemberScore, others: Sequence[MemberScore]) -> str | None:
    key = _key(scheme, score)
    same_total = [o for o in others if o.unit_key != score.unit_key and o.total == score.total]
    if not same_total:
        return None
    equal = [o.unit_name for o in same_total if _key(scheme, o) == key]
    if equal:
        return (f"Đồng hạng với {', '.join(equal)}: bằng nhau cả tổng điểm và các tiêu chí phụ")
    parts = []
    for other in same_total:
        theirs = _key(scheme, other)
        level = next(i for i in range(1, len(key)) if theirs[i] != key[i])
        word, more, less = _TIE_WORDS[level - 1]
        better = key[level] > theirs[level]
        parts.append(f"xếp {'trên' if better else 'dưới'} {other.unit_name} vì {word} "
                     f"{more if better else less}")
    return f"Bằng tổng điểm ({_n(score.total)}): " + "; ".join(parts)


def rank_members(scheme: Scheme, scores: Sequence[MemberScore]) -> list[MemberScore]:
    """Scores ordered by rank with `rank` and `tie_note` set (module docstring's rule).

    Members equal on every tie-break share the rank and stay in their given
    order (the block's order)."""
    ordered = sorted(scores, key=lambda s: tuple(-v for v in _key(scheme, s)))
    ranked: list[MemberScore] = []
    for index, score in enumerate(ordered):
        rank = index + 1
        if ranked and _key(scheme, ranked[-1]) == _key(scheme, score):
            rank = ranked[-1].rank
        ranked.append(replace(score, rank=rank, tie_note=_tie_note(scheme, score, ordered)))
    return ranked


def propose_awards(scheme: Scheme, ranked: Sequence[MemberScore]) -> list[MemberScore]:
    """Set `award` / `award_note` by the scheme's rules, in rank order.

    A rule whose last place falls inside a shared rank proposes none of the
    members sharing it and says that the council decides."""
    result = {s.unit_key: s for s in ranked}
    for rule in scheme.awards:
        eligible = [s for s in result.values() if s.award is None and s.total >= rule.min_total
                    and not (rule.all_reports and s.missing_reports)]
        chosen = eligible[:rule.count]
        if len(eligible) > rule.count and chosen and eligible[rule.count].rank == chosen[-1].rank:
            shared = chosen[-1].rank
            chosen = [s for s in chosen if s.rank != shared]
            for s in eligible:
                if s.rank == shared:
                    result[s.unit_key] = replace(
                        s, award_note=f"Đồng hạng {shared} khi xét {rule.label}: Hội đồng khối bình xét")
        for s in chosen:
            result[s.unit_key] = replace(
                s, award=rule.label,
                award_note=f"Hạng {s.rank}, {_n(s.total)} điểm (điều kiện: từ {_n(rule.min_total)} điểm"
                           + (", nộp đủ báo cáo)" if rule.all_reports else ")"))
    return list(result.values())


def score_block(scheme: Scheme, members: Sequence[MemberInput]) -> list[MemberScore]:
    """Score, rank and propose awards for a block's members."""
    return propose_awards(scheme, rank_members(scheme, [score_member(scheme, m) for m in members]))
