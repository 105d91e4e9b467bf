"""Report lines, sentences and slides built from the scorecard of the demo store."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from kpi.actuals import best_record
from kpi.config import load_settings
from kpi.periods import PeriodError
from kpi.reports.narrative import headline, highlights, status_sentence
from kpi.reports.presentation import BARS_PER_SLIDE, load_presentation, share_text
from kpi.reports.results import ReportError, load_plan_results
from kpi.reports.slideshow import advance, move
from kpi.scorecard import load_scorecard, scorecard_records
from kpi.store.actuals import load_actuals

AS_OF = dt.date(2026, 11, 1)
PQ, KG = "vn2004:911", "vn2004:91"


def scorecard(engine, plan: str, period: str, unit: str, as_of: dt.date = AS_OF) -> list[dict]:
    """The scorecard's own records of one plan: what every report must agree with."""
    rows = load_scorecard(engine, period, unit_key=unit, as_of=as_of, settings=load_settings())
    return [r for r in scorecard_records(rows) if r["plan"] == plan]


@pytest.mark.parametrize("plan, period, unit", [
    ("PQ-2021", "2021", PQ),
    ("KG-2021-2025", "2021", KG),
    ("KG-2021-2025", "2022", KG),
    ("KG-2021-2025", "2021-2025", KG),
])
def test_lines_carry_the_scorecard_status_actual_and_achievement(demo_engine, plan, period, unit):
    results = load_plan_results(demo_engine, plan, period, unit_key=unit, as_of=AS_OF)
    expected = scorecard(demo_engine, plan, period, unit)
    by_target = {line.target_id: line for line in results.lines}
    assert len(results.lines) == len(expected)
    assert Counter(line.status for line in results.lines) == Counter(r["status"] for r in expected)
    for record in expected:
        line = next(ln for ln in results.lines if ln.indicator_code == record["indicator_code"]
                    and ln.target_period == record["period"] and ln.kind == record["kind"])
        assert line.status == record["status"]
        assert line.actual == record["actual"]
        if record["due"] and record["achievement"] is not None and line.reading != "boolean":
            assert line.plan_share == pytest.approx(record["achievement"])
    assert len(by_target) == len(results.lines)


def test_groups_follow_the_report_order(demo_engine):
    results = load_plan_results(demo_engine, "PQ-2021", "2021", as_of=AS_OF)
    assert [heading for _g, heading, _l in results.by_group()] == [
        "Kinh tế", "Văn hóa – xã hội", "Môi trường", "Quốc phòng – an ninh", "Khác"]
    assert results.scope_label == "Thành phố Phú Quốc"  # the plan's only unit


def _best(records, period):
    return best_record([r for r in records if r.period == period])


def test_six_month_review_follows_the_year_target_with_its_cumulative(demo_engine):
    results = load_plan_results(demo_engine, "PQ-2021", "2021-H1", as_of=AS_OF)
    assert {line.status for line in results.lines} == {"not_due"}
    revenue = next(ln for ln in results.lines if ln.indicator_code == "BUDGET_REVENUE")
    with demo_engine.connect() as conn:
        records = load_actuals(conn, unit_keys=[PQ], indicator_codes=["BUDGET_REVENUE"])
    months = sum(_best(records, f"2021-{m:02d}").value for m in range(1, 7))
    assert revenue.cumulative == pytest.approx(months)
    assert revenue.plan_share == pytest.approx(months / 3400)
    assert revenue.year_estimate == _best(records, "2021").value
    assert revenue.target_figure == 3400 and revenue.forecast is not None
    assert revenue.evaluation.startswith("Chưa đến hạn, ")


def test_replaying_a_day_ignores_later_reports_and_says_how_far_the_total_goes(demo_engine):
    results = load_plan_results(demo_engine, "PQ-2021", "2021-H1", as_of=dt.date(2021, 7, 1))
    revenue = next(ln for ln in results.lines if ln.indicator_code == "BUDGET_REVENUE")
    assert revenue.year_estimate is None  # the year's estimate came in December
    assert all(source.reported_on <= dt.date(2021, 7, 1) for source in revenue.sources)
    assert "(số liệu đến tháng" in revenue.evaluation


def test_multi_year_target_seen_from_an_early_year_shows_progress_to_its_level(demo_engine):
    results = load_plan_results(demo_engine, "KG-2021-2025", "2022", unit_key=KG, as_of=AS_OF)
    forest = next(ln for ln in results.lines if ln.indicator_code == "FOREST_COVER")
    assert forest.status == "not_due" and forest.target_period == "2025"
    assert forest.plan_share == pytest.approx(forest.actual / 49)
    assert forest.cumulative is None  # a level has no running total


@pytest.mark.parametrize("plan, period, unit, error, words", [
    ("NO-PLAN", "2021", None, ReportError, "python -m kpi plans"),
    ("PQ-2021", "2021", "vn2004:91", ReportError, "vn2004:911"),
    ("PQ-2021", "2023", None, ReportError, "Chọn một kỳ"),
    ("PQ-2021", "năm ngoái", None, PeriodError, "Ví dụ"),
])
def test_refusals_say_what_to_do(demo_engine, plan, period, unit, error, words):
    with pytest.raises(error, match=words):
        load_plan_results(demo_engine, plan, period, unit_key=unit, as_of=AS_OF)


@pytest.mark.parametrize("counts, expected", [
    ({"exceeded": 10, "met": 5, "nearly": 1, "not_met": 1},
     "15/17 chỉ tiêu đạt và vượt kế hoạch (vượt 10, đạt 5); 1 chỉ tiêu gần đạt; "
     "1 chỉ tiêu không đạt."),
    ({"met": 3, "no_data": 2, "not_due": 4},
     "3/5 chỉ tiêu đạt và vượt kế hoạch; 2 chỉ tiêu chưa có số liệu; "
     "4 chỉ tiêu chưa đến hạn đánh giá."),
    ({"not_due": 2}, "Chưa có chỉ tiêu nào đến hạn đánh giá trong kỳ; "
                     "2 chỉ tiêu chưa đến hạn đánh giá."),
])
def test_status_sentence_counts(counts, expected):
    assert status_sentence(counts) == expected


def test_not_due_targets_are_told_with_their_forecasts():
    text = status_sentence({"not_due": 3}, forecasts={"on_track": 2, "needs_acceleration": 1})
    assert text.endswith("3 chỉ tiêu chưa đến hạn đánh giá (2 đúng tiến độ, 1 cần đẩy nhanh).")
    assert headline({"exceeded": 1, "met": 0, "not_met": 3}) == "1/4 chỉ tiêu đạt và vượt kế hoạch"


def test_highlights_name_the_best_and_the_weakest_once(demo_engine):
    results = load_plan_results(demo_engine, "PQ-2021", "2021", as_of=AS_OF)
    best, weak = highlights(results.lines)
    assert best.startswith("Nổi bật: Thu ngân sách nhà nước trên địa bàn 3.765,4 tỷ đồng, đạt 111%")
    assert weak.startswith("Chưa đạt kế hoạch: Lượt khách du lịch 436.000 lượt, đạt 22%")
    assert weak.count("Doanh thu dịch vụ lưu trú") == 1  # two targets, one result


def test_presentation_has_title_summary_fields_and_key_slides(demo_engine):
    deck = load_presentation(demo_engine, "PQ-2021", "2021", as_of=AS_OF,
                             key_indicators=["BUDGET_REVENUE", "TOURIST_ARRIVALS"])
    kinds = [slide.kind for slide in deck.slides]
    assert kinds[:2] == ["title", "summary"] and kinds[-2:] == ["indicator", "indicator"]
    fields = [slide for slide in deck.slides if slide.kind == "field"]
    assert fields[0].title == "Kinh tế (1/3)"
    assert all(len(slide.bars) <= BARS_PER_SLIDE for slide in fields)
    charted = {bar.line.target_id for slide in fields for bar in slide.bars}
    worded = {item.line.target_id for slide in fields for item in slide.items}
    results = deck.results
    shown = {(ln.indicator_code, ln.target_period) for ln in results.lines
             if ln.target_id in charted | worded}
    assert shown == {(ln.indicator_code, ln.target_period) for ln in results.lines}
    summary = deck.slides[1]
    assert summary.headline == headline(results.counts())
    assert "Trích kế hoạch" in fields[0].notes and "báo cáo ngày" in fields[0].notes


def test_key_indicator_outside_the_plan_is_refused(demo_engine):
    with pytest.raises(ReportError, match="không có chỉ tiêu mã “FOREST_COVER”"):
        load_presentation(demo_engine, "PQ-2021", "2021", as_of=AS_OF,
                          key_indicators=["FOREST_COVER"])


@pytest.mark.parametrize("share, short, text", [
    (1.04, False, "104%"), (0.996, True, "99,6%"), (0.9999, True, "99,9%"), (0.88, True, "88%"),
    (1.0, False, "100%"),
])
def test_bar_labels_never_round_a_shortfall_up_to_100(share, short, text):
    assert share_text(share, short) == text


@pytest.mark.parametrize("index, delta, count, expected", [
    (0, 1, 5, 1), (4, 1, 5, 4), (0, -1, 5, 0), (3, -1, 5, 2), (9, 1, 5, 4), (0, 1, 0, 0),
])
def test_move_stays_within_the_deck(index, delta, count, expected):
    assert move(index, delta, count) == expected


@pytest.mark.parametrize("shown_at, now, expected", [
    (100.0, 110.0, 2),  # not yet
    (100.0, 119.6, 3),  # a timer firing a little early still advances
    (100.0, 140.0, 3),  # one step per tick, never a jump
])
def test_auto_advance_after_the_interval(shown_at, now, expected):
    assert advance(2, 5, shown_at, now, 20) == expected
    assert advance(4, 5, shown_at, now + 100, 20) == 4  # stops at the last slide
