"""Alembic environment: migrations run on the connection that `Store.open` hands over.

There is no alembic.ini: `coprod.store.migrate` builds the configuration in code.
"""

from alembic import context

from coprod.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
