"""Article extraction shared by the splitter and the worker: line kinds, page layout, blocks, segments,
datelines and HTML, as plain functions over values (no broker, no settings, no database)."""
