"""Ranked full-text search over title and body: SQLite FTS5 or PostgreSQL tsvector.

Users type one query language on both engines, the web-search style
PostgreSQL's ``websearch_to_tsquery`` reads: words must all occur, ``"a
phrase"`` must occur as written, ``OR`` between two terms accepts either, and
``-word`` excludes. :func:`parse` reads it once; :func:`fts5_query` and
:func:`websearch_query` write it out for each engine, so that no user input
reaches either engine's own query syntax unquoted. Both engines stem English
(FTS5 ``porter``, PostgreSQL ``english``) and weight title matches above body
matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, literal_column, select, table, text

from newsflow.sink.query import ArticleFilter, filtered
from newsflow.sink.schema import FTS_TABLE, PG_TS_CONFIG, articles

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORDY = re.compile(r"\w")
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
DEFAULT_LIMIT = 20


@dataclass(slots=True)
class Query:
    """A parsed query: all ``groups`` must match (each group is an OR of terms), no ``excluded`` may."""

    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the article, its score (higher is better) and a highlighted excerpt."""

    article: dict[str, Any]
    rank: float
    snippet: str


def parse(raw: str) -> Query:
    """Read a web-search style query; terms without a letter or digit are ignored."""
    parsed = Query()
    pending_or = False
    for match in _TOKEN.finditer(raw):
        negated, phrase, word = match.groups()
        if word is not None and word == "OR":
            pending_or = bool(parsed.groups)
            continue
        if word is not None:
            negated, term = ("-", word[1:]) if word.startswith("-") else ("", word)
        else:
            term = phrase
        term = " ".join(term.replace('"', " ").split())
        if not _WORDY.search(term):
            pending_or = False
            continue
        if negated:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        pending_or = False
    return parsed


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts5_query(query: Query) -> str | None:
    """The FTS5 MATCH expression for ``query``; None when it has nothing to look for."""
    if not query.groups:
        return None
    groups = [
        "(" + " OR ".join(_quoted(t) for t in group) + ")" if len(group) > 1 else _quoted(group[0])
        for group in query.groups
    ]
    expression = " AND ".join(groups)
    if query.excluded:
        expression = f"({expression})" + "".join(f" NOT {_quoted(t)}" for t in query.excluded)
    return expression


def websearch_query(query: Query) -> str | None:
    """The ``websearch_to_tsquery`` text for ``query``; None when it has nothing to look for."""
    if not query.groups:
        return None
    groups = [" or ".join(f'"{t}"' for t in group) for group in query.groups]
    return " ".join(groups + [f'-"{t}"' for t in query.excluded])


def search_statement(dialect: str, raw: str, where: ArticleFilter) -> Select[Any] | None:
    """The ranked search over ``articles`` (columns plus ``rank`` and ``snippet``), or None."""
    parsed = parse(raw)
    limit = where.limit if where.limit is not None else DEFAULT_LIMIT
    if dialect == "sqlite":
        match = fts5_query(parsed)
        if match is None:
            return None
        fts = table(FTS_TABLE, column("rowid"))
        rank = (-func.bm25(literal_column(FTS_TABLE), TITLE_WEIGHT, BODY_WEIGHT)).label("rank")
        snippet = func.snippet(literal_column(FTS_TABLE), 1, "«", "»", "…", 16).label("snippet")
        query = (
            select(articles, rank, snippet)
            .select_from(articles.join(fts, fts.c.rowid == articles.c.seq))
            .where(text(f"{FTS_TABLE} MATCH :match").bindparams(match=match))
        )
    else:
        websearch = websearch_query(parsed)
        if websearch is None:
            return None
        config: ColumnElement[Any] = literal_column(f"'{PG_TS_CONFIG}'::regconfig")
        tsquery = func.websearch_to_tsquery(config, websearch)
        search: ColumnElement[Any] = literal_column("articles.search")
        rank = func.ts_rank(search, tsquery).label("rank")
        snippet = func.ts_headline(
            config,
            articles.c.body,
            tsquery,
            "StartSel=«, StopSel=», MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter=…",
        ).label("snippet")
        query = select(articles, rank, snippet).where(search.op("@@")(tsquery))
    query = filtered(query, where)
    return query.order_by(literal_column("rank").desc(), articles.c.id).limit(limit)
