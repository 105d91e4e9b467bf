"""Reporting periods: codes, labels both ways, relations, elapsed share, dates, Vietnam time."""
from datetime import date, datetime, timedelta, timezone

import pytest

from kpi.periods import (
    VN_TZ,
    Period,
    PeriodError,
    contains,
    elapsed_share,
    format_date,
    is_ended,
    make_phase,
    parse_date,
    parse_period,
    parse_period_label,
    period_label,
    periods_to_date,
    previous_period,
    same_period_last_year,
    subperiods,
    today_vn,
)

D = date.fromisoformat
# The three phases of seed 000 (000_*.schedule.json).
PHASES = {
    "2021-D1": make_phase("2021-D1", "Đợt thứ nhất", D("2021-01-01"), D("2021-03-31")),
    "2021-D2": make_phase("2021-D2", "Đợt thứ hai", D("2021-04-01"), D("2021-06-30")),
    "2021-D3": make_phase("2021-D3", "Đợt thứ ba", D("2021-07-01"), D("2021-12-31")),
}


@pytest.mark.parametrize(
    ("code", "kind", "start", "end"),
    [
        ("2021", "year", "2021-01-01", "2021-12-31"),
        ("2022-H1", "half", "2022-01-01", "2022-06-30"),
        ("2022-H2", "half", "2022-07-01", "2022-12-31"),
        ("2021-Q3", "quarter", "2021-07-01", "2021-09-30"),
        ("2021-Q1", "quarter", "2021-01-01", "2021-03-31"),
        ("2021-06", "month", "2021-06-01", "2021-06-30"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2023-02", "month", "2023-02-01", "2023-02-28"),
        ("2021-2025", "term", "2021-01-01", "2025-12-31"),
        (" 2021-q3 ", "quarter", "2021-07-01", "2021-09-30"),
    ],
)
def test_parse_period(code, kind, start, end):
    period = parse_period(code)
    assert (period.code, period.kind) == (code.strip().upper(), kind)
    assert (period.start, period.end) == (D(start), D(end))


def test_parse_period_resolves_phases_from_the_plan():
    assert parse_period("2021-D2", PHASES) == PHASES["2021-D2"]
    assert parse_period("2021-d3", PHASES).end == D("2021-12-31")


@pytest.mark.parametrize(
    ("code", "phases"),
    [
        ("2021-Q5", None), ("2021-13", None), ("2021-00", None), ("2021-H3", None),
        ("abc", None), ("", None), ("21", None), ("2025-2021", None), ("2021-2021", None),
        ("0000", None), ("2021-D1", None), ("2021-D9", PHASES), ("Quý III/2021", None),
    ],
)
def test_parse_period_rejects(code, phases):
    with pytest.raises(PeriodError):
        parse_period(code, phases)


def test_period_error_is_vietnamese_value_error():
    with pytest.raises(ValueError, match="Kỳ báo cáo không hợp lệ: “2021-Q5”"):
        parse_period("2021-Q5")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("D1", "Đợt 1", D("2021-01-01"), D("2021-03-31")), "Mã đợt thi đua không hợp lệ"),
        (("2021-D1", "Đợt 1", D("2021-03-31"), D("2021-01-01")), "sau ngày kết thúc 01/01/2021"),
    ],
)
def test_make_phase_rejects(args, message):
    with pytest.raises(PeriodError, match=message):
        make_phase(*args)


def test_period_rejects_unknown_kind():
    with pytest.raises(PeriodError, match="Loại kỳ báo cáo không hợp lệ"):
        Period("2021-W1", "week", D("2021-01-04"), D("2021-01-10"))


@pytest.mark.parametrize(
    ("code", "vi", "en"),
    [
        ("2021", "Năm 2021", "Year 2021"),
        ("2022-H1", "6 tháng đầu năm 2022", "H1 2022"),
        ("2022-H2", "6 tháng cuối năm 2022", "H2 2022"),
        ("2021-Q3", "Quý III/2021", "Q3 2021"),
        ("2021-Q4", "Quý IV/2021", "Q4 2021"),
        ("2021-06", "Tháng 6/2021", "June 2021"),
        ("2021-12", "Tháng 12/2021", "December 2021"),
        ("2021-2025", "Giai đoạn 2021\u20132025", "2021\u20132025"),
    ],
)
def test_period_label(code, vi, en):
    assert period_label(code) == vi
    assert period_label(parse_period(code), "en") == en


@pytest.mark.parametrize(
    ("phase", "vi", "en"),
    [
        (PHASES["2021-D1"], "Đợt thứ nhất năm 2021", "Đợt thứ nhất"),
        (make_phase("2021-D4", "Đợt cao điểm 2021", D("2021-09-01"), D("2021-09-30")),
         "Đợt cao điểm 2021", "Đợt cao điểm 2021"),
    ],
)
def test_phase_label(phase, vi, en):
    assert period_label(phase) == vi
    assert period_label(phase, "en") == en


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Quý III/2021", "2021-Q3"),
        ("Quý 3/2021", "2021-Q3"),
        ("quý III năm 2021", "2021-Q3"),
        ("QUÝ iv/2021", "2021-Q4"),
        ("Qúy I/2021", "2021-Q1"),  # old tone placement
        ("quy ii/2021", "2021-Q2"),  # typed without accents
        ("Q3/2021", "2021-Q3"),
        ("Q3 2021", "2021-Q3"),
        ("Quý III - 2021", "2021-Q3"),
        ("6 tháng đầu năm 2022", "2022-H1"),
        ("6 tháng cuối năm 2022", "2022-H2"),
        ("6 tháng  đầu  2022", "2022-H1"),
        ("H2 2022", "2022-H2"),
        ("Tháng 6/2021", "2021-06"),
        ("tháng 06/2021", "2021-06"),
        ("tháng 6 năm 2021", "2021-06"),
        ("T6/2021", "2021-06"),
        ("06/2021", "2021-06"),
        ("6/2021", "2021-06"),
        ("June 2021", "2021-06"),
        ("Sep 2021", "2021-09"),
        ("Năm 2021", "2021"),
        ("năm 2021", "2021"),
        ("2021", "2021"),
        ("Year 2021", "2021"),
        ("Giai đoạn 2021-2025", "2021-2025"),
        ("giai đoạn 2021 – 2025", "2021-2025"),
        ("2021-2025", "2021-2025"),
        ("2021–2025", "2021-2025"),
        ("2021 — 2025", "2021-2025"),
        ("2021-H1", "2021-H1"),
        ("2021-q3", "2021-Q3"),
        ("2021-06", "2021-06"),
        ("Quy\u0301 III/2021", "2021-Q3"),  # decomposed accent
    ],
)
def test_parse_period_label(text, code):
    assert parse_period_label(text).code == code


@pytest.mark.parametrize(
    "code",
    ["2021", "2022-H1", "2022-H2", "2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4",
     "2021-01", "2021-06", "2021-12", "2021-2025", "2016-2020"],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_labels_round_trip(code, lang):
    period = parse_period(code)
    label = period_label(period, lang)
    assert parse_period_label(label) == period
    assert period_label(parse_period_label(label), lang) == label


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Đợt thứ nhất năm 2021", "2021-D1"),
        ("đợt thứ hai năm 2021", "2021-D2"),
        ("Đợt thứ ba", "2021-D3"),
        ("2021-D1", "2021-D1"),
        ("Quý I/2021", "2021-Q1"),  # same dates as phase 1, still the quarter
    ],
)
def test_parse_period_label_with_phases(text, code):
    assert parse_period_label(text, PHASES).code == code


@pytest.mark.parametrize("text", ["", "Đợt thứ tư", "Đợt thứ nhất năm 2022", "2021-D4"])
def test_parse_period_label_with_phases_rejects(text):
    with pytest.raises(PeriodError):
        parse_period_label(text, PHASES)


def test_parse_period_label_refuses_a_phase_name_shared_by_two_years():
    again = make_phase("2022-D1", "Đợt thứ nhất", D("2022-01-01"), D("2022-03-31"))
    phases = {**PHASES, "2022-D1": again}
    with pytest.raises(PeriodError, match="nhiều đợt thi đua"):
        parse_period_label("Đợt thứ nhất", phases)
    assert parse_period_label("Đợt thứ nhất năm 2022", phases).code == "2022-D1"


@pytest.mark.parametrize(
    "text",
    ["Quý V/2021", "Tháng 13/2021", "Tháng 0/2021", "6 tháng giữa năm 2022", "hôm qua", "",
     "Giai đoạn 2025-2021", "Đợt thứ nhất năm 2021", "Quý III/21", "2021-D1"],
)
def test_parse_period_label_rejects(text):
    with pytest.raises(PeriodError):
        parse_period_label(text)


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("2021", "2021-Q3", True),
        ("2021", "2021-12", True),
        ("2021", "2021", True),
        ("2021-H1", "2021-Q2", True),
        ("2021-H1", "2021-Q3", False),
        ("2021-Q3", "2021", False),
        ("2021-2025", "2025", True),
        ("2021-2025", "2020-12", False),
        ("2022", "2021-12", False),
    ],
)
def test_contains(outer, inner, expected):
    assert contains(parse_period(outer), parse_period(inner)) is expected


def test_contains_phase():
    assert contains(parse_period("2021-H2"), PHASES["2021-D3"])
    assert not contains(parse_period("2021-Q1"), PHASES["2021-D2"])


@pytest.mark.parametrize(
    ("period", "kind", "count", "first", "last"),
    [
        ("2021", "month", 12, "2021-01", "2021-12"),
        ("2021", "quarter", 4, "2021-Q1", "2021-Q4"),
        ("2021", "half", 2, "2021-H1", "2021-H2"),
        ("2021", "year", 1, "2021", "2021"),
        ("2021-H2", "month", 6, "2021-07", "2021-12"),
        ("2021-H2", "quarter", 2, "2021-Q3", "2021-Q4"),
        ("2021-Q3", "month", 3, "2021-07", "2021-09"),
        ("2021-2025", "year", 5, "2021", "2025"),
        ("2021-2025", "quarter", 20, "2021-Q1", "2025-Q4"),
    ],
)
def test_subperiods(period, kind, count, first, last):
    parts = subperiods(parse_period(period), kind)
    assert len(parts) == count
    assert (parts[0].code, parts[-1].code) == (first, last)
    assert all(a.end + timedelta(days=1) == b.start for a, b in zip(parts, parts[1:]))


def test_subperiods_of_a_phase_on_calendar_boundaries():
    assert [p.code for p in subperiods(PHASES["2021-D3"], "quarter")] == ["2021-Q3", "2021-Q4"]


@pytest.mark.parametrize(
    ("period", "kind"),
    [
        (parse_period("2021-Q1"), "half"),
        (parse_period("2021-06"), "year"),
        (parse_period("2021"), "term"),
        (parse_period("2021"), "week"),
        (make_phase("2021-D9", "Đợt giữa tháng", D("2021-01-15"), D("2021-03-31")), "month"),
    ],
)
def test_subperiods_rejects(period, kind):
    with pytest.raises(PeriodError):
        subperiods(period, kind)


@pytest.mark.parametrize(
    ("code", "previous"),
    [
        ("2021-Q1", "2020-Q4"),
        ("2021-Q3", "2021-Q2"),
        ("2021", "2020"),
        ("2021-H1", "2020-H2"),
        ("2021-H2", "2021-H1"),
        ("2021-01", "2020-12"),
        ("2021-07", "2021-06"),
        ("2021-2025", "2016-2020"),
    ],
)
def test_previous_period(code, previous):
    assert previous_period(parse_period(code)) == parse_period(previous)


@pytest.mark.parametrize(
    ("code", "last_year"),
    [("2021-Q1", "2020-Q1"), ("2021", "2020"), ("2021-H2", "2020-H2"), ("2021-01", "2020-01"),
     ("2024-02", "2023-02")],
)
def test_same_period_last_year(code, last_year):
    assert same_period_last_year(parse_period(code)) == parse_period(last_year)


@pytest.mark.parametrize(
    ("function", "period"),
    [
        (previous_period, PHASES["2021-D1"]),
        (same_period_last_year, PHASES["2021-D1"]),
        (same_period_last_year, parse_period("2021-2025")),
    ],
)
def test_relations_refuse_periods_without_a_counterpart(function, period):
    with pytest.raises(PeriodError):
        function(period)


@pytest.mark.parametrize(
    ("year", "at", "kind", "codes"),
    [
        (2021, "2021-06-30", "quarter", ["2021-Q1", "2021-Q2"]),
        (2021, "2021-06-29", "quarter", ["2021-Q1"]),
        (2021, "2021-02-01", "month", ["2021-01"]),
        (2021, "2020-12-31", "month", []),
        (2021, "2022-01-01", "half", ["2021-H1", "2021-H2"]),
        (2021, "2021-12-31", "year", ["2021"]),
        (2021, "2021-12-30", "year", []),
    ],
)
def test_periods_to_date(year, at, kind, codes):
    assert [p.code for p in periods_to_date(year, D(at), kind)] == codes


@pytest.mark.parametrize(
    ("code", "at", "share"),
    [
        ("2021", "2021-06-30", 181 / 365),
        ("2021", "2021-01-01", 1 / 365),
        ("2021", "2020-12-31", 0.0),
        ("2021", "2021-12-31", 1.0),
        ("2021", "2022-03-01", 1.0),
        ("2020", "2020-02-29", 60 / 366),
        ("2021-Q3", "2021-08-15", 46 / 92),
        ("2021-2025", "2023-12-31", 1095 / 1826),
    ],
)
def test_elapsed_share(code, at, share):
    assert elapsed_share(parse_period(code), D(at)) == pytest.approx(share)


@pytest.mark.parametrize(
    ("code", "at", "ended"),
    [
        ("2021-Q2", "2021-06-29", False),
        ("2021-Q2", "2021-06-30", True),
        ("2021-Q2", "2021-07-01", True),
        ("2021", "2021-06-30", False),
    ],
)
def test_is_ended(code, at, ended):
    assert is_ended(parse_period(code), D(at)) is ended


def test_sort_key_orders_chronologically_shorter_first():
    codes = ["2021-2025", "2021", "2021-Q2", "2021-H1", "2021-02", "2021-Q1", "2021-01", "2020-12"]
    periods = [parse_period(code) for code in codes] + [PHASES["2021-D1"]]
    ordered = [p.code for p in sorted(periods, key=lambda p: p.sort_key)]
    assert ordered == [
        "2020-12", "2021-01", "2021-Q1", "2021-D1", "2021-H1", "2021", "2021-2025",
        "2021-02", "2021-Q2",
    ]


@pytest.mark.parametrize(
    ("d", "lang", "text"),
    [(D("2021-06-05"), "vi", "05/06/2021"), (D("2021-12-31"), "vi", "31/12/2021"),
     (D("2021-06-05"), "en", "2021-06-05"), (datetime(2021, 6, 5, 23, 0), "vi", "05/06/2021")],
)
def test_format_date(d, lang, text):
    assert format_date(d, lang) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/6/2021", "2021-06-15"),
        ("15/06/2021", "2021-06-15"),
        ("15-06-2021", "2021-06-15"),
        ("15.06.2021", "2021-06-15"),
        ("2021-06-15", "2021-06-15"),
        ("ngày 15 tháng 6 năm 2021", "2021-06-15"),
        ("Ngày 01 tháng 02 năm 2022", "2022-02-01"),
        (" 1/2/2022 ", "2022-02-01"),
        ("29/02/2024", "2024-02-29"),
        (datetime(2021, 6, 15, 8, 30), "2021-06-15"),
        (D("2021-06-15"), "2021-06-15"),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == D(expected)


@pytest.mark.parametrize(
    "text", ["31/02/2021", "29/02/2023", "15/6/21", "hôm nay", "2021/13/01", "", "15/13/2021"]
)
def test_parse_date_rejects(text):
    with pytest.raises(PeriodError, match="Ngày không hợp lệ"):
        parse_date(text)


@pytest.mark.parametrize(
    ("now", "today"),
    [
        (datetime(2021, 6, 30, 20, 0, tzinfo=timezone.utc), "2021-07-01"),
        (datetime(2021, 6, 30, 16, 59, tzinfo=timezone.utc), "2021-06-30"),
        (datetime(2021, 6, 30, 17, 0, tzinfo=timezone.utc), "2021-07-01"),
        (datetime(2021, 12, 31, 23, 30, tzinfo=VN_TZ), "2021-12-31"),
    ],
)
def test_today_vn(now, today):
    assert today_vn(now) == D(today)


def test_today_vn_now():
    before = datetime.now(VN_TZ).date()
    today = today_vn()
    assert before <= today <= datetime.now(VN_TZ).date()


def test_today_vn_refuses_naive_time():
    with pytest.raises(PeriodError, match="thiếu múi giờ"):
        today_vn(datetime(2021, 6, 30, 20, 0))
