"""SQLite refuses what PostgreSQL refuses: NUL characters and ids longer than their columns.

PostgreSQL cannot store a NUL in text or JSON and enforces ``varchar(64)``;
SQLite stores both silently, so the same article was kept on one engine and
dead-lettered on the other. These triggers abort the write on SQLite the same
way (a constraint error, which the sink classifies as bad input). JSON text is
checked for the ``\\u0000`` escape our serialiser writes for a NUL.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_TEXT = (
    "id", "page_id", "source_uri", "title", "body", "published_at", "updated_at", "category",
    "language", "parser", "content_hash",
)  # fmt: skip
ARTICLE_JSON = ("authors", "captions", "provenance", "enrichment", "enrichment_errors", "extra")
LIMITED = {"articles": ("id", "page_id", "content_hash"), "pages": ("id",)}
TEXT = {"articles": ARTICLE_TEXT, "pages": ("id", "uri", "parser")}
JSON = {"articles": ARTICLE_JSON, "pages": ()}


def _nul(table: str) -> str:
    checks = [f"instr(CAST(NEW.{c} AS BLOB), x'00') > 0" for c in TEXT[table]]
    checks += [f"instr(NEW.{c}, '\\u0000') > 0" for c in JSON[table]]
    return " OR ".join(checks)


def _too_long(table: str) -> str:
    return " OR ".join(f"length(NEW.{c}) > 64" for c in LIMITED[table])


def _triggers() -> list[tuple[str, str]]:
    made = []
    for table in ("articles", "pages"):
        for when in ("INSERT", "UPDATE"):
            for name, condition, message in (
                ("nul", _nul(table), "a NUL character cannot be stored (PostgreSQL refuses it too)"),
                ("too_long", _too_long(table), "an id longer than 64 characters (varchar(64))"),
            ):
                trigger = f"{table}_refuse_{name}_{when.lower()}"
                made.append(
                    (
                        trigger,
                        f"CREATE TRIGGER {trigger} BEFORE {when} ON {table} WHEN {condition} "
                        f"BEGIN SELECT RAISE(ABORT, '{table}: {message}'); END",
                    )
                )
    return made


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for _name, statement in _triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, _statement in _triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
