"""The store's tables, declared once (SQLAlchemy Core).

Every change to this file comes with a named Alembic revision under
`kpi/migrations/versions/`; `tests/test_store.py` checks that a database
upgraded through the revisions has exactly these tables and columns.

Codes of administrative units are reused across code systems (91 was Kiên
Giang in the 2004 list and is An Giang in the 2025 one), so a unit is always
identified by the pair (code_system, code).
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints so migrations can address them on every backend.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

units = Table(
    "units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code_system", String(16), nullable=False),  # vn2004, vn2025, org
    Column("code", String(32), nullable=False),
    Column("name", String(200), nullable=False),
    Column("type", String(40), nullable=False),  # Tỉnh, Huyện, Xã, Đặc khu, Sở…
    Column("level", String(16), nullable=False),  # province, district, commune, agency
    Column("parent_id", Integer, ForeignKey("units.id"), nullable=True),
    Column("valid_from", Date, nullable=True),
    Column("valid_to", Date, nullable=True),
    UniqueConstraint("code_system", "code", name="uq_units_system_code"),
)
Index("ix_units_parent", units.c.parent_id)

# Renamed / merged into / split from: the edges that carry a series across
# the 2025 reform.
unit_lineage = Table(
    "unit_lineage",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("from_unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("to_unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("relation", String(16), nullable=False),  # whole, split, renamed
    Column("effective", Date, nullable=False),
    UniqueConstraint("from_unit_id", "to_unit_id", name="uq_lineage_pair"),
)
Index("ix_lineage_to", unit_lineage.c.to_unit_id)

indicators = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("name_en", String(300), nullable=True),
    Column("measure", String(40), nullable=False),
    Column("group_code", String(32), nullable=False),
    Column("polarity", String(16), nullable=False),  # higher, lower, band, boolean
    Column("temporal", String(8), nullable=False),  # flow, level
    Column("aggregation", String(8), nullable=False),  # sum, ratio, count, none
    Column("numerator_id", Integer, ForeignKey("indicators.id"), nullable=True),
    Column("denominator_id", Integer, ForeignKey("indicators.id"), nullable=True),
    Column("scale", Float, nullable=True),
    Column("parent_id", Integer, ForeignKey("indicators.id"), nullable=True),
    Column("frequency", String(8), nullable=False),  # month, quarter, half, year
    Column("min_value", Float, nullable=True),
    Column("max_value", Float, nullable=True),
    Column("decimals", Integer, nullable=True),
    Column("tolerance", Float, nullable=True),
)

plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("number", String(64), nullable=True),
    Column("issuer", String(200), nullable=True),
    Column("issued_on", Date, nullable=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=True),
    Column("period_code", String(16), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("parent_plan_id", Integer, ForeignKey("plans.id"), nullable=True),
    Column("source", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(100), nullable=False),
)

plan_phases = Table(
    "plan_phases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id"), nullable=False),
    Column("code", String(16), nullable=False),
    Column("name", String(200), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("content", Text, nullable=True),
    UniqueConstraint("plan_id", "code", name="uq_phase_plan_code"),
)

plan_deadlines = Table(
    "plan_deadlines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id"), nullable=False),
    Column("code", String(64), nullable=False),
    Column("what", Text, nullable=False),
    Column("period_code", String(16), nullable=True),
    Column("due_date", Date, nullable=True),
    Column("kind", String(16), nullable=False),  # before, within_month
    Column("window_start", Date, nullable=True),
    Column("note", Text, nullable=True),
    UniqueConstraint("plan_id", "code", name="uq_deadline_plan_code"),
)

targets = Table(
    "targets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id"), nullable=False),
    Column("indicator_id", Integer, ForeignKey("indicators.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("period_code", String(16), nullable=False),
    Column("term_code", String(16), nullable=True),
    Column("kind", String(24), nullable=False),
    Column("value", Float, nullable=True),
    Column("min_value", Float, nullable=True),
    Column("max_value", Float, nullable=True),
    Column("strict", Boolean, nullable=False, default=False),
    Column("change_unit", String(16), nullable=True),  # points, percent, absolute, times
    Column("baseline", Float, nullable=True),
    Column("baseline_period", String(16), nullable=True),
    Column("places", Text, nullable=True),
    Column("quote", Text, nullable=True),
    Column("note", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(100), nullable=False),
)
Index("ix_targets_unit_period", targets.c.unit_id, targets.c.period_code)
Index("ix_targets_plan", targets.c.plan_id)

# The original bytes of every uploaded workbook, once per SHA-256. They live
# in the database, not on disk, so the archive commits or rolls back with the
# values it explains and every app replica on one PostgreSQL sees it.
upload_files = Table(
    "upload_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("file_name", String(300), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

upload_batches = Table(
    "upload_batches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("author", String(100), nullable=False),
    Column("source", String(300), nullable=False),  # file name, or "demo"
    Column("sha256", String(64), nullable=True),
    Column("kind", String(16), nullable=False),  # upload, demo, cli
    Column("status", String(16), nullable=False),  # committed, rolled_back
    Column("row_count", Integer, nullable=False, default=0),
    # Uploads (kpi.ingest): the archived file, the unit and period chosen,
    # what the commit did, and who rolled the batch back when.
    Column("file_id", Integer, ForeignKey("upload_files.id"), nullable=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=True),
    Column("period_code", String(16), nullable=True),
    Column("new_count", Integer, nullable=True),
    Column("changed_count", Integer, nullable=True),
    Column("unchanged_count", Integer, nullable=True),
    Column("warning_count", Integer, nullable=True),
    Column("rolled_back_at", DateTime(timezone=True), nullable=True),
    Column("rolled_back_by", String(100), nullable=True),
)

# Values are revised, never overwritten: a correction is a new row with the
# next revision number for the same (indicator, unit, period, standing).
actual_values = Table(
    "actual_values",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("indicator_id", Integer, ForeignKey("indicators.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("period_code", String(16), nullable=False),
    Column("value", Float, nullable=False),
    Column("standing", String(12), nullable=False),  # uoc, so_bo, chinh_thuc
    Column("revision", Integer, nullable=False),
    Column("batch_id", Integer, ForeignKey("upload_batches.id"), nullable=False),
    Column("author", String(100), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("reported_on", Date, nullable=False),  # when the unit sent it (Vietnam time)
    Column("note", Text, nullable=True),
    UniqueConstraint(
        "indicator_id", "unit_id", "period_code", "standing", "revision",
        name="uq_actual_revision",
    ),
)
Index(
    "ix_actual_cell", actual_values.c.unit_id, actual_values.c.period_code,
    actual_values.c.indicator_id,
)
Index("ix_actual_batch", actual_values.c.batch_id)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("password_hash", String(300), nullable=True),
    Column("role", String(16), nullable=False),  # admin, leader, statistician, viewer
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # The address a single sign-on (OIDC) provider vouches for: signing in
    # that way opens this account. Lower case; empty for local-only accounts.
    Column("email", String(254), nullable=True),
)
Index("ux_users_email", users.c.email, unique=True)

user_scopes = Table(
    "user_scopes",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), primary_key=True),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(64), nullable=True),
    Column("before", Text, nullable=True),  # JSON
    Column("after", Text, nullable=True),  # JSON
    Column("batch_id", Integer, ForeignKey("upload_batches.id"), nullable=True),
    Column("source", String(300), nullable=True),
)
Index("ix_audit_at", audit_log.c.at)

# Emulation blocks (khối thi đua), one row per block and year; `series` ties
# a block's years together (last year's ranking). `scheme` is the scoring
# scheme as JSON (kpi.emulation.scheme).
emulation_blocks = Table(
    "emulation_blocks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("series", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("year", Integer, nullable=False),
    Column("plan_id", Integer, ForeignKey("plans.id"), nullable=True),
    Column("head_unit_id", Integer, ForeignKey("units.id"), nullable=True),
    Column("deputy_unit_id", Integer, ForeignKey("units.id"), nullable=True),
    Column("registration_deadline", Date, nullable=True),
    Column("scheme", Text, nullable=True),
    Column("note", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(100), nullable=False),
    UniqueConstraint("series", "year", name="uq_block_series_year"),
)

# A member's registration (đăng ký thi đua) is a plan of kind "registration";
# `reopened_until` is set when an admin reopens it after the deadline.
emulation_block_members = Table(
    "emulation_block_members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("block_id", Integer, ForeignKey("emulation_blocks.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("registration_plan_id", Integer, ForeignKey("plans.id"), nullable=True),
    Column("reopened_until", Date, nullable=True),
    UniqueConstraint("block_id", "unit_id", name="uq_block_member"),
)

# Points the block council gives each member for the scheme's qualitative criteria.
emulation_council_scores = Table(
    "emulation_council_scores",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("block_id", Integer, ForeignKey("emulation_blocks.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("criterion", String(64), nullable=False),
    Column("points", Float, nullable=False),
    Column("note", Text, nullable=True),
    Column("scored_by", String(100), nullable=False),
    Column("scored_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("block_id", "unit_id", "criterion", name="uq_council_score"),
)

# A later resolution adjusting a plan's target (HĐND điều chỉnh chỉ tiêu). The
# target row holds the figures in force; each adjustment keeps the document,
# its date, the figures it set and those it replaced (`previous`, JSON), so the
# history stays visible and a re-import of the plan re-applies it. A cell is
# (plan, indicator, unit, period, kind), not a target id, because re-importing
# a plan replaces its target rows.
target_adjustments = Table(
    "target_adjustments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id"), nullable=False),
    Column("indicator_id", Integer, ForeignKey("indicators.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("period_code", String(16), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("value", Float, nullable=True),
    Column("min_value", Float, nullable=True),
    Column("max_value", Float, nullable=True),
    Column("strict", Boolean, nullable=False, default=False),
    Column("document", String(200), nullable=False),
    Column("document_date", Date, nullable=False),
    Column("previous", Text, nullable=True),
    Column("note", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(100), nullable=False),
)
Index("ix_target_adjustments_plan", target_adjustments.c.plan_id)
