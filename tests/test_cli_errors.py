"""A user's mistakes get one line naming the setting or path and what to do, exit status 1, no traceback."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsflow.cli import errors, main

SECRET = "s3cret-pw"


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env={"NEWSFLOW_LOG_LEVEL": "WARNING", **(env or {})})


def one_line_error(result: Result) -> str:
    """The single line a failed command printed; fails on a traceback or several lines."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    assert SECRET not in result.output
    return lines[0]


@pytest.fixture
def closed_port() -> int:
    """A local port nothing listens on."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    sock.close()
    return port


@pytest.fixture
def silent_port(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A port that accepts connections and never answers; commands wait half a second for it."""
    monkeypatch.setattr(errors, "CONNECT_TIMEOUT_S", 0.5)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text("Home\n")
    return folder


# -- the database -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [("articles",), ("articles", "list"), ("articles", "search", "china")])
def test_database_on_a_closed_port_names_the_setting_with_the_password_masked(
    command: tuple[str, ...], closed_port: int
) -> None:
    url = f"postgresql://reader:{SECRET}@127.0.0.1:{closed_port}/news"
    line = one_line_error(invoke(*command, env={"NEWSFLOW_DATABASE_URL": url}))
    assert f"NEWSFLOW_DATABASE_URL=postgresql://reader:***@127.0.0.1:{closed_port}/news" in line
    assert "connection refused" in line


def test_run_with_the_database_on_a_closed_port_stops_before_starting(
    closed_port: int, seed_dir: Path
) -> None:
    url = f"postgresql://reader:{SECRET}@127.0.0.1:{closed_port}/news"
    line = one_line_error(invoke("run", str(seed_dir), env={"NEWSFLOW_DATABASE_URL": url}))
    assert "NEWSFLOW_DATABASE_URL=postgresql://reader:***@" in line and "connection refused" in line


def test_unknown_database_host() -> None:
    url = "postgresql://postgres@no-such-host.invalid:5432/news"
    line = one_line_error(invoke("articles", "list", env={"NEWSFLOW_DATABASE_URL": url}))
    assert "unknown host 'no-such-host.invalid'" in line


def test_silent_database_server_is_given_up_on_in_bounded_time(silent_port: int) -> None:
    url = f"postgresql://postgres@127.0.0.1:{silent_port}/news"
    line = one_line_error(invoke("articles", "list", env={"NEWSFLOW_DATABASE_URL": url}))
    assert f"no answer from 127.0.0.1:{silent_port} within 0.5s" in line


@pytest.mark.postgres
def test_missing_postgresql_database_says_to_create_it(postgres_server: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(postgres_server).set(database="nftest_missing_db").render_as_string(hide_password=False)
    line = one_line_error(invoke("articles", "list", env={"NEWSFLOW_DATABASE_URL": url}))
    assert "database 'nftest_missing_db' does not exist" in line and "createdb nftest_missing_db" in line


@pytest.mark.postgres
def test_wrong_postgresql_role_is_named(postgres_server: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(postgres_server).set(username="nftest_no_such_role", password=SECRET)
    line = one_line_error(
        invoke("articles", "list", env={"NEWSFLOW_DATABASE_URL": url.render_as_string(hide_password=False)})
    )
    assert "nftest_no_such_role" in line and "***" in line


def test_sqlite_file_in_a_missing_folder(tmp_path: Path, seed_dir: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing' / 'news.db'}"
    for args in (("run", str(seed_dir)), ("articles", "list")):
        line = one_line_error(invoke(*args, env={"NEWSFLOW_DATABASE_URL": url}))
        assert f"folder '{tmp_path / 'missing'}' does not exist" in line


# -- read-only commands create nothing ----------------------------------------------------------


def test_articles_in_an_empty_folder_says_no_database_and_creates_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSFLOW_DATABASE_URL", raising=False)
    for args in (("articles",), ("articles", "show", "abc"), ("articles", "export", "out.jsonl")):
        line = one_line_error(invoke(*args))
        assert "no database at 'newsflow.db'" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.postgres
def test_articles_list_on_an_empty_postgresql_database_creates_no_schema(postgres_url: str) -> None:
    import asyncio

    import asyncpg  # type: ignore[import-untyped]

    line = one_line_error(invoke("articles", "list", env={"NEWSFLOW_DATABASE_URL": postgres_url}))
    assert "no newsflow tables in the database" in line

    async def tables() -> list[str]:
        conn = await asyncpg.connect(postgres_url)
        try:
            rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        finally:
            await conn.close()
        return [r["tablename"] for r in rows]

    assert asyncio.run(tables()) == []


# -- Redis --------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["ingest", "run", "status", "trim", "dlq"])
def test_redis_on_a_closed_port(command: str, closed_port: int, seed_dir: Path, tmp_path: Path) -> None:
    args = {
        "ingest": ("ingest", str(seed_dir)),
        "run": ("run", str(seed_dir)),
        "status": ("status",),
        "trim": ("trim",),
        "dlq": ("dlq", "list"),
    }[command]
    env = {
        "NEWSFLOW_REDIS_URL": f"redis://:{SECRET}@127.0.0.1:{closed_port}/0",
        "NEWSFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}",
    }
    line = one_line_error(invoke(*args, env=env))
    assert f"NEWSFLOW_REDIS_URL=redis://:***@127.0.0.1:{closed_port}/0" in line
    assert "refused" in line


def test_silent_redis_server_is_given_up_on_in_bounded_time(silent_port: int, seed_dir: Path) -> None:
    env = {"NEWSFLOW_REDIS_URL": f"redis://127.0.0.1:{silent_port}/0"}
    line = one_line_error(invoke("ingest", str(seed_dir), env=env))
    assert f"no answer from 127.0.0.1:{silent_port} within 0.5s" in line


def test_unknown_redis_host(seed_dir: Path) -> None:
    env = {"NEWSFLOW_REDIS_URL": "redis://no-such-host.invalid:6379/0"}
    line = one_line_error(invoke("ingest", str(seed_dir), env=env))
    assert "NEWSFLOW_REDIS_URL=redis://no-such-host.invalid:6379/0" in line


def test_ingest_without_a_redis_url_says_which_setting() -> None:
    line = one_line_error(invoke("ingest", ".", env={"NEWSFLOW_REDIS_URL": ""}))
    assert "NEWSFLOW_REDIS_URL is not set" in line


# -- paths and settings -------------------------------------------------------------------------


def test_export_into_a_missing_folder(tmp_path: Path) -> None:
    env = {"NEWSFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}"}
    line = one_line_error(invoke("articles", "export", str(tmp_path / "nope" / "out.csv"), env=env))
    assert f"folder '{tmp_path / 'nope'}' does not exist" in line


def test_run_outside_the_repository_without_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    line = one_line_error(invoke("run"))
    assert "no PATH given and no seeds/ folder" in line and "newsflow run PATH" in line


def test_an_invalid_setting_is_named_on_one_line() -> None:
    line = one_line_error(invoke("articles", env={"NEWSFLOW_BATCH_SIZE": "many"}))
    assert "NEWSFLOW_BATCH_SIZE" in line


def test_search_of_only_excluded_words_is_accepted_and_explained(tmp_path: Path) -> None:
    env = {"NEWSFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}"}
    line = one_line_error(invoke("articles", "search", "-china", env=env))
    assert "'-china' has only excluded words" in line
