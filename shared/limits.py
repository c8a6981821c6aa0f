"""Caps that keep one hostile page from hanging or exhausting a worker."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-page caps; a page over one is dead-lettered with the cap it broke."""

    max_page_bytes: int = 5_000_000
    max_articles_per_page: int = 50
    max_paragraphs: int = 2_000
    max_seconds_per_page: float = 10.0
