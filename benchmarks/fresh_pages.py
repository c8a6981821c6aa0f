"""Page layouts for the fresh check set, as named passes: header, story head, body, tail, footer.

Every pass appends page lines to a ``Page`` and draws its furniture only from the pools the layout has on.
A story's truth body is its paragraphs plus any sub-headings printed inside it; nothing else on the page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from fresh_dates import random_moment, render
from fresh_words import DATE_FAMILIES, Words

_JOINERS = (" | ", " · ", "  ", " / ", " • ", " — ")
_COMMENT_HEADERS = ("{user} says:", "{user}", "{user} wrote:", "{user} · {date}", "{user} on {date}")
_LIVE_TIMES = ("{I}:{MM} {a.p.}", "{HH}:{MM}", "{I}:{MM}{ap}", "{HH}.{MM}", "{I}:{MM} {AP} {Z}")


@dataclass
class Story:
    """One source article and how this page prints it."""

    title: str
    paragraphs: list[str]
    published: datetime | None = None
    truth_body: list[str] = field(default_factory=list)
    headline_after: bool = False


@dataclass
class Layout:
    """Per-page choices: the pools on, the date format, the site's habits."""

    pools: frozenset[str]
    family: str
    template: str
    zone: str
    fetched: datetime
    joiner: str
    spacing: str  # "all": a blank line after every line; "none"; "paragraphs": after body paragraphs
    tags: list[str] = field(default_factory=list)
    extra: bool = False  # the layouts added with the second pool set (``--extra-layouts``)

    def on(self, pool: str) -> bool:
        return pool in self.pools


@dataclass
class Page:
    """Lines of a page; ``para`` marks body paragraphs (for the "paragraphs" spacing)."""

    lines: list[tuple[str, bool]] = field(default_factory=list)

    def add(self, *lines: str, para: bool = False) -> None:
        self.lines.extend((line, para) for line in lines if line)

    def text(self, spacing: str) -> str:
        out: list[str] = []
        for line, para in self.lines:
            out.append(line)
            if spacing == "all" or (spacing == "paragraphs" and para):
                out.append("")
        return "\n".join(out).strip() + "\n"


def choose_layout(words: Words, pools: frozenset[str], rng: random.Random, extra: bool = False) -> Layout:
    families = [f.removeprefix("date_") for f in DATE_FAMILIES if f in pools] or ["iso"]
    family = rng.choice(families)
    if family == "relative":
        template = words.raw("relative")
    else:
        template = rng.choice(
            [t.split("\t", 1)[1] for t in words.entries["dates"] if t.startswith(family + "\t")]
        )
    zone = words.raw("zones") if "date_zones" in pools and "{Z}" in template else ""
    spacing = rng.choice(("all", "all", "none", "paragraphs"))
    layout = Layout(pools, family, template, zone, random_moment(rng), rng.choice(_JOINERS), spacing)
    layout.extra = extra
    layout.tags.append(f"date:{family}")
    return layout


def date_stories(stories: list[Story], layout: Layout, rng: random.Random) -> None:
    """Publication times: relative ones count back from the fetch time, the rest precede it."""
    for index, story in enumerate(stories):
        if layout.family == "relative":
            back = timedelta(minutes=rng.randint(5, 59)) if "{k}" in layout.template else None
            back = back or timedelta(hours=rng.randint(1, 22))
            story.published = layout.fetched - back
        else:
            story.published = random_moment(rng, day_over_12=layout.family == "dayfirst" and index == 0)
    if layout.family != "relative":
        latest = max(s.published for s in stories if s.published is not None)
        layout.fetched = latest + timedelta(days=rng.randint(1, 40), minutes=rng.randint(0, 600))


def dateline(story: Story, layout: Layout, words: Words, rng: random.Random) -> list[str]:
    """The story's dateline as printed: prefix, date, perhaps an update time on the line or below it."""
    when = story.published
    assert when is not None
    if layout.family == "relative":
        back = layout.fetched - when
        minutes = int(back.total_seconds() // 60)
        text = words.fill(layout.template, n=str(minutes // 60), k=str(minutes))[0]
    else:
        text = render(layout.template, when, layout.zone)
    if layout.on("date_prefixes") and rng.random() < 0.5:
        text = f"{words.raw('date_prefixes')} {text}"
    lines = [text]
    if layout.on("date_prefixes") and layout.family != "relative" and rng.random() < 0.3:
        later = when + timedelta(hours=rng.randint(1, 30), minutes=rng.randint(0, 59))
        updated = f"{words.raw('updated_prefixes')} {render(layout.template, later, layout.zone)}"
        if rng.random() < 0.5:
            lines[0] += layout.joiner + updated
        else:
            lines.append(updated)
        layout.tags.append("updated")
    return lines


def read_time(words: Words, rng: random.Random, short: bool = False) -> str:
    """A "listen / N min read" line; ``short`` keeps to the "N min" kind printed beside list items."""
    entries = [e for e in words.entries["readtime"] if not short or ("{n}" in e and "min" in e)]
    return words.fill(rng.choice(entries), n=str(rng.randint(2, 15)), m=str(rng.randint(1, 14)))[0]


def _bar(items: list[str], layout: Layout, rng: random.Random) -> list[str]:
    """Several short items, one per line or joined on one line as sites print them."""
    return [layout.joiner.join(items)] if rng.random() < 0.4 else items


def header(page: Page, layout: Layout, words: Words, rng: random.Random, title: str | None) -> None:
    if layout.on("cookie") and rng.random() < 0.6:
        page.add(*words.pick("cookie"))
    if title is not None and rng.random() < 0.3:
        page.add(f"{title}{layout.joiner}{words.site}")
        layout.tags.append("title-bar")
    page.add(words.site)
    if layout.on("nav"):
        page.add(*_bar(words.sample("nav", rng.randint(5, 12)), layout, rng))


def story_head(page: Page, story: Story, layout: Layout, words: Words, rng: random.Random) -> None:
    """Section label, headline, byline, dateline and what sites print between headline and body."""
    if layout.on("sections") and rng.random() < 0.6:
        page.add(words.raw("sections"))
    date_lines = dateline(story, layout, words, rng) if story.published is not None else []
    if layout.extra and date_lines and not story.headline_after and rng.random() < 0.3:
        page.add(*date_lines)  # the dateline over the headline, as many magazines and broadcasters print it
        date_lines = []
        layout.tags.append("date-above-headline")
    if not story.headline_after:
        page.add(story.title)
    if layout.on("bylines") and rng.random() < 0.8:
        byline = words.pick("bylines")[0]
        if date_lines and rng.random() < 0.3:
            date_lines[0] = byline + layout.joiner + date_lines[0]
        else:
            page.add(byline)
    page.add(*date_lines)
    extras: list[list[str]] = []
    if layout.on("readtime") and rng.random() < 0.6:
        extras.append([read_time(words, rng)])
    if layout.on("share") and rng.random() < 0.6:
        extras.append(_bar(words.sample("share", rng.randint(2, 6)), layout, rng))
    if layout.on("comment_counters") and rng.random() < 0.5:
        extras.append(words.pick("comment_counters"))
    rng.shuffle(extras)
    for lines in extras:
        page.add(*lines)
    if layout.on("captions") and rng.random() < 0.5:
        page.add(*words.pick("captions", headline=story.title))


def _inserts(layout: Layout, words: Words, rng: random.Random, title: str) -> list[list[str]]:
    """Furniture that sites print between body paragraphs."""
    out: list[list[str]] = []
    if layout.on("adverts"):
        out.extend(words.pick("adverts") for _ in range(rng.randint(0, 2)))
    if layout.on("newsletter") and rng.random() < 0.3:
        out.append(words.pick("newsletter"))
    if layout.on("teasers") and rng.random() < 0.4:
        label, headline = words.pick("teaser_labels")[0], words.raw("headlines")
        out.append([f"{label} {headline}"] if rng.random() < 0.5 else [label, headline])
    if layout.on("captions") and rng.random() < 0.3:
        out.append(words.pick("captions", headline=title))
    return out


def body(page: Page, story: Story, layout: Layout, words: Words, rng: random.Random, style: str) -> None:
    """Paragraphs with furniture between them; ``style`` "long" adds sub-headings, "live" timed entries."""
    paragraphs = story.paragraphs
    inserts = _inserts(layout, words, rng, story.title)
    slots = sorted(rng.sample(range(1, len(paragraphs)), min(len(inserts), max(0, len(paragraphs) - 1))))
    placed = dict(zip(slots, inserts, strict=False))
    headings = words.sample("subheadings" if style == "long" else "live_updates", len(paragraphs))
    clock = story.published or layout.fetched
    live_format = rng.choice(_LIVE_TIMES)
    every = rng.randint(2, 4)
    for index, paragraph in enumerate(paragraphs):
        if index in placed:
            page.add(*placed[index])
        if style != "plain" and index % every == 0 and (index or style == "live") and headings:
            heading = headings.pop()
            if style == "live":
                clock += timedelta(minutes=rng.randint(4, 50))
                page.add(render(live_format, clock, layout.zone))
            page.add(heading)
            story.truth_body.append(heading)
        page.add(paragraph, para=True)
        story.truth_body.append(paragraph)
    if layout.extra and len(paragraphs) >= 3 and rng.random() < 0.3:
        pull_quote(page, paragraphs, rng)
        layout.tags.append("pull-quote")
    if story.headline_after:
        template = words.raw("captions") if layout.on("captions") and rng.random() < 0.6 else "{headline}"
        if "{headline}" not in template:
            template = "{headline}"
        page.add(*words.fill(template, headline=story.title))
    if layout.on("share") and rng.random() < 0.3:
        page.add(*_bar(words.sample("share", rng.randint(2, 5)), layout, rng))


def pull_quote(page: Page, paragraphs: list[str], rng: random.Random) -> None:
    """A sentence of the body printed again, in quotes, among the paragraphs (not part of the truth body);
    right after the paragraph it comes from, as magazines set it beside the text."""
    index = rng.randrange(len(paragraphs) - 1)
    sentence = paragraphs[index].split(". ")[0].strip("“”\"' .")
    position = next(i for i, (line, _p) in enumerate(page.lines) if line == paragraphs[index])
    page.lines.insert(position + 1, (f"“{sentence[:160]}”", False))


def products(page: Page, layout: Layout, words: Words, rng: random.Random) -> None:
    page.add(words.raw("product_headings"))
    for name in words.sample("products", rng.randint(2, 4)):
        page.add(name)
        for line in words.sample("product_lines", rng.randint(1, 3)):
            page.add(*words.fill(line))
    layout.tags.append("products")


def teaser_box(page: Page, layout: Layout, words: Words, rng: random.Random) -> None:
    page.add(*words.pick("teaser_labels"))
    for headline in words.sample("headlines", rng.randint(2, 3)):
        page.add(headline, words.raw("blurbs"))
    layout.tags.append("teasers")


def end_list(page: Page, layout: Layout, words: Words, rng: random.Random, published: datetime) -> None:
    """A heading of any wording over a list of other headlines (some dated, numbered or labelled)."""
    page.add(*words.pick("end_headings"))
    style = rng.choice(("plain", "dated", "numbered", "labelled", "timed"))
    for number, headline in enumerate(words.sample("headlines", rng.randint(4, 9)), start=1):
        if style == "numbered":
            page.add(f"{number}. {headline}" if rng.random() < 0.5 else str(number), headline)
        elif style == "labelled":
            page.add(f"{words.raw('sections')}{layout.joiner}{headline}")
        else:
            page.add(headline)
        if style == "dated" and layout.family != "relative":
            earlier = published - timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 900))
            page.add(render(layout.template, earlier, layout.zone))
        elif style == "timed" and layout.on("readtime"):
            page.add(read_time(words, rng, short=True))
    layout.tags.append(f"end-list:{style}")


def comment_thread(page: Page, layout: Layout, words: Words, rng: random.Random, published: datetime) -> None:
    """Readers' comments: full sentences under headers with names and dates, which are not articles."""
    page.add(*words.pick("comment_headings"))
    if layout.on("comment_counters") and rng.random() < 0.5:
        page.add(*words.pick("comment_counters"))
    form = words.sample("comment_form", rng.randint(1, 4))
    cut = rng.randint(0, len(form))
    page.add(*form[:cut])
    for text in words.sample("comments", rng.randint(3, 9)):
        later = published + timedelta(hours=rng.randint(1, 200), minutes=rng.randint(0, 59))
        stamp = render(layout.template, later, layout.zone) if layout.family != "relative" else "1 day ago"
        header_style = rng.choice(
            ("{user} says:", "{user}", "{user} wrote:", "{user} · {date}", "{user} on {date}")
        )
        page.add(*words.fill(header_style, user=words.raw("usernames"), date=stamp))
        if "{date}" not in header_style and rng.random() < 0.6:
            page.add(
                *words.fill(
                    rng.choice(("{date}", "{n}h ago", "{n} days ago")), date=stamp, n=str(rng.randint(1, 30))
                )
            )
        page.add(text)
        for action in words.sample("comment_actions", rng.randint(0, 2)):
            page.add(*words.fill(action, n=str(rng.randint(1, 40))))
    page.add(*form[cut:])
    layout.tags.append("comments")


def tail(
    page: Page, layout: Layout, words: Words, rng: random.Random, published: datetime, single: bool
) -> None:
    """What follows the last story: products, teasers, lists of headlines, comments, prompts, footer."""
    if single and layout.on("products") and rng.random() < 0.5:
        products(page, layout, words, rng)
    if layout.on("teasers") and rng.random() < 0.5:
        teaser_box(page, layout, words, rng)
    if layout.on("end_lists") and rng.random() < 0.8:
        end_list(page, layout, words, rng, published)
    if layout.on("comment_threads") and rng.random() < (0.6 if single else 0.3):
        comment_thread(page, layout, words, rng, published)
    if layout.on("newsletter") and rng.random() < 0.5:
        page.add(*words.pick("newsletter"))
    if layout.on("footers"):
        page.add(*_bar(words.sample("footers", rng.randint(4, 10)), layout, rng))
