"""`newsflow articles`: list, show, search and export what the store holds."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from rich.console import Console

from newsflow.cli.connect import opened_store
from newsflow.cli.display import (
    print_article,
    print_hits,
    print_table,
    write_csv,
    write_hits_csv,
    write_jsonl,
)
from newsflow.cli.errors import UserError
from newsflow.cli.settings import load_settings

if TYPE_CHECKING:
    from newsflow.store.models import SearchHit, StoredArticle, StoredArticleDetail
    from newsflow.store.query import ArticleFilter
    from newsflow.store.store import ArticleStore

F = TypeVar("F", bound=Callable[..., Any])
_DATE_ONLY = 10  # len("2025-02-17")


def _instant(end_of_day: bool) -> Callable[[click.Context, click.Parameter, str | None], datetime | None]:
    def convert(_ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise click.BadParameter("expected an ISO 8601 date or date-time", param=param) from None
        parsed = parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        if end_of_day and len(value.strip()) == _DATE_ONLY:
            parsed += timedelta(days=1)  # --until 2025-02-17 includes that whole day
        return parsed

    return convert


def filter_options(command: F) -> F:
    """The filters shared by list, search and export."""
    options = [
        click.option("--since", callback=_instant(False), help="Published (else fetched) at or after."),
        click.option(
            "--until", callback=_instant(True), help="Published before this time (a date: through that day)."
        ),
        click.option("--source", help="Source uri contains this (case-insensitive)."),
        click.option("--language", help="Detected language code, e.g. en."),
        click.option("--country", help="ISO country code the article names, e.g. CN."),
        click.option("--entity", help="Entity name, e.g. 'Xi Jinping' (case-insensitive)."),
        click.option("--category", help="Section or category label (case-insensitive)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def output_options(command: F) -> F:
    command = click.option("--csv", "as_csv", is_flag=True, help="CSV with one flat row per article.")(
        command
    )
    return click.option("--jsonl", is_flag=True, help="One article JSON object per line.")(command)


def _filter(limit: int | None, **given: Any) -> ArticleFilter:
    from newsflow.store.query import ArticleFilter

    return ArticleFilter(limit=limit, **given)


_CHUNK = 500


async def _emit(store: ArticleStore, where: ArticleFilter, jsonl: bool, as_csv: bool) -> None:
    """Print what ``where`` selects: a table, or JSONL/CSV streamed in chunks as it is read."""
    if jsonl and as_csv:
        raise click.UsageError("choose one of --jsonl and --csv")
    if not (jsonl or as_csv):
        print_table(Console(), await store.find(where))
        return

    def flush(docs: list[StoredArticle], header: bool) -> None:
        if jsonl:
            write_jsonl(sys.stdout, (doc.model_dump(mode="json") for doc in docs))
        else:
            write_csv(sys.stdout, docs, header=header)

    chunk: list[StoredArticle] = []
    first = True
    async for doc in store.stream(where):
        chunk.append(doc)
        if len(chunk) >= _CHUNK:
            flush(chunk, first)
            first, chunk = False, []
    flush(chunk, first)


@click.group(invoke_without_command=True)
@click.option("--jsonl", is_flag=True, help="List everything, one stored article JSON object per line.")
@click.pass_context
def articles(ctx: click.Context, jsonl: bool) -> None:
    """List, show, search and export what the store (NEWSFLOW_DATABASE_URL) holds.

    Without a subcommand: list every stored article.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_articles, jsonl=jsonl)


@articles.command("list")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many (newest first).")
@output_options
def list_articles(jsonl: bool = False, as_csv: bool = False, limit: int | None = None, **given: Any) -> None:
    """List stored articles, newest first: a table, or JSONL/CSV when asked."""
    settings = load_settings(default_level="WARNING")
    where = _filter(limit, **{name: given.get(name) for name in _FILTERS})

    async def run() -> None:
        async with opened_store(settings) as store:
            await _emit(store, where, jsonl, as_csv)

    asyncio.run(run())


_FILTERS = ("since", "until", "source", "language", "country", "entity", "category")


@articles.command("show")
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="The article, its side rows and revisions as JSON.")
def show_article(article_id: str, as_json: bool) -> None:
    """Show one article in full; ARTICLE_ID may be a unique prefix (as the tables print it)."""
    settings = load_settings(default_level="WARNING")

    async def fetch() -> StoredArticleDetail | None:
        async with opened_store(settings) as store:
            return await store.get(article_id)

    try:
        doc = asyncio.run(fetch())
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    if doc is None:
        raise click.ClickException(f"no article {article_id!r}")
    if as_json:
        sys.stdout.write(json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
    else:
        print_article(Console(), doc)


class _QueryCommand(click.Command):
    """Takes an excluded word such as `-china` as part of the query, not as an unknown option.

    The words given (quoted or not) are joined into one query.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        options = {
            o: p for p in self.params if isinstance(p, click.Option) for o in (*p.opts, *p.secondary_opts)
        }
        kept: list[str] = []
        words: list[str] = []
        index = 0
        while index < len(args):
            arg = args[index]
            if arg == "--":
                words.extend(args[index + 1 :])
                break
            name = arg.split("=", 1)[0]
            option = options.get(name)
            if arg.startswith("-") and len(arg) > 1 and option is None:
                words.append(arg)  # `-word`: an excluded search word
            elif option is not None and not option.is_flag and "=" not in arg and index + 1 < len(args):
                kept.extend(args[index : index + 2])  # an option and its value
                index += 1
            elif arg.startswith("-"):
                kept.append(arg)
            else:
                words.append(arg)
            index += 1
        return super().parse_args(ctx, [*kept, "--", " ".join(words)] if words else kept)


@articles.command("search", cls=_QueryCommand)
@click.argument("query")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@output_options
def search_articles(query: str, limit: int, jsonl: bool = False, as_csv: bool = False, **given: Any) -> None:
    """Full-text search over titles and bodies, best match first.

    QUERY is web-search style, in one argument or several: all words must
    occur, "quoted phrases" as written, `a OR b` either, `-word` or `NOT word`
    excludes (`search china -hangzhou`); English stop words are not searched
    for. Words match by their English stem (`protest` finds "protests",
    "protested"); there is no prefix search: `chin*` looks for the word
    "chin", not for words starting with it.
    """
    _check_query(query)
    if jsonl and as_csv:
        raise click.UsageError("choose one of --jsonl and --csv")
    settings = load_settings(default_level="WARNING")
    where = _filter(limit, **{name: given.get(name) for name in _FILTERS})

    async def fetch() -> list[SearchHit]:
        async with opened_store(settings) as store:
            return await store.search(query, where)

    from newsflow.store.search import QueryTooLong

    try:
        hits = asyncio.run(fetch())
    except QueryTooLong as exc:
        raise click.ClickException(str(exc)) from None
    if jsonl:
        docs = (
            {**hit.article.model_dump(mode="json"), "rank": hit.rank, "snippet": hit.snippet} for hit in hits
        )
        write_jsonl(sys.stdout, docs)
    elif as_csv:
        write_hits_csv(sys.stdout, hits)
    else:
        print_hits(Console(), hits)


def _check_query(query: str) -> None:
    """One line for a query that cannot find anything, instead of an empty result."""
    from newsflow.store.search import parse

    parsed = parse(query)
    if not parsed.groups:
        what = "only excluded words" if parsed.excluded else "no word to look for"
        msg = f"the query {query!r} has {what}: add a word that must occur, e.g. 'china -hangzhou'"
        raise UserError(msg)
    starred = [t for group in parsed.groups for t in group if t.endswith("*")]
    if starred:
        click.echo(
            f"note: there is no prefix search: {starred[0]!r} looks for the word "
            f"{starred[0].rstrip('*')!r}; words match by stem (protest finds protests)",
            err=True,
        )


@articles.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    help="File format (default: from PATH's suffix, else jsonl).",
)
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists (never through a symbolic link).")
@filter_options
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def export_articles(path: Path, fmt: str | None, force: bool, **given: Any) -> None:
    """Write the stored articles (or those the filters select) to PATH.

    An existing PATH is kept unless --force is given; a symbolic link is never
    written through; CSV cells starting with = + - @ get a ' before them.
    """
    from newsflow.store.export import FORMATS, ExportRefused, Format, export

    if not path.parent.is_dir():
        raise UserError(f"cannot write {str(path)!r}: folder {str(path.parent)!r} does not exist")
    suffix = path.suffix.lstrip(".").lower()
    chosen = cast(Format, fmt or (suffix if suffix in FORMATS else "jsonl"))
    settings = load_settings(default_level="WARNING")
    where = _filter(None, **{name: given.get(name) for name in _FILTERS})

    async def run() -> int:
        async with opened_store(settings) as store:
            return await export(store.stream(where), chosen, path, force=force)

    try:
        written = asyncio.run(run())
    except ExportRefused as exc:
        raise click.ClickException(str(exc)) from None
    Console(stderr=True).print(f"exported {written} articles to {path} ({chosen})", highlight=False)
