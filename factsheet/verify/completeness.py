"""All the text and only the text: what the article extractor's reading of a page is checked against.

Three failures seen on real saved pages, each mended from the page itself:

- the extractor kept only the lead of a long review (111 of ~1,950 words): the capture is compared with the
  page's own article block (`<article>`, `<main>`, `itemprop=articleBody`); when it holds less than half of it,
  the extractor's fuller reading is taken if it recovers the rest, and either way the capture says so;
- it collapsed a paragraph the article prints twice in a row (a chant, a refrain) into one: repeats the page
  shows as consecutive paragraphs are put back;
- it kept player, share, related-links and comment-count strings as paragraphs ("Read more", "12 comments",
  "Next slide"): a paragraph that is nothing but such a string is dropped;
- it wrote a code block one line per paragraph: the lines of a `<pre>` are one block again;
- it ran an article set in one table cell into one paragraph: it is split where the page's <br><br> part it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

UI_STRING = re.compile(
    r"(?i)(read more|continue reading|see more|show more|load more|more stories|see also|"
    r"you (might|may) also like|related( articles| stories| content| posts)?|recommended( for you)?|"
    r"most (read|popular|viewed)|trending( now)?|more (from|on|in) [\w .'&-]{1,30}|sponsored( content)?|"
    r"\d+ comments?|comments?( \(\d+\))?|(leave|add|post|view|show|hide) (a |all )?comments?|\d+ shares?|"
    r"share( this( article| story| page)?)?( on \w+)?|tweet( this)?|copy link|e-?mail( this)?|print( this)?|"
    r"follow us( on \w+)?|(next|previous|prev) (slide|image|photo|article|page)?|\d+ ?(of|/) ?\d+|"
    r"(play|watch|replay) (the )?video|video player( is loading)?|now playing|up next|loading|"
    r"advertisement|skip (this )?ad|skip to (main )?content|(un)?mute|full ?screen|close|back to top)\W*"
)
"""A paragraph that is nothing but one of these is a player, share, related-links, comment or slideshow control,
not the article's text (matched whole: a sentence that mentions them is kept)."""

LEAD_ONLY = 0.5
BLOCK_MINIMUM_WORDS = 200


def without_ui_strings(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """The paragraphs, less those that are nothing but a player, share, related or comment string."""
    return tuple(paragraph for paragraph in paragraphs if not UI_STRING.fullmatch(paragraph.strip()))


def with_repeats(paragraphs: Sequence[str], page: Any) -> tuple[str, ...]:
    """Put back the copies of a paragraph the page prints several times in a row."""
    runs: dict[str, int] = {}
    texts = [" ".join(element.text_content().split()) for element in page.xpath("//p")]
    index = 0
    while index < len(texts):
        end = index
        while end + 1 < len(texts) and texts[end + 1] == texts[index]:
            end += 1
        if end > index and texts[index]:
            runs[texts[index]] = max(runs.get(texts[index], 0), end - index + 1)
        index = end + 1
    mended: list[str] = []
    for paragraph in paragraphs:
        mended.append(paragraph)
        count = runs.get(paragraph, 0)
        if count and (len(mended) < 2 or mended[-2] != paragraph):
            mended += [paragraph] * (count - 1)
    return tuple(mended)


def article_block_words(page: Any) -> int:
    """How many words the page's own article body holds: its `itemprop=articleBody`, else its one `<article>`
    (0 when it marks neither, or several: a <main> holds comments and related links too)."""
    body = page.xpath("//*[@itemprop='articleBody']")
    blocks = body or page.xpath("//article")
    if len(blocks) != 1:
        return 0
    return len(blocks[0].text_content().split())


def lead_only(captured: Sequence[str], block_words: int) -> bool:
    """Whether a capture holds much less than the page's article block: its lead, say."""
    words = sum(len(paragraph.split()) for paragraph in captured)
    return block_words >= BLOCK_MINIMUM_WORDS and words < LEAD_ONLY * block_words


def teasers(page: Any, stated_types: Sequence[str]) -> int:
    """How many article teasers a list page holds (0 for an article): a page that calls itself a collection
    or a list, or that is five or more short `<article>` blocks each headed by a link."""
    blocks = page.xpath("//article")
    short = [
        block
        for block in blocks
        if block.xpath(".//h2//a | .//h3//a | .//h4//a") and len(block.text_content().split()) < 80
    ]
    if len(short) >= 5 and len(short) >= 0.8 * len(blocks):
        return len(short)
    if any(kind in {"CollectionPage", "ItemList", "SearchResultsPage"} for kind in stated_types):
        return max(len(short), 1)
    return 0


def with_code_blocks(paragraphs: Sequence[str], page: Any) -> tuple[str, ...]:
    """A code block the extractor split into one paragraph per line, put back together as one block."""
    mended = list(paragraphs)
    for block in page.xpath("//pre"):
        kept = [line.rstrip() for line in block.text_content().splitlines() if line.strip()]
        lines = [" ".join(line.split()) for line in kept]
        if len(lines) < 2:
            continue
        for start in range(len(mended) - len(lines) + 1):
            if mended[start : start + len(lines)] == lines:
                mended[start : start + len(lines)] = ["\n".join(kept)]
                break
    return tuple(mended)


def with_page_breaks(paragraphs: Sequence[str], page: Any) -> tuple[str, ...]:
    """An extracted paragraph that runs several of the page's own paragraphs together (an article set in one
    table cell, its paragraphs parted by blank lines of <br>), split where the page parts them."""
    from lxml import etree

    segments: list[list[str]] = []
    for cell in page.xpath("//td | //div[not(.//div) and not(.//p)]"):
        markup = etree.tostring(cell, encoding="unicode", with_tail=False)
        pieces = re.split(r"(?:<br\s*/?>\s*){2,}|</(?:h[1-6]|p|div|li|blockquote)>", markup)
        texts = [" ".join(_unescaped(re.sub(r"<[^>]+>", " ", piece)).split()) for piece in pieces]
        if len([text for text in texts if text]) >= 2:
            segments.append([text for text in texts if text])
    if not segments:
        return tuple(paragraphs)
    mended: list[str] = []
    for paragraph in paragraphs:
        parts = next((run for run in segments if " ".join(run) in paragraph), None)
        if parts is None or len(paragraph.split()) < 80:
            mended.append(paragraph)
            continue
        before, _, after = paragraph.partition(" ".join(parts))
        edges = [edge.strip(" |") for edge in (before, after)]
        mended += [edge for edge in edges[:1] if len(edge.split()) >= 4] + parts
        mended += [edge for edge in edges[1:] if len(edge.split()) >= 4]
    return tuple(mended)


def _unescaped(text: str) -> str:
    import html

    return html.unescape(text)
