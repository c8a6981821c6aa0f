"""Article enrichment: language, entities, places, quotes, numbers, tone, keywords, summary, duplicates."""

from newsflow.worker.enrich.pipeline import ENRICHERS, Enrichment, build_enrichment

__all__ = ["ENRICHERS", "Enrichment", "build_enrichment"]
