"""Working days and report deadlines: weekends, Tết, compensatory days, first revisions."""
from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from kpi.actuals import ActualRecord
from kpi.emulation.calendar import (
    DEFAULT_HOLIDAYS_FILE, HolidayTableError, next_working_day, read_holidays, work_calendar,
    working_day_on_or_after,
)
from kpi.emulation.discipline import (
    ReportDeadline, check_report, check_reports, effective_deadline, expected_indicators,
    first_arrivals, on_time_share, reminders,
)

REPO = Path(__file__).resolve().parent.parent
D = dt.date
CAL = read_holidays(DEFAULT_HOLIDAYS_FILE)


@pytest.mark.parametrize("day, working", [
    (D(2021, 6, 14), True),     # Monday
    (D(2021, 6, 12), False),    # Saturday
    (D(2022, 1, 31), False),    # Giao thừa Tết Nhâm Dần
    (D(2022, 2, 4), False),     # Mùng bốn Tết
    (D(2022, 2, 7), True),      # first working day after Tết
    (D(2022, 1, 3), False),     # nghỉ bù: 1/1/2022 was a Saturday
    (D(2022, 4, 11), False),    # nghỉ bù: Giỗ Tổ 10/4/2022 was a Sunday
    (D(2021, 4, 21), False),    # Giỗ Tổ Hùng Vương 10/3 âm lịch
    (D(2021, 9, 3), False),     # the second Quốc khánh day (from 2021)
    (D(2020, 9, 3), True),      # 2020: Quốc khánh was one day
    (D(2024, 4, 29), False),    # swapped day off …
    (D(2024, 5, 4), True),      # … for this Saturday worked
])
def test_working_days(day, working):
    assert CAL.is_working_day(day) is working


@pytest.mark.parametrize("year, tet", [
    (2020, D(2020, 1, 25)), (2021, D(2021, 2, 12)), (2022, D(2022, 2, 1)), (2023, D(2023, 1, 22)),
    (2024, D(2024, 2, 10)), (2025, D(2025, 1, 29)), (2026, D(2026, 2, 17)), (2027, D(2027, 2, 6)),
    (2028, D(2028, 1, 26)), (2029, D(2029, 2, 13)),
    (2030, D(2030, 2, 2)),  # a day before China's: the Vietnamese calendar counts in UTC+7
])
def test_every_year_has_tet_and_the_fixed_holidays(year, tet):
    off = CAL.days_off
    assert off[tet].name == "Tết Nguyên Đán"
    for month, day in ((1, 1), (4, 30), (5, 1), (9, 2)):
        assert D(year, month, day) in off, (year, month, day)
    assert sum(1 for d, o in off.items() if d.year == year and "Hùng Vương" in o.name
               and o.kind == "le") == 1


@pytest.mark.parametrize("day, after, on_or_after", [
    (D(2022, 1, 31), D(2022, 2, 7), D(2022, 2, 7)),   # inside Tết
    (D(2021, 1, 31), D(2021, 2, 1), D(2021, 2, 1)),   # Sunday
    (D(2021, 6, 14), D(2021, 6, 15), D(2021, 6, 14)),  # a working Monday stays
    (D(2021, 4, 30), D(2021, 5, 4), D(2021, 5, 4)),   # 30/4, 1/5 (Sat), 2/5 (Sun), 3/5 nghỉ bù
])
def test_next_working_day(day, after, on_or_after):
    assert next_working_day(day, CAL) == after
    assert working_day_on_or_after(day, CAL) == on_or_after


def test_a_year_outside_the_table_is_refused_in_vietnamese():
    with pytest.raises(HolidayTableError, match="chưa có năm 2031"):
        CAL.is_working_day(D(2031, 3, 3))


def test_a_broken_table_names_its_line(tmp_path):
    path = tmp_path / "holidays.csv"
    path.write_text("date,kind,name,status\n2022-02-01,le,Tết,chinh_thuc\n2022-02-30,le,x,chinh_thuc\n",
                    encoding="utf-8")
    with pytest.raises(HolidayTableError, match="dòng 3"):
        read_holidays(path)


def test_the_setting_points_at_another_table(tmp_path, monkeypatch):
    path = tmp_path / "holidays.csv"
    path.write_text("date,kind,name,status\n2021-06-14,le,Ngày nghỉ địa phương,chinh_thuc\n",
                    encoding="utf-8")
    monkeypatch.setenv("KPI_HOLIDAYS_FILE", str(path))
    assert work_calendar().is_working_day(D(2021, 6, 14)) is False
    assert work_calendar().is_working_day(D(2021, 6, 15)) is True


# (written due, kind) → (last day on time after moving, why it moved)
@pytest.mark.parametrize("due, kind, deadline, moved", [
    (D(2021, 6, 15), "before", D(2021, 6, 14), None),          # seed 001 mid-year
    (D(2022, 2, 1), "before", D(2022, 2, 7), "Giao thừa"),      # seed 001 year-end: Tết Nhâm Dần
    (D(2020, 6, 15), "before", D(2020, 6, 15), "cuối tuần"),   # 14/6/2020 was a Sunday
    (D(2021, 2, 1), "before", D(2021, 2, 1), "cuối tuần"),     # 31/1/2021 a Sunday
    (D(2021, 2, 12), "by", D(2021, 2, 17), "Tết"),             # "chậm nhất ngày" in Tết Tân Sửu
    (D(2021, 6, 15), "by", D(2021, 6, 15), None),
])
def test_effective_deadline(due, kind, deadline, moved):
    effective = effective_deadline(due, kind, CAL)
    assert effective.deadline == deadline
    if moved is None:
        assert effective.moved_because is None
    else:
        assert moved in effective.moved_because


H1 = ReportDeadline("H1", "Báo cáo sơ kết 6 tháng", "2021-H1", D(2021, 6, 15))
YEAR = ReportDeadline("Y", "Báo cáo tổng kết năm", "2021", D(2022, 2, 1))


def _rec(code, period, day, standing="uoc", revision=1, unit="org:A", value=1.0):
    return ActualRecord(code, unit, period, value, standing, revision, day)


# records, as_of → (status, received, days late)
@pytest.mark.parametrize("records, deadline, status, received, late", [
    ([_rec("X", "2021-H1", D(2021, 6, 14)), _rec("Y", "2021-H1", D(2021, 6, 10))], H1,
     "on_time", D(2021, 6, 14), 0),
    # the report counts from its last indicator's first arrival
    ([_rec("X", "2021-H1", D(2021, 6, 10)), _rec("Y", "2021-H1", D(2021, 6, 17))], H1,
     "late", D(2021, 6, 17), 3),
    # revised after the deadline: the first revision's date counts
    ([_rec("X", "2021-H1", D(2021, 6, 10)), _rec("X", "2021-H1", D(2021, 7, 5), "so_bo"),
      _rec("X", "2021-H1", D(2021, 8, 1), "so_bo", 2), _rec("Y", "2021-H1", D(2021, 6, 11))], H1,
     "on_time", D(2021, 6, 11), 0),
    # during Tết the deadline moved to 07/02/2022: sent that day is on time …
    ([_rec("X", "2021", D(2022, 2, 7), "so_bo"), _rec("Y", "2021", D(2022, 1, 20), "so_bo")], YEAR,
     "on_time", D(2022, 2, 7), 0),
    # … the day after is late by one day, counted from the moved deadline
    ([_rec("X", "2021", D(2022, 2, 8), "so_bo"), _rec("Y", "2021", D(2022, 1, 20), "so_bo")], YEAR,
     "late", D(2022, 2, 8), 1),
    ([_rec("X", "2021-H1", D(2021, 6, 10))], H1, "incomplete", None, 0),
    ([], H1, "missing", None, 0),
    ([_rec("X", "2021-Q2", D(2021, 6, 10)), _rec("Y", "2021-Q2", D(2021, 6, 10))], H1,
     "missing", None, 0),  # another period's values are not this report
])
def test_report_timeliness(records, deadline, status, received, late):
    check = check_report("org:A", deadline, ("X", "Y"), first_arrivals(records, D(2022, 3, 1)),
                         D(2022, 3, 1), CAL)
    assert (check.status, check.received_on, check.days_late) == (status, received, late)


def test_values_sent_after_as_of_are_not_seen_and_a_running_deadline_is_pending():
    records = [_rec("X", "2021-H1", D(2021, 6, 10)), _rec("Y", "2021-H1", D(2021, 6, 20))]
    arrivals = first_arrivals(records, D(2021, 6, 12))
    assert check_report("org:A", H1, ("X", "Y"), arrivals, D(2021, 6, 12), CAL).status == "pending"
    arrivals = first_arrivals(records, D(2021, 6, 16))
    assert check_report("org:A", H1, ("X", "Y"), arrivals, D(2021, 6, 16), CAL).status == "incomplete"


def test_share_on_time_and_reminders():
    records = [_rec("X", "2021-H1", D(2021, 6, 10), unit="org:A"),
               _rec("X", "2021-H1", D(2021, 6, 20), unit="org:B")]
    checks = check_reports(["org:A", "org:B", "org:C"], [H1, YEAR],
                           {(u, p): ("X",) for u in ("org:A", "org:B", "org:C")
                            for p in ("2021-H1", "2021")}, records, D(2021, 7, 1), CAL)
    assert on_time_share(checks) == pytest.approx(1 / 3)  # the year reports are not due yet
    chased = reminders(checks, D(2021, 7, 1))
    assert [(c.unit_key, c.status) for c in chased] == [("org:C", "missing")]


@pytest.mark.parametrize("period, expected", [
    ("2021-H1", ("HALF", "MONTH", "QUARTER")),
    ("2021", ("HALF", "MONTH", "QUARTER", "YEAR")),
])
def test_a_half_year_report_does_not_expect_yearly_indicators(period, expected):
    frequencies = {"YEAR": "year", "HALF": "half", "QUARTER": "quarter", "MONTH": "month"}
    assert expected_indicators(period, frequencies, frequencies) == expected


@pytest.mark.refdata
def test_generator_reproduces_the_committed_holiday_table(tmp_path):
    if importlib.util.find_spec("holidays") is None:
        pytest.skip("Gói holidays chưa được cài (requirements.txt): không kiểm tra được bộ sinh bảng")
    out = tmp_path / "holidays.csv"
    result = subprocess.run([sys.executable, str(REPO / "data" / "build_holidays.py"), "--out", str(out)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == DEFAULT_HOLIDAYS_FILE.read_bytes()
