"""The repository's layout rules: no symlinks, one distribution per folder, and no imports between services.

Distributions are libraries (shared, client, extraction, store) or services (splitter, worker, sink, api).
A service depends on libraries only, never on another service: what two services share (extraction for
the splitter and the worker, storage for the sink and the api) is a library. Each distribution may import
only its own package and the `newsflow` packages of the distributions it declares as dependencies (its
pyproject.toml), so what the sink imports never pulls in extraction or NLP.
"""

from __future__ import annotations

import ast
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# distribution folder -> the `newsflow` packages or modules its src/ holds
LIBRARIES = {
    "shared": {"newsflow.shared"},
    "client": {"newsflow.client"},
    "extraction": {"newsflow.extraction"},
    "store": {"newsflow.store"},
}
SERVICES = {
    "services/splitter": {"newsflow.splitter"},
    "services/worker": {"newsflow.worker"},
    "services/sink": {"newsflow.sink"},
    "services/api": {"newsflow.api"},
}
DISTRIBUTIONS = {**LIBRARIES, **SERVICES}


def _owned(folder: str) -> set[str]:
    return DISTRIBUTIONS[folder]


def _name(folder: str) -> str:
    return str(tomllib.loads((ROOT / folder / "pyproject.toml").read_text())["project"]["name"])


def _dependencies(folder: str) -> set[str]:
    """The folders of the repo's distributions that ``folder``'s pyproject.toml depends on."""
    project = tomllib.loads((ROOT / folder / "pyproject.toml").read_text())["project"]
    by_name = {_name(f): f for f in DISTRIBUTIONS}
    names = {re.split(r"[\s\[<>=!~;@]", r, maxsplit=1)[0] for r in project.get("dependencies", [])}
    return {by_name[name] for name in names if name in by_name}


def _declared(folder: str) -> set[str]:
    allowed = set(_owned(folder))
    for dependency in _dependencies(folder):
        allowed |= _owned(dependency)
    return allowed


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("newsflow.")}


def test_the_repository_holds_no_symlink() -> None:
    listed = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True)
    links = [line.split("\t")[1] for line in listed.stdout.splitlines() if line.startswith("120000")]
    assert links == []


@pytest.mark.parametrize("folder", sorted(DISTRIBUTIONS))
def test_a_distribution_imports_only_what_it_declares(folder: str) -> None:
    allowed = _declared(folder)
    wrong = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in (ROOT / folder / "src").rglob("*.py")
        for module in _imports(path)
        if not any(module == a or module.startswith(a + ".") for a in allowed)
    }
    assert not wrong, sorted(wrong)


def test_every_distribution_folder_is_a_library_or_a_service() -> None:
    folders = {p.parent.relative_to(ROOT).as_posix() for p in ROOT.glob("*/pyproject.toml")}
    folders |= {p.parent.relative_to(ROOT).as_posix() for p in ROOT.glob("services/*/pyproject.toml")}
    assert folders == set(DISTRIBUTIONS)


@pytest.mark.parametrize("folder", sorted(SERVICES))
def test_a_service_depends_on_libraries_only_never_on_another_service(folder: str) -> None:
    assert _dependencies(folder) <= set(LIBRARIES), sorted(_dependencies(folder) - set(LIBRARIES))


@pytest.mark.parametrize("folder", sorted(LIBRARIES))
def test_a_library_depends_on_no_service(folder: str) -> None:
    assert not _dependencies(folder) & set(SERVICES)


def test_newsflow_is_a_namespace_shared_by_every_distribution() -> None:
    for folder in [*DISTRIBUTIONS, "."]:
        assert not (ROOT / folder / "src" / "newsflow" / "__init__.py").exists()
