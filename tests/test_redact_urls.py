"""Passwords never reach logs: URL redaction and the structlog processor."""

from __future__ import annotations

import json
import logging
import uuid

import pytest
import structlog

from newsflow.shared.logging import configure, get_logger
from newsflow.shared.redact import redact_url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("redis://:s3cret@cache:6379/0", "redis://:***@cache:6379/0"),
        ("rediss://newsflow:s3cret@cache:6380", "rediss://newsflow:***@cache:6380"),
        ("postgresql://app:pw@db/news?sslmode=require", "postgresql://app:***@db/news?sslmode=require"),
        ("postgresql://app@db/news", "postgresql://app@db/news"),
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
        ("redis://nfuser:Pa@Secret-88@cache:6379/0", "redis://nfuser:***@cache:6379/0"),  # redis-py: last "@"
        ("redis://nfuser:Pa/Secret-88@cache:6379/0", "redis://nfuser:***@cache:6379/0"),
        ("'redis://u:a@b@h:1/0'", "'redis://u:***@h:1/0'"),
        (
            "error connecting to redis://u:p@h:1 and postgresql://x:y@z/d",
            "error connecting to redis://u:***@h:1 and postgresql://x:***@z/d",
        ),
    ],
)
def test_passwords_in_urls_are_masked_and_urls_without_one_are_left_alone(text: str, expected: str) -> None:
    assert redact_url(text) == expected


def test_log_lines_and_tracebacks_carry_no_password(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    configure("INFO", "json")
    try:
        log = get_logger("test.redact")
        try:
            raise ConnectionError("cannot reach rediss://newsflow:hunter2@cache:6380/0")
        except ConnectionError:
            log.exception("broker.unavailable", url="redis://:hunter2@cache:6379")
        # a stdlib logger of its own, as FastStream's is: state other tests leave
        # on FastStream's logger must not decide this test
        stdlib = logging.getLogger(f"test.redact.{uuid.uuid4().hex}")
        stdlib.warning("lost redis://:hunter2@cache:6379")
        err = capsys.readouterr().err
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
        structlog.reset_defaults()
    assert "hunter2" not in err
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert lines[0]["url"] == "redis://:***@cache:6379"
    assert "rediss://newsflow:***@cache:6380/0" in lines[0]["exception"]
    assert any("redis://:***@cache:6379" in line.get("event", "") for line in lines[1:])


@pytest.mark.parametrize(
    "url",
    ["redis://nfuser:Pa@Secret-88@127.0.0.1:1/0", "redis://nfuser:Pa/Secret-88@127.0.0.1:1/0"],
)
def test_status_with_a_password_holding_at_or_slash_never_prints_any_of_it(url: str) -> None:
    from click.testing import CliRunner

    from newsflow.cli import main

    result = CliRunner().invoke(
        main, ["status"], env={"NEWSFLOW_REDIS_URL": url, "NEWSFLOW_LOG_FORMAT": "json"}
    )
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)  # a message, no traceback
    assert "nfuser:***@" in result.output
    assert "Secret" not in result.output
    assert "Pa" not in result.output.replace("Parse", "").replace("parse", "")
