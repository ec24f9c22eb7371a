"""Alembic's entry: migrations always run on the connection (and inside the transaction) init_db hands over."""

from alembic import context

from analysis.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
