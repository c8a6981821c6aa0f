"""Comment threads under a story: found by shape (names by stamps of one shape, short bodies) and never
the article nor part of its body; a feed of dated briefs (headlines over stamps) is no thread.

Pages written here in made-up words.
"""

from __future__ import annotations

import pytest

from newsflow.extraction import comments
from newsflow.extraction.comments import thread_start
from newsflow.extraction.lines import page_lines
from newsflow.extraction.parse import parse_document
from newsflow.extraction.text import split_text
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

HEADLINE = "Ferry to Orrin Island returns after a winter in the dry dock"
STORY = [
    "The old ferry to Orrin Island sailed again on Monday morning, after a winter in the dry dock "
    "at Kessby where her hull was scraped, welded and painted a new shade of blue.",
    "Captain Mabry Tolle said the engines had been taken apart piece by piece, and that the ferry "
    "now crosses the sound ten minutes faster than she did before the overhaul.",
    "Islanders had relied on a small launch since November, which carried the post and a few "
    "passengers but could not take cars, so the shop on Orrin ran short of fresh bread.",
    "The harbour board says the ferry will run four crossings a day until the summer timetable "
    "begins, when a fifth crossing will be added for the walkers who come for the cliffs.",
]
COMMENTS = [
    ("quillan88", "(3 May 2021 @09h12)", "About time, the launch was a misery in the rain."),
    ("Dorra Fenwick", "(3 May 2021 @10h40)", "Does anyone know if the café on board is open again?"),
    ("quillan88", "(3 May 2021 @11h05)", "It was open this morning, the scones are as dry as ever."),
    ("Pell", "(4 May 2021 @08h31)", "Faster crossings are welcome but the fares went up again."),
]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def _thread(entries: list[tuple[str, str, str]]) -> list[str]:
    return [line for entry in entries for line in entry]


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/comments.txt", body=body)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def test_a_thread_of_named_stamped_comments_after_the_story_is_kept_out_of_its_body() -> None:
    body = _page(
        "Home", "News", HEADLINE, "By Ansel Rook, 2 May 2021", *STORY, "4 comments", *_thread(COMMENTS)
    )
    articles = _parse(body)
    assert len(articles) == 1
    assert articles[0].title == HEADLINE
    assert STORY[-1] in articles[0].body
    for _, stamp, said in COMMENTS:
        assert said not in articles[0].body
        assert stamp not in articles[0].body


BLOG_THREAD = [
    (
        "quillan88",
        "Fares again",
        "The fares went up again in April, and the harbour board has not said a word about "
        "the discount for islanders who cross every day of the week.",
    ),
    (
        "Dorra Fenwick",
        "The café",
        "Last year the café shut in September and never opened for the winter runs, which "
        "made the early crossing a cold and hungry one for everybody aboard.",
    ),
    (
        "quillan88",
        "Scones",
        "The scones are as dry as ever, but the coffee is hot and the new benches on the top "
        "deck are a great deal better than the old ones were.",
    ),
    (
        "Pell",
        "Winter runs",
        "In the winter the launch could not take cars, so the shop ran short of bread, and "
        "nobody from the board came over to see how we were managing.",
    ),
    (
        "Dorra Fenwick",
        "The top deck",
        "The top deck is open again, and on a clear morning you can see the cliffs of "
        "Orrin long before the ferry rounds the point at Kessby harbour.",
    ),
    (
        "quillan88",
        "Islanders",
        "Islanders who cross every day should have their own timetable, because the walkers "
        "in summer fill the early boat before we even reach the pier.",
    ),
    (
        "Pell",
        "Post bags",
        "The post bags used to be stacked on the seats of the launch, and more than once a parcel "
        "went into the sound when the swell came over the side.",
    ),
    (
        "quillan88",
        "The launch",
        "The launch was a misery in the rain and the crossing took the best part of an hour, "
        "but the skipper never once missed a crossing all winter long.",
    ),
]


def test_a_long_thread_of_titled_comments_under_a_one_paragraph_post_never_becomes_the_article() -> None:
    entries = [
        line
        for i, (name, title, said) in enumerate(BLOG_THREAD)
        for line in (name, f"({3 + i // 3} May 2021 @{9 + i}h{10 + i})", ":", title, said)
    ]
    body = _page(
        f"{HEADLINE} (Harbour blogs)",
        "Home",
        "Blogs",
        HEADLINE,
        "by Ansel Rook, 2 May 2021",
        STORY[0],
        "Ansel Rook",
        "Share",
        "Write a comment",
        "Your name",
        "8 comments",
        *entries,
    )
    articles = _parse(body)
    assert len(articles) == 1
    assert articles[0].title == HEADLINE
    assert STORY[0] in articles[0].body
    assert not any(said in articles[0].body for _, _, said in BLOG_THREAD)


def test_a_comment_with_a_title_of_its_own_is_no_second_article() -> None:
    entries = [
        (name, stamp, f"Re: the ferry, comment {i}\n\n{said}")
        for i, (name, stamp, said) in enumerate(COMMENTS)
    ]
    body = _page(HEADLINE, *STORY, *_thread(entries))
    _, segments = split_text(body)
    assert len(segments) == 1
    assert segments[0].title_text == HEADLINE


def test_the_thread_starts_at_the_first_commenters_name() -> None:
    lines = page_lines(_page(HEADLINE, *STORY, *_thread(COMMENTS)))
    start = thread_start(lines)
    assert start is not None
    assert lines[start].text == COMMENTS[0][0]


def test_on_a_forum_page_with_no_story_above_the_first_post_is_the_article() -> None:
    post = (
        "Harbour Desk",
        "Mar 2, 2021",
        "The ferry timetable for the spring is now posted at the pier and in the island shop. Please "
        "check the times before you travel, as the first crossing leaves twenty minutes earlier.",
    )
    replies = [
        ("Tamsin", "Mar 3, 2021", "Thanks, is the late crossing on Fridays staying?"),
        ("Harbour Desk", "Mar 3, 2021", "Yes, the Friday late crossing stays until October."),
        ("Tamsin", "Mar 4, 2021", "Great, that makes the weekend trips easy."),
    ]
    lines = page_lines(_page("Forum", "Timetables", *post, *_thread(replies)))
    start = thread_start(lines)
    assert start is not None
    assert lines[start].text == replies[0][0]


def test_a_feed_of_dated_briefs_with_headlines_over_their_stamps_is_no_thread() -> None:
    briefs = [
        ("Council votes to repaint the old lighthouse", "Apr 2, 2021", "The council agreed to pay for it."),
        ("New bakery opens on the quay at Kessby", "Apr 3, 2021", "The bakery sells rye bread and buns."),
        ("Cliff path closed after the March storms", "Apr 4, 2021", "Walkers must use the road instead."),
        ("School choir wins the county cup again", "Apr 5, 2021", "It is the third cup in four years."),
    ]
    assert thread_start(page_lines(_page("Latest news", *_thread(briefs)))) is None


def test_a_row_of_dated_links_with_nothing_said_between_them_is_no_thread() -> None:
    links = [
        ("Older", "Post 01/23/2021", "Next"),
        ("Newer", "Post 01/24/2021", "Back"),
        ("Up", "Post 01/25/2021", "Top"),
    ]
    lines = page_lines(_page(HEADLINE, *STORY, *_thread(links)))
    assert thread_start(lines) is None


def test_the_storys_own_dateline_far_above_a_thread_of_the_same_shape_is_not_part_of_it() -> None:
    body = _page(HEADLINE, "(2 May 2021 @18h00)", *STORY, *STORY, *_thread(COMMENTS))
    lines = page_lines(body)
    start = thread_start(lines)
    assert start is not None
    assert lines[start].text == COMMENTS[0][0]


def test_posts_quoted_in_the_story_and_signed_with_a_dash_name_and_date_are_no_thread() -> None:
    quoted = [
        ("Ferries back", "— Wren Abbot (@wrenabbot) May 3, 2021", "ADVERTISEMENT"),
        ("No more launch", "— Hal Dunmore (@haldun) May 3, 2021", "Share"),
        ("Blue hull", "— Orrin Shop (@orrinshop) May 4, 2021", "Photo"),
        ("Cars at last", "— Tam Vickery (@tamvick) May 4, 2021", "Next story"),
    ]
    story = [line for paragraph, quote in zip(STORY, quoted, strict=True) for line in (paragraph, *quote)]
    assert thread_start(page_lines(_page(HEADLINE, *story))) is None


def test_a_page_with_fewer_than_three_lines_that_could_print_a_date_is_never_read_for_stamps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(text: str) -> bool:
        raise AssertionError(f"dateline reader ran on {text!r}")

    monkeypatch.setattr(comments, "looks_like_dateline", refuse)
    monkeypatch.setattr(comments, "_date_bearing", refuse)
    lines = page_lines(_page(HEADLINE, "By Ansel Rook, 2 May 2021", *STORY, *_thread(COMMENTS[:1])))
    assert thread_start(lines) is None


def test_a_thread_of_just_three_comments_still_passes_the_cheap_count_of_dated_lines() -> None:
    lines = page_lines(_page(HEADLINE, *STORY, *_thread(COMMENTS[:3])))
    start = thread_start(lines)
    assert start is not None
    assert lines[start].text == COMMENTS[0][0]
