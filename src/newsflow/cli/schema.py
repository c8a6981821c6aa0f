"""`newsflow schema`: the AsyncAPI document and the contracts' JSON Schemas, as shipped in docs/schemas/."""

from __future__ import annotations

import json
from pathlib import Path

import click

NAMES = ("asyncapi", "page", "document", "article", "dead_letter")


@click.command()
@click.argument("name", required=False, type=click.Choice(NAMES))
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), help="Write every file into this folder."
)
def schema(name: str | None, out: Path | None) -> None:
    """Print the AsyncAPI document (default) or one contract's JSON Schema, or write them all with --out."""
    from newsflow.shared.asyncapi import documents, write

    if out is not None:
        for path in write(out):
            click.echo(str(path))
        return
    file = "asyncapi.json" if name in (None, "asyncapi") else f"{name}.schema.json"
    click.echo(json.dumps(documents()[file], indent=2, sort_keys=True, ensure_ascii=False))
