"""The audit log: who changed what, when, from which file."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, insert, or_, select

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


def _like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_audit(
    conn: Connection,
    *,
    actor: str | None = None,
    action: str | None = None,
    entity: str | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    text: str | None = None,
    batch_id: int | None = None,
    limit: int = 200,
) -> list[dict]:
    """Audit rows matching every filter given, newest first, at most `limit`.

    `start` (inclusive) and `end` (exclusive) are aware datetimes; `text` is
    looked for, ignoring case, in the entity id, the actor, the source and the
    JSON of before/after. Bound parameters only.
    """
    query = select(audit_log)
    if actor:
        query = query.where(audit_log.c.actor == actor)
    if action:
        query = query.where(audit_log.c.action == action)
    if entity:
        query = query.where(audit_log.c.entity == entity)
    if start is not None:
        query = query.where(audit_log.c.at >= start)
    if end is not None:
        query = query.where(audit_log.c.at < end)
    if batch_id is not None:
        query = query.where(audit_log.c.batch_id == batch_id)
    if text:
        pattern = _like(text)
        query = query.where(or_(*(column.ilike(pattern, escape="\\") for column in (
            audit_log.c.entity_id, audit_log.c.actor, audit_log.c.source, audit_log.c.before,
            audit_log.c.after))))
    rows = conn.execute(query.order_by(audit_log.c.id.desc()).limit(limit))
    return [dict(row._mapping) for row in rows]


def audit_facets(conn: Connection) -> dict[str, list[str]]:
    """The distinct actors, actions and entities in the log, sorted: the choices
    of the audit page's filters."""
    return {
        name: sorted(conn.execute(select(column).distinct()).scalars())
        for name, column in (("actor", audit_log.c.actor), ("action", audit_log.c.action),
                             ("entity", audit_log.c.entity))
    }
