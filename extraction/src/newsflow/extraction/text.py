"""Split a plain-text page (a browser innerText dump) into its articles.

The page is read as a sequence of non-empty lines, each given a kind by its
shape alone (prose, short, dateline, caption, chrome, end-of-article heading).
Then context decides:

* **Headlines** are title-shaped lines printed more than once on the page
  (as the page title, the headline, a caption "Photo: <headline>"), or
  standing right before a dateline. A repeated line flanked by prose on both
  sides each time ("[ CNET ]") is part of a body instead.
* **Section labels** are one-to-four-word lines printed several times in a row.
* **Bodies** are runs of prose, bridging the short lines between paragraphs
  (subheads, list items) but not headlines, datelines, captions or chrome, nor
  long menu-shaped runs (many short capitalised lines).
* **Repeats that are not headlines**: a line printed again together with its
  neighbours is a repeated box or list (a carousel of teasers, a product
  block); a short kicker printed at equal steps heads each teaser of a list.
* **Articles**: consecutive bodies belong to one article unless a headline,
  a section label, a dateline under a headline or an end-of-article heading
  ("Related", "Recommended", the footer) stands between them. A share bar or
  an advert between two bodies splits them only if the second proves to be
  an article of its own (a headline after it that is not the first one's).
  An article's headline is the one before its body, or, when there is none,
  the one its captions repeat after it; two bodies carrying the same headline
  are one article. Bodies with no headline at all are kept only when they are
  the page's main text, so a list of teasers never becomes an article.

Every threshold below is about shapes (words per line, lines per gap), never
about a site's vocabulary.
"""

from __future__ import annotations

from newsflow.extraction.articles import (
    _keep_articles,
    _merge,
    _page_story,
    _Prints,
    _rejoin_interrupted,
    _sections_of_main,
    _standfirst_above,
)
from newsflow.extraction.blocks import MENU_RUN, _groups
from newsflow.extraction.briefs import brief_articles
from newsflow.extraction.comments import without_thread
from newsflow.extraction.feeds import clear_feed_caches, feed_articles
from newsflow.extraction.layout import (
    Kind,
    _classify,
    headline_like,
    line_kind,
    menu_shaped,
    name_like,
    title_like,
)
from newsflow.extraction.lines import Line, page_lines
from newsflow.extraction.memo import forget_all
from newsflow.extraction.segments import (
    Segment,
    _segments,
    _title_at_end,
    _title_from_first_line,
    _weak_title_after,
)


def split_text(body: str, *, unwrap: bool = True) -> tuple[list[Line], list[Segment]]:
    """The page's lines and the article segments found in them, in page order.

    The passes, in order: line kinds and headline marks (``_classify``), bodies grouped into
    stories (``_groups``), a headline, dateline and region for each story (``_segments``), a body
    cut by a repeated placeholder made whole (``_rejoin_interrupted``), pieces of one story joined
    (``_merge``), then the articles kept (``_keep_articles``, with the main
    story's sections joined by ``_sections_of_main``), the units of a feed of short stories cut
    apart (``feed_articles``), a standfirst over each body taken in (``_standfirst_above``), and their
    last titles settled. ``unwrap=False`` reads no line as a fragment of a hard-wrapped paragraph:
    a page rendered from its markup breaks lines where its elements do, so such runs are its own
    (preformatted) blocks, which trafilatura's reading already settles.
    """
    lines = without_thread(page_lines(body))  # a comment thread is never the article (comments.py)
    if not lines:
        return lines, []
    page = _classify(lines, unwrap=unwrap)
    groups = _groups(page)
    merged = _merge(_rejoin_interrupted(page, _segments(page, groups)), [line.number for line in lines])
    index = {line.number: i for i, line in enumerate(lines)}
    for seg in merged:
        if seg.title is None:
            _title_at_end(page, seg, index)
    prints = _Prints.of(page)
    kept = _sections_of_main(page, merged, _page_story(page, _keep_articles(merged, prints), prints))
    fed = feed_articles(page, kept)  # a feed of short stories: one article per unit (feeds.py)
    kept = fed if fed is not kept else brief_articles(page, kept)  # unstamped briefs (briefs.py)
    for seg in kept:
        _standfirst_above(page, seg, index)
        if seg.title is None or _weak_title_after(seg):
            _title_from_first_line(seg)
    return lines, kept


__all__ = [
    "MENU_RUN",
    "Kind",
    "Segment",
    "clear_caches",
    "headline_like",
    "line_kind",
    "menu_shaped",
    "name_like",
    "split_text",
    "title_like",
]


def clear_caches() -> None:
    """Forget the per-line judgements memoised across pages (benchmarks measure cold pages)."""
    forget_all()
    clear_feed_caches()
