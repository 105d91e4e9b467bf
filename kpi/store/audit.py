"""The audit log: who changed what, when, from which file."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, insert, select

from kpi.schema import audit_log


def record_audit(
    conn: Connection,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None = None,
    *,
    before: Any = None,
    after: Any = None,
    batch_id: int | None = None,
    source: str | None = None,
) -> None:
    """Append one audit row in the caller's transaction; before/after as JSON."""
    conn.execute(
        insert(audit_log).values(
            at=dt.datetime.now(dt.timezone.utc),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=None if before is None else json.dumps(before, ensure_ascii=False, default=str),
            after=None if after is None else json.dumps(after, ensure_ascii=False, default=str),
            batch_id=batch_id,
            source=source,
        )
    )


def load_audit(conn: Connection, limit: int = 200) -> list[dict]:
    """The newest audit rows first, as dicts of the table's columns."""
    rows = conn.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(limit))
    return [dict(row._mapping) for row in rows]
