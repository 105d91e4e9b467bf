"""`python -m kpi deck | report | brief`: the presenter's and the office's files.

Each command takes a plan, a period and optionally a unit, and writes one
file: the PowerPoint deck (.pptx), the summary workbook (.xlsx) or the
written report (.docx). Messages are Vietnamese; exit 1 for a plan, period,
unit or output the user can correct, 2 for a usage error (argparse).
"""
from __future__ import annotations

import errno
import sys
from pathlib import Path

from kpi.config import load_settings
from kpi.db import create_store_engine
from kpi.periods import parse_date, today_vn
from kpi.reports.exports import KINDS, render
from kpi.reports.presentation import load_presentation
from kpi.reports.results import ReportError
from kpi.units import unit_key

_OS_REASONS = {
    errno.ENOENT: "thư mục không tồn tại", errno.EACCES: "không có quyền ghi",
    errno.EISDIR: "đó là một thư mục", errno.ENOSPC: "hết dung lượng đĩa",
    errno.EROFS: "ổ đĩa chỉ đọc",
}
_WHAT = {"deck": "bộ trình chiếu", "report": "báo cáo tổng hợp", "brief": "báo cáo bằng văn bản"}


def cmd_export(args) -> int:
    """Write the file of `args.command` (deck, report or brief)."""
    output = Path(args.output)
    suffix = KINDS[args.command].suffix
    if output.suffix.lower() != suffix:
        raise ReportError(f"Tệp ghi ra “{output}” phải có đuôi {suffix} "
                          f"(ví dụ: -o bao-cao{suffix}).")
    settings = load_settings()
    as_of = parse_date(args.as_of) if args.as_of else today_vn()
    presentation = load_presentation(
        create_store_engine(settings.database_url), args.plan, args.period,
        unit_key=unit_key(args.unit) if args.unit else None, as_of=as_of,
        key_indicators=getattr(args, "key", ()), settings=settings, generated=today_vn())
    content = render(args.command, presentation, issued_on=today_vn())
    try:
        output.write_bytes(content)
    except OSError as exc:
        reason = _OS_REASONS.get(exc.errno, "lỗi hệ thống tệp")
        raise ReportError(f"Không ghi được tệp “{output}”: {reason}. "
                          "Chọn thư mục có sẵn và có quyền ghi, hoặc đóng tệp đang mở.") from None
    results = presentation.results
    print(f"Đã ghi {_WHAT[args.command]} ({len(results.lines)} chỉ tiêu, "
          f"{len(presentation.slides)} trang trình chiếu): {output}", file=sys.stderr)
    return 0


def add_commands(add) -> None:
    """Register deck, report and brief with the `python -m kpi` parser."""
    commands = (
        ("deck", "Xuất bộ trình chiếu PowerPoint (.pptx) với biểu đồ sửa được."),
        ("report", "Xuất báo cáo tổng hợp Excel (.xlsx) theo mẫu báo cáo."),
        ("brief", "Xuất dự thảo báo cáo bằng văn bản Word (.docx) theo Nghị định 30/2020."),
    )
    for name, help_text in commands:
        sub = add(name, cmd_export, help_text)
        sub.add_argument("--plan", required=True, help="mã kế hoạch (xem: python -m kpi plans)")
        sub.add_argument("--period", required=True,
                         help="kỳ báo cáo: 2021, 2021-H1, 2021-Q3, 2021-06, 2021-2025, 2021-D1")
        sub.add_argument("--unit", help="mã đơn vị: '91', 'vn2004:911', 'org:TV-STTTT'; "
                                        "mặc định: mọi đơn vị của kế hoạch")
        sub.add_argument("--as-of", help="số liệu tính đến ngày (dd/mm/yyyy); mặc định hôm nay")
        sub.add_argument("-o", "--output", required=True,
                         help=f"tệp ghi ra ({KINDS[name].suffix})")
        if name == "deck":
            sub.add_argument("--key", action="append", default=[], metavar="MÃ_CHỈ_TIÊU",
                             help="chỉ tiêu chủ yếu, mỗi chỉ tiêu một trang (lặp lại được)")
