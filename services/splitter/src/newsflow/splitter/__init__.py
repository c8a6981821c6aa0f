"""The splitter service: pages in, one document per article out."""
