"""Alembic migrations for the store's database, shipped with the package (see ``store.migrate``)."""
