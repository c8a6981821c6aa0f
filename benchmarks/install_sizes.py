"""Measure what each service's image installs: the size of site-packages per install set.

Usage: ``python benchmarks/install_sizes.py [--sets splitter,worker,sink,client,all]``

Builds the repo's wheels once (as the Dockerfile's build stage does), then for each install set creates a
scratch virtualenv, installs it pinned by requirements.lock, and prints the installed size of its
site-packages and its largest packages. `client` is the producer-only install (``newsflow-client``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DISTS = [
    "./shared",
    "./client",
    "./extraction",
    "./services/splitter",
    "./services/worker",
    "./services/sink",
    ".",
]


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def _install(wheels: Path, requirement: str, venv: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [
            str(venv / "bin/python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--find-links",
            str(wheels),
            "-c",
            str(ROOT / "requirements.lock"),
            requirement,
        ],
        check=True,
    )
    (site,) = (venv / "lib").glob("python3*/site-packages")
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="client,splitter,sink,worker,all")
    args = parser.parse_args()
    requirement = {"client": "newsflow-client==0.1.0"}
    with tempfile.TemporaryDirectory() as tmp:
        wheels = Path(tmp) / "wheels"
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
                *DISTS,
            ],
            cwd=ROOT,
            check=True,
        )
        for dist in DISTS:  # setuptools leaves its build folders in the source tree
            shutil.rmtree(ROOT / dist / "build", ignore_errors=True)
        print("| install | site-packages | largest packages |\n| --- | ---: | --- |")
        for name in args.sets.split(","):
            site = _install(wheels, requirement.get(name, f"newsflow[{name}]==0.1.0"), Path(tmp) / name)
            parts = sorted(((_size(p), p.name) for p in site.iterdir() if p.is_dir()), reverse=True)[:4]
            top = ", ".join(f"{n} {s / 2**20:.0f} MB" for s, n in parts)
            print(f"| {name} | {_size(site) / 2**20:.0f} MB | {top} |", flush=True)


if __name__ == "__main__":
    main()
