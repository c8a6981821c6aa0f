"""The worker service: documents in, parsed and enriched articles out."""
