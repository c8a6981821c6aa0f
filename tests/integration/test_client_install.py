"""A producer installs only `newsflow-client`: no NLP, no database drivers, and it publishes a page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from redis import Redis

from newsflow.shared.contracts import Page
from newsflow.shared.streams import Streams
from newsflow.shared.wire import decode

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]

PUBLISH = textwrap.dedent(
    """
    import asyncio, importlib.util, sys
    from newsflow.client import Producer
    from newsflow.shared.contracts import Page

    heavy = [m for m in ("spacy", "trafilatura", "sqlalchemy", "pyarrow", "newsflow.worker", "newsflow.sink")
             if importlib.util.find_spec(m.split(".")[0]) and importlib.util.find_spec(m)]
    assert not heavy, heavy

    async def main() -> None:
        async with Producer.connect(sys.argv[1], prefix=sys.argv[2]) as producer:
            print(await producer.submit(Page(uri="https://news.example/client-only", body="A page.")))

    asyncio.run(main())
    """
)


def test_client_only_install_publishes_a_page_without_nlp(
    tmp_path: Path, redis_url: str, prefix: str
) -> None:
    wheels, venv, sources = tmp_path / "wheels", tmp_path / "venv", tmp_path / "src"
    python = venv / "bin" / "python"
    # nothing of this checkout on the path, and its source tree left as it is (no build folders)
    alone = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for dist in ("shared", "client"):
        shutil.copytree(ROOT / dist, sources / dist, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(wheels),
            "./shared",
            "./client",
        ],
        cwd=sources,
        check=True,
        env=alone,
    )
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=alone)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--find-links",
            str(wheels),
            "-c",
            str(ROOT / "requirements.lock"),
            "newsflow-client==0.1.0",
        ],
        check=True,
        env=alone,
    )
    published = subprocess.run(
        [str(python), "-c", PUBLISH, redis_url, prefix],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=alone,
    )
    assert published.returncode == 0, published.stderr
    entry_id = published.stdout.strip()

    redis = Redis.from_url(redis_url)
    try:
        ((got_id, fields),) = redis.xrange(Streams(prefix).pages)
        assert got_id.decode() == entry_id
        assert decode(fields, Page).uri == "https://news.example/client-only"
    finally:
        redis.delete(*redis.scan_iter(f"{prefix}:*"))
        redis.close()
