"""Alembic environment: runs the revisions on the connection `kpi.db` hands in."""
from alembic import context

from kpi.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` run by hand: build the engine from settings
    from kpi.db import create_store_engine

    connection = create_store_engine().connect()

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
