"""Ranked full-text search over title and body: SQLite FTS5 or PostgreSQL tsvector.

Users type one query language on both engines, in web-search style: words
must all occur, ``"a phrase"`` must occur as written, ``OR`` between two terms
accepts either, and ``-word`` (or ``NOT word``) excludes. :func:`parse` reads
it once into a :class:`Query` (an AND of OR-groups, minus exclusions);
:func:`fts5_query` and :func:`pg_tsquery` render that tree for each engine
with explicit grouping, so both engines answer the same question (a tsquery
binds ``&`` tighter than ``|``: ``websearch_to_tsquery`` cannot say
``a AND (b OR c)``). No user input reaches either engine's query syntax
unquoted: FTS5 gets every term as a quoted string, PostgreSQL every term as
a bound ``phraseto_tsquery`` value, combined with the tsquery operators.

Both engines stem English (FTS5 ``porter``, PostgreSQL ``english``) and weight
title matches above body matches. PostgreSQL drops English stop words from
queries and FTS5 does not, so :func:`parse` drops them for both: ``not the
harbour`` looks for "harbour" on each engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, column, func, literal_column, select, table, text
from sqlalchemy.dialects.postgresql import TSQUERY

from newsflow.store.query import ArticleFilter, filtered
from newsflow.store.schema import FTS_TABLE, PG_TS_CONFIG, articles

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
DEFAULT_LIMIT = 20
#: The most terms a query may hold (see :class:`QueryTooLong`).
MAX_TERMS = 64

#: PostgreSQL's ``english`` stop words (``tsearch_data/english.stop``): never searched for.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the and
    but if or because as until while of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such no nor not only own
    same so than too very s t can will just don should now
    """.split()  # noqa: SIM905 (a list literal is one word a line)
)


class QueryTooLong(ValueError):
    """A query with more distinct terms than :data:`MAX_TERMS`: refused, not left to run for minutes.

    FTS5 ranks and excerpts each row once per term (``bm25``, ``snippet``), and
    an OR of hundreds of terms matches most rows.
    """


@dataclass(slots=True)
class Query:
    """A parsed query: all ``groups`` must match (each group is an OR of terms), no ``excluded`` may."""

    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def terms(self) -> int:
        return sum(len(group) for group in self.groups) + len(self.excluded)


def _searchable(term: str) -> bool:
    """Whether ``term`` holds a word that is not a stop word (else no engine would look for it)."""
    return any(word.lower() not in STOP_WORDS for word in _WORD.findall(term))


def parse(raw: str) -> Query:
    """Read a web-search style query; terms with no word other than stop words are ignored.

    ``OR`` joins the terms either side of it when both are searched for (not excluded);
    ``NOT`` excludes the next term, like ``-``.
    """
    parsed = Query()
    pending_or = pending_not = after_term = False
    for match in _TOKEN.finditer(raw):
        negated, phrase, word = match.groups()
        if word in ("OR", "NOT"):
            pending_or, pending_not = word == "OR" and (after_term or pending_or), word == "NOT"
            after_term = False
            continue
        if word is not None:
            negated, term = ("-", word[1:]) if word.startswith("-") else ("", word)
        else:
            term = phrase
        term = " ".join(term.replace('"', " ").split())
        if not _searchable(term):
            continue  # as if it were not there: ``a OR the OR b`` is ``a OR b``
        if negated or pending_not:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        after_term = not (negated or pending_not)
        pending_or = pending_not = False
    return _distinct(parsed)


def _distinct(query: Query) -> Query:
    """``query`` without repeated terms (a pasted paragraph repeats many): same meaning, less work."""

    def once(terms: list[str]) -> list[str]:
        kept: dict[str, str] = {}
        for term in terms:
            kept.setdefault(term.lower(), term)
        return list(kept.values())

    groups: dict[frozenset[str], list[str]] = {}
    for group in query.groups:
        terms = once(group)
        groups.setdefault(frozenset(t.lower() for t in terms), terms)
    return Query(list(groups.values()), once(query.excluded))


def bounded(query: Query) -> Query:
    """``query`` itself, or :class:`QueryTooLong` naming the bound."""
    if query.terms > MAX_TERMS:
        msg = f"the query has {query.terms} terms; at most {MAX_TERMS} are searched for (MAX_TERMS)"
        raise QueryTooLong(msg)
    return query


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


def pg_tsquery(query: Query) -> ColumnElement[Any] | None:
    """The PostgreSQL tsquery for ``query``, grouped as parsed; None when it has nothing to look for.

    Each term is its own ``phraseto_tsquery`` (tokenised and stemmed as the
    documents were), combined with ``tsquery_and``/``_or``/``_not`` (the
    functions behind ``&&``, ``||``, ``!!``) in the tree's own nesting.
    """
    if not query.groups:
        return None
    config: ColumnElement[Any] = literal_column(f"'{PG_TS_CONFIG}'::regconfig")
    values = iter(range(1, query.terms + 1))

    def term(value: str) -> ColumnElement[Any]:
        return func.phraseto_tsquery(config, bindparam(f"term_{next(values)}", value), type_=TSQUERY)

    def either(group: list[str]) -> ColumnElement[Any]:
        return _balanced("tsquery_or", [term(value) for value in group])

    operands = [either(group) for group in query.groups]
    operands += [func.tsquery_not(term(value), type_=TSQUERY) for value in query.excluded]
    return _balanced("tsquery_and", operands)


def _balanced(name: str, operands: list[ColumnElement[Any]]) -> ColumnElement[Any]:
    """``operands`` joined by the associative function ``name`` as a balanced tree (shallow to compile)."""
    while len(operands) > 1:
        pairs = [operands[i : i + 2] for i in range(0, len(operands), 2)]
        join = getattr(func, name)
        operands = [join(*pair, type_=TSQUERY) if len(pair) == 2 else pair[0] for pair in pairs]
    return operands[0]


def search_statement(dialect: str, raw: str, where: ArticleFilter) -> Select[Any] | None:
    """The ranked search over ``articles`` (columns plus ``rank`` and ``snippet``), or None."""
    parsed = bounded(parse(raw))
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
        tsquery = pg_tsquery(parsed)
        if tsquery is None:
            return None
        config: ColumnElement[Any] = literal_column(f"'{PG_TS_CONFIG}'::regconfig")
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
