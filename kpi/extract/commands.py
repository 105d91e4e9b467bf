"""`python -m kpi extract-targets | import-targets | targets-template`.

`extract-targets FILE --json` prints the proposed targets (DESIGN.md §5)
of a .txt/.docx/.pdf plan; with `--all` one object: plan (header), targets,
phases, deadlines, actuals. It reads no database. `import-targets FILE.xlsx`
commits a filled targets workbook (all or nothing, as uploads of actual
values); `targets-template -o FILE.xlsx` writes the blank workbook. Until the
command line signs users in, it acts as an administrator and records the name
given with `--user`. Exit codes: 0 done, 1 refused (nothing written), 2 usage.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kpi.auth import SYSTEM_USER, User

_USER_HELP = "tên người thực hiện, ghi vào lịch sử (mặc định: system)"


def _emit(payload) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _engine():
    from kpi.config import load_settings
    from kpi.db import create_store_engine

    return create_store_engine(load_settings().database_url)


def cmd_extract_targets(args) -> int:
    from kpi.extract import extract_file
    from kpi.extract.text import DocumentError

    try:
        extraction = extract_file(args.file)
    except DocumentError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    if args.json:
        _emit(extraction.to_dict() if args.all else [t.to_dict() for t in extraction.targets])
        return 0
    for t in extraction.targets:
        figure = t.value if t.value is not None else f"{t.min}–{t.max}" if t.min is not None else "—"
        print(f"{t.direction:<21} {figure!s:>12} {t.unit or '':<16} {t.period:<22} {t.indicator}")
    print(f"{len(extraction.targets)} chỉ tiêu, {len(extraction.phases)} đợt thi đua, "
          f"{len(extraction.deadlines)} hạn báo cáo, {len(extraction.actuals)} số liệu kết quả.",
          file=sys.stderr)
    return 0


def cmd_targets_template(args) -> int:
    from kpi.extract.workbook import build_template
    from kpi.store.catalog import load_indicators

    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        print(f"Lỗi: tệp mẫu “{output}” phải có đuôi .xlsx.", file=sys.stderr)
        return 1
    with _engine().connect() as conn:
        catalogue = load_indicators(conn)
    try:
        output.write_bytes(build_template(catalogue))
    except OSError as exc:
        print(f"Lỗi: không ghi được tệp “{output}” ({exc.strerror}); chọn thư mục có quyền ghi.",
              file=sys.stderr)
        return 1
    print(f"Đã ghi mẫu nhập chỉ tiêu: {output}", file=sys.stderr)
    return 0


def cmd_import_targets(args) -> int:
    from kpi.extract.review import commit_review
    from kpi.extract.workbook import FileRefused, WorkbookError, read_targets_workbook
    from kpi.store.catalog import load_indicators

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"Lỗi: không mở được tệp “{path}” ({exc.strerror}).", file=sys.stderr)
        return 1
    engine = _engine()
    with engine.connect() as conn:
        catalogue = load_indicators(conn)
    user = User((args.user or SYSTEM_USER.username).strip(), args.user or SYSTEM_USER.display_name, "admin")
    try:
        header, frame = read_targets_workbook(data, path.name, catalogue)
        outcome = commit_review(engine, frame, header, user, dry_run=args.dry_run)
        errors = outcome.errors
    except (WorkbookError, FileRefused) as exc:
        outcome, errors = None, getattr(exc, "problems", None) or [i.message for i in exc.issues]
    committed = not errors
    result = {
        "outcome": "refused" if errors else ("dry_run" if args.dry_run else "committed"),
        "plan": outcome.plan_code if outcome else None,
        "targets": outcome.targets if outcome and committed else 0,
        "new_indicators": outcome.new_indicators if outcome and committed else [],
        "replaced": bool(outcome and outcome.replaced), "errors": errors,
    }
    if args.json:
        _emit(result)
    for error in errors:
        print(f"Lỗi — {error}", file=sys.stderr)
    if committed:
        verb = "Sẽ ghi" if args.dry_run else "Đã ghi"
        print(f"{verb} kế hoạch {result['plan']}: {result['targets']} chỉ tiêu.", file=sys.stderr)
    return 0 if committed else 1


def add_commands(add) -> None:
    """Register this feature's commands (`add(name, handler, help) → subparser`)."""
    extract = add("extract-targets", cmd_extract_targets,
                  "Đọc văn bản kế hoạch (.txt, .docx, .pdf) và đề xuất các chỉ tiêu.")
    extract.add_argument("file", help="tệp văn bản kế hoạch")
    extract.add_argument("--json", action="store_true", help="in JSON ra stdout")
    extract.add_argument("--all", action="store_true",
                         help="in một đối tượng: plan, targets, phases, deadlines, actuals")
    template = add("targets-template", cmd_targets_template, "Ghi mẫu Excel để nhập chỉ tiêu kế hoạch.")
    template.add_argument("-o", "--output", required=True, help="tệp .xlsx sẽ ghi")
    imported = add("import-targets", cmd_import_targets,
                   "Nạp chỉ tiêu kế hoạch từ tệp Excel theo mẫu (ghi tất cả hoặc không ghi gì).")
    imported.add_argument("file", help="tệp .xlsx đã điền theo mẫu")
    imported.add_argument("--user", help=_USER_HELP)
    imported.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    imported.add_argument("--json", action="store_true", help="in JSON ra stdout")
