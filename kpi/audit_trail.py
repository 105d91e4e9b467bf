"""The audit trail for administrators: search who changed what, and when; read
each change as before/after; find the upload a row can roll back.

Rows are written by every write path (kpi.store.audit.record_audit, in the
writer's own transaction); this module only reads them. Dates are Vietnam
days (Asia/Ho_Chi_Minh); the store keeps instants in UTC.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from kpi.auth import User, require_role
from kpi.numbers import format_number
from kpi.periods import VN_TZ, format_date
from kpi.store.audit import audit_facets, search_audit
from kpi.store.uploads import batch_kind
from kpi.user_text import clean_text

ACTION_LABELS = {
    "upload_actuals": ("Nộp số liệu", "Upload of values"),
    "rollback_upload": ("Hủy lần nộp", "Upload rolled back"),
    "create_account": ("Tạo tài khoản", "Account created"),
    "change_scopes": ("Đổi đơn vị phụ trách", "Unit scopes changed"),
    "reset_password": ("Đặt lại mật khẩu", "Password reset"),
    "set_email": ("Đổi email đăng nhập một lần", "Single sign-on email changed"),
    "create_demo_account": ("Tạo tài khoản minh họa", "Demo account created"),
    "import_plan": ("Nạp kế hoạch", "Plan loaded"),
    "reimport_plan": ("Nạp lại kế hoạch", "Plan reloaded"),
    "adjust_target": ("Điều chỉnh chỉ tiêu", "Target adjusted"),
    "create_indicators": ("Thêm chỉ tiêu vào danh mục", "Indicators added"),
    "save_registration": ("Đăng ký thi đua", "Emulation registration"),
    "reopen_registration": ("Mở lại đăng ký thi đua", "Registration reopened"),
    "save_block": ("Lưu khối thi đua", "Emulation block saved"),
    "set_scheme": ("Đổi cách chấm điểm", "Scoring scheme changed"),
    "council_scores": ("Điểm của hội đồng khối", "Council scores"),
    "load_demo": ("Nạp dữ liệu minh họa", "Demo data loaded"),
}
ENTITY_LABELS = {
    "upload_batch": ("Lần nộp", "Upload"),
    "user": ("Tài khoản", "Account"),
    "plan": ("Kế hoạch", "Plan"),
    "target": ("Chỉ tiêu của kế hoạch", "Plan target"),
    "indicator": ("Danh mục chỉ tiêu", "Indicator catalogue"),
    "emulation_registration": ("Đăng ký thi đua", "Registration"),
    "emulation_block": ("Khối thi đua", "Emulation block"),
}
MAX_ROWS = 500


@dataclass(frozen=True)
class AuditFilter:
    """What to look for; None means any. `since`/`until` are Vietnam days, both included."""

    actor: str | None = None
    action: str | None = None
    entity: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    limit: int = 200


@dataclass(frozen=True)
class AuditEntry:
    """One audit row with its before/after read back from JSON."""

    id: int
    at: dt.datetime  # aware, Vietnam time
    actor: str
    action: str
    entity: str
    entity_id: str | None
    before: Any
    after: Any
    batch_id: int | None
    source: str | None

    @property
    def upload_batch(self) -> int | None:
        """The upload batch an administrator may roll back from this row, if any."""
        if self.action == "upload_actuals" and self.batch_id is not None:
            return self.batch_id
        return None


def _label(table: dict, key: str, lang: str) -> str:
    pair = table.get(key)
    return pair[1 if lang == "en" else 0] if pair else key


def action_label(action: str, lang: str = "vi") -> str:
    """"Nộp số liệu" for upload_actuals; the code itself for an action without a label."""
    return _label(ACTION_LABELS, action, lang)


def entity_label(entity: str, lang: str = "vi") -> str:
    """"Tài khoản" for user; the code itself for an entity without a label."""
    return _label(ENTITY_LABELS, entity, lang)


def _instant(at: dt.datetime) -> dt.datetime:
    # SQLite returns the stored UTC instant without its zone.
    return (at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)).astimezone(VN_TZ)


def _json(text: str | None) -> Any:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:  # written by hand or by an older version: show it as it is
        return text
    # A scoring scheme is stored as JSON text, so its row holds JSON in JSON.
    return _json(value) if isinstance(value, str) and value[:1] in "{[" and value else value


def _vn_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), VN_TZ).astimezone(dt.timezone.utc)


def search(engine: Engine, user: User | None, wanted: AuditFilter) -> list[AuditEntry]:
    """Audit rows matching `wanted`, newest first (administrators only).

    Raises PermissionDenied for anyone else, ValueError (Vietnamese) for a
    range that ends before it starts or an unusable search text.
    """
    require_role(user, "admin")
    if wanted.since and wanted.until and wanted.until < wanted.since:
        raise ValueError("Ngày kết thúc đứng trước ngày bắt đầu: hãy chọn lại khoảng ngày.")
    text = clean_text(wanted.text, "Tìm trong nội dung", 200)
    with engine.connect() as conn:
        rows = search_audit(
            conn, actor=wanted.actor or None, action=wanted.action or None,
            entity=wanted.entity or None,
            start=_vn_midnight(wanted.since) if wanted.since else None,
            end=_vn_midnight(wanted.until + dt.timedelta(days=1)) if wanted.until else None,
            text=text, limit=max(1, min(wanted.limit, MAX_ROWS)))
    return [AuditEntry(id=r["id"], at=_instant(r["at"]), actor=r["actor"], action=r["action"],
                       entity=r["entity"], entity_id=r["entity_id"], before=_json(r["before"]),
                       after=_json(r["after"]), batch_id=r["batch_id"], source=r["source"])
            for r in rows]


def facets(engine: Engine, user: User | None) -> dict[str, list[str]]:
    """The actors, actions and entities the log holds (administrators only)."""
    require_role(user, "admin")
    with engine.connect() as conn:
        return audit_facets(conn)


def entries_frame(entries: list[AuditEntry], lang: str = "vi") -> pd.DataFrame:
    """One line per row: Số, Thời điểm (dd/mm/yyyy HH:MM), Người thực hiện,
    Thao tác, Đối tượng, Mã, Nguồn (English headers when lang == "en")."""
    en = lang == "en"
    return pd.DataFrame([{
        "No." if en else "Số": e.id,
        "When" if en else "Thời điểm": f"{format_date(e.at.date(), lang)} {e.at:%H:%M:%S}",
        "By" if en else "Người thực hiện": e.actor,
        "Action" if en else "Thao tác": action_label(e.action, lang),
        "Object" if en else "Đối tượng": entity_label(e.entity, lang),
        "Id" if en else "Mã": e.entity_id or "",
        "Source" if en else "Nguồn": e.source or "",
    } for e in entries], columns=["No.", "When", "By", "Action", "Object", "Id", "Source"] if en
        else ["Số", "Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Mã", "Nguồn"])


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix} › {key}" if prefix else str(key)))
        return flat
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        flat = {}
        for number, inner in enumerate(value, start=1):
            flat.update(_flatten(inner, f"{prefix} [{number}]" if prefix else f"[{number}]"))
        return flat
    return {prefix or "—": value}


def _shown(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("có" if value else "không")
    if isinstance(value, (int, float)):
        return format_number(value, lang=lang)
    if isinstance(value, list):
        return ", ".join(_shown(v, lang) for v in value)
    return str(value)


def changes_frame(entry: AuditEntry, lang: str = "vi") -> pd.DataFrame:
    """The change as rows of Mục / Trước / Sau (Item / Before / After): nested
    JSON is flattened ("values › BUDGET_REVENUE…"); items equal before and
    after are left out when something else changed."""
    before, after = _flatten(entry.before), _flatten(entry.after)
    if entry.before is None:
        before = {}
    if entry.after is None:
        after = {}
    keys = list(before) + [k for k in after if k not in before]
    rows = [(k, _shown(before.get(k), lang), _shown(after.get(k), lang)) for k in keys]
    changed = [row for row in rows if row[1] != row[2]]
    en = lang == "en"
    return pd.DataFrame(changed or rows, columns=["Item", "Before", "After"] if en
                        else ["Mục", "Trước", "Sau"])


def upload_status(engine: Engine, batch_id: int) -> str | None:
    """'committed' or 'rolled_back' for an upload batch; None when there is no such upload."""
    with engine.connect() as conn:
        found = batch_kind(conn, batch_id)
    return found[1] if found and found[0] == "upload" else None
