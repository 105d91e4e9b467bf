"""Generate data/holidays.csv, Vietnam's days off 2020–2030, from the `holidays` package.

    python data/build_holidays.py [--out FILE] [--first 2020] [--last 2030]

The app never imports `holidays`: it reads the CSV (kpi.emulation.calendar),
which an administrator may edit when the government announces a year's
schedule (point KPI_HOLIDAYS_FILE at the edited copy). The output is
deterministic (sorted rows, UTF-8, "\\n" line endings, no timestamps), so a
test re-runs this script and compares byte for byte.

Columns: date (ISO), kind, name (Vietnamese, from the package's "vi"
translation), status.

- kind `le`: a public holiday day (Labour Code 2019, art. 112: Tết Dương lịch,
  Tết Nguyên đán with the day before, Giỗ Tổ Hùng Vương 10/3 âm lịch, 30/4,
  1/5, Quốc khánh 2/9 and the day before or after it; Ngày Văn hóa Việt Nam
  24/11 from 2026, as the package has it);
- `nghi_bu`: the compensatory day when a holiday falls on a weekend (art. 111);
- `nghi_thay`: a working day given off in exchange for a Saturday worked;
- `lam_bu`: that Saturday — a weekend day that is a working day.

status `chinh_thuc` for years whose schedule the government has announced (up
to ANNOUNCED_THROUGH, as the package's references show), `du_kien` after it:
computed from the Labour Code's rules and the lunar calendar, to confirm when
the year's official schedule is published.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "holidays.csv"
ANNOUNCED_THROUGH = 2026
_SWAP = re.compile(r"\(thay cho ngày (\d{2})/(\d{2})/(\d{4})\)")


def rows(first: int, last: int) -> list[dict]:
    """One row per day off (and per Saturday worked), sorted by date then kind."""
    import holidays

    out = []
    for year in range(first, last + 1):
        status = "chinh_thuc" if year <= ANNOUNCED_THROUGH else "du_kien"
        for day, name in holidays.country_holidays("VN", years=year, language="vi").items():
            swap = _SWAP.search(name)
            if swap:
                worked = dt.date(int(swap[3]), int(swap[2]), int(swap[1]))
                out.append({"date": day, "kind": "nghi_thay", "name": name, "status": status})
                out.append({"date": worked, "kind": "lam_bu",
                            "name": f"Làm bù cho ngày nghỉ {day:%d/%m/%Y}", "status": status})
            elif "(nghỉ bù" in name:
                out.append({"date": day, "kind": "nghi_bu", "name": name, "status": status})
            else:
                out.append({"date": day, "kind": "le", "name": name, "status": status})
    return sorted(out, key=lambda r: (r["date"], r["kind"]))


def render(table: list[dict]) -> str:
    """The CSV text of `table`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["date", "kind", "name", "status"],
                            lineterminator="\n")
    writer.writeheader()
    for row in table:
        writer.writerow({**row, "date": row["date"].isoformat()})
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Sinh bảng ngày nghỉ lễ, Tết của Việt Nam.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="tệp CSV ghi ra")
    parser.add_argument("--first", type=int, default=2020, help="năm đầu")
    parser.add_argument("--last", type=int, default=2030, help="năm cuối")
    args = parser.parse_args(argv)
    table = rows(args.first, args.last)
    args.out.write_text(render(table), encoding="utf-8", newline="")
    print(f"{len(table)} dòng, {args.first}–{args.last} → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
