"""HTML pages: trafilatura's reading, checked against our own reading of the page's text.

trafilatura finds the main text well on most pages but sometimes stops early
(a "Subscribe" box mid-article cuts the body in half) or keeps a teaser or a
related-links box. We also render the HTML the way a browser's innerText does
and run the text splitter on it, which judges lines in their context on the
page, leaving out what the markup declares is not content (nav, aside,
footer, ARIA roles). The two readings are compared by shingle overlap: when
ours holds trafilatura's text and clearly more, trafilatura stopped early and
ours is used, but only its lines inside the article's element (the innermost
element holding trafilatura's paragraphs, with its like chunks); when
trafilatura's holds ours and a lot more, its edges far from our body are
trimmed; otherwise trafilatura's reading stands. Markup then settles the
edges: a standfirst between the headline and the body opens the article, a
text alone beside an image is a caption, a paragraph that is one whole link
to the site is a teaser. Every signal is structural (position, elements,
links, sentence shape), so pages in any language read the same way.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Collection, Container
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import Any
from urllib.parse import urlsplit

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html
from lxml.etree import ParserError  # type: ignore[import-untyped]

from newsflow.extraction.lines import is_end_marker, is_prose
from newsflow.extraction.memo import memo_short
from newsflow.shared.errors import NestedTooDeep

_SKIP_TAGS = (
    "script style noscript template svg head iframe object embed canvas select option button "
    "input textarea map audio video picture source track"
)
_SKIP = frozenset(_SKIP_TAGS.split())
_BLOCK_TAGS = (
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre "
    "section summary table tbody thead tfoot tr ul caption legend"
)
_BLOCK = frozenset(_BLOCK_TAGS.split())
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "table", "pre"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TOKEN = re.compile(r"\w+")
NEAR_LINES = 6
"""Page lines around our body within which a paragraph trafilatura kept is given the benefit of the doubt."""
MAX_TRIM = 3
"""At most this many paragraphs are trimmed from either end of trafilatura's text."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """An HTML page as text: its visible lines, its image captions, and what its markup states."""

    text: str
    captions: list[str]
    published: str | None = None
    modified: str | None = None
    section: str | None = None
    furniture: Container[str] = frozenset()
    """Comparison keys of the lines left out as furniture (with ``furniture=False``)."""


class LeftOut:
    """The comparison keys of the lines of elements left out as furniture, read when first asked
    for: most pages never ask, and the menus and footers left out are a large part of a page."""

    __slots__ = ("_elements", "_keys")

    def __init__(self, elements: list[Any]) -> None:
        self._elements = elements
        self._keys: frozenset[str] | None = None

    def __contains__(self, key: object) -> bool:
        if self._keys is None:
            parts: list[str] = []
            for element in self._elements:
                _walk(element, parts)
                parts.append("\n")
            self._keys = frozenset(k for line in "".join(parts).split("\n") if (k := _key(line)))
        return key in self._keys


_PUBLISHED_META = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "date",
)
_MODIFIED_META = ("article:modified_time", "datemodified", "og:updated_time", "lastmod")
_JSONLD_DATE = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"]{8,40})"')


_SCANNED = ("meta", "script", "time", "h1", "title", "link", "a")
_last_scan: list[tuple[Any, dict[str, list[Any]]]] = []


def _all(root: Any, tag: str) -> list[Any]:
    """``root``'s elements of kind ``tag`` (one of :data:`_SCANNED`), in document order.

    Several readings of a page look up the same kinds of element (times,
    section, title, author, the site's links): one scan of the tree finds them
    all, and serves every lookup about the page last asked about. The tree is
    not changed while it is read (trafilatura works on a copy).
    """
    scan = _last_scan[0] if _last_scan else None
    if scan is None or scan[0] is not root:
        found: dict[str, list[Any]] = {kind: [] for kind in _SCANNED}
        for element in root.iter(*_SCANNED):
            found[element.tag].append(element)
        scan = (root, found)
        _last_scan[:] = [scan]
    return scan[1][tag]


def _page_times(root: Any) -> tuple[str | None, str | None]:
    """Publication and update times the page states in its metadata (meta tags, JSON-LD, <time>)."""
    found: dict[str, str] = {}
    for meta in _all(root, "meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if content and name in _PUBLISHED_META + _MODIFIED_META:
            found.setdefault(name, content)
    for script in _all(root, "script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            for key, value in _JSONLD_DATE.findall(script.text):
                found.setdefault(key.lower(), value)
    published = next((found[k] for k in _PUBLISHED_META if k in found), None)
    modified = next((found[k] for k in _MODIFIED_META if k in found), None)
    if published is None:
        stamp = next((t.get("datetime") for t in _all(root, "time") if t.get("datetime")), None)
        published = stamp.strip() if stamp else None
    return published, modified


_SECTION_META = ("article:section", "og:section", "section", "articlesection")
_JSONLD_SECTION = re.compile(r'"articleSection"\s*:\s*\[?\s*"((?:[^"\\]|\\.){1,80})"')
_SECTION_MARK = re.compile(
    r"(?:^|[\s_-])(?:section|category|kicker|eyebrow|rubric|overline)(?:$|[\s_-])", re.I
)
_MAX_SECTION_WORDS = 4


def _page_section(root: Any, top: Any) -> str | None:
    """The section the page files its article under ("Business").

    Stated metadata first (``article:section`` in the head, JSON-LD
    ``articleSection``), else a short visible label marked as a section,
    category or kicker that comes before the headline inside the headline's
    ``<article>`` (or ``<main>``): navigation names every section, so only a
    label beside the story counts, and the headline's own wrappers are no label.
    """
    head = root.find("head")
    for meta in head.iter("meta") if head is not None else ():
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in _SECTION_META and (label := _label(meta.get("content") or "")):
            return label
    for script in _all(root, "script"):
        jsonld = (script.get("type") or "").lower() == "application/ld+json" and script.text
        if (
            jsonld
            and (found := _JSONLD_SECTION.search(script.text))
            and (label := _label(_unescape(found[1])))
        ):
            return label
    headline = next(top.iter("h1"), None)
    if headline is None:
        return None
    wrappers = set(headline.iterancestors())
    story = next((a for a in wrappers if a.tag in ("article", "main")), None)
    stack = [story if story is not None else top]
    while stack:  # document order, pruning what a reader does not see as part of the story
        node = stack.pop()
        if node is headline:
            return None
        if not isinstance(node.tag, str) or node.tag in _SKIP or node.tag == "nav" or _hidden(node):
            continue
        itemprop = (node.get("itemprop") or "").lower()
        marked = itemprop == "articlesection" or _SECTION_MARK.search(f"{node.get('class') or ''} {itemprop}")
        if marked and node not in wrappers and (label := _label(node.text_content())):
            return label
        stack.extend(reversed(node))
    return None


def _hidden(node: Any) -> bool:
    if node.get("hidden") is not None:
        return True
    style = node.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


def _unescape(json_string: str) -> str:
    """A JSON string's text ("Classifica\\u00e7\\u00e3o" → "Classificação"); as is when not valid JSON."""
    try:
        value = json.loads(f'"{json_string}"')
    except ValueError:
        return json_string
    return value if isinstance(value, str) else json_string


def _label(text: str) -> str | None:
    """``text`` as a section label: one to four words, not a sentence."""
    words = text.split()
    if not 1 <= len(words) <= _MAX_SECTION_WORDS or text.strip().endswith((".", "!", "?")):
        return None
    return " ".join(words)


def parse_markup(markup: str) -> Any | None:
    """The page's element tree (None when lxml finds no document in it).

    libxml2 stops building the tree at a fixed depth and drops everything
    below it without failing, so a page nested deeper would read as empty:
    it is refused as nested too deep instead. Comments and processing
    instructions print nothing and are left out, as trafilatura's tree does.
    """
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(markup, parser=parser)
    except (ParserError, ValueError):
        return None
    _refuse_too_deep(parser)
    return root


def _refuse_too_deep(parser: Any) -> None:
    """Raise :class:`NestedTooDeep` when ``parser``'s last parse hit libxml2's depth limit."""
    if any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in parser.error_log):
        msg = "HTML nested too deep: elements below the parser's depth limit would be lost"
        raise NestedTooDeep(msg)


def _page_parser() -> Any:
    """trafilatura's HTML parser, choosing each element's class in C.

    lxml.html's parser asks a Python method for the class of every element
    it wraps (to give forms their own class), and trafilatura and our
    readings wrap each element of a page several times: a good part of a
    page's parse cost. Every element is given lxml.html's ``HtmlElement``
    instead, which has all that is read (nothing here uses the form classes).
    """
    parser = etree.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    lookup = etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
    parser.set_element_class_lookup(lookup)
    return parser


_PAGE_PARSER = _page_parser()


def _load_html(markup: str) -> Any | None:
    """The tree trafilatura's ``load_html`` builds from ``markup``, built by :data:`_PAGE_PARSER`:
    the same steps (repairs, a second try on the bytes, a fragment of one block refused)."""
    from trafilatura.utils import is_dubious_html, repair_faulty_html  # heavy: HTML pages only

    beginning = markup[:50].lower()
    markup = repair_faulty_html(markup, beginning)
    tree = _fromstring(markup)
    if tree is None or len(tree) < 1:
        tree = _fromstring(markup.encode("utf8", "surrogatepass"))
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _fromstring(markup: str | bytes) -> Any | None:
    """``markup`` parsed by :data:`_PAGE_PARSER`; None when lxml refuses it (a string declaring
    its encoding is refused: its bytes are read instead)."""
    try:
        return lxml_html.fromstring(markup, parser=_PAGE_PARSER)
    except Exception:  # lxml raises assorted errors on broken markup, as trafilatura finds
        return None


def load_page(markup: str) -> tuple[Any | None, Any | None]:
    """The page parsed once for both readings: (trafilatura's tree, our tree).

    trafilatura is handed the tree it would build itself from ``markup`` (it
    works on a copy), so its reading is unchanged and the page is not parsed
    twice. That tree (comments and processing instructions left out, which
    render no text) is ours too when it is a whole document; a fragment,
    which trafilatura reads as its body's content, is parsed again as a
    document for our reading, like :func:`parse_markup`.
    """
    tree = _load_html(markup)
    _refuse_too_deep(_PAGE_PARSER)
    if tree is not None and tree.tag == "html":
        return tree, tree
    return tree, parse_markup(markup)


def render(markup: str | Any, *, furniture: bool = True) -> Rendered:
    """The page's visible text, one block per line as a browser's innerText gives it, and its
    ``<figcaption>`` texts. ``markup`` is HTML or a tree from :func:`parse_markup`.

    ``furniture=False`` leaves out what the markup declares is not the page's
    content: navigation, asides and footers (by tag or ARIA role).
    """
    root = parse_markup(markup) if isinstance(markup, str) else markup
    if root is None:
        return Rendered("", [])
    body = root.find("body")
    top = body if body is not None else root
    captions = [" ".join(fig.text_content().split()) for fig in top.iter("figcaption")]
    captions += _image_captions(top)
    parts: list[str] = []
    skipped: list[Any] = []
    _walk(top, parts, skipped=None if furniture else skipped)
    text = "".join(parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    published, modified = _page_times(root)
    captions = [c for c in dict.fromkeys(captions) if c]
    section = _page_section(root, top)
    return Rendered("\n".join(out).strip(), captions, published, modified, section, LeftOut(skipped))


_IMAGE_WRAPPERS = frozenset({"a", "picture", "span"})
MAX_CAPTION_CHARS = 400


def _image_captions(top: Any) -> list[str]:
    """Texts printed as an image's only companion: a box holding the image and one short text block.

    Captions outside ``<figure>`` are laid out so; a body's paragraphs beside
    an inline image are several blocks, not one.
    """
    found: list[str] = []
    for img in top.iter("img"):
        image, holder = img, img.getparent()
        while holder is not None and holder.tag in _IMAGE_WRAPPERS and len(holder) == 1:
            image, holder = holder, holder.getparent()
        if holder is None:
            continue
        texts = _text_blocks(holder, image)
        if len(texts) == 1 and texts[0].tag not in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = " ".join(texts[0].text_content().split())
            if len(text) <= MAX_CAPTION_CHARS:
                found.append(text)
    return found


def _text_blocks(holder: Any, image: Any) -> list[Any]:
    """``holder``'s children with text other than ``image``; two at most (a caption stands alone)."""
    texts = []
    for child in holder:
        if (
            child is not image
            and isinstance(child.tag, str)
            and child.tag not in _SKIP
            and child.text_content().strip()
        ):
            texts.append(child)
            if len(texts) == 2:
                break
    return texts


def inner_text(markup: str) -> str:
    """The page's visible text, one block per line, as a browser's innerText gives it."""
    return render(markup).text


_FURNITURE = frozenset({"nav", "aside", "footer"})
_FURNITURE_ROLES = frozenset({"navigation", "complementary", "contentinfo", "banner", "search"})


def _furniture(node: Any, tag: str) -> bool:
    """Declared by the markup as not the page's content; a footer inside an article is the article's."""
    if tag in _FURNITURE:
        return tag != "footer" or not any(a.tag in ("article", "main") for a in node.iterancestors())
    return node.get("role") in _FURNITURE_ROLES


def _walk(top: Any, parts: list[str], skipped: list[Any] | None = None) -> None:
    """Append the text under ``top`` to ``parts`` with innerText's line breaks; iterative, pages nest deep.

    With a ``skipped`` list, furniture (:func:`_furniture`) is left out and collected there.
    The stack holds an element to enter, or a ``(element, closing breaks)`` pair to leave:
    every element of a page passes here, so the loop does no more than it must.
    """
    append = parts.append
    stack: list[Any] = [top]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if node.__class__ is tuple:
            node, closing = node
            if closing:
                append(closing)
        else:
            tag = node.tag
            if tag.__class__ is str and not (
                tag in _SKIP
                or _hidden(node)
                or (skipped is not None and node is not top and _set_aside(node, tag, skipped))
            ):
                if tag == "br":
                    append("\n")
                breaks = "\n\n" if tag in _PARAGRAPH else "\n" if tag in _BLOCK else ""
                if breaks:
                    append(breaks)
                if text := node.text:
                    append(text.replace("\n", " "))
                push((node, breaks + " " if tag in _CELLS else breaks))
                stack.extend(reversed(node))
                continue
        if (tail := node.tail) and node is not top:
            append(tail.replace("\n", " "))


_CELLS = frozenset({"td", "th"})


def _set_aside(node: Any, tag: str, skipped: list[Any]) -> bool:
    """Whether ``node`` is furniture; if so it is added to ``skipped``."""
    if _furniture(node, tag):
        skipped.append(node)
        return True
    return False


@lru_cache(maxsize=256)
def shingles(text: str) -> Counter[str]:
    """The 4-word shingles of ``text`` (memoised: one page compares the same texts many times;
    callers must not change the result)."""
    tokens = _TOKEN.findall(text.lower())
    return Counter(map(" ".join, zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False)))


def covered(part: Counter[str], whole: Counter[str]) -> float:
    """Share of ``part``'s shingles found in ``whole``.

    The shingles both hold are counted from the smaller of the two: a whole
    article's text is held against each of a page's segments in turn.
    """
    total = sum(part.values())
    if not total:
        return 0.0
    if len(whole) < len(part):
        return sum(map(min, map(part.get, whole, repeat(0)), whole.values())) / total
    return sum(map(min, part.values(), map(whole.get, part, repeat(0)))) / total


@dataclass(frozen=True, slots=True)
class Choice:
    """Which reading of an HTML page to keep, and why (logged by the caller)."""

    use_ours: bool
    reason: str


def choose(trafilatura_text: str, our_text: str) -> Choice:
    """Keep trafilatura's body unless ours shows it stopped early or kept extra boxes."""
    theirs, ours = shingles(trafilatura_text), shingles(our_text)
    n_theirs, n_ours = sum(theirs.values()), sum(ours.values())
    if not n_ours:
        return Choice(False, "ours-empty")
    if not n_theirs:
        return Choice(True, "theirs-empty")
    theirs_in_ours = covered(theirs, ours)
    ours_in_theirs = covered(ours, theirs)
    if theirs_in_ours >= 0.85 and n_ours >= 1.5 * n_theirs:
        return Choice(True, "theirs-stopped-early")
    if ours_in_theirs >= 0.9 and n_theirs >= 1.3 * n_ours and theirs_in_ours >= 0.5:
        return Choice(True, "theirs-kept-extra")
    return Choice(False, "agree")


def trim_edges(
    paragraphs: list[str],
    our_body: str,
    page_lines: list[str],
    body_lines: tuple[int, int],
    *,
    furniture: Container[str] = frozenset(),
    inside: Callable[[], set[str] | None] | None = None,
) -> list[str]:
    """trafilatura's paragraphs without the leading and trailing ones our reading puts far from the body.

    A paragraph our body lacks but that sits right next to it on the page is
    kept (our reading may have missed it); one printed well before or after
    the body (a teaser, a related-links box) goes.
    """
    ours = shingles(our_body)
    where: dict[str, int] = {}
    for number, line in enumerate(page_lines, start=1):
        tokens = _tokens(line)
        where.setdefault(" ".join(tokens), number)
        if len(tokens) >= _PREFIX_WORDS:
            where.setdefault("^" + " ".join(tokens[:_PREFIX_WORDS]), number)
    first, last = body_lines

    def near(paragraph: str) -> bool:
        if covered(shingles(paragraph), ours) >= 0.5:
            return True
        if _key(paragraph) in furniture:
            return False
        number = where.get(_key(paragraph), where.get(_prefix(paragraph)))
        return number is None or first - NEAR_LINES <= number <= last + NEAR_LINES

    closing = [n for n, line in enumerate(page_lines, start=1) if n > last and is_end_marker(line)]

    def after_list_heading(paragraph: str) -> bool:
        number = where.get(_key(paragraph), where.get(_prefix(paragraph)))
        return number is not None and bool(closing) and number > closing[0]

    judged: dict[int, bool] = {}

    def keep(index: int) -> bool:
        """Only the paragraphs at the edges are judged: the trim stops at the first one kept."""
        if index not in judged:
            paragraph = paragraphs[index]
            judged[index] = near(paragraph) and not after_list_heading(paragraph)
        return judged[index]

    lo, hi = 0, len(paragraphs)
    while lo < hi and not keep(lo):
        lo += 1

    element: list[set[str] | None] = []

    def story_end(paragraph: str) -> bool:
        """Running text in the article's own element: the story's closing lines, wherever our
        reading ended (a standfirst at the top may be the story's too, but pages differ there).
        The element's lines are asked for (``inside()``) only when a closing paragraph is in doubt."""
        if inside is None or not is_prose(paragraph):
            return False
        if not element:
            element.append(inside())
        return element[0] is not None and _key(paragraph) in element[0]

    while hi > lo and not keep(hi - 1) and not story_end(paragraphs[hi - 1]):
        hi -= 1
    # a headline and a standfirst, a copyright line: a few paragraphs, never a chunk of the story;
    # more only when they stand under a "Latest stories" heading after our body
    lo = lo if lo <= MAX_TRIM else 0
    if len(paragraphs) - hi > MAX_TRIM and not all(after_list_heading(p) for p in paragraphs[hi:]):
        hi = len(paragraphs)
    return paragraphs[lo:hi]


@memo_short
def _tokens(text: str) -> tuple[str, ...]:
    """``text``'s words for comparison: case and punctuation aside, soft hyphens removed (trafilatura
    drops them, the page prints them). Memoised: a page's lines are compared by several readings."""
    return tuple(_TOKEN.findall(text.lower().replace("\xad", "")))


@memo_short
def _key(text: str) -> str:
    """``text`` as words for comparison (see :func:`_tokens`)."""
    return " ".join(_tokens(text))


_PREFIX_WORDS = 6


def _prefix(text: str) -> str:
    """The first words of a line: a list item trafilatura joined with its summary still starts so."""
    tokens = _tokens(text)
    return "^" + " ".join(tokens[:_PREFIX_WORDS]) if len(tokens) >= _PREFIX_WORDS else ""


def _first_words(text: str) -> str:
    """A text block's :func:`_prefix` when it has one, else its whole :func:`_key`."""
    tokens = _tokens(text)
    if len(tokens) >= _PREFIX_WORDS:
        return "^" + " ".join(tokens[:_PREFIX_WORDS])
    return " ".join(tokens)


_LEAF_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "td", "th")
MAJORITY = 0.8
"""Share of trafilatura's paragraphs the article's container must hold."""


def article_container(root: Any, paragraphs: list[str]) -> Any | None:
    """The innermost element holding most of ``paragraphs``: where the page keeps its article.

    Text blocks are found in the markup by their first words; the container is
    their deepest common ancestor holding at least :data:`MAJORITY` of them.
    None when fewer than two paragraphs are found.
    """
    wanted = {_first_words(p) for p in paragraphs}
    wanted.discard("")
    matched = []
    for element in root.iter(*_LEAF_TAGS):
        text = element.text_content()
        if _first_words(text) in wanted:
            matched.append(element)
    if len(matched) < 2:
        return None
    holding: Counter[Any] = Counter()
    for element in matched:
        holding.update(element.iterancestors())
    need = MAJORITY * len(matched)
    candidates = [element for element, count in holding.items() if count >= need]
    return max(candidates, key=lambda e: sum(1 for _ in e.iterancestors()), default=None)


def container_lines(container: Any) -> set[str]:
    """The comparison keys of the lines ``container`` renders, with its like elements'.

    A page that breaks its story around a box in the middle often prints the
    rest in another element of the same kind (same tag, same class, elsewhere
    in the same ``<article>`` or ``<main>``, or the page): that is the same article.
    """
    alike = [container]
    if label := container.get("class"):
        scope = next((a for a in container.iterancestors() if a.tag in ("article", "main", "body")), None)
        if scope is not None:
            alike = [e for e in scope.iter(container.tag) if e.get("class") == label]
    parts: list[str] = []
    for element in alike:
        _walk(element, parts)
        parts.append("\n")
    return {key for line in "".join(parts).split("\n") if (key := _key(line))}


def continuation(ours: list[str], theirs: str, inside: set[str]) -> list[str]:
    """Our paragraphs that lie in the article's container, without furniture at either end.

    trafilatura stopped early: the rest of the story is in the same element as
    the part it kept, while boxes after it (share bars, related posts, comment
    forms) mostly stand outside it. What is inside but trails the story as
    short non-sentences (a "Share this" label, a list of tags) goes too.
    """
    kept = [p for p in ours if _key(p) in inside]
    known = shingles(theirs)
    lo, hi = 0, len(kept)
    while lo < hi and not (is_prose(kept[lo]) or covered(shingles(kept[lo]), known) >= 0.5):
        lo += 1
    while hi > lo and not (is_prose(kept[hi - 1]) or covered(shingles(kept[hi - 1]), known) >= 0.5):
        hi -= 1
    return kept[lo:hi]


def headline_text(root: Any) -> str | None:
    """The page's first visible ``<h1>``: the headline a reader sees above the story."""
    for element in _all(root, "h1"):
        if not _hidden(element) and (text := " ".join(element.text_content().split())):
            return text
    return None


LEAD_LINES = 12
"""How many non-empty page lines above the body's first paragraph may hold its standfirst: a date,
a byline and a share bar of a few buttons fit between the headline and the body."""


def standfirst(
    page_lines: list[str],
    headlines: list[str],
    paragraphs: list[str],
    captions: list[str],
    root: Any | None = None,
    *,
    taken: list[str] | None = None,
) -> list[str]:
    """Prose lines printed just above the first of ``paragraphs``, which lacks them.

    trafilatura often leaves out the lead that sites set apart from the body
    (its own element, another style) right under the headline; a sentence
    there belongs to the story, a byline, a date or a share bar does not. The
    lines are read upwards from the body's first paragraph to the headline
    (any of ``headlines``: the ``<h1>``, the stated title), at most
    :data:`LEAD_LINES` lines; without the headline in reach nothing is taken,
    as the prose above a body may then be anything (a teaser, a notice).
    With the page's tree, a dek set with the headline rather than the body
    is the headline's summary, not the story's opening: it goes. Nothing
    from ``taken`` (what the extractor took, kept or not; default
    ``paragraphs``) is added back: a caption it took and we left out stays out.
    """
    if not paragraphs:
        return []
    titles = {key for headline in headlines if (key := _key(headline))}
    keys = _keys_to(page_lines, paragraphs[0]) if titles else []
    if not keys:
        return []
    first = len(keys) - 1
    known = shingles("\n".join(paragraphs if taken is None else taken))
    pictured = {_key(caption) for caption in captions}
    found: list[str] = []
    seen = 0
    for number in range(first - 1, -1, -1):
        key = keys[number]
        if not key:
            continue
        if key in titles or _opens_title(key, titles):
            if root is None or not found:
                return found[::-1]
            return _without_deks(root, page_lines[number], page_lines[first], found[::-1])
        seen += 1
        if seen > LEAD_LINES:
            break
        line = page_lines[number]
        if is_prose(line) and key not in pictured and covered(shingles(line), known) < 0.5:
            found.append(line)
    return []


_SUBHEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _without_deks(root: Any, headline: str, body: str, lines: list[str]) -> list[str]:
    """``lines`` less the headline's dek: a summary set with the headline (in its ``<header>``, or
    as a subheading) in a block apart from the body. The story's lead paragraph sits in the body's
    block, or in one block with both; lines the tree does not place are kept."""
    title = _key(headline)
    h1 = next((h for h in _all(root, "h1") if _key(h.text_content()) == title), None)
    head = h1 if h1 is not None else _element_of(root, headline)
    first = _element_of(root, body)
    if head is None or first is None:
        return lines
    kept = []
    for line in lines:
        element = _element_of(root, line)
        if element is None or not _is_dek(element, head, first):
            kept.append(line)
    return kept


def _is_dek(element: Any, head: Any, first: Any) -> bool:
    """``element`` is nearer the headline's element than the body's first paragraph in the tree,
    and set as a heading or inside a ``<header>`` it shares with the headline."""
    with_head = _common(element, head)
    if _depth(with_head) <= _depth(_common(element, first)):
        return False
    return element.tag in _SUBHEADINGS or any(
        e.tag == "header" for e in (with_head, *with_head.iterancestors())
    )


def _element_of(root: Any, line: str) -> Any | None:
    """The innermost element of the page's body holding ``line`` and little more.

    Text nodes holding the line's longest word are looked up in the tree
    (the line's text may be split over several nodes: a drop capital, a link)
    and their elements widened until they hold the whole line.
    """
    key = _key(line)
    word = max(_TOKEN.findall(line), key=len, default="")
    if not word:
        return None
    for text in root.xpath("//body//text()[contains(., $word)]", word=word):
        owner = text.getparent()
        if text.is_tail and owner is not None:
            owner = owner.getparent()
        for element in (owner, *owner.iterancestors()) if owner is not None else ():
            whole = _key(element.text_content())
            if len(whole) > 2 * len(key):
                break
            if key in whole:
                return element
    return None


def _common(a: Any, b: Any) -> Any:
    """The innermost element holding both ``a`` and ``b``."""
    above = {a, *a.iterancestors()}
    return next(e for e in (b, *b.iterancestors()) if e in above)


def _depth(element: Any) -> int:
    return sum(1 for _ in element.iterancestors())


def _keys_to(page_lines: list[str], paragraph: str) -> list[str]:
    """Comparison keys of the page's lines down to the one printing ``paragraph`` (found by its
    first words when trafilatura joined or cut it); empty when no line prints it."""
    key, prefix = _key(paragraph), _prefix(paragraph)[1:]
    keys: list[str] = []
    for line in page_lines:
        keys.append(_key(line))
        if keys[-1] == key or (prefix and keys[-1].startswith(prefix)):
            return keys
    return []


MIN_TITLE_PART = 3
"""Words a line must have to count as the first part of a headline broken over lines."""


def _opens_title(key: str, titles: set[str]) -> bool:
    """A line that is the start of a headline set over two lines (a ``<br>`` inside the ``<h1>``)."""
    return len(key.split()) >= MIN_TITLE_PART and any(t.startswith(key + " ") for t in titles)


_TITLE_META = ("og:title", "twitter:title")
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_JSONLD_AUTHOR = re.compile(r'"author"\s*:\s*\[?\s*\{[^{}]*?"name"\s*:\s*"((?:[^"\\]|\\.){2,120})"')
_TITLE_SEPARATORS = re.compile(r"\s+[|–—•·»:-]\s+")


def page_title(root: Any) -> str | None:
    """The article's title as the page states it: its one ``<h1>``, else og:title, else ``<title>``.

    ``<title>`` usually carries the site's name after a separator; its longest
    part is the title.
    """
    headlines = [h for h in _all(root, "h1") if not _hidden(h) and h.text_content().strip()]
    if len(headlines) == 1:
        return " ".join(headlines[0].text_content().split())
    head = root.find("head")
    for meta in head.iter("meta") if head is not None else ():
        name = (meta.get("property") or meta.get("name") or "").lower()
        if name in _TITLE_META and (content := " ".join((meta.get("content") or "").split())):
            return content
    element = next(iter(_all(root, "title")), None)
    text = " ".join((element.text_content() if element is not None else "").split())
    if not text:
        return " ".join(headlines[0].text_content().split()) if headlines else None
    return max(_TITLE_SEPARATORS.split(text), key=len)


def page_author(root: Any) -> str | None:
    """The author the page states in its metadata (meta tags, JSON-LD), not a URL."""
    for meta in _all(root, "meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        content = " ".join((meta.get("content") or "").split())
        if name in _AUTHOR_META and content and "://" not in content and not content.startswith("@"):
            return content
    for script in _all(root, "script"):
        jsonld = (script.get("type") or "").lower() == "application/ld+json" and script.text
        if jsonld and (found := _JSONLD_AUTHOR.search(script.text)):
            return _unescape(found[1])
    return None


def link_texts(root: Any, among: Collection[str] | None = None) -> frozenset[str]:
    """Comparison keys of the texts of links to the page's own site (only those in ``among``,
    when given: a page has hundreds of links and only those that read as a paragraph matter).

    A paragraph that is one such link whole points to another page of the
    site (a teaser, a related story, a section): not the story's own text. A
    link elsewhere (a source, a product) can be part of what the story says.
    """
    home = _site(root)
    keys = set()
    for anchor in _all(root, "a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#") or href.lower().startswith(("mailto:", "tel:", "javascript:")):
            continue
        key = _key(anchor.text_content())
        if not key or (among is not None and key not in among):
            continue
        host = _host(href)
        if host is not None and host in ("", home):
            keys.add(key)
    return frozenset(keys)


def link_keys(paragraphs: list[str]) -> set[str]:
    """The keys :func:`without_links` looks up for ``paragraphs``: each one whole, and the part
    after a label."""
    keys = {_key(p) for p in paragraphs}
    keys.update(_key(found[2]) for p in paragraphs if (found := _LABELLED.match(p)))
    return keys


def _site(root: Any) -> str | None:
    """The page's own host, from its canonical link or og:url."""
    for link in _all(root, "link"):
        if (link.get("rel") or "").lower() == "canonical" and (href := link.get("href")):
            return _host(href) or None
    for meta in _all(root, "meta"):
        if (meta.get("property") or "").lower() == "og:url" and (url := meta.get("content")):
            return _host(url) or None
    return None


def _host(url: str) -> str | None:
    """``url``'s host without "www." ("" for a relative link; None when it is no URL)."""
    try:
        return urlsplit(url.strip()).netloc.lower().removeprefix("www.")
    except ValueError:
        return None


_LABELLED = re.compile(r"^\W*(\w+(?:[^\w:»›]+\w+){0,2})\s*[:»›]\s*(.+)$")
"""A paragraph that opens with a label of one to three words ended by a colon or a guillemet."""
MIN_TEASER_WORDS = 3
"""Words a linked headline after a label must have to read as a teaser, not a linked name."""


def without_links(paragraphs: list[str], links: frozenset[str]) -> list[str]:
    """``paragraphs`` less those that are one link's whole text, or a short label and one link
    ("See also: <a headline>"): both point to another page of the site."""
    return [p for p in paragraphs if _key(p) not in links and not _labelled_link(p, links)]


def _labelled_link(paragraph: str, links: frozenset[str]) -> bool:
    found = _LABELLED.match(paragraph)
    if found is None:
        return False
    rest = _key(found[2])
    return len(rest.split()) >= MIN_TEASER_WORDS and rest in links
