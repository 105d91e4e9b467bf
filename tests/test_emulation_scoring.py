"""Scoring rules pinned: weights, status factors, capped bonus, report deductions, ties, awards."""
from __future__ import annotations

import datetime as dt

import pytest

from kpi.emulation.blocks import CouncilScore
from kpi.emulation.discipline import EffectiveDeadline, ReportCheck, ReportDeadline
from kpi.emulation.scheme import (
    AwardRule, Criterion, Scheme, SchemeError, default_scheme, dump_scheme, parse_scheme,
    scheme_from_dict,
)
from kpi.emulation.scoring import (
    MemberInput, TargetResult, rank_members, score_block, score_member,
)

SCHEME = Scheme(
    criteria=(Criterion("ct", "Chỉ tiêu", "targets", 60.0),
              Criterion("bc", "Báo cáo", "discipline", 10.0),
              Criterion("hd", "Hội đồng", "council", 30.0)),
    bonus_rate=1.0, bonus_cap=0.2, late_per_day=0.5, missing_penalty=2.0,
    awards=(AwardRule("co", "Cờ thi đua", 1, 90.0, True), AwardRule("bk", "Bằng khen", 2, 80.0)),
)
DUE = dt.date(2021, 6, 14)


def _target(status, achievement=None, code="X"):
    return TargetResult(code, f"Chỉ tiêu {code}", "≥ 100", "–", status, achievement)


def _report(status, days_late=0, unit="org:A"):
    received = DUE + dt.timedelta(days=days_late) if status in ("on_time", "late") else None
    return ReportCheck(unit, ReportDeadline("H1", "Báo cáo 6 tháng", "2021-H1", dt.date(2021, 6, 15)),
                       EffectiveDeadline(dt.date(2021, 6, 15), DUE, DUE, None), status, received,
                       days_late, ("X",), ("X",) if status in ("missing", "incomplete") else ())


def _member(unit="org:A", targets=(), reports=(), council=None, name=None):
    scores = {"hd": CouncilScore(unit, "hd", council)} if council is not None else {}
    return MemberInput(unit, name or unit, tuple(targets), tuple(reports), scores)


# One target worth the whole 60 points: status, achievement → points.
@pytest.mark.parametrize("status, achievement, points", [
    ("met", 1.0, 60.0),
    ("exceeded", 1.12, 67.2),        # +12% of the share
    ("exceeded", 1.5, 72.0),         # bonus capped at 20%
    ("exceeded", None, 60.0),        # exceeded with no ratio: no bonus
    ("nearly", 0.93, 30.0),          # half the share
    ("not_met", 0.5, 0.0),
    ("no_data", None, 0.0),
])
def test_target_points_by_status(status, achievement, points):
    score = score_member(SCHEME, _member(targets=[_target(status, achievement)]))
    assert score.by_criterion["ct"] == points
    assert score.lines[0].max_points == 60.0


def test_the_weight_is_shared_equally_among_registered_targets():
    score = score_member(SCHEME, _member(targets=[_target("met", 1, "A"), _target("nearly", .95, "B"),
                                                 _target("not_met", .5, "C")]))
    assert [l.points for l in score.lines if l.criterion_code == "ct"] == [20.0, 10.0, 0.0]
    assert "50% của 20 điểm" in score.lines[1].reason


# Reports (the 10 points shared among those due) → discipline points.
@pytest.mark.parametrize("reports, points", [
    ([_report("on_time"), _report("on_time")], 10.0),
    ([_report("on_time"), _report("late", 3)], 8.5),       # 5 − 3 × 0,5
    ([_report("on_time"), _report("late", 30)], 5.0),      # a late report loses at most its share
    ([_report("on_time"), _report("incomplete")], 5.0),
    ([_report("on_time"), _report("missing")], 3.0),       # nothing for it and 2 more off
    ([_report("missing"), _report("missing")], -4.0),
    ([_report("pending")], 10.0),                          # nothing due yet
])
def test_report_deductions(reports, points):
    assert score_member(SCHEME, _member(reports=reports)).by_criterion["bc"] == points


@pytest.mark.parametrize("given, points", [(None, 0.0), (24.5, 24.5), (40, 30.0)])
def test_council_points_are_kept_within_the_weight(given, points):
    assert score_member(SCHEME, _member(council=given)).by_criterion["hd"] == points


def test_total_is_the_sum_of_the_lines_rounded_half_up():
    score = score_member(SCHEME, _member(targets=[_target("met", 1, c) for c in "ABC"] + [
        _target("nearly", .95, "D"), _target("met", 1, "E"), _target("met", 1, "F"),
        _target("met", 1, "G")], reports=[_report("on_time")], council=20))
    # 6 × 8,57 + 4,29 (half of 60/7, rounded half up) + 10 + 20
    assert score.total == round(sum(l.points for l in score.lines), 2) == 85.71


def _ranked(*members):
    return {m.unit_key: m for m in rank_members(SCHEME, [score_member(SCHEME, x) for x in members])}


def test_ties_on_total_are_broken_by_target_points_then_reports():
    # Same total (70): A from targets, B from the council.
    a = _member("org:A", [_target("met", 1)], [_report("on_time")], 0, "Sở A")
    b = _member("org:B", [_target("nearly", .95)], [_report("on_time")], 30, "Sở B")
    ranked = _ranked(b, a)
    assert (ranked["org:A"].total, ranked["org:B"].total) == (70.0, 70.0)
    assert (ranked["org:A"].rank, ranked["org:B"].rank) == (1, 2)
    assert "điểm thực hiện chỉ tiêu cao hơn" in ranked["org:A"].tie_note
    # Same total and targets: the reports decide.
    c = _member("org:C", [_target("met", 1)], [_report("on_time"), _report("on_time")], 20, "Sở C")
    d = _member("org:D", [_target("met", 1)], [_report("on_time"), _report("late", 4)], 22, "Sở D")
    ranked = _ranked(d, c)
    assert ranked["org:C"].total == ranked["org:D"].total == 90.0
    assert (ranked["org:C"].rank, ranked["org:D"].rank) == (1, 2)
    assert "chế độ báo cáo thấp hơn" in ranked["org:D"].tie_note


def test_members_equal_on_everything_share_the_rank():
    same = dict(targets=[_target("met", 1)], reports=[_report("on_time")], council=25)
    ranked = rank_members(SCHEME, [score_member(SCHEME, _member(u, name=u, **same))
                                   for u in ("org:A", "org:B")]
                          + [score_member(SCHEME, _member("org:C", name="org:C", council=0))])
    assert [m.rank for m in ranked] == [1, 1, 3]
    assert "Đồng hạng" in ranked[0].tie_note


def test_awards_follow_the_rules_in_rank_order():
    members = [
        _member("org:A", [_target("met", 1)], [_report("missing")], 30),            # 88: missing report
        _member("org:B", [_target("met", 1)], [_report("on_time")], 25),            # 95
        _member("org:C", [_target("met", 1)], [_report("on_time")], 22),            # 92
        _member("org:D", [_target("nearly", .95)], [_report("on_time")], 30),       # 70
    ]
    result = {m.unit_key: m for m in score_block(SCHEME, members)}
    assert result["org:B"].award == "Cờ thi đua"
    assert result["org:C"].award == "Bằng khen" and result["org:A"].award == "Bằng khen"
    assert result["org:D"].award is None  # under 80 points


def test_a_shared_rank_at_the_cut_off_is_left_to_the_council():
    same = dict(targets=[_target("met", 1)], reports=[_report("on_time")], council=25)
    result = score_block(SCHEME, [_member("org:A", **same), _member("org:B", **same)])
    assert [m.award for m in result] == ["Bằng khen", "Bằng khen"]  # two places for Bằng khen
    assert all("Cờ thi đua" in m.award_note or m.award == "Bằng khen" for m in result)
    one_place = Scheme(SCHEME.criteria, awards=(AwardRule("co", "Cờ thi đua", 1, 0.0),))
    result = score_block(one_place, [_member("org:A", **same), _member("org:B", **same)])
    assert [m.award for m in result] == [None, None]
    assert all("Hội đồng khối bình xét" in m.award_note for m in result)


def test_scheme_round_trips_through_json_and_the_default_totals_100():
    assert parse_scheme(dump_scheme(SCHEME)) == SCHEME
    assert default_scheme().max_total == 100
    assert parse_scheme(None) == default_scheme()


@pytest.mark.parametrize("data, message", [
    ({"criteria": []}, "ít nhất một tiêu chí"),
    ({"criteria": [{"code": "a", "kind": "abc", "weight": 1}]}, "loại “abc” không hợp lệ"),
    ({"criteria": [{"code": "a", "kind": "council", "weight": -1}]}, "không được nhỏ hơn 0"),
    ({"criteria": [{"code": "a", "kind": "council", "weight": 1},
                   {"code": "a", "kind": "council", "weight": 1}]}, "mã bị lặp"),
    ({"criteria": [{"code": "a", "kind": "targets", "weight": 1},
                   {"code": "b", "kind": "targets", "weight": 1}]}, "một tiêu chí loại targets"),
    ({"criteria": [{"code": "a", "kind": "targets", "weight": 1}],
      "status_points": {"met": 1.5}}, "từ 0 đến 1"),
])
def test_invalid_schemes_are_refused_in_vietnamese(data, message):
    with pytest.raises(SchemeError, match=message):
        scheme_from_dict(data)
