"""`newsflow serve api` as a real process: it prints where it listens, answers, and stops on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from newsflow.cli import main

URL_LINE = re.compile(r"newsflow api and status page: (http://\S+)")

pytestmark = pytest.mark.integration


def test_serve_api_listens_on_a_free_port_takes_pages_and_stops_on_sigterm(
    tmp_path: Path, redis_url: str, prefix: str, redis: object
) -> None:
    env = {
        **os.environ,
        "NEWSFLOW_REDIS_URL": redis_url,
        "NEWSFLOW_STREAM_PREFIX": prefix,
        "NEWSFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'newsflow.db'}",
        "NEWSFLOW_HTTP_PORT": "0",
    }
    env.pop("NEWSFLOW_API_TOKEN", None)
    env.pop("NEWSFLOW_HTTP_HOST", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "newsflow", "serve", "api"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = URL_LINE.search(line)
        assert match, line
        url = match.group(1)
        assert url.startswith("http://127.0.0.1:")  # no token: localhost only
        assert httpx.get(url + "healthz", timeout=10).status_code == 200
        answer = httpx.post(url + "pages", json={"uri": "https://example.org/a", "body": "text"}, timeout=10)
        assert answer.status_code == 202
        assert httpx.get(url + "status", timeout=10).json()["streams"][0]["length"] == 1
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()


def test_serve_api_without_a_redis_url_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSFLOW_REDIS_URL", raising=False)
    result = CliRunner().invoke(main, ["serve", "api"])
    assert result.exit_code == 1
    assert "NEWSFLOW_REDIS_URL is not set" in result.output
    assert "Traceback" not in result.output
