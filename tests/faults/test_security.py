"""Redis with TLS only and an ACL user: the pipeline runs through rediss://, no password is ever logged."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError

from newsflow.shared.contracts import Page
from newsflow.testing import Deployment
from tests.faults.harness import (
    FAST_RECLAIM,
    REDIS_SERVER,
    assert_exactly_once,
    expected_ids,
    free_port,
    pages,
    record,
    wait_drained,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]

PASSWORD = "s3cret-Pw-4711"


@pytest.fixture
def tls_redis(tmp_path: Path) -> Iterator[str]:
    """A TLS-only redis-server whose default user is off; yields the URL of its ACL user."""
    openssl = shutil.which("openssl")
    if openssl is None or REDIS_SERVER is None:
        pytest.skip("needs openssl and redis-server")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert),
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [
            REDIS_SERVER, "--port", "0", "--tls-port", str(port), "--bind", "127.0.0.1",
            "--tls-cert-file", str(cert), "--tls-key-file", str(key), "--tls-ca-cert-file", str(cert),
            "--tls-auth-clients", "no", "--save", "", "--appendonly", "no", "--dir", str(tmp_path),
            "--user", "default", "off",
            "--user", "newsflow", "on", f">{PASSWORD}", "~*", "&*", "+@all",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"rediss://newsflow:{PASSWORD}@127.0.0.1:{port}/0?ssl_ca_certs={cert}"
    try:
        asyncio.run(_wait_up(url))
        yield url
    finally:
        server.kill()
        server.wait(5)


async def _wait_up(url: str) -> None:
    async with asyncio.timeout(10):
        while True:
            client = Redis.from_url(url)
            try:
                await client.ping()
                return
            except (RedisError, OSError):
                await asyncio.sleep(0.05)
            finally:
                await client.aclose()


def test_pipeline_over_tls_with_an_acl_user_logs_no_password(
    tls_redis: str, sqlite_url: str, prefix: str
) -> None:
    batch = pages(200, "tls")
    expected = expected_ids(batch)
    dep = Deployment(tls_redis, sqlite_url, prefix, env=dict(FAST_RECLAIM))
    # A service given a wrong password keeps retrying instead of crash-looping, and says why.
    wrong = Deployment(tls_redis.replace(PASSWORD, "not-" + PASSWORD), sqlite_url, prefix)
    try:
        dep.start()
        intruder = wrong.start_service("splitter", "wrong-password")
        asyncio.run(_run(dep, tls_redis, batch, len(expected)))
        verdict = asyncio.run(assert_exactly_once(dep, tls_redis, expected))
        assert intruder.process.poll() is None  # still running, still retrying
    finally:
        dep.stop()
        wrong.stop()
    logs = dep.logs() + wrong.logs()
    assert PASSWORD not in logs
    assert "broker.unavailable" in wrong.logs()
    record("TLS + ACL user (rediss://), plus a wrong-password service", verdict, pages=len(batch), faults=1)


async def _run(dep: Deployment, url: str, batch: list[Page], expected: int) -> None:
    await dep.submit(batch)
    await wait_drained(dep, url, expected=expected)
