"""Split a plain-text page (a browser innerText dump) into its articles.

The page is read as a sequence of lines. Runs of prose form article bodies;
the short lines between them hold headlines, section labels, datelines,
captions and chrome. A headline is recognised by being printed more than once
or by standing right before a dateline; a run of prose whose headline only
appears after it (captions repeating it) takes that one. Lists of headlines
with no prose ("Recommended Articles") never become articles.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsflow.services.splitter.lines import (
    Line,
    is_chrome,
    is_prose,
    is_sentence,
    page_lines,
    words,
)
from newsflow.services.worker.dates import looks_like_dateline

MIN_BODY_WORDS = 40


@dataclass(slots=True)
class Segment:
    """One article found on a text page, as line indexes into the page's lines."""

    body: list[Line]
    title: Line | None = None
    dateline: Line | None = None
    category: Line | None = None
    region: tuple[int, int] = (0, 0)
    captions: list[Line] = field(default_factory=list)


def _blocks(lines: list[Line], repeated: set[str]) -> list[tuple[int, int]]:
    """Index ranges [start, end] of body runs, bridging short in-body lines."""
    prose = [is_prose(line.text) for line in lines]
    blocks: list[tuple[int, int]] = []
    i = 0
    n = len(lines)
    while i < n:
        if not prose[i]:
            i += 1
            continue
        start = end = i
        j = i + 1
        while j < n:
            if prose[j]:
                end = j
                j += 1
                continue
            # bridge up to two short lines when prose resumes right after them
            gap = j
            while gap < n and not prose[gap] and gap - j < 2:
                gap += 1
            if (
                gap < n
                and prose[gap]
                and all(
                    lines[k].key not in repeated
                    and not looks_like_dateline(lines[k].text)
                    and not is_chrome(lines[k].text)
                    for k in range(j, gap)
                )
            ):
                end = gap
                j = gap + 1
                continue
            break
        blocks.append((start, end))
        i = j
    return [b for b in blocks if sum(words(lines[k].text) for k in range(b[0], b[1] + 1)) >= MIN_BODY_WORDS]


def _title_like(line: Line) -> bool:
    n = words(line.text)
    return (
        3 <= n <= 30
        and not looks_like_dateline(line.text)
        and not is_chrome(line.text)
        and not is_prose(line.text)
    )


def split_text(body: str) -> tuple[list[Line], list[Segment]]:
    """The page's lines and the article segments found in them, in page order."""
    lines = page_lines(body)
    counts = Counter(line.key for line in lines)
    repeated = {key for key, c in counts.items() if c >= 2 and key}
    blocks = _blocks(lines, repeated)
    segments: list[Segment] = []
    prev_end = -1
    for b_index, (start, end) in enumerate(blocks):
        next_start = blocks[b_index + 1][0] if b_index + 1 < len(blocks) else len(lines)
        seg = Segment(body=[lines[k] for k in range(start, end + 1)])
        taken = {s.title.key for s in segments if s.title is not None}
        before = range(prev_end + 1, start)
        # headline: repeated or right before a dateline, nearest to the body wins
        for k in reversed(before):
            line = lines[k]
            if looks_like_dateline(line.text) and seg.dateline is None:
                seg.dateline = line
                continue
            if not _title_like(line) or line.key in taken:
                continue
            next_is_date = k + 1 < start and looks_like_dateline(lines[k + 1].text)
            if line.key in repeated or next_is_date:
                seg.title = line
                break
        if seg.title is not None:
            title_k = lines.index(seg.title)
            for k in range(prev_end + 1, title_k):
                line = lines[k]
                if 1 <= words(line.text) <= 3 and line.key in repeated and not is_chrome(line.text):
                    seg.category = line
            if seg.category is None:
                for k in range(title_k + 1, start):
                    line = lines[k]
                    if (
                        1 <= words(line.text) <= 3
                        and not is_chrome(line.text)
                        and not looks_like_dateline(line.text)
                    ):
                        seg.category = line
                        break
        after = range(end + 1, next_start)
        if seg.title is None:
            for k in after:
                line = lines[k]
                if _title_like(line) and line.key not in taken:
                    seg.title = line
                    break
        if seg.title is not None:
            seg.captions = [
                lines[k]
                for k in after
                if lines[k].key == seg.title.key or lines[k].text.lower().startswith("photo:")
            ]
        region_start = prev_end + 1
        region_end = end
        for k in after:
            if seg.title is not None and lines[k].key == seg.title.key:
                region_end = k
        seg.region = (lines[region_start].number, lines[region_end].number)
        segments.append(seg)
        prev_end = region_end
    return lines, segments


__all__ = ["Segment", "is_sentence", "split_text"]
