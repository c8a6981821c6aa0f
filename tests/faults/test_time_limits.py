"""A page over its time limit, with real services (issue #15, break 2).

Before: the time limit was SIGALRM inside the worker; firing inside spaCy's
memory zone it left the zone uncleaned, and every later article of that
worker lost its entities and places (stored with ``enrichment_errors``) until
a restart. Now the work runs in a child process that is killed and replaced.
"""

from __future__ import annotations

import json
import random

import pytest
from redis.asyncio import Redis

from newsflow.shared.contracts import ContentType, Page
from newsflow.shared.limits import Limits
from tests.faults.conftest import DeploymentFactory
from tests.faults.harness import (
    RedisServer,
    assert_exactly_once,
    dead_letters,
    expected_ids,
    record,
    wait_drained,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]

LIMIT_S = 2.0
LIMITS = Limits(max_paragraphs=100_000, max_seconds_per_page=LIMIT_S)
_SENTENCE = (
    "The minister Angela Merkel met Emmanuel Macron in Paris on Monday to discuss a budget of 300 "
    "million euros with officials from Berlin and Brussels"
)
_WORDS = _SENTENCE.split()


def _story(index: int, run: str) -> Page:
    uri = f"https://limits.example/{run}/{index}"
    text = (
        f"Angela Merkel met Emmanuel Macron in Paris on Monday about plan {index}.\n\n"
        f"Officials in Berlin said plan {index} would cost 300 million euros over two years."
    )
    body = json.dumps({"url": uri, "title": f"Leaders meet over plan {index}", "text": text})
    return Page(uri=uri, content_type=ContentType.JSON, body=body)


def _long(uri: str, chars: int) -> Page:
    """One article of ``chars`` characters, many names in it; JSON, so that the splitter has no work."""
    rng = random.Random(chars)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = " ".join(rng.choice(_WORDS) for _ in range(60)) + "."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    item = {"url": uri, "title": "Leaders meet over the budget", "text": "\n\n".join(paragraphs)}
    return Page(uri=uri, content_type=ContentType.JSON, body=json.dumps(item))


async def test_a_page_over_its_limit_is_dead_lettered_and_later_articles_keep_their_entities(
    deployment: DeploymentFactory, redis_server: RedisServer
) -> None:
    before = [_story(i, "before") for i in range(20)]
    after = [_story(i, "after") for i in range(20)]
    too_slow = _long("https://limits.example/too-slow", 4_000_000)  # seconds even without NER
    too_long_for_ner = _long("https://limits.example/long", 150_000)  # over the NER bound: no NER
    expected = expected_ids([*before, too_long_for_ner, *after], LIMITS)
    dep = deployment(
        workers=1,
        NEWSFLOW_MAX_SECONDS_PER_PAGE=str(LIMIT_S),
        NEWSFLOW_MAX_PARAGRAPHS="100000",
    ).start()
    await dep.submit([*before, too_slow, too_long_for_ner])
    await dep.submit(after)
    await wait_drained(dep, redis_server.url, expected=len(expected), seconds=300)

    redis = Redis.from_url(redis_server.url)
    try:
        (letter,) = await dead_letters(redis, dep)
    finally:
        await redis.aclose()
    assert (letter["stage"], letter["error_type"]) == ("worker", "TimeLimitExceeded")
    assert letter["page_id"] == too_slow.id
    verdict = await assert_exactly_once(dep, redis_server.url, expected, poison=1)

    stored = {a.page_id: a for a in await dep.stored()}
    for page in [*before, *after]:
        article = stored[page.id]
        assert article.enrichment_errors == {}, (page.uri, article.enrichment_errors)
        assert article.enrichment.entities is not None, page.uri
        people = article.enrichment.entities.model_dump_json()
        assert "Merkel" in people, page.uri  # NER still works in the worker after the overrun
    long_one = stored[too_long_for_ner.id]
    assert long_one.enrichment_errors["entities"].startswith("skipped: body of ")
    assert long_one.enrichment.keywords is not None and long_one.enrichment.keywords.items
    worker_log = next(s for s in dep.services if s.name == "worker").log_path.read_text()
    assert "work.child_replaced" in worker_log
    record("page over its time limit (child killed), page too long for NER", verdict, pages=42, faults=2)
