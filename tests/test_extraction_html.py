"""HTML pages: trafilatura's reading, checked against our own innerText reading of the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsflow.extraction.html import (
    article_container,
    choose,
    container_lines,
    continuation,
    inner_text,
    link_keys,
    link_texts,
    load_page,
    parse_markup,
    render,
    standfirst,
    trim_edges,
    without_links,
)
from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, ContentType, Page
from newsflow.shared.errors import NestedTooDeep, error_type, is_permanent
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPHS = [
    "Dock workers at the northern port went back to their cranes on Monday morning, ending a strike "
    "that had left dozens of container ships waiting at anchor outside the harbour.",
    "The union said its members had accepted a pay offer of four percent this year and three percent "
    "next year, along with new rules on rest breaks during night shifts.",
    '"We did not want to stop the port, but we needed to be heard," said Maria Olsen, who has driven '
    "a gantry crane for eleven years.",
    "Shipping lines expect the backlog of vessels to clear by the end of the week, although some "
    "importers warned that shelves could stay thin for longer.",
]


def _page(extra_head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>Harbour cranes return to work</title>{extra_head}</head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></nav>"
        "<article><h1>Harbour cranes return to work</h1>"
        "<time datetime='2024-05-01T10:00:00Z'>May 1, 2024</time>"
        "<figure><img src='cranes.jpg'>"
        "<figcaption>Cranes at the northern port on Monday.</figcaption></figure>"
        f"{body}</article>"
        "<aside><h3>Most read</h3><ul><li><a href='/a'>Storm warning issued for the coast</a></li>"
        "<li><a href='/b'>Local team wins the cup</a></li></ul></aside>"
        "<footer>© 2024 Example News. All rights reserved.</footer>"
        "<script>var tracking = 'do not show me';</script></body></html>"
    )


def _parse(markup: str) -> list[Article]:
    page = Page(uri="page.html", content_type=ContentType.HTML, body=markup)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def test_html_article_body_is_the_paragraphs_without_navigation_or_footer() -> None:
    (article,) = _parse(_page())
    assert article.body.split("\n\n") == PARAGRAPHS
    assert article.title == "Harbour cranes return to work"


def test_html_times_come_from_the_page_metadata_with_their_zone() -> None:
    head = (
        "<meta property='article:published_time' content='2024-05-01T10:00:00+02:00'>"
        "<meta property='article:modified_time' content='2024-05-01T12:30:00+02:00'>"
    )
    (article,) = _parse(_page(extra_head=head))
    assert article.published_at == "2024-05-01T10:00+02:00"
    assert article.updated_at == "2024-05-01T12:30+02:00"


def test_html_figure_captions_are_kept_apart_from_the_body() -> None:
    (article,) = _parse(_page())
    assert "Cranes at the northern port on Monday." in article.captions
    assert "Cranes at the northern port" not in article.body


def test_inner_text_puts_blocks_on_lines_and_skips_scripts_and_hidden_elements() -> None:
    markup = (
        "<html><body><div>Menu<br>Search</div><p>First <b>bold</b> words.</p>"
        "<div hidden>secret</div><div style='display: none'>also secret</div>"
        "<script>var x = 1;</script><ul><li>One</li><li>Two</li></ul></body></html>"
    )
    lines = [line for line in inner_text(markup).splitlines() if line]
    assert lines == ["Menu", "Search", "First bold words.", "One", "Two"]


def test_our_reading_wins_when_trafilatura_stopped_early() -> None:
    full = "\n".join(PARAGRAPHS)
    choice = choose(PARAGRAPHS[0], full)
    assert choice.use_ours
    assert choice.reason == "theirs-stopped-early"


def test_our_reading_wins_when_trafilatura_kept_an_extra_box() -> None:
    extra = (
        "Storm warning issued for the coast this weekend as forecasters expect gales and heavy rain "
        "along the whole of the northern shore, with ferries cancelled from Friday evening onwards."
    )
    choice = choose("\n".join([*PARAGRAPHS[:3], extra]), "\n".join(PARAGRAPHS[:3]))
    assert choice.use_ours
    assert choice.reason == "theirs-kept-extra"


def test_trafilatura_reading_stands_when_both_agree() -> None:
    ours = "\n".join([*PARAGRAPHS[:3], PARAGRAPHS[3][:60]])
    choice = choose("\n".join(PARAGRAPHS), ours)
    assert not choice.use_ours
    assert choice.reason == "agree"


def test_trim_edges_drops_a_teaser_far_before_the_body_but_keeps_the_story() -> None:
    teaser = "Read our weekly newsletter for the best stories from the port and the harbour towns."
    page_lines = [teaser] + [""] * 20 + PARAGRAPHS
    first = len(page_lines) - len(PARAGRAPHS) + 1
    kept = trim_edges([teaser, *PARAGRAPHS], "\n".join(PARAGRAPHS[1:]), page_lines, (first + 1, first + 3))
    assert kept == PARAGRAPHS


def test_trim_edges_drops_a_story_list_under_a_heading_after_the_body() -> None:
    teasers = [
        f"Teaser number {n} about another story on the site with its own short summary line" for n in range(5)
    ]
    page_lines = [*PARAGRAPHS, "", "Our latest stories", *teasers]
    kept = trim_edges([*PARAGRAPHS, *teasers], "\n".join(PARAGRAPHS), page_lines, (1, len(PARAGRAPHS)))
    assert kept == PARAGRAPHS


def _nested(depth: int) -> str:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"<html><body>{'<div>' * depth}{story}{'</div>' * depth}</body></html>"


def test_deeply_nested_markup_within_the_parser_limit_is_read() -> None:
    assert inner_text(_nested(200)).splitlines()[0] == PARAGRAPHS[0]
    (article,) = _parse(_nested(200))
    assert article.body.split("\n\n") == PARAGRAPHS


def test_markup_nested_deeper_than_the_parser_builds_is_refused_as_nested_too_deep() -> None:
    with pytest.raises(NestedTooDeep, match="nested too deep") as refused:
        _parse(_nested(5000))
    assert is_permanent(refused.value)  # dead-lettered at once under its own name, never retried
    assert error_type(refused.value) == "NestedTooDeep"
    with pytest.raises(NestedTooDeep):
        inner_text(_nested(300))


def _section(markup: str) -> str | None:
    return render(markup).section


def test_html_section_label_before_the_headline_is_the_category() -> None:
    markup = _page().replace("<article>", "<article><span class='story-kicker'>Business</span>")
    (article,) = _parse(markup)
    assert article.category == "Business"
    assert article.body.split("\n\n") == PARAGRAPHS  # the label is not body text


def test_html_section_stated_in_metadata_wins_over_a_label() -> None:
    labelled = _page().replace("<article>", "<article><p class='section'>Business</p>")
    meta = "<meta property='article:section' content='Economy'>"
    assert (
        _section(_page(extra_head=meta).replace("<article>", "<article><p class='section'>X</p>"))
        == "Economy"
    )
    jsonld = (
        '<script type="application/ld+json">'
        '{"articleSection": ["Classifica\\u00e7\\u00e3o", "Sport"]}</script>'
    )
    assert _section(labelled.replace("</head>", f"{jsonld}</head>")) == "Classificação"


def test_html_navigation_and_labels_after_the_headline_are_not_the_section() -> None:
    assert _section(_page()) is None  # the nav names World and Sport: no section stated for the story
    after = _page().replace("</h1>", "</h1><p class='category'>World</p>")
    assert _section(after) is None
    sentence = _page().replace("<article>", "<article><p class='section'>This is a whole sentence here.</p>")
    assert _section(sentence) is None


def test_seed_html_page_is_filed_under_business() -> None:
    markup = (ROOT / "seeds" / "001_harbour_wind.html").read_text(encoding="utf-8")
    (article,) = _parse(markup)
    assert article.category == "Business"


def test_html_section_ignores_the_headlines_wrappers_navigation_and_hidden_labels() -> None:
    wrapped = (
        "<html><body><div class='section-header'><h1>Stocks slide again</h1></div><p>Text.</p></body></html>"
    )
    assert _section(wrapped) is None
    nav = (
        "<html><body><nav><ul><li class='menu-category'>World</li></ul></nav>"
        "<h1>Stocks slide again</h1><p>Text.</p></body></html>"
    )
    assert _section(nav) is None
    hidden = _page().replace("<article>", "<article><p class='kicker' style='display: none'>Sponsored</p>")
    assert _section(hidden) is None


def test_html_section_from_itemprop_and_escaped_json_ld() -> None:
    itemprop = _page().replace("<article>", "<article><span itemprop='articleSection'>Science</span>")
    assert _section(itemprop) == "Science"
    jsonld = '<script type="application/ld+json">{"articleSection": "Arts \\"and\\" Culture"}</script>'
    assert _section(_page(extra_head=jsonld)) == 'Arts "and" Culture'
    card = _page().replace("<aside>", "<aside><meta property='article:section' content='Sport'>")
    assert _section(card) is None  # metadata of a related-article card in the body is not the page's


def test_article_container_is_the_element_holding_the_paragraphs() -> None:
    root = parse_markup(_page())
    assert root is not None
    container = article_container(root, PARAGRAPHS[:3])
    assert container is not None
    assert container.tag == "article"


def test_continuation_keeps_the_rest_of_the_story_but_not_boxes_outside_its_container() -> None:
    """trafilatura stopped after two paragraphs; the rest of the story is in the same element,
    a comment policy and a related list stand outside it."""
    outside = [
        "Comments are moderated and it may take a while before yours shows up under the story here.",
        "Another story about the harbour from last year",
    ]
    markup = (
        "<html><body><div class='story-body'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</div><div class='comments'>"
        + "".join(f"<p>{p}</p>" for p in outside)
        + "</div></body></html>"
    )
    root = parse_markup(markup)
    assert root is not None
    theirs = "\n".join(PARAGRAPHS[:2])
    container = article_container(root, PARAGRAPHS[:2])
    assert container is not None
    assert continuation([*PARAGRAPHS, *outside], theirs, container_lines(container)) == PARAGRAPHS


def test_continuation_finds_a_story_printed_in_chunks_of_the_same_kind() -> None:
    """A box in the middle splits the story into two elements of one class: both are the article."""
    box = "<div class='promo'><p>Subscribe to our weekly letter for more news.</p></div>"
    chunk = "<div class='article-chunk'>{}</div>"
    markup = (
        "<html><body><article>"
        + chunk.format("".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]))
        + box
        + chunk.format("".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]))
        + "</article></body></html>"
    )
    root = parse_markup(markup)
    assert root is not None
    container = article_container(root, PARAGRAPHS[:2])
    assert container is not None
    assert container.get("class") == "article-chunk"
    ours = [*PARAGRAPHS[:2], "Subscribe to our weekly letter for more news.", *PARAGRAPHS[2:]]
    kept = continuation(ours, "\n".join(PARAGRAPHS[:2]), container_lines(container))
    assert kept == PARAGRAPHS


def test_continuation_drops_short_furniture_trailing_inside_the_container() -> None:
    markup = "<html><body><div class='entry'>{}<p>Share this:</p><p>Related</p></div></body></html>"
    root = parse_markup(markup.format("".join(f"<p>{p}</p>" for p in PARAGRAPHS)))
    assert root is not None
    container = article_container(root, PARAGRAPHS[:2])
    assert container is not None
    kept = continuation([*PARAGRAPHS, "Share this:", "Related"], PARAGRAPHS[0], container_lines(container))
    assert kept == PARAGRAPHS


def test_a_standfirst_between_headline_and_body_opens_the_article() -> None:
    standfirst_line = "The strike that kept ships at anchor for a week is over, and cranes move again."
    markup = _page().replace(
        "<time datetime='2024-05-01T10:00:00Z'>May 1, 2024</time>",
        f"<div class='dek'><span>{standfirst_line}</span></div>"
        "<time datetime='2024-05-01T10:00:00Z'>May 1, 2024</time>",
    )
    (article,) = _parse(markup)
    assert article.body.split("\n\n") == [standfirst_line, *PARAGRAPHS]


def test_standfirst_skips_bylines_captions_and_the_headline_again() -> None:
    lines = [
        "Harbour cranes return to work",
        "By Ann Lee, 1 May 2024",
        "Cranes at the northern port on Monday, seen from the harbour wall at dawn.",
        "Harbour cranes return to work",
        *PARAGRAPHS,
    ]
    captions = ["Cranes at the northern port on Monday, seen from the harbour wall at dawn."]
    assert standfirst(lines, ["Harbour cranes return to work"], PARAGRAPHS, captions) == []


LEAD = "Dock workers voted to end the strike late on Sunday, and the first ships moved at dawn."
HEADLINE = "Harbour cranes return to work"


def test_a_lead_above_a_date_byline_and_share_bar_opens_the_article() -> None:
    furniture = ["May 1, 2024", "", "By Ann Lee", "", "Updated 2 hours ago", "Share", "Post", "Mail", "Print"]
    lines = ["Home", HEADLINE, "", "May 1, 2024", "", LEAD, "", *furniture, "", *PARAGRAPHS]
    assert standfirst(lines, [HEADLINE], PARAGRAPHS, []) == [LEAD]


def _lead_page(header: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    top = f"<header><h1>{HEADLINE}</h1>{header}</header>"
    return f"<html><body><article>{top}<div>{body}{paragraphs}</div></article></body></html>"


def test_a_dek_set_in_the_headlines_header_is_not_the_lead() -> None:
    dek = "A week at anchor is over for the ships, and the cranes at the port move again."
    for markup, expected in (
        (_lead_page(f"<p>{dek}</p>", ""), []),  # the headline's summary
        (_lead_page("", f"<p>{dek}</p>"), [dek]),  # the body's first paragraph
    ):
        root = parse_markup(markup)
        assert root is not None
        lines = render(root, furniture=False).text.splitlines()
        assert standfirst(lines, [HEADLINE], PARAGRAPHS, [], root) == expected


def test_standfirst_reads_up_to_a_headline_broken_over_two_lines() -> None:
    lines = ["Harbour cranes return", "to work on Monday", "", LEAD, "", "By Ann Lee", *PARAGRAPHS]
    assert standfirst(lines, ["Harbour cranes return to work on Monday"], PARAGRAPHS, []) == [LEAD]
    # no headline above: the prose there may be anything
    assert standfirst(lines[3:], ["Harbour cranes return to work on Monday"], PARAGRAPHS, []) == []


def test_standfirst_reads_up_from_the_first_kept_paragraph_without_adding_back_what_was_taken() -> None:
    caption = "The cranes at the northern port were still on Monday morning, seen from the harbour wall."
    lines = [HEADLINE, "", LEAD, "", caption, "", *PARAGRAPHS]
    assert standfirst(lines, [HEADLINE], PARAGRAPHS, [], taken=[caption, *PARAGRAPHS]) == [LEAD]


def test_standfirst_finds_the_body_printed_with_soft_hyphens() -> None:
    hyphenated = [PARAGRAPHS[0].replace("workers", "work\xaders"), *PARAGRAPHS[1:]]
    lines = [HEADLINE, LEAD, *hyphenated]
    assert standfirst(lines, [HEADLINE], PARAGRAPHS, []) == [LEAD]


def test_a_text_block_alone_beside_an_image_is_its_caption() -> None:
    caption = "The harbour at dawn on Monday (Photo: Port Authority)"
    markup = _page().replace(
        "<figure><img src='cranes.jpg'>",
        f"<div class='media'><img src='a.jpg'><p>{caption}</p></div><figure><img src='cranes.jpg'>",
    )
    assert caption in render(markup).captions
    (article,) = _parse(markup)
    assert caption not in article.body
    # paragraphs beside an inline image are several blocks: no caption
    inline = _page().replace("<figure>", "<div><img src='b.jpg'><p>One.</p><p>Two.</p></div><figure>")
    assert "One." not in render(inline).captions


def test_a_paragraph_that_is_one_link_to_the_same_site_is_not_body_text() -> None:
    teaser = "Storm warning issued for the coast this weekend"
    source = "The harbour authority published its own account of the strike and what it cost the port."
    markup = _page(extra_head="<link rel='canonical' href='https://www.example.com/cranes'>").replace(
        "</article>",
        f"<p><a href='https://example.com/storm'>{teaser}</a></p>"
        f"<p><a href='https://harbour.example.org/report.pdf'>{source}</a></p></article>",
    )
    (article,) = _parse(markup)
    assert teaser not in article.body  # another page of the site: a teaser
    assert source in article.body  # a link elsewhere: the story's source


def test_a_short_label_and_one_link_to_the_same_site_is_a_teaser() -> None:
    links = frozenset({"storm warning issued for the coast"})
    teasers = [
        "Read also: Storm warning issued for the coast",
        "Zobacz też » Storm warning issued for the coast",
    ]
    prose = [
        "Note: the storm warning issued for the coast was lifted on Monday.",  # a sentence, no link
        "The harbour master told the crews: Storm warning issued for the coast",  # no short label
        "Jacket: Storm",  # a linked name, not a headline
    ]
    assert without_links([*teasers, *prose], links | {"storm"}) == prose


def test_link_texts_count_relative_links_and_survive_malformed_urls() -> None:
    root = parse_markup(
        "<html><body><a href='/world/storm'>Storm on the coast</a>"
        "<a href='http://[ccpa-preferences]/x'>Broken</a><a href='#top'>Back to top</a>"
        "<a href='https://elsewhere.org/'>Elsewhere</a></body></html>"
    )
    assert root is not None
    assert link_texts(root) == frozenset({"storm on the coast"})


def test_trim_edges_keeps_the_storys_closing_paragraph_inside_its_element() -> None:
    """Our reading ended a paragraph early; trafilatura's last paragraph is far from our body on the
    page but is running text in the article's element, so it stays; a teaser outside goes."""
    teaser = "Another story about a storm that closed the harbour for two days last winter, with photos."
    page_lines = [*PARAGRAPHS[:3], *[""] * 10, PARAGRAPHS[3], *[""] * 10, teaser]
    inside = {" ".join(PARAGRAPHS[3].lower().replace(",", "").replace(".", "").split())}
    theirs = [*PARAGRAPHS, teaser]
    our_body = "\n".join(PARAGRAPHS[:3])
    assert trim_edges(theirs, our_body, page_lines, (1, 3)) == PARAGRAPHS[:3]
    assert trim_edges(theirs, our_body, page_lines, (1, 3), inside=lambda: inside) == PARAGRAPHS


def test_a_whole_page_is_parsed_once_and_trafilatura_reads_the_same_from_the_tree() -> None:
    import trafilatura

    markup = _page()
    tree, root = load_page(markup)
    assert tree is root  # one parse serves both readings
    from_tree = trafilatura.bare_extraction(tree, with_metadata=False, include_comments=False)
    from_markup = trafilatura.bare_extraction(markup, with_metadata=False, include_comments=False)
    assert from_tree is not None and from_markup is not None
    assert from_tree.as_dict()["text"] == from_markup.as_dict()["text"]
    assert root.find("body") is not None  # trafilatura worked on a copy: our tree is whole
    assert render(root).text == render(markup).text


def test_a_fragment_is_read_by_us_as_a_whole_document() -> None:
    fragment = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    tree, root = load_page(fragment)
    assert tree is not None and root is not None
    assert tree is not root and root.tag == "html"
    assert render(root).text.split("\n\n") == PARAGRAPHS


def test_a_comment_beside_an_image_does_not_hide_its_caption() -> None:
    caption = "The glimmer pond of Vosk at first frost (Picture: Brel Quandy)"
    markup = _page().replace(
        "<figure><img src='cranes.jpg'>",
        f"<div><a href='/vosk'><img src='vosk.jpg'><!-- lazy image --></a><p>{caption}</p></div>"
        "<figure><img src='cranes.jpg'>",
    )
    _tree, root = load_page(markup)
    assert caption in render(root).captions
    assert caption in render(markup).captions
    (article,) = _parse(markup)
    assert caption not in article.body


def test_link_texts_among_given_keys_reads_only_those_links() -> None:
    root = parse_markup(
        "<html><body><a href='/a'>Flurbing season opens early</a><a href='/b'>Menu</a>"
        "<a href='https://elsewhere.org/c'>Quaxel report in full</a></body></html>"
    )
    paragraphs = ["Flurbing season opens early", "See also: Quaxel report in full", "Zorp."]
    assert link_keys(paragraphs) >= {"flurbing season opens early", "quaxel report in full"}
    assert link_texts(root, among=link_keys(paragraphs)) == frozenset({"flurbing season opens early"})
    assert link_texts(root) == frozenset({"flurbing season opens early", "menu"})


def test_the_furniture_left_out_is_known_by_its_lines() -> None:
    page = render(_page(), furniture=False)
    assert "storm warning issued for the coast" in page.furniture  # the aside's list
    assert "home" in page.furniture  # the navigation
    assert "storm warning" not in page.furniture  # whole lines only
    assert _key_of(PARAGRAPHS[0]) not in page.furniture  # the story is no furniture


def _key_of(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def test_a_page_tree_holds_plain_html_elements_and_trafilatura_reads_a_form_wrapped_story_the_same() -> None:
    import trafilatura
    from lxml import html as lxml_html

    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    markup = (
        "<html><head><title>Vosk</title></head><body><form action='/post' method='post'>"
        f"<input type='hidden' name='state' value='x'><h1>Cranes over Vosk</h1>{story}"
        "<label>Find</label><select><option>One</option></select><textarea>Note</textarea>"
        "</form></body></html>"
    )
    tree, root = load_page(markup)
    assert tree is root and root is not None
    assert {type(e) for e in root.iter()} == {lxml_html.HtmlElement}
    from_tree = trafilatura.bare_extraction(tree, with_metadata=False, include_comments=False)
    from_markup = trafilatura.bare_extraction(markup, with_metadata=False, include_comments=False)
    assert from_tree is not None and from_markup is not None
    assert from_tree.as_dict()["text"] == from_markup.as_dict()["text"]
    assert render(root).text == render(markup).text


def test_a_page_trafilatura_would_refuse_as_one_bare_block_is_refused_the_same() -> None:
    from trafilatura.utils import load_html

    block = "<p>A lone paragraph of text with no document around it.</p>"
    assert load_html(block) is None
    assert load_page(block)[0] is None


def test_clearing_the_caches_forgets_the_comparison_keys_of_lines() -> None:
    from newsflow.extraction.html import _key
    from newsflow.extraction.memo import _MEMOS, uncached
    from newsflow.extraction.text import clear_caches

    line = "Cranes — over Vosk, at first\xad frost!"
    assert _key(line) == uncached(_key)(line) == "cranes over vosk at first frost"
    assert line in _MEMOS[_key]
    clear_caches()
    assert line not in _MEMOS[_key]
    assert _key(line) == "cranes over vosk at first frost"


def test_coverage_is_the_same_share_whether_the_part_or_the_whole_holds_more_shingles() -> None:
    from newsflow.extraction.html import covered, shingles

    article = " ".join(PARAGRAPHS)
    segment = PARAGRAPHS[0] + " A line of quaxel trivia the article never printed at all."
    assert len(shingles(article)) > len(shingles(segment))
    both = set(shingles(article)) & set(shingles(segment))
    assert covered(shingles(article), shingles(segment)) == len(both) / len(shingles(article))
    assert covered(shingles(segment), shingles(article)) == len(both) / len(shingles(segment))
    repeated = shingles("flurb flurb flurb flurb flurb flurb")
    assert covered(repeated, shingles("flurb flurb flurb flurb")) == 1 / 3
    assert covered(shingles("flurb flurb flurb flurb"), repeated) == 1.0
