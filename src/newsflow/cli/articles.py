"""`newsflow articles`: what the store holds."""

from __future__ import annotations

import asyncio
import json
import sys

import click
from rich.console import Console

from newsflow.cli.display import print_table, stored_documents
from newsflow.cli.settings import load_settings


@click.group(invoke_without_command=True)
@click.option("--jsonl", is_flag=True, help="One stored article JSON object per line.")
@click.pass_context
def articles(ctx: click.Context, jsonl: bool) -> None:
    """List what the store (NEWSFLOW_DATABASE_URL) holds."""
    if ctx.invoked_subcommand is not None:
        return
    settings = load_settings(default_level="WARNING")
    docs = asyncio.run(stored_documents(settings, None))
    if jsonl:
        for doc in docs:
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
    else:
        print_table(Console(), docs)
