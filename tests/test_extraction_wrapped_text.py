"""Text hard-wrapped at a fixed width (a plain-text post, a mailing-list archive) on text dumps.

Small pages written here in made-up words, so what is pinned is the layout: each paragraph broken into
lines of about seventy characters printed right under one another reads as one paragraph, so the
story is found and kept whole, while a list of headlines printed one under another is not taken for
wrapped text.
"""

from __future__ import annotations

import textwrap

from newsflow.extraction.features import wrapped_runs
from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

TITLE = "Teaching an old pager daemon to speak"
PARAGRAPHS = [
    "Back in the winter of the flood year I wrote a small daemon that watched the lab's pager queue and "
    "printed each message on the teletype in the corner, which everybody ignored within a week.",
    "A colleague from the basement office then suggested that the daemon should read the messages "
    "aloud instead, since the teletype was always out of paper and nobody walked over to check it.",
    "The first version mumbled every line through a borrowed synthesiser, and the second one learned "
    "to skip the routing headers, which made the whole thing bearable for the people sitting nearby.",
    "Twenty years on the daemon still runs on a spare machine under the stairs, and the only change "
    "since then is that it now reads the weather forecast every morning before the queue opens.",
]
HEADLINES = [
    "Notes on porting the pager daemon to a newer kernel release",
    "Why the basement lab still keeps a teletype around for visitors",
    "Older posts about synthesisers, queues and the morning forecast",
    "A short history of the spare machine under the stairs at the lab",
]


def _wrapped(paragraph: str) -> str:
    return "\n".join(textwrap.wrap(paragraph, width=68))


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/wrapped.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def test_a_story_wrapped_at_a_fixed_width_is_kept_whole_with_its_paragraphs_joined() -> None:
    body = "\n\n".join(
        [
            f"{TITLE} - a lab notebook",
            "Home",
            "Archive",
            "About",
            TITLE,
            "1 Background",
            *[_wrapped(p) for p in PARAGRAPHS],
            "Posted by the lab at 2:33 PM",
            "Newer Post Older Post Home",
            "Blog Archive",
            "\n".join(HEADLINES),
        ]
    )
    articles = _parse(body)
    assert len(articles) == 1
    text = articles[0].body
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert not any(headline in text for headline in HEADLINES)


def test_headlines_printed_one_under_another_are_no_wrapped_paragraph() -> None:
    lines = [*HEADLINES, "Council votes on the new ferry timetable for the coming summer season"]
    assert wrapped_runs(list(range(1, len(lines) + 1)), lines) == []


def test_wrapped_lines_are_found_only_where_no_empty_line_parts_them() -> None:
    lines = _wrapped(PARAGRAPHS[0]).splitlines()
    assert wrapped_runs(list(range(1, len(lines) + 1)), lines) == [(0, len(lines) - 1)]
    apart = list(range(1, 2 * len(lines), 2))
    assert wrapped_runs(apart, lines) == []
