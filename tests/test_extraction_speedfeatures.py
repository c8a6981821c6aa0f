"""Shortcuts taken for speed give exactly what the general readings give."""

from __future__ import annotations

from newsflow.extraction.features import _DENSE, _TYPOGRAPHY, WORD, LineFeatures
from newsflow.extraction.feeds import _inline_clock
from newsflow.extraction.lines import body_words, content_words
from newsflow.extraction.parse import _joined_topic_share, _topic_share


def _general_words(text: str) -> int:
    """The word count by the general reading (the word pattern and the dense scripts' letters)."""
    dense = _DENSE.findall(text)
    cjk = dense.count("")
    return len(WORD.findall(text)) + cjk // 2 + (len(dense) - cjk) // 4


def test_typographic_punctuation_counts_words_as_the_general_reading() -> None:
    lines = [
        "The harbour\u2019s new ferry \u2014 \u201cthe Gull\u201d \u2014 sails at dawn\u2026",
        "Tickets\u00a0cost \u00a312 \u2022 children go free \u00b7 dogs too",
        "\u00abOpen\u00bb said the sign\u2009\u2013\u2009twice",
        "Caf\u00e9 owners\u2019 meeting moved to Thursday",
        "\u6e2f\u306e\u30d5\u30a7\u30ea\u30fc \u2014 new timetable",
    ]
    for text in lines:
        assert LineFeatures(text).words == _general_words(text), text


def test_latin1_characters_count_words_as_the_general_reading() -> None:
    for code in range(1, 256):
        text = f"Harbour{chr(code)}fair opens {chr(code)}today"
        assert LineFeatures(text).words == _general_words(text), hex(code)
    text = "\u00c9tienne\u2019s caf\u00e9 \u2014 na\u00efve \u00bbFl\u00fcgel\u00ab \u00bd price\u2026"
    assert LineFeatures(text).words == _general_words(text)


def test_typography_holds_no_word_character() -> None:
    assert _TYPOGRAPHY
    assert all(WORD.match(c) is None and _DENSE.match(c) is None for c in _TYPOGRAPHY)


def test_title_case_counts_letters_only() -> None:
    assert LineFeatures("Mayor Opens New Bridge").title_case == 1.0
    assert LineFeatures("3 Boats and 2 Ferries").title_case == 2 / 3
    assert LineFeatures("\u00c9t\u00e9 \u00e0 la plage").title_case == 1 / 4
    assert LineFeatures("42 17").title_case == 0.0


def test_topic_share_of_paragraphs_is_that_of_their_joined_text() -> None:
    tail = ["Gardeners gathered beside the river.", "Their harvest fair draws thousands \u2014 again.", ""]
    topic = {"gardeners", "harvest", "river"}
    assert _joined_topic_share(tail, topic) == _topic_share(" ".join(tail), topic)
    assert _joined_topic_share([], topic) == 1.0


def test_body_words_are_the_joined_texts_content_words() -> None:
    texts = ["Ferry crews voted on Monday.", "\u00c9tienne Marchand leads the union."]
    assert body_words(texts) == content_words(" ".join(texts))


def test_inline_clock_found_in_either_case() -> None:
    assert _inline_clock("14H32 Pier reopens after the storm") == ("14H32", "Pier reopens after the storm")
    assert _inline_clock("Pier reopens after the storm (9:05)") == ("9:05", "Pier reopens after the storm")
    assert _inline_clock("Pier reopens after the storm") is None
