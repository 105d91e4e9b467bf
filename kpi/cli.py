"""Command line: `python -m kpi …` (each command has --help).

JSON goes to stdout as a list of objects (one object where a command says
so) with numbers as JSON numbers in the indicator's measure (49 for 49%);
messages go to stderr in Vietnamese. Exit codes: 0 success, 1 a refusal or
failure the user can act on, 2 a usage error.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Sequence

from kpi.accounts import ensure_first_admin
from kpi.backup import BackupError
from kpi.config import load_settings
from kpi.db import create_store_engine, upgrade
from kpi.periods import PeriodError, parse_date, today_vn
from kpi.scorecard import load_scorecard, scorecard_records
from kpi.units import UnitCodeError, key_to_code, unit_key

# argparse speaks English; users read Vietnamese.
_USAGE_MESSAGES = (
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"tham số không nhận ra: \1"),
    (r"argument (\S+): expected one argument", r"tham số \1 cần một giá trị"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
     r"tham số \1: lựa chọn không hợp lệ \2 (chọn một trong: \3)"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"lệnh không hợp lệ \1 (chọn một trong: \2)"),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # noqa: D401 - argparse's hook
        for pattern, replacement in _USAGE_MESSAGES:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi: {message}\n")


class CommandError(Exception):
    """A failure to report in Vietnamese with exit code 1."""


def _emit(payload) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _engine():
    return create_store_engine(load_settings().database_url)


def cmd_init(args) -> int:
    from kpi.demo import prepare_store

    engine = _engine()
    before = upgrade(engine)[0]
    added = prepare_store(engine)
    state = "đã tạo mới" if before is None else "đã nâng cấp/kiểm tra"
    print(f"Cơ sở dữ liệu {state}; thêm {added} đơn vị hành chính.", file=sys.stderr)
    password = ensure_first_admin(engine, load_settings().admin_password or None)
    if password is not None:
        print("Đã tạo tài khoản quản trị đầu tiên: tên đăng nhập 'admin', mật khẩu:",
              file=sys.stderr)
        print(password)
        print("Hãy lưu mật khẩu này: nó chỉ hiện một lần.", file=sys.stderr)
    return 0


def cmd_demo(args) -> int:
    from kpi.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
    from kpi.auth import ROLE_LABELS
    from kpi.demo import load_demo

    engine = _engine()
    summary = load_demo(engine)
    if summary.actuals == 0:
        print("Dữ liệu minh họa đã có sẵn; không nạp lại.", file=sys.stderr)
    else:
        print(
            f"Đã nạp dữ liệu minh họa: {summary.indicators} chỉ tiêu, {summary.plans} kế hoạch, "
            f"{summary.targets} mục tiêu, {summary.actuals} số liệu.",
            file=sys.stderr,
        )
    # Demo accounts only in demo mode, each with a password generated now and shown once.
    created = ensure_demo_accounts(engine, load_settings().demo)
    if created:
        print("Tài khoản minh họa (mật khẩu chỉ hiện một lần, hãy lưu lại):", file=sys.stderr)
        roles = {name: role for name, _label, role, _scopes in DEMO_ACCOUNTS}
        for username, password in created.items():
            print(f"{username}\t{password}\t{ROLE_LABELS[roles[username]]['vi']}")
    return 0


def cmd_backup(args) -> int:
    from kpi.backup import backup

    path = backup(load_settings().database_url, Path(args.output))
    print(f"Đã sao lưu vào {path}", file=sys.stderr)
    return 0


def cmd_restore(args) -> int:
    from kpi.backup import restore

    restore(load_settings().database_url, Path(args.input))
    print(f"Đã khôi phục từ {args.input}", file=sys.stderr)
    return 0


def cmd_units(args) -> int:
    from kpi.store.units import load_units

    with _engine().connect() as conn:
        units = load_units(conn)
    if args.level:
        units = [u for u in units if u.level == args.level]
    if args.parent:
        parent = unit_key(args.parent)
        units = [u for u in units if u.parent_key == parent]
    rows = [
        {"unit_code": u.unit_code, "code_system": u.code_system, "code": u.code,
         "name": u.name, "type": u.type, "level": u.level,
         "parent_code": key_to_code(u.parent_key) if u.parent_key else None,
         "valid_from": u.valid_from, "valid_to": u.valid_to}
        for u in units
    ]
    _output(args, rows, lambda r: f"{r['unit_code']:>14}  {r['type']} {r['name']}")
    return 0


def cmd_indicators(args) -> int:
    from kpi.store.catalog import load_indicators

    with _engine().connect() as conn:
        catalogue = load_indicators(conn)
    rows = [
        {"indicator_code": i.code, "name": i.name, "name_en": i.name_en, "measure": i.measure,
         "group": i.group, "polarity": i.polarity, "temporal": i.temporal,
         "aggregation": i.aggregation, "numerator": i.numerator, "denominator": i.denominator,
         "parent": i.parent, "frequency": i.frequency}
        for i in catalogue.values()
    ]
    _output(args, rows, lambda r: f"{r['indicator_code']:<28} {r['name']} ({r['measure']})")
    return 0


def cmd_plans(args) -> int:
    from kpi.store.catalog import load_plans, load_targets

    with _engine().connect() as conn:
        plans = load_plans(conn)
        counts = {}
        for target in load_targets(conn):
            counts[target.plan_code] = counts.get(target.plan_code, 0) + 1
    rows = [
        {"code": p.code, "title": p.title, "number": p.number, "issuer": p.issuer,
         "issued_on": p.issued_on, "unit_code": key_to_code(p.unit_key) if p.unit_key else None,
         "period": p.period, "kind": p.kind, "parent_plan": p.parent_plan,
         "targets": counts.get(p.code, 0)}
        for p in plans
    ]
    _output(args, rows, lambda r: f"{r['code']:<16} {r['period']:<10} {r['title']}")
    return 0


def cmd_status(args) -> int:
    settings = load_settings()
    as_of = parse_date(args.as_of) if args.as_of else today_vn()
    key = unit_key(args.unit) if args.unit else None
    rows = load_scorecard(_engine(), args.period, unit_key=key, as_of=as_of, settings=settings)
    records = scorecard_records(rows)
    if args.plan:
        records = [r for r in records if r["plan"] == args.plan]
    _output(args, records, lambda r: (
        f"{r['status']:<9} {r['indicator'][:60]:<60} {r['unit']:<24} {r['period']:<10}"
        f" {r['actual_text']:>16}  {r['achievement_text']}"
    ))
    return 0


def _output(args, rows, line) -> None:
    if args.json:
        _emit(rows)
    else:
        for row in rows:
            print(line(row))


def build_parser() -> argparse.ArgumentParser:
    """The `python -m kpi` parser with every command."""
    parser = _Parser(prog="python -m kpi", description="Chỉ tiêu — theo dõi thực hiện chỉ tiêu.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                     metavar="LỆNH")

    def add(name, handler, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    add("init", cmd_init, "Tạo hoặc nâng cấp cơ sở dữ liệu, nạp danh mục đơn vị hành chính.")
    add("demo", cmd_demo, "Nạp dữ liệu minh họa từ các kế hoạch mẫu (chỉ khi chưa có).")
    add("backup", cmd_backup, "Sao lưu cơ sở dữ liệu (được cả khi ứng dụng đang chạy).") \
        .add_argument("-o", "--output", required=True, help="tệp sao lưu")
    add("restore", cmd_restore, "Khôi phục cơ sở dữ liệu từ bản sao lưu (thay thế dữ liệu hiện có).") \
        .add_argument("-i", "--input", required=True, help="tệp sao lưu")
    units = add("units", cmd_units, "Liệt kê đơn vị (tỉnh, huyện, xã, cơ quan).")
    units.add_argument("--level", choices=["province", "district", "commune", "agency"],
                       help="chỉ một cấp")
    units.add_argument("--parent", help="chỉ đơn vị trực thuộc mã này")
    add("indicators", cmd_indicators, "Liệt kê danh mục chỉ tiêu.")
    add("plans", cmd_plans, "Liệt kê kế hoạch; mã kế hoạch dùng cho --plan.")
    status = add("status", cmd_status, "Tình hình thực hiện chỉ tiêu của một kỳ.")
    status.add_argument("--period", required=True,
                        help="kỳ: 2021, 2021-H1, 2021-Q3, 2021-06, 2021-2025, đợt 2021-D1")
    status.add_argument("--unit", help="mã đơn vị: '91', 'vn2004:91', 'org:TV-STTTT'")
    status.add_argument("--plan", help="chỉ các chỉ tiêu của kế hoạch này")
    status.add_argument("--as-of", help="ngày xem xét (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay")
    for sub in (units, commands.choices["indicators"], commands.choices["plans"], status):
        sub.add_argument("--json", action="store_true", help="in JSON ra stdout")
    # Each feature registers its own commands: add(name, handler, help) → subparser.
    for add_feature_commands in _feature_commands():
        add_feature_commands(add)
    return parser


def _feature_commands():
    """The `add_commands(add)` functions of the feature packages, in help order."""
    from kpi.emulation.commands import add_commands as emulation_commands
    from kpi.extract.commands import add_commands as plan_commands
    from kpi.ingest.commands import add_commands as ingest_commands
    from kpi.reports.commands import add_commands as report_commands

    return [ingest_commands, plan_commands, emulation_commands, report_commands]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (PeriodError, UnitCodeError, CommandError, BackupError, ValueError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
