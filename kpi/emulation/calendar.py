"""Vietnam's working days: weekends, public holidays, compensatory and swapped days.

The days off come from a table (data/holidays.csv, or the file the
KPI_HOLIDAYS_FILE setting names) because Tết Nguyên đán and Giỗ Tổ Hùng
Vương follow the lunar calendar and the government announces each year's
schedule (compensatory days, a Saturday worked in exchange for a bridge day).
`python data/build_holidays.py` regenerates it; an administrator may edit it.

A working day is Monday to Friday and not a day off, or a Saturday the table
marks as worked (`lam_bu`). A date in a year the table does not cover raises
HolidayTableError rather than guessing where Tết falls. Dates are calendar
days in Vietnam (kpi.periods.today_vn gives today's).
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kpi.config import DATA_DIR

DEFAULT_HOLIDAYS_FILE = DATA_DIR / "holidays.csv"
DAY_OFF_KINDS = ("le", "nghi_bu", "nghi_thay")
KINDS = DAY_OFF_KINDS + ("lam_bu",)
KIND_LABELS = {
    "le": "nghỉ lễ, Tết", "nghi_bu": "nghỉ bù", "nghi_thay": "nghỉ hoán đổi",
    "lam_bu": "ngày làm bù", "weekend": "nghỉ cuối tuần",
}
# No schedule moves a deadline further than this; a longer run means a broken table.
_MAX_DAYS_OFF_IN_A_ROW = 21


class HolidayTableError(ValueError):
    """The holiday table is unreadable or lacks a year (Vietnamese message)."""


@dataclass(frozen=True)
class DayOff:
    """One row of the table: a day off (or a Saturday worked) and why."""

    date: dt.date
    kind: str
    name: str
    status: str = "chinh_thuc"  # or "du_kien": computed, to confirm


@dataclass(frozen=True)
class WorkCalendar:
    """Days off by date, Saturdays worked, and the years the table covers."""

    days_off: dict[dt.date, DayOff]
    worked_weekends: dict[dt.date, DayOff]
    years: frozenset[int]
    source: str = ""

    def _check(self, day: dt.date) -> None:
        if day.year not in self.years:
            span = f"{min(self.years)}–{max(self.years)}" if self.years else "không năm nào"
            raise HolidayTableError(
                f"Bảng ngày nghỉ lễ ({self.source or 'holidays.csv'}) chưa có năm {day.year} "
                f"(đang có {span}): bổ sung ngày nghỉ Tết Nguyên đán, Giỗ Tổ Hùng Vương của năm "
                f"đó, hoặc chạy python data/build_holidays.py --last {day.year}."
            )

    def is_working_day(self, day: dt.date) -> bool:
        """True for Monday–Friday that is not a day off, and for a Saturday worked.

        Raises HolidayTableError when the table does not cover `day`'s year.
        """
        self._check(day)
        if day in self.worked_weekends:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def why_off(self, day: dt.date) -> str | None:
        """Why `day` is not a working day ("Tết Nguyên Đán (nghỉ lễ, Tết)"), or None."""
        if self.is_working_day(day):
            return None
        if day in self.days_off:
            off = self.days_off[day]
            return f"{off.name} ({KIND_LABELS[off.kind]})"
        return KIND_LABELS["weekend"]

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        candidate = day
        for _ in range(_MAX_DAYS_OFF_IN_A_ROW + 1):
            candidate += dt.timedelta(days=1)
            if self.is_working_day(candidate):
                return candidate
        raise HolidayTableError(
            f"Hơn {_MAX_DAYS_OFF_IN_A_ROW} ngày nghỉ liên tiếp sau {day:%d/%m/%Y}: "
            "kiểm tra lại bảng ngày nghỉ lễ.")

    def on_or_after(self, day: dt.date) -> dt.date:
        """`day` when it is a working day, else the next one: where a deadline
        falling on a weekend or a holiday moves (Civil Code 2015, art. 148)."""
        return day if self.is_working_day(day) else self.next_working_day(day)


def read_holidays(path: Path | str) -> WorkCalendar:
    """Read a holiday table (columns date, kind, name, status; ISO dates).

    Raises HolidayTableError naming the line of a bad date or kind, or when
    the file is missing.
    """
    path = Path(path)
    if not path.is_file():
        raise HolidayTableError(
            f"Không tìm thấy bảng ngày nghỉ lễ {path}: chạy python data/build_holidays.py "
            "hoặc đặt KPI_HOLIDAYS_FILE.")
    days_off: dict[dt.date, DayOff] = {}
    worked: dict[dt.date, DayOff] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                day = dt.date.fromisoformat((row.get("date") or "").strip())
            except ValueError:
                raise HolidayTableError(
                    f"{path.name}, dòng {line}: ngày “{row.get('date')}” không hợp lệ "
                    "(viết dạng 2022-02-01).") from None
            kind = (row.get("kind") or "").strip()
            if kind not in KINDS:
                raise HolidayTableError(
                    f"{path.name}, dòng {line}: loại “{kind}” không hợp lệ "
                    f"(một trong: {', '.join(KINDS)}).")
            entry = DayOff(day, kind, (row.get("name") or "").strip(),
                           (row.get("status") or "chinh_thuc").strip())
            (worked if kind == "lam_bu" else days_off)[day] = entry
    years = frozenset(d.year for d in days_off)
    return WorkCalendar(days_off, worked, years, path.name)


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> WorkCalendar:
    return read_holidays(path)


def work_calendar(path: Path | str | None = None) -> WorkCalendar:
    """The calendar of `path` (default: the KPI_HOLIDAYS_FILE setting),
    re-read when the file changes."""
    if path is None:
        from kpi.config import load_settings

        path = getattr(load_settings(), "holidays_file", None) or DEFAULT_HOLIDAYS_FILE
    path = Path(path)
    mtime = path.stat().st_mtime if path.is_file() else 0.0
    return _cached(str(path), mtime)


def is_working_day(day: dt.date, calendar: WorkCalendar | None = None) -> bool:
    """True when `day` is a working day in Vietnam (see WorkCalendar.is_working_day)."""
    return (calendar or work_calendar()).is_working_day(day)


def next_working_day(day: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """The first working day strictly after `day`."""
    return (calendar or work_calendar()).next_working_day(day)


def working_day_on_or_after(day: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """`day` if it is a working day, else the next working day."""
    return (calendar or work_calendar()).on_or_after(day)
