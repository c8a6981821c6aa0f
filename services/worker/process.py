"""The worker's unit of work: one document in, one parsed and enriched article out."""

from __future__ import annotations

from newsflow.services.worker.parse import parse_document
from newsflow.shared.contracts import Article, Document
from newsflow.shared.limits import Limits


def process_document(doc: Document, limits: Limits) -> Article:
    """Parse ``doc`` (enrichment hooks in here as it lands)."""
    return parse_document(doc, limits)
