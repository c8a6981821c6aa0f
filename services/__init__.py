"""The newsflow services: splitter, worker and sink, one package each."""
