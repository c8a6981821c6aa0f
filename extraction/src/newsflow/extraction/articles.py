"""Articles: pieces of one story joined (``_merge``), then the segments kept as articles by their
evidence, the page's story and its sections (``_keep_articles``, ``_page_story``, ``_sections_of_main``),
the last passes of :mod:`newsflow.extraction.text`."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from newsflow.extraction.blocks import MIN_BODY_WORDS, NEAR, _first_end, uniform_list_end
from newsflow.extraction.layout import REPRINT_EXTRA_WORDS, Kind, _Page, headline_like, title_like
from newsflow.extraction.lines import (
    body_words,
    content_words,
    has_paren_credit,
    is_prose,
    is_sentence,
    link_row,
    normalize,
    proper_names,
    relation,
    title_case_ratio,
    words,
)
from newsflow.extraction.segments import Segment, _absorb, _first_line_title, _weak_title_after

MIN_EXTRA_WORDS = 75
"""A page's second and later articles need this much body: teasers under a headline are shorter."""


WEAK_EXTRA_WORDS = 75
"""...and this much when their headline is only a title-shaped line next to them (not printed twice)."""


def _own_first_line_title(seg: Segment, before: Segment) -> None:
    """A piece past a share bar whose first line is a headline heading the rest of it (see
    ``_headed_story``) is a story of its own: that line becomes its headline."""
    first = _first_line_title(seg)
    if first is None:
        return
    trial = Segment(body=seg.body[1:], title=first, title_text=first.text, dateline=seg.dateline)
    if _headed_story(trial, before):
        seg.title, seg.title_text, seg.body = first, first.text, seg.body[1:]


def _merge(segments: list[Segment], numbers: list[int]) -> list[Segment]:
    """Join pieces of one article: a piece after a share bar with no headline of its own, and
    everything between two pieces that carry the same headline."""
    out: list[Segment] = []
    where: dict[str, int] = {}  # headline key -> index in ``out``
    for seg in segments:
        if out and seg.continues:
            # the previous article's headline printed again inside it (a gallery), and nothing of our own:
            # more of that article when large, its furniture (a mail form, related links) when small
            if _size(seg) * 3 >= _size(out[-1]):
                if seg.title is not None and seg.title.number < seg.body[0].number:
                    seg.body.insert(0, seg.title)  # a weak guess at a headline of our own: body after all
                _absorb(out[-1], seg)
            continue
        if out and _teaser_inside(out[-1], seg, numbers):
            _absorb(out[-1], seg)
            continue
        if out and seg.soft and seg.strong and out[-1].title is None:
            # the piece before the share bar had no headline: it is the start of this article
            _absorb(out[-1], seg)
            continue
        if out and seg.soft and not seg.strong and seg.title is None:
            _own_first_line_title(seg, out[-1])
        if out and seg.soft and not seg.strong and not _headed_story(seg, out[-1]):
            # a piece past a share bar or an advert: the same article if close or large, else chrome
            prev = out[-1]
            gap = bisect_left(numbers, seg.body[0].number) - bisect_left(numbers, prev.body[-1].number) - 1
            size, prev_size = _size(seg), _size(prev)
            if _names_apart(seg, prev):
                out.append(seg)  # another story past the bar: it names other people and places
            elif gap <= 2 or (gap <= 8 and size * 3 >= prev_size) or (gap <= 20 and size >= prev_size):
                _absorb(prev, seg)
            continue
        key = normalize(seg.title_text) if seg.title_text and seg.strong else None
        same = where.get(key) if key else None
        if same is not None and same < len(out) and seg.after_list:
            continue  # a list under a "More stories" heading, closed by a caption of our headline
        if same is not None and same < len(out):
            for later in out[same + 1 :]:
                _absorb(out[same], later)
            del out[same + 1 :]
            _absorb(out[same], seg)
            where = {k: i for k, i in where.items() if i <= same}
            continue
        out.append(seg)
        if seg.title_text:
            where[normalize(seg.title_text)] = len(out) - 1
    return out


APART_WORDS = 300
"""Words of prose a piece past a share bar needs to be a story of its own by its names alone: a
shorter one is a box or a note (an author's bio, a consent notice)."""


APART_SHARED_NAMES = 0.2
"""Share of names a piece past a share bar has in common with the story before it, under which it
is another story (a continuation keeps naming the same people and places)."""


def _names_apart(seg: Segment, before: Segment) -> bool:
    """A piece with the mass of a story, under a headline of its own that its body repeats, that
    names other people and places than the story before it (hardly any name in common): another
    story, not more of that one. Without a headline it may be a long story's later part, turning
    to other people."""
    title = seg.title_text
    if title is None or _introduces(seg) or _prose_size(seg) < APART_WORDS:
        return False
    if relation(title, _body_words(seg)) < HEADED_RELATION:
        return False
    ours, theirs = _names_of(before), _names_of(seg)
    smaller = min(len(ours), len(theirs))
    return smaller >= 3 and len(ours & theirs) < APART_SHARED_NAMES * smaller


TEASER_RELATION = 0.25
"""A headline dropped into a story (a teaser of another) has fewer of its words than this in the
text under it."""


def _teaser_inside(prev: Segment, seg: Segment, numbers: list[int]) -> bool:
    """The piece ``seg`` continues the story ``prev`` right before it (a headline and a dateline over
    it), under a headline dropped into that story (a teaser of another, printed again in a list at the
    end): the headline's words are not the piece's, the piece has no dateline, and it keeps naming
    who and what ``prev`` names. A sentence or a comment's "Ann says:" is no such headline."""
    title = seg.title_text
    if title is None or seg.title is None or not seg.strong or seg.dateline is not None:
        return False
    if prev.title is None or prev.dateline is None or words(title) < 4 or title.rstrip().endswith((".", ":")):
        return False
    if sum(1 for line in prev.body if is_prose(line.text)) < 2:
        return False  # one paragraph under a headline is a caption, not a story the piece continues
    if seg.title.number > seg.body[0].number:
        return False
    gap = bisect_left(numbers, seg.body[0].number) - bisect_left(numbers, prev.body[-1].number) - 1
    if gap > NEAR or relation(title, _body_words(seg)) >= TEASER_RELATION:
        return False
    ours, theirs = _names_of(prev), _names_of(seg)
    smaller = min(len(ours), len(theirs))
    return smaller >= 3 and len(ours & theirs) >= SECTION_SHARED_NAMES * smaller


ARTICLE_EVIDENCE = 4
"""Points a page's second and later segments need to count as articles (see ``_evidence``)."""


STRONG_EVIDENCE = 7
"""Points that make a headed segment the page's article rather than a larger untitled body next to it."""


GUESSED_HEAD_EVIDENCE = 2
"""Extra points a later segment under a guessed headline and no dateline needs (see ``_guessed_box``)."""


UNDER_DATE_LINES = 3
"""Lines under a dateline that stand in its story's head (or in a list of dated headlines)."""


@dataclass(frozen=True, slots=True)
class _Prints:
    """How often each line key is printed on the page, which keys a caption prints, the page's
    first line (a dump starts with the document's title), which lines the page shows are headlines
    (printed again, maybe with a few words added, or over a dateline), and the numbers of the lines
    printed close under a dateline (a list of dated headlines prints each under the one before, a
    head printed dateline first has its headline there)."""

    counts: Counter[str]
    captioned: frozenset[str]
    first: str = ""
    heads: frozenset[str] = frozenset()
    under_dates: frozenset[int] = frozenset()

    @classmethod
    def of(cls, page: _Page) -> _Prints:
        captioned = {key for key, kind in zip(page.tkeys, page.kinds, strict=True) if kind is Kind.CAPTION}
        first = page.lines[0].key if page.lines else ""
        heads = {line.key for line, head in zip(page.lines, page.heads, strict=True) if head}
        under = {
            page.lines[k].number
            for d, kind in enumerate(page.kinds)
            if kind is Kind.DATE
            for k in range(d + 1, min(len(page.lines), d + 1 + UNDER_DATE_LINES))
        }
        return cls(Counter(page.tkeys), frozenset(captioned), first, frozenset(heads), frozenset(under))


def _evidence(seg: Segment, prints: _Prints) -> int:
    """How much a segment looks like an article of its own rather than a comment, a teaser or a
    box: a headline whose words recur in the body, a dateline, a headline printed more than once or
    in a caption, a section label over it, prose mass. A "headline" ending with a colon introduces
    something (a comment's "Ann says:")."""
    if seg.title_text is None:
        return 0
    key = normalize(seg.title_text)
    score = (key in prints.captioned) + (seg.category is not None)
    rel = relation(seg.title_text, _body_words(seg))
    # a headline none of whose words the body repeats may be a teaser's or a button's, unless it
    # stands where a story's headline stands (see ``_dated_head``): its position vouches for it
    dated_head = _dated_head(seg, prints)
    score += 2 if rel >= 0.25 else -2 if rel <= 0 and not dated_head else 0
    score += (rel >= 0.45) + (rel >= 0.6)
    score += 1 if seg.dateline is not None else 0
    score += FULL_HEAD if _full_head(seg) else DATED_HEAD if dated_head else 0
    score += (prints.counts[key] >= 2) + (prints.counts[key] >= 3)
    size = _size(seg)
    score += (size >= 150) + (size >= 300)
    score -= 3 if seg.title_text.rstrip().endswith(":") else 0
    score -= 1 if words(seg.title_text) <= 3 else 0  # a name, a label: a comment's or a box's head
    # a headline is no sentence ending in a full stop, nor an image credit
    score -= 2 if seg.title_text.rstrip().endswith(".") or has_paren_credit(seg.title_text) else 0
    score -= 1 if _prose_size(seg) * 2 < size else 0
    return score


DATED_HEAD = 3
"""Points for a headline standing where a story's stands, over its dateline over paragraphs (see
``_dated_head``): as much as a byline in the head and the words recurring in the body."""


DATED_HEAD_PARAGRAPHS = 2
"""Paragraphs of prose a body under a dated headline needs to be a story by its position (a teaser's
blurb is one)."""


DATED_HEAD_WORDS = 20
"""Words a headline heading a story by its position has at most (a longer line is a blurb or a comment)."""


PARAGRAPH_WORDS = 20
"""Words of a paragraph counted for a story's body under a dated headline."""


def _dated_head(seg: Segment, prints: _Prints) -> bool:
    """The segment's headline is printed over its dateline, which is printed over its body (bylines,
    buttons between), and the body holds two paragraphs of prose at least: a story headed as
    stories are, whatever its headline's words (a pun, a question). A line ending in a colon or a
    full stop, a name, a long blurb, a line under an end-of-article heading or
    close under another dateline (in a list of dated headlines, a head printed dateline first)
    heads no story by its position."""
    title = seg.title_text
    if title is None or seg.title is None or seg.dateline is None or not seg.strong:
        return False
    if seg.title.number in prints.under_dates:
        return False
    if not seg.title.number < seg.dateline.number < seg.body[0].number:
        return False
    if seg.after_list or title.rstrip().endswith((":", ".")) or not 3 < words(title) <= DATED_HEAD_WORDS:
        return False
    paragraphs = sum(1 for line in seg.body if _paragraph(line.text))
    return paragraphs >= DATED_HEAD_PARAGRAPHS and _prose_size(seg) * 2 >= _size(seg)


def _paragraph(text: str) -> bool:
    """A paragraph of prose of a story's length, not a row of links or a one-line remark."""
    return words(text) >= PARAGRAPH_WORDS and is_prose(text) and not link_row(text)


FULL_HEAD = 2
"""Points for a story's full head: a headline over its body with a byline and a dateline under it."""


def _full_head(seg: Segment) -> bool:
    """A headline printed over the body with a byline and a dateline between: how a story is headed,
    never a comment ("Ann says:") or a teaser."""
    return (
        seg.title is not None
        and seg.byline is not None
        and seg.dateline is not None
        and seg.title.number < seg.byline.number < seg.body[0].number
        and not _introduces(seg)
    )


HEADED_RELATION = 0.25
"""Share of a headline's topic words a story's body must repeat for the headline to head it..."""


HEADED_RELATION_UNDATED = 0.45
"""...and the share when no dateline stands under the headline."""


def _whole_paragraph(text: str) -> bool:
    """A paragraph of prose printed whole: not a row of links, not a blurb cut short with "…"."""
    return is_prose(text) and not link_row(text) and not text.rstrip().endswith(("…", "..."))


def _headed_story(seg: Segment, other: Segment) -> bool:
    """A story of its own whatever its length: a headline printed over the body (a headline, not a
    sentence, a comment's "Ann says:" or a name), a body of two or more paragraphs of prose, and
    the headline's words recurring in that body (clearly so without a dateline under it) more
    than in the story ``other`` next to it. A teaser's headline is not what its blurb repeats; a
    subheading's words belong to its whole story."""
    title = seg.title_text
    if (  # a body of two or more whole paragraphs of prose
        title is None
        or seg.title is None
        or seg.title.number > seg.body[0].number
        or title.rstrip().endswith((":", "."))
        or words(title) <= 3
        or has_paren_credit(title)
        or _size(seg) < MIN_BODY_WORDS
        or len(seg.body) < 2
        or not all(_whole_paragraph(line.text) for line in seg.body)
    ):
        return False
    own = relation(title, _body_words(seg))
    needed = HEADED_RELATION if seg.dateline is not None else HEADED_RELATION_UNDATED
    return own >= needed and own > relation(title, _body_words(other))


LIST_TAIL_LINES = 2
"""Lines (a note, a source) a story's list may close with."""


def _bylined_list(seg: Segment) -> bool:
    """A story that is a table, a schedule or a line-up: a headline over a byline or a dateline over
    short lines marked alike from the first to the last (nearly; a line of intro over them). A
    teaser list carries neither; a story's table does."""
    under = [line for line in (seg.byline, seg.dateline) if line is not None]
    if seg.title is None or not any(seg.title.number < line.number < seg.body[0].number for line in under):
        return False
    texts = [line.text for line in seg.body]
    for start in range(min(NEAR, len(texts))):  # past buttons and a subhead left over it
        last = uniform_list_end(texts[start:])
        if last is not None:
            return len(texts) - (start + last + 1) <= LIST_TAIL_LINES and _size(seg) >= MIN_BODY_WORDS
    return False


STORY_MASS = 300
"""Words of whole paragraphs that make a dated body a story whatever its headline."""


def _dated_mass(seg: Segment, main: Segment) -> bool:
    """A body of a story's mass (many whole paragraphs, as long as half the main story at least)
    under a dateline of its own is a story, even when the line taken for its headline is wrong: a
    teaser, a comment or a box is short."""
    if seg.dateline is None or seg.dateline.number > seg.body[0].number:
        return False
    whole = sum(words(line.text) for line in seg.body if _whole_paragraph(line.text))
    return whole >= STORY_MASS and whole * 2 >= _prose_size(main)


def _introduces(seg: Segment) -> bool:
    """The segment's "headline" ends with a colon: it introduces what follows (a comment's "Ann
    says:", a form's "Leave a reply:"), it does not head a story."""
    return seg.title_text is not None and seg.title_text.rstrip().endswith(":")


def _headline_on_top(seg: Segment, prints: _Prints) -> None:
    """A body with no headline over it (none, or a weak guess after it) whose first line is
    headline-shaped and printed again on the page (a caption, a reprint after the story) starts
    with its headline: judge it with that headline, unless the guess's words recur in it more."""
    first = _first_line_title(seg) if seg.title is None or _weak_title_after(seg) else None
    if first is None or not (first.key in prints.heads or _reprinted(first.key, prints)):
        return
    topic = body_words(line.text for line in seg.body[1:])
    if seg.title_text is None or relation(first.text, topic) >= relation(seg.title_text, topic):
        seg.title, seg.title_text, seg.strong, seg.body = first, first.text, True, seg.body[1:]


def _reprinted(key: str, prints: _Prints) -> bool:
    """The line is printed again on the page, alone or with a few words after it (a credit)."""
    if prints.counts[key] >= 2:
        return True
    return any(
        other.startswith(key + " ") and other.count(" ") - key.count(" ") <= REPRINT_EXTRA_WORDS
        for other in prints.counts
    )


def _keep_articles(segments: list[Segment], prints: _Prints) -> list[Segment]:
    """The page's main body is an article; other segments are when they carry enough evidence of
    being one (a headline of their own and what goes with it); a page with no headline keeps its
    largest body."""
    if not segments:
        return []
    for seg in segments:
        _headline_on_top(seg, prints)
    main = _main_body(segments, prints)
    titled = [
        s
        for s in segments
        if s is main
        or (
            _headed_story(s, main)
            and (s.soft or (s.dateline is not None and _evidence(s, prints) >= ARTICLE_EVIDENCE))
        )
        or _dated_mass(s, main)
        or _bylined_list(s)
        or (
            not _introduces(s)
            and _size(s) >= MIN_EXTRA_WORDS
            and (s.strong or (s.title is not None and _size(s) >= WEAK_EXTRA_WORDS))
            and _evidence(s, prints) >= ARTICLE_EVIDENCE
        )
    ]
    rivals = [
        s
        for s in titled
        if s is not main
        and s.strong
        and (_prose_size(s) * 2 >= _prose_size(main) or _outweighs_scrap(s, main))
    ]
    if rivals and (
        (main.title is None and any(_prose_size(s) >= _prose_size(main) for s in rivals))
        or (
            (main.title is None or _evidence(main, prints) <= 1)
            and any(_evidence(s, prints) >= STRONG_EVIDENCE for s in rivals)
        )
        or (_introduces(main) and any(_evidence(s, prints) >= ARTICLE_EVIDENCE for s in rivals))
        or (
            _evidence(main, prints) <= 1
            and any(_outweighs_scrap(s, main) and _evidence(s, prints) >= ARTICLE_EVIDENCE for s in rivals)
        )
    ):
        titled.remove(main)  # a box (comments, an untitled block) next to a story with full article evidence
    return titled


def _outweighs_scrap(seg: Segment, main: Segment) -> bool:
    """The page's largest prose is a scrap (less than a story's least body: a comment, a notice) and
    ``seg`` prints more words than it: a story told in short lines (a list, a table, a calendar), not
    in paragraphs, which the scrap does not outweigh."""
    return _prose_size(main) < MIN_EXTRA_WORDS and _size(seg) > _size(main)


PAGE_TITLE_EXTRA_WORDS = 8
"""Words a page's title may add around its story's headline (the site's name, a section)."""


PAGE_TITLE_RELATION = 0.75
"""...or the share of its topic words the page's title repeats, in another order ("Hearings: Key
moments from ..." over "Key moments from ... hearings")."""


PAGE_TITLE_MIN_WORDS = 3
"""A headline this short (a label, a name) is not matched against the page's title."""


STORY_HEAD_SHARE = 3
"""A piece under the page's headline this many times smaller than the body that repeats the
headline's words is its furniture (a gallery's captions, a box), not a part of the story."""


STORY_PIECE_GAP = 2 * NEAR
"""Lines a piece may stand below the page's story and still be more of it (a list under its intro)."""


def _titles_the_page(seg: Segment, first: str) -> bool:
    """The page's title line prints this segment's headline with the site's name around it: the
    page is this story's own page. A first line that is the headline alone may be a front page's
    first story, not the page's title."""
    if seg.title_text is None or not first:
        return False
    key = normalize(seg.title_text)
    if key == first:
        return False
    small, large = (key, first) if len(key) <= len(first) else (first, key)
    if (
        small.count(" ") + 1 < PAGE_TITLE_MIN_WORDS
        or large.count(" ") - small.count(" ") > PAGE_TITLE_EXTRA_WORDS
    ):
        return False
    return small in large or relation(small, content_words(large)) >= PAGE_TITLE_RELATION


def _guessed_box(seg: Segment, prints: _Prints) -> bool:
    """A block of prose under a headline that is only a guess (a title-shaped line next to it,
    not printed as a headline), that no dateline dates: more often a box beside the story (an
    author's bio, a consent notice, a promo) than a story of its own, so it needs more of the rest
    of the evidence. A block mostly of short lines (a list, a table) is judged as before, and so
    is one whose headline closes it (printed after its body, as a story's may be)."""
    if seg.strong or seg.soft or seg.dateline is not None or _prose_size(seg) * 2 < _size(seg):
        return False
    if seg.topic_cut:
        return False  # cut from the story above where its names change, under a headline of its words
    if seg.title is None or seg.title.number > seg.body[0].number:
        return False
    return _evidence(seg, prints) < ARTICLE_EVIDENCE + GUESSED_HEAD_EVIDENCE


def _without_guessed_boxes(kept: list[Segment], prints: _Prints) -> list[Segment]:
    """The page's articles less the boxes under a guessed headline (see ``_guessed_box``) beside
    its main story."""
    if len(kept) < 2:
        return kept
    main = max(kept, key=_prose_size)
    return [s for s in kept if s is main or not _guessed_box(s, prints)]


def _without_closing_guesses(page: _Page, kept: list[Segment], prints: _Prints) -> list[Segment]:
    """The page's articles less the blocks beside its main story closed by a guessed headline (see
    ``_closed_by_a_guess``)."""
    if len(kept) < 2:
        return kept
    main = max(kept, key=_prose_size)
    numbers = [line.number for line in page.lines]  # once a page, not once a block
    return [s for s in kept if s is main or not _closed_by_a_guess(page, s, main, prints, numbers)]


def _closed_by_a_guess(page: _Page, seg: Segment, main: Segment, prints: _Prints, numbers: list[int]) -> bool:
    """A block beside the main story with no dateline whose "headline" is a line printed once,
    after it (a note, a label closing a section or a box), that does not head it (see
    ``_heads_itself``), nor any headline over it: a section or a box of the page, not a story of
    its own. A headline printed again after a story (in captions, over its gallery) closes it."""
    if seg.title is None or seg.dateline is not None or seg.title.number < seg.body[-1].number:
        return False
    if prints.counts[seg.title.key] >= 2 and headline_like(seg.title.text):
        return False
    return not _heads_itself(seg, main) and not _headline_over(page, seg, numbers)


HEADLINE_OVER_WORDS = 6
"""Words a line over a block needs to be taken for its missed headline (a subhead is shorter)."""


def _headline_over(page: _Page, seg: Segment, numbers: list[int]) -> bool:
    """A headline-shaped line of a headline's length a few lines over the block, whose words the
    block repeats: the block's own headline, missed by the splitter (``numbers``: the page's line
    numbers, in order)."""
    at = bisect_left(numbers, seg.body[0].number)
    topic = _body_words(seg)
    return any(
        page.kinds[k] is not Kind.PROSE
        and words(page.lines[k].text) >= HEADLINE_OVER_WORDS
        and headline_like(page.lines[k].text)
        and relation(page.lines[k].text, topic) >= HEADED_RELATION_UNDATED
        for k in range(max(0, at - NEAR), at)
    )


def _page_story(page: _Page, kept: list[Segment], prints: _Prints) -> list[Segment]:
    """On a story's own page (its headline is the page's title), that story is the page's one
    article: pieces close to it with no end-of-article heading between are more of it (its body
    after an intro, a list), the rest (a comment thread, a box, a teaser, a consent notice) is not
    an article, whatever evidence it has. A larger body apart from it that repeats its headline's
    words is more of the story, or all of it when the piece under the headline is small (a
    gallery); one that does not (a notice, a weather panel) is no article either."""
    story = _one_print(kept, [s for s in kept if _titles_the_page(s, prints.first)]) or _named_by_first_line(
        kept, prints.first
    )
    if not story:
        return _described_by_title(kept, prints.first) or _parts_of_one_subject(
            _without_closing_guesses(page, _without_guessed_boxes(kept, prints), prints), page
        )
    if len(story) != 1 or len(kept) < 2:
        return _parts_of_one_subject(
            _without_closing_guesses(page, _without_guessed_boxes(kept, prints), prints), page
        )
    head = story[0]
    index = {line.number: i for i, line in enumerate(page.lines)}
    ordered = sorted(kept, key=lambda s: s.body[0].number)
    at = ordered.index(head)
    lo = hi = at
    while lo > 0 and _joined(page, ordered[lo - 1], ordered[lo], index):
        lo -= 1
    # a piece below the story with a dateline of its own is a story or a box of its own
    while (
        hi + 1 < len(ordered)
        and ordered[hi + 1].dateline is None
        and _joined(page, ordered[hi], ordered[hi + 1], index)
    ):
        hi += 1
    pieces = ordered[lo : hi + 1]
    main = max(kept, key=_prose_size)
    size = sum(_prose_size(p) for p in pieces)
    if main not in pieces and _prose_size(main) > size and _about(head, main):
        if size * STORY_HEAD_SHARE < _prose_size(main):
            # a small piece under the headline (a gallery, a box) and the story's body apart from it
            main.title, main.title_text, main.strong = head.title, head.title_text, head.strong
            main.dateline = main.dateline or head.dateline
            return [main]
        pieces = sorted([*pieces, main], key=lambda s: s.body[0].number)  # one story, a list between
    return [_story_of(head, pieces)]


def _one_print(kept: list[Segment], story: list[Segment]) -> list[Segment]:
    """Of several segments under the page's headline, the story with the most prose: the others
    print its headline again over a teaser of it (a list of recent stories) or a box."""
    if len(story) < 2 or len({normalize(s.title_text or "") for s in story}) > 1:
        return story
    return [max(story, key=_prose_size)]


def _named_by_first_line(kept: list[Segment], first: str) -> list[Segment]:
    """The segment whose headline is the page's first line (the document's title) alone, when no
    other segment heads a story of its own (see ``_heads_itself``): the page is that story's page.
    A front page that starts with its first story's headline prints the others' headlines with
    their own words under them, or with a dateline."""
    named = [s for s in kept if s.title_text is not None and normalize(s.title_text) == first]
    if len(named) != 1 or len(kept) < 2:
        return []
    head = named[0]
    return [] if any(_heads_itself(s, head) for s in kept if s is not head) else named


def _heads_itself(seg: Segment, story: Segment) -> bool:
    """A segment under a full head of its own (a headline over a dateline over the body), or under
    a headline (before or after it) whose words its body repeats more than the story's does."""
    title = seg.title
    if title is None or seg.title_text is None:
        return False
    if seg.dateline is not None and title.number < seg.dateline.number < seg.body[0].number:
        return True
    if not headline_like(seg.title_text) or seg.title_text.rstrip().endswith((":", ".")):
        return False
    own = relation(seg.title_text, _body_words(seg))
    theirs = relation(seg.title_text, _body_words(story))
    return own >= HEADED_RELATION_UNDATED and own > theirs


SUBJECT_TOPIC_WORDS = 3
"""Topic words a page's title line needs to name a subject (a site's name or a menu has fewer)."""


SUBJECT_SHARE = 0.33
"""Share of the title line's topic words every part of a page about one subject repeats."""


def _parts_of_one_subject(kept: list[Segment], page: _Page) -> list[Segment]:
    """Segments that all repeat the words of the page's title line (a dump's first line), at most
    one of them dated: the parts of one story, guide or wiki entry cut at its section headings,
    not stories of their own (a front page's stories each have their own words, and each their
    dateline). They join the dated part, or the largest."""
    if len(kept) < 2 or not page.lines:
        return kept
    first = page.lines[0].text
    if len(content_words(first)) < SUBJECT_TOPIC_WORDS or sum(s.dateline is not None for s in kept) > 1:
        return kept
    if any(relation(first, _body_words(seg)) < SUBJECT_SHARE for seg in kept):
        return kept
    head = next((s for s in kept if s.dateline is not None), None) or max(kept, key=_prose_size)
    return [_story_of(head, kept)]


def _story_of(head: Segment, pieces: list[Segment]) -> Segment:
    """``head`` with the other ``pieces`` of its story taken in: their lines in page order, the
    region spanning them all."""
    region = (min(p.region[0] for p in pieces), max(p.region[1] for p in pieces))
    for seg in pieces:
        if seg is not head:
            _absorb(head, seg)
    head.body.sort(key=lambda line: line.number)
    head.region = region
    return head


PAGE_TITLE_TOPIC_WORDS = 4
"""Topic words a page's title line needs to describe a story (a site's name or a menu has fewer)."""


PAGE_TITLE_BODY_RELATION = 0.5
"""Share of the title line's topic words the story it describes must repeat in its body..."""


PAGE_TITLE_MARGIN = 0.25
"""...and by how much more than any other segment's body does."""


def _described_by_title(kept: list[Segment], first: str) -> list[Segment]:
    """The one segment whose body the page's title line (a dump's first line) describes when no
    headline matches it (the splitter took a caption or a share bar for the headline): a title
    of several topic words most of which recur in that body and clearly fewer in every other.
    A first line that is a segment's headline alone may be a front page's first story. That story
    alone is the page's article: without its headline matched, which pieces near it are more of it
    is not known."""
    if len(kept) < 2 or len(content_words(first)) < PAGE_TITLE_TOPIC_WORDS:
        return []
    if any(s.title_text is not None and normalize(s.title_text) == first for s in kept):
        return []
    rels = [relation(first, _body_words(s)) for s in kept]
    best = max(rels)
    if best < PAGE_TITLE_BODY_RELATION or sorted(rels)[-2] > best - PAGE_TITLE_MARGIN:
        return []
    return [kept[rels.index(best)]]


def _about(head: Segment, body: Segment) -> bool:
    """A body repeats the headline's topic words: it is about that story (a notice is not)."""
    topic = _body_words(body)
    return relation(head.title_text or "", topic) >= HEADED_RELATION


def _joined(page: _Page, before: Segment, after: Segment, index: dict[int, int]) -> bool:
    """Two pieces of the page close enough, with no end-of-article heading between, to be one story."""
    last, first = index[before.body[-1].number], index[after.body[0].number]
    return first - last - 1 <= STORY_PIECE_GAP and _first_end(page, last + 1, first - 1) is None


SECTION_SHARED_NAMES = 0.3
"""Share of names a piece must have in common with the main story to be a section of it."""


def _names_of(seg: Segment) -> set[str]:
    return {name for line in seg.body if is_prose(line.text) for name in proper_names(line.text)}


def _not_taken(segments: list[Segment], kept: list[Segment]) -> list[Segment]:
    """The page's segments less those whose lines a kept story has already taken in (the pieces of
    a story joined under its headline): joined again, their lines would stand twice in it."""
    taken = {line.number for seg in kept for line in seg.body}
    return [
        s for s in segments if any(s is k for k in kept) or not any(line.number in taken for line in s.body)
    ]


def _sections_of_main(page: _Page, segments: list[Segment], kept: list[Segment]) -> list[Segment]:
    """Pieces right next to the main story (a few lines apart, no end-of-article heading between),
    with no dateline of their own, that keep naming who and what the story names: sections of it
    under a subheading, not stories of their own. They join the main story."""
    if len(segments) < 2 or not kept:
        return kept
    main = max(kept, key=_prose_size)
    segments = _not_taken(segments, kept)
    at = segments.index(main)
    index = {line.number: i for i, line in enumerate(page.lines)}
    names: set[str] | None = None
    joined: list[Segment] = []
    for step in (1, -1):
        edge = main
        k = at + step
        while 0 <= k < len(segments):
            seg = segments[k]
            before, after = (edge, seg) if step == 1 else (seg, edge)
            lo, hi = index[before.body[-1].number], index[after.body[0].number]
            # the story's head may stand before the main part with its dateline; later pieces may not
            head = step == -1 and edge is main
            if (
                hi - lo > (2 * NEAR if head else NEAR + 1)
                or (seg.dateline is not None and not head)
                or (seg.soft and not head and _headed_story(seg, main))
                or _first_end(page, lo, hi) is not None
            ):
                break
            names = _names_of(main) if names is None else names
            theirs = _names_of(seg)
            smaller = min(len(theirs), len(names))
            share = SECTION_SHARED_NAMES * (1.5 if head and seg.dateline is not None else 1)
            if smaller < 3 or len(theirs & names) < share * smaller:
                break
            joined.append(seg)
            edge = seg
            k += step
    if not joined:
        return kept
    first = min(joined, key=lambda x: x.body[0].number)
    if first.body[0].number < main.body[0].number and first.title is not None:
        # the story starts in the piece before: its headline is the story's (ours was a caption)
        main.title, main.title_text, main.strong = first.title, first.title_text, first.strong
        main.dateline = first.dateline or main.dateline
        main.category = first.category or main.category
        main.byline = first.byline or main.byline
        joined.remove(first)
        main.body = sorted([*main.body, *first.body], key=lambda line: line.number)
        main.region = (min(main.region[0], first.region[0]), max(main.region[1], first.region[1]))
    for seg in joined:
        subhead = [seg.title] if seg.title is not None and seg.title.number < seg.body[0].number else []
        main.body = sorted([*main.body, *subhead, *seg.body], key=lambda line: line.number)
        main.captions.extend(seg.captions)
        main.region = (min(main.region[0], seg.region[0]), max(main.region[1], seg.region[1]))
    return [s for s in kept if (s not in joined and s is not first) or s is main]


def _body_words(seg: Segment) -> set[str]:
    """The topic words of a segment's body: what a headline over it, or the page's title, should
    repeat to be about it."""
    return body_words(line.text for line in seg.body)


def _size(seg: Segment) -> int:
    return sum(words(line.text) for line in seg.body)


def _prose_size(seg: Segment) -> int:
    return sum(words(line.text) for line in seg.body if is_prose(line.text))


INTERRUPT_GAP = 2
"""Lines a repeated interruption may stand below the body it cuts (a credit, a blank embed line)."""


def _interrupting_keys(page: _Page) -> frozenset[str]:
    """Headline marks that are really placeholders dropped into a body (an embed's "view this post"
    line, a video's notice): printed two or more times, each print right under a paragraph of prose
    and with no dateline under it. A story's headline is printed once over its body, or again in a
    list or caption apart from it, never each time inside running prose."""
    prints: dict[str, list[int]] = {}
    for k, head in enumerate(page.heads):
        if head:
            prints.setdefault(page.tkeys[k], []).append(k)
    return frozenset(
        key for key, at in prints.items() if len(at) >= 2 and all(_inside_prose(page, k) for k in at)
    )


def _inside_prose(page: _Page, k: int) -> bool:
    """Line ``k`` stands right under a paragraph of prose and over no dateline."""
    below = k + 1 < len(page.lines) and page.kinds[k + 1] is Kind.DATE
    return k > 0 and page.kinds[k - 1] is Kind.PROSE and not below


def _rejoin_interrupted(page: _Page, segments: list[Segment]) -> list[Segment]:
    """A body cut by a repeated placeholder (see ``_interrupting_keys``) is one body: the piece
    under the placeholder, right after the piece it interrupts, whose words the placeholder does
    not head, is more of that piece. The placeholder heads nothing."""
    keys = _interrupting_keys(page)
    boxes = _embedded_boxes(page) if len(segments) >= 2 else {}
    if not keys and not boxes:
        return segments
    index = {line.number: i for i, line in enumerate(page.lines)}
    out: list[Segment] = []
    for seg in segments:
        if out and (_interrupted(seg, out[-1], keys, index) or _past_embed(seg, out[-1], boxes, index)):
            prev = out[-1]
            prev.body.extend(seg.body)
            prev.captions.extend(seg.captions)
            prev.region = (prev.region[0], seg.region[1])
            continue
        out.append(seg)
    return out


EMBED_PRINTS = 2
"""Prints of one box inside running prose that make it an embed's placeholder."""


EMBED_TRAIL = 1
"""Lines between an embed's box and the prose it cuts (a subheading) that do not head a story."""


def _embedded_boxes(page: _Page) -> dict[int, int]:
    """The prints (first line -> last line) of a box printed two or more times, each print right
    under a paragraph of prose and at least one right over one: an embedded post's placeholder (its
    notice and consent lines) dropped into a story, which the story reads on past. A share bar
    closing each post of a front page stands over the next post's headline, never over prose."""
    counts = Counter(page.tkeys)
    prints: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    n, k = len(page.lines), 0
    while k < n:
        if not _box_line(page, k, counts):
            k += 1
            continue
        start = k
        while k < n and _box_line(page, k, counts):
            k += 1
        if start > 0 and page.kinds[start - 1] is Kind.PROSE and counts[page.tkeys[start - 1]] < 2:
            prints.setdefault(tuple(page.tkeys[start:k]), []).append((start, k - 1))
    boxes: dict[int, int] = {}
    for runs in prints.values():
        if len(runs) >= EMBED_PRINTS and any(
            end + 1 < n and page.kinds[end + 1] is Kind.PROSE and counts[page.tkeys[end + 1]] < 2
            for _, end in runs
        ):
            boxes.update(runs)
    return boxes


def _box_line(page: _Page, k: int, counts: Counter[str]) -> bool:
    """A line printed more than once that is no headline and no date: a line of a repeated box."""
    return counts[page.tkeys[k]] >= 2 and not page.heads[k] and page.kinds[k] is not Kind.DATE


def _past_embed(seg: Segment, prev: Segment, boxes: dict[int, int], index: dict[int, int]) -> bool:
    """``seg`` goes on with ``prev`` past an embed's box printed right between them (a subheading
    at most after it), with no dateline or printed headline of its own."""
    if not boxes or seg.dateline is not None or seg.strong or not seg.soft:
        return False
    last, first = index[prev.body[-1].number], index[seg.body[0].number]
    end = boxes.get(last + 1)
    return end is not None and 0 <= first - end - 1 <= EMBED_TRAIL


def _interrupted(seg: Segment, prev: Segment, keys: frozenset[str], index: dict[int, int]) -> bool:
    """``seg`` goes on with ``prev`` past a placeholder printed between them."""
    if seg.title is None or seg.dateline is not None or normalize(seg.title_text or "") not in keys:
        return False
    at = index[seg.title.number]
    if not index[prev.body[-1].number] < at < index[seg.body[0].number]:
        return False
    if at - index[prev.body[-1].number] - 1 > INTERRUPT_GAP:
        return False
    topic = _body_words(seg)
    return relation(seg.title_text or "", topic) < TEASER_RELATION


STANDFIRST_LINES = 2
"""Lines of standfirst (a summary, a subtitle, an opening line) a body may have over its prose."""


STANDFIRST_STEPS = 4
"""Lines above a body searched for its standfirst (a share bar, a credit may stand between)."""


STANDFIRST_WORDS = 6
"""Words a standfirst that is no sentence (a subtitle) needs, with words of its body in it."""


STANDFIRST_TITLE_CASE = 0.5
"""Share of capitalised words from which a line over a body is a headline, not its standfirst."""


STANDFIRST_RELATION = 0.2
"""Share of such a standfirst's topic words its body repeats (a subtitle speaks of its story)."""


def _standfirst_above(page: _Page, seg: Segment, index: dict[int, int]) -> None:
    """A story's standfirst printed between its headline and its first paragraph (a summary, a
    subtitle, a one-line opening), which the body's run missed (it started in the page's menu):
    the body starts there. Only chrome, captions and credits (which the parser drops) may stand
    between it and the body; a dateline or a menu item ends the search."""
    if seg.title is None or seg.title.number > seg.body[0].number:
        return  # no headline over the body: the lines above it are another story's or the page's
    first, top = index[seg.body[0].number], index[seg.title.number]
    gathered: list[set[str]] = []

    def topic() -> set[str]:
        """The body's topic words, gathered when a line over it first needs them (few do)."""
        if not gathered:
            gathered.append(_body_words(seg))
        return gathered[0]

    taken: list[int] = []
    k = first - 1
    while k > top and first - k <= STANDFIRST_STEPS and len(taken) < STANDFIRST_LINES:
        if page.kinds[k] in (Kind.CHROME, Kind.CAPTION) or page.credits[k]:
            k -= 1
            continue
        if not _standfirst(page, k, topic, adjacent=k == first - 1 or bool(taken)):
            break
        taken.append(k)
        k -= 1
    if taken:
        lines = [page.lines[k] for k in reversed(taken)]
        seg.body[:0] = lines
        seg.region = (min(seg.region[0], lines[0].number), seg.region[1])


def _standfirst(page: _Page, k: int, topic: Callable[[], set[str]], *, adjacent: bool) -> bool:
    """Line ``k`` reads as a story's standfirst: a sentence (right over the body, or speaking of
    it), or a long subtitle speaking of it; never a headline, a label, a menu item, a row of links
    or a photo's credited caption."""
    text = page.lines[k].text
    if page.heads[k] or page.labels[k] or page.kinds[k] not in (Kind.SHORT, Kind.PROSE) or link_row(text):
        return False
    if has_paren_credit(text):
        return False
    if page.buttons and page.buttons[k]:
        return False
    if title_case_ratio(text) >= STANDFIRST_TITLE_CASE and not _long_statement(text):
        return False
    if is_sentence(text) or is_prose(text):
        return adjacent or relation(text, topic()) > 0
    return (
        words(text) >= STANDFIRST_WORDS
        and not title_like(text)
        and relation(text, topic()) >= STANDFIRST_RELATION
    )


STATEMENT_WORDS = 15
"""Words from which a line closed by a full stop is a statement, whatever its capitals (names and a
language's capitalised nouns): no headline runs that long and ends so."""


def _long_statement(text: str) -> bool:
    """A long sentence closed by a full stop: a standfirst, even with many capitalised words."""
    return words(text) >= STATEMENT_WORDS and text.rstrip().endswith(".") and is_sentence(text)


PAGE_HEAD_SHARE = 4
"""A story under the page's own headline stays the page's main body next to an untitled block up to
this many times its prose."""


def _main_body(segments: list[Segment], prints: _Prints) -> Segment:
    """The page's main body: its largest block of prose, unless that block has no headline (or a
    comment's "Mara says:" over it) and few of the page title's words (a cookie notice, a comment
    form, a footer's blurb) while a story stands under the page's own headline with a dateline:
    then that story."""
    largest = max(segments, key=_prose_size)
    if (largest.title is not None and not _introduces(largest)) or not prints.first:
        return largest
    if relation(prints.first, _body_words(largest)) >= HEADED_RELATION:
        return largest
    heads = [
        s
        for s in segments
        if _under_page_head(s, prints) and _prose_size(s) * PAGE_HEAD_SHARE >= _prose_size(largest)
    ]
    return max(heads, key=_prose_size) if heads else largest


def _under_page_head(seg: Segment, prints: _Prints) -> bool:
    """A story printed under the page's own headline (the page title, alone or with the site's
    name) and dated under it."""
    if seg.title is None or seg.dateline is None or seg.title.number > seg.body[0].number or _introduces(seg):
        return False
    return normalize(seg.title_text or "") == prints.first or _titles_the_page(seg, prints.first)
