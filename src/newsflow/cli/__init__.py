"""The `newsflow` command line: run, serve, ingest, parse, articles.

Command groups with several subcommands live in their own modules and are
attached at the bottom of this one.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsflow.cli.display import print_table, stored_documents
from newsflow.cli.settings import load_settings
from newsflow.files import expand, read_page, read_pages
from newsflow.shared.backlog import GroupBacklog
from newsflow.shared.errors import BadInput
from newsflow.shared.redact import redact_url
from newsflow.shared.settings import Settings

SERVICES = ("splitter", "worker", "sink")
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

    with embedded_valkey() as url:
        yield url


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsflow")
def main() -> None:
    """newsflow: raw scraped news pages in, clean enriched articles out."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
def run(paths: tuple[str, ...]) -> None:
    """Ingest PATHS (files or folders; default: seeds/) through the whole pipeline.

    Starts the splitter, a worker and the sink in this process against
    NEWSFLOW_REDIS_URL, or against an embedded Valkey server when it is unset;
    waits until every page is stored or dead-lettered; prints a summary and the
    stored articles.
    """
    from newsflow.pipeline import run_pipeline

    settings = load_settings(default_level="WARNING")
    pages = list(read_pages(list(paths) or ["seeds"]))
    if not pages:
        raise click.ClickException("no files to ingest")
    with (
        broker_url(settings) as url,
        Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            console=err,
        ) as bar,
    ):
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
    out.print(
        f"[bold]{summary.pages}[/] pages, [bold]{summary.articles}[/] articles stored, "
        f"[bold]{summary.dead_letters}[/] dead letters in {summary.seconds:.2f}s "
        f"(database: {redact_url(settings.database_url)})"
    )
    docs = asyncio.run(stored_documents(settings, [p.id for p in pages]))
    print_table(out, docs)


@main.command()
@click.argument("service", type=click.Choice(SERVICES))
def serve(service: str) -> None:
    """Run one long-running SERVICE (splitter, worker or sink), as docker compose does."""
    settings = load_settings()
    if service == "splitter":
        from newsflow.services.splitter.app import create_app
    elif service == "worker":
        from newsflow.services.worker.app import create_app
    else:
        from newsflow.services.sink.app import create_app
    asyncio.run(create_app(settings).run())


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
def ingest(paths: tuple[str, ...]) -> None:
    """Publish PATHS (files or folders) to a running deployment, without waiting."""
    from newsflow.client import Producer

    settings = load_settings(default_level="WARNING")
    if not settings.redis_url:
        raise click.ClickException("NEWSFLOW_REDIS_URL is required to ingest into a deployment")
    files = expand(list(paths))

    async def send() -> int:
        assert settings.redis_url is not None
        async with Producer.connect(
            settings.redis_url, settings.stream_prefix, settings.max_backlog
        ) as producer:
            with Progress(console=err) as bar:
                task = bar.add_task("ingest", total=len(files))
                sent = 0
                for path in files:
                    await producer.submit(read_page(path))
                    sent += 1
                    bar.advance(task)
                return sent

    from newsflow.client import PublishRefused

    try:
        sent = asyncio.run(send())
    except PublishRefused as exc:
        raise click.ClickException(redact_url(str(exc))) from None
    out.print(f"published {sent} pages to {settings.streams.pages}")


@main.command()
@click.option("--jsonl", is_flag=True, help="One Article JSON object per line.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def parse(jsonl: bool, files: tuple[str, ...]) -> None:
    """Split and parse FILES offline, exactly as the pipeline would, and print the articles.

    Exits with status 1 if any file could not be turned into articles (the
    reason goes to stderr); the other files are still printed.
    """
    from newsflow.services.splitter.split import split_page
    from newsflow.services.worker.process import process_document, worker_enrichment

    settings = load_settings(default_level="WARNING")
    limits = settings.limits
    enrichment = worker_enrichment(
        settings.enrichers_disabled,
        settings.spacy_model,
        settings.redis_url,
        settings.stream_prefix,
        settings.near_duplicate_threshold,
        window_days=settings.near_duplicate_days,
    )
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


_attach()
