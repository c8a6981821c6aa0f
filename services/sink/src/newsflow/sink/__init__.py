"""The sink service: articles in, idempotent rows in SQLite or PostgreSQL out."""
