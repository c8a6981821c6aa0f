"""Alembic revisions, oldest first (``0001_…``); a package so that they install with the store."""
