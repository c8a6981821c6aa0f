"""`newsflow probe`: ask a running service's /healthz or /readyz, for container health checks (no curl)."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

import click


def probe_url(endpoint: str, port: int, host: str = "127.0.0.1", timeout: float = 3.0) -> tuple[bool, str]:
    """(answered 200, first line of the answer or the error) for ``http://host:port/endpoint``."""
    url = f"http://{host}:{port}/{endpoint}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200, response.read(2000).decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return False, f"{exc.code} {exc.read(2000).decode(errors='replace')}"
    except (OSError, ValueError) as exc:
        return False, f"{url}: {exc}"


@click.command()
@click.argument("endpoint", type=click.Choice(["healthz", "readyz"]), default="healthz")
@click.option("--port", type=int, help="Default: NEWSFLOW_HTTP_PORT.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--timeout", default=3.0, show_default=True, help="Seconds.")
def probe(endpoint: str, port: int | None, host: str, timeout: float) -> None:
    """Exit 0 when this host's service answers ENDPOINT (healthz, readyz) with 200, else 1."""
    if port is None:
        raw = os.environ.get("NEWSFLOW_HTTP_PORT", "").strip()
        if not raw.isdigit() or int(raw) == 0:
            raise click.ClickException("give --port, or set NEWSFLOW_HTTP_PORT to the service's fixed port")
        port = int(raw)
    ok, detail = probe_url(endpoint, port, host, timeout)
    click.echo(detail.strip()[:500], err=not ok)
    sys.exit(0 if ok else 1)
