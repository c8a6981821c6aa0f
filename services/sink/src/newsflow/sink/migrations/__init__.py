"""Alembic migrations for the sink's database, shipped with the package (see ``store.migrate``)."""
