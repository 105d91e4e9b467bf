"""`python -m kpi template | import-actuals | actuals | uploads | rollback-upload`.

Until the command line signs users in, it acts as an administrator and
records the name given with `--user`. Exit codes: 0 done (or, with
`--dry-run`, the file would be committed), 1 the file or request is refused
and nothing was written, 2 a usage error. `--json` prints one object
(import-actuals, rollback-upload) or a list (actuals, uploads) to stdout;
messages go to stderr in Vietnamese.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kpi.auth import SYSTEM_USER, PermissionDenied, User
from kpi.config import load_settings
from kpi.db import create_store_engine
from kpi.units import key_to_code

_USER_HELP = "tên người thực hiện, ghi vào lịch sử (mặc định: system)"


def _emit(payload) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _engine():
    return create_store_engine(load_settings().database_url)


def _user(args) -> User:
    name = (args.user or SYSTEM_USER.username).strip()
    return User(name, name, "admin")


def cmd_template(args) -> int:
    from kpi.ingest.template import build_template

    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        print(f"Lỗi: tệp mẫu “{output}” phải có đuôi .xlsx.", file=sys.stderr)
        return 1
    name, data = build_template(_engine(), args.unit, args.period)
    try:
        output.write_bytes(data)
    except OSError as exc:
        print(f"Lỗi: không ghi được tệp “{output}” ({exc.strerror}). Chọn thư mục có sẵn và có "
              "quyền ghi.", file=sys.stderr)
        return 1
    print(f"Đã ghi mẫu báo cáo: {output}", file=sys.stderr)
    return 0


def _print_issues(preview) -> None:
    for issue in preview.issues:
        kind = "Lỗi" if issue.is_error else "Cảnh báo"
        where = f"{issue.where}: " if issue.where else ""
        print(f"{kind} — {where}{issue.message}", file=sys.stderr)


def cmd_import_actuals(args) -> int:
    from kpi.ingest.commit import UploadError, commit_upload
    from kpi.ingest.preview import Preview, preview_upload
    from kpi.ingest.safety import too_large

    path = Path(args.file)
    if not path.is_file():
        print(f"Lỗi: không tìm thấy tệp “{path}”.", file=sys.stderr)
        return 2
    settings = load_settings()
    limit, size = int(settings.upload_max_mb * 1024 * 1024), path.stat().st_size
    try:
        if size > limit:  # refused before it is read into memory
            preview = Preview(path.name, "", b"", None, args.period,
                              issues=too_large(path.name, size, limit).issues)
        else:
            preview = preview_upload(_engine(), path.read_bytes(), path.name, unit=args.unit,
                                     period=args.period, settings=settings)
    except MemoryError:
        print(f"Lỗi: tệp “{path.name}” quá lớn để xử lý. Hãy chia thành nhiều tệp nhỏ.",
              file=sys.stderr)
        return 1
    outcome, batch, status = "dry_run", None, 0
    if preview.errors:
        outcome, status = "refused", 1
    elif not args.dry_run:
        try:
            result = commit_upload(_engine(), preview, _user(args))
            outcome, batch = "committed", result.batch_id
        except (UploadError, PermissionDenied) as exc:
            print(f"Lỗi: {exc}", file=sys.stderr)
            outcome, status = "refused", 1
    _print_issues(preview)
    counts = preview.counts
    if outcome == "refused":
        print(f"Tệp “{path.name}” bị từ chối: {len(preview.errors)} lỗi; không ghi gì.",
              file=sys.stderr)
    elif outcome == "dry_run":
        print(f"Xem trước (chưa ghi): {counts['new']} mới, {counts['changed']} thay đổi, "
              f"{counts['unchanged']} không đổi.", file=sys.stderr)
    elif batch is None:
        earlier = f" (đã nộp lần số {preview.earlier[0].id})" if preview.earlier else ""
        print(f"Không có gì thay đổi{earlier}: {counts['unchanged']} số liệu giữ nguyên.",
              file=sys.stderr)
    else:
        print(f"Đã ghi lần nộp số {batch}: {counts['new']} mới, {counts['changed']} thay đổi, "
              f"{counts['unchanged']} không đổi.", file=sys.stderr)
    if args.json:
        _emit({**preview.as_json(outcome), "batch_id": batch})
    return status


def cmd_actuals(args) -> int:
    from kpi.ingest.history import current_values

    rows = current_values(_engine(), args.unit, args.period, history=args.history)
    if args.json:
        _emit(rows)
    else:
        for r in rows:
            print(f"{r['indicator_code']:<28} {r['unit_code']:>12} {r['period']:<10} "
                  f"{r['value']:>16} {r['standing']:<10} r{r['revision']}  {r['source']}")
    return 0


def _upload_json(u) -> dict:
    return {"id": u.id, "created_at": u.created_at, "author": u.author, "file": u.file_name,
            "sha256": u.sha256, "status": u.status,
            "unit_code": key_to_code(u.unit_key) if u.unit_key else None, "period": u.period,
            "new": u.new, "changed": u.changed, "unchanged": u.unchanged,
            "warnings": u.warnings, "rolled_back_at": u.rolled_back_at,
            "rolled_back_by": u.rolled_back_by}


def cmd_uploads(args) -> int:
    from kpi.ingest.history import list_uploads

    rows = [_upload_json(u) for u in list_uploads(_engine(), args.limit)]
    if args.json:
        _emit(rows)
    else:
        for r in rows:
            print(f"{r['id']:>6} {r['status']:<12} {r['author']:<16} {r['file']}")
    return 0


def cmd_rollback(args) -> int:
    from kpi.ingest.commit import UploadError, rollback_upload

    try:
        record = rollback_upload(_engine(), args.batch, _user(args))
    except (UploadError, PermissionDenied) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    print(f"Đã hủy lần nộp số {record.id} ({record.file_name}); số liệu của lần nộp này không còn "
          "được tính.", file=sys.stderr)
    if args.json:
        _emit(_upload_json(record))
    return 0


def add_commands(add) -> None:
    """Register the upload commands on the `python -m kpi` parser."""
    template = add("template", cmd_template, "Tạo mẫu báo cáo Excel cho một đơn vị và kỳ.")
    template.add_argument("--unit", required=True, help="mã đơn vị: '91', 'vn2004:911'")
    template.add_argument("--period", required=True, help="kỳ: 2021, 2021-H1, 2021-Q3, 2021-06")
    template.add_argument("-o", "--output", required=True, help="tệp .xlsx ghi ra")
    imported = add("import-actuals", cmd_import_actuals,
                   "Nhập số liệu thực hiện từ tệp Excel (xem trước, kiểm tra, ghi một lần).")
    imported.add_argument("file", metavar="TỆP", help="tệp .xlsx hoặc .xls")
    imported.add_argument("--unit", help="đơn vị khi tệp không ghi (mã, ví dụ vn2004:911)")
    imported.add_argument("--period", help="kỳ khi tệp không ghi (ví dụ 2021-Q3)")
    imported.add_argument("--user", help=_USER_HELP)
    imported.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi")
    imported.add_argument("--json", action="store_true", help="in kết quả JSON ra stdout")
    actuals = add("actuals", cmd_actuals, "Số liệu thực hiện đang được tính (hoặc mọi bản sửa).")
    actuals.add_argument("--unit", help="chỉ đơn vị này")
    actuals.add_argument("--period", help="chỉ kỳ này")
    actuals.add_argument("--history", action="store_true",
                         help="mọi bản sửa đổi của các lần nộp còn hiệu lực")
    actuals.add_argument("--json", action="store_true", help="in JSON ra stdout")
    uploads = add("uploads", cmd_uploads, "Các lần nộp tệp số liệu, mới nhất trước.")
    uploads.add_argument("--limit", type=int, default=100, help="số lần nộp tối đa")
    uploads.add_argument("--json", action="store_true", help="in JSON ra stdout")
    rollback = add("rollback-upload", cmd_rollback,
                   "Hủy một lần nộp (quản trị): số liệu của lần đó thôi được tính.")
    rollback.add_argument("batch", type=int, metavar="SỐ", help="số lần nộp (lệnh uploads)")
    rollback.add_argument("--user", help=_USER_HELP)
    rollback.add_argument("--json", action="store_true", help="in JSON ra stdout")
