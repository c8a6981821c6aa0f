"""Entities say what they hold: the canonical name, its kind and the surface forms of its mentions.

``name`` always held the canonical name while its comment said "surface form", and ``canonical`` was
never set. ``canonical`` goes; ``kind`` and ``forms`` (the distinct mention texts) arrive, filled from
each article's stored enrichment.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("canonical")
        batch.alter_column(
            "name",
            existing_type=sa.Text(),
            existing_nullable=False,
            comment="Canonical name: the fullest form the article uses.",
        )
        batch.alter_column(
            "key",
            existing_type=sa.Text(),
            existing_nullable=False,
            comment="Case-folded canonical name: what filters match.",
        )
        batch.alter_column(
            "label",
            existing_type=sa.String(32),
            comment="spaCy NER label of the canonical form (PERSON, ORG, GPE, ...).",
        )
        batch.alter_column(
            "mentions",
            existing_type=sa.Integer(),
            existing_nullable=False,
            comment="How many times the article mentions it.",
        )
        batch.add_column(
            sa.Column(
                "kind",
                sa.String(16),
                comment="person, organization, place, group, facility, event, product, work.",
            )
        )
        batch.add_column(
            sa.Column("forms", _json(), comment="The distinct surface forms of its mentions, in body order.")
        )
    _backfill()


def _backfill() -> None:
    """Fill kind and forms of the rows already stored from their article's enrichment."""
    bind = op.get_bind()
    entities = sa.table(
        "entities",
        sa.column("article_id", sa.String),
        sa.column("position", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("forms", _json()),
    )
    articles = sa.table("articles", sa.column("id", sa.String), sa.column("enrichment", _json()))
    stored = bind.execute(sa.select(articles.c.id, articles.c.enrichment)).all()
    for article_id, enrichment in stored:
        items = ((enrichment or {}).get("entities") or {}).get("items") or []
        for position, item in enumerate(items):
            forms = list(dict.fromkeys(m.get("text") for m in item.get("mentions", []) if m.get("text")))
            bind.execute(
                entities.update()
                .where(entities.c.article_id == article_id, entities.c.position == position)
                .values(kind=item.get("kind"), forms=forms)
            )


def downgrade() -> None:
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("forms")
        batch.drop_column("kind")
        batch.add_column(sa.Column("canonical", sa.Text()))
