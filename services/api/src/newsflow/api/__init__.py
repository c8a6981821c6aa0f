"""The HTTP face of newsflow: ingest for any producer, the store and dead letters over HTTP, a status page."""
