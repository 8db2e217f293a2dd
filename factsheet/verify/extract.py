"""From a saved page or report to what an archived source holds: the details the document itself shows, and
its text in paragraphs (a report's, page by page).

Web pages go through trafilatura, a maintained article extractor (menus, share buttons, cookie banners,
newsletter boxes and related links left out), and the date through htmldate without its guessing: only what
the page's markup states (its metadata, structured data, a time element), never a date read from the address
or from loose text. A field the document does not state stays empty.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from factsheet.errors import FactsheetError, Location
from factsheet.verify.completeness import (
    article_block_words,
    lead_only,
    teasers,
    with_code_blocks,
    with_page_breaks,
    with_repeats,
    without_ui_strings,
)
from factsheet.verify.front_matter import clean
from factsheet.verify.markup import (
    decoded,
    json_ld,
    markup,
    parsed,
    stated_in_markup,
    visible,
    without_addresses,
)
from factsheet.verify.stated_dates import choose_dates

MIN_ARTICLE_CHARACTERS = 300
"""A PDF report with less text than this is taken for scanned images; a page with less, and fewer than
MIN_ARTICLE_WORDS words, is no article (unless it is a brief)."""
MIN_ARTICLE_WORDS = 50
MIN_BRIEF_WORDS = 20
"""A page under MIN_ARTICLE_WORDS is still an article when it is a brief: a headline, a date or a byline,
and at least two paragraphs of at least this many words in all."""
PAGE_MARKER = "[page {number}]"
EXTRACTION_REVISION = "2"
"""Bumped whenever this module's reading of a page changes, so a check knows a capture was read differently."""


@dataclass(frozen=True)
class Extracted:
    """What a document states about itself, and its text as paragraphs (or pages of paragraphs)."""

    title: str | None
    publisher: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    direction: str | None = None
    modified: dt.date | None = None
    origins: tuple[tuple[str, str], ...] = ()
    """Where each field came from (field, what stated it), for `source add` to show."""
    paragraphs: tuple[str, ...] = ()
    pages: tuple[tuple[str, ...], ...] = ()
    """A PDF's paragraphs, page by page (`paragraphs` is empty then)."""
    notes: tuple[str, ...] = field(default=())
    """Things a reviewer should know about the capture (a paywall flag, say)."""
    claims: str = ""
    """What the page says of itself that was not taken as true (another site's address and publisher)."""

    @property
    def text(self) -> str:
        """The body of the source file: paragraphs separated by blank lines, and for a report a
        `[page N]` line before each page's text."""
        if self.pages:
            blocks = [
                "\n\n".join([PAGE_MARKER.format(number=number), *paragraphs])
                for number, paragraphs in enumerate(self.pages, start=1)
            ]
            return "\n\n".join(blocks) + "\n"
        return "\n\n".join(self.paragraphs) + "\n"


def from_html(html: bytes, where: Location, url: str | None = None, min_words: int | None = None) -> Extracted:
    """The article in a web page: its text without hidden elements, and the front matter by evidence (see
    front_matter.py). A page of fewer than `min_words` words is refused as no article (None: fewer than
    MIN_ARTICLE_WORDS, unless it is a short brief with a headline, a date or byline, and paragraphs; 0 for
    re-reading evidence already captured)."""
    import htmldate
    from trafilatura.metadata import extract_metadata

    from factsheet.verify import front_matter as stated_by

    page = parsed(html)
    shown = visible(html) if page is not None else None
    paragraphs = _read(markup(shown) if shown is not None else html, recall=False)
    notes: list[str] = []
    if shown is not None and paragraphs:
        block = article_block_words(shown)
        if lead_only(paragraphs, block):
            fuller = _read(markup(shown), recall=True)
            words = sum(len(paragraph.split()) for paragraph in paragraphs)
            if sum(len(paragraph.split()) for paragraph in fuller) >= 1.5 * words:
                paragraphs = fuller
                notes.append(
                    f"the first reading kept only {words} of the article's ~{block} words; the fuller one "
                    "was taken: check it against the page for captions or links that crept in"
                )
            else:
                notes.append(
                    f"the capture holds {words} words, the page's article block ~{block}: check against "
                    "the page that nothing is missing"
                )
        paragraphs = with_code_blocks(with_repeats(without_ui_strings(paragraphs), shown), shown)
        paragraphs = with_page_breaks(paragraphs, shown)
    if not paragraphs and min_words != 0:
        raise _no_article(where, url, 0)
    metadata = extract_metadata(html, default_url=None, extensive=False)
    stated = stated_in_markup(html)
    date = htmldate.find_date(
        without_addresses(html), url="", extensive_search=False, original_date=True, outputformat="%Y-%m-%d"
    )
    address = stated.get("url") or metadata.url or url
    publisher = stated.get("publisher") or metadata.sitename
    if publisher and address and publisher.lower() in (urlsplit(address).hostname or "").lower():
        publisher = stated.get("publisher")
    if stated.get("paywalled"):
        notes.append("the page marks itself as not free to read: check the whole article was captured")
    if page is None:
        return Extracted(title=clean(metadata.title), paragraphs=paragraphs, notes=tuple(notes))
    html_text = decoded(html)
    page_text = " ".join(page.text_content().split())
    structured = json_ld(page)
    items = stated_by.article_items(structured)
    listed = teasers(shown, stated_by.types_of(structured)) if shown is not None and not items else 0
    if listed and min_words is None:
        raise FactsheetError.at(
            where,
            f"this is a list page ({listed} article teasers), not an article",
            "open the article you mean to cite and add its address or its saved page (or, to keep this page "
            "as it is, add it with --min-words 1)",
        )
    title, title_from = stated_by.choose_title(page, items)
    if title is None:
        notes.append("the page's <title>, og:title and headings disagree on its title: give it with --title")
    author, author_from = stated_by.choose_authors(metadata.author, items, page_text)
    language, direction, stated_language = stated_by.choose_language(page)
    published, modified, date_from, date_notes = choose_dates(page, items, date, html_text, language)
    if stated_language:
        notes.append(f"the page states its language as '{stated_language}', recorded as '{language}'")
    origins = (("title", title_from), ("author", author_from), ("published", date_from))
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    brief = bool(title) and bool(published or author) and len(paragraphs) >= 2 and words >= MIN_BRIEF_WORDS
    short = words < MIN_ARTICLE_WORDS and sum(map(len, paragraphs)) < MIN_ARTICLE_CHARACTERS
    if min_words is None and short:
        if not brief:
            raise _no_article(where, url, words)
        notes.append(f"a short brief ({words} words): check against the page that this is all of it")
    elif min_words is not None and words < min_words:
        raise _no_article(where, url, words)
    return Extracted(
        title=title,
        publisher=clean(publisher),
        author=_with_initials(stated_by.without_publisher(author, clean(publisher)), html_text),
        published=published,
        url=address if address and address.startswith(("http://", "https://")) else None,
        language=language,
        direction=direction,
        modified=modified,
        origins=tuple((name, origin) for name, origin in origins if origin),
        paragraphs=paragraphs,
        notes=(*notes, *date_notes),
    )


def _read(document: Any, *, recall: bool) -> tuple[str, ...]:
    """The extractor's paragraphs: by default its precise reading, with `recall` its fuller one."""
    import trafilatura

    text = trafilatura.extract(
        document,
        url=None,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=not recall,
        favor_recall=recall,
    )
    return tuple(paragraph for line in (text or "").splitlines() if (paragraph := " ".join(line.split())))


def _no_article(where: Location, url: str | None, words: int) -> FactsheetError:
    """The refusal of a page with no article in it, with the fix that fits how it came."""
    found = (
        f"no article text was found in this page, only {words} word{'s' if words != 1 else ''}"
        if words
        else "no article text was found in this page"
    )
    override = f"if it is a short item you mean to cite, add it anyway with --min-words {max(words, 1)}"
    if url is not None:
        hint = (
            "open the article in your web browser, let it load in full (sign in if it needs it), save it with "
            f"File > Save Page As ('Web Page, Complete') and add the saved .html file; {override}"
        )
    else:
        hint = (
            "this saved page may build its text with JavaScript, or be a list of articles: open the article "
            "itself in your browser, print it to PDF (Print > Save as PDF) and add the .pdf, or give the "
            f"article's address; {override}"
        )
    return FactsheetError.at(where, f"{found} (a cover page, a paywall's teaser, a list of articles?)", hint)


def from_pdf(pdf: bytes, where: Location) -> Extracted:
    """A PDF report's text, page by page, and the title and author its document information states."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError:
        raise FactsheetError.at(where, "this is not a readable PDF", "download the report again") from None
    try:
        info = document.get_metadata_dict(skip_empty=True)
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(_pdf_paragraphs(textpage.get_text_bounded()))
            textpage.close()
            page.close()
    finally:
        document.close()
    if sum(len(paragraph) for page in pages for paragraph in page) < MIN_ARTICLE_CHARACTERS:
        raise FactsheetError.at(
            where,
            "this PDF holds almost no text: it is probably scanned images of pages",
            "ask the publisher for a text PDF, or run it through OCR software and check the result against "
            "the scan word for word before quoting it",
        )
    return Extracted(
        title=clean(info.get("Title")),
        author=clean(info.get("Author")),
        pages=tuple(tuple(page) for page in pages),
        notes=("a line [page N] starts each page: a fact citing this report can name its page (page: N)",),
    )


def _pdf_paragraphs(text: str) -> list[str]:
    """A page's text as paragraphs: its lines joined, a hyphen at a line's end kept (it may be a real one),
    paragraphs split at blank lines or at a line that ends a sentence well short of the text's width."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if line.endswith((".", ":", "?", "!", "”", '"')) and len(line) < 0.8 * width:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [re.sub(r"(\w)- (\w)", r"\1-\2", paragraph) for paragraph in paragraphs]


def _with_initials(author: str | None, page: str) -> str | None:
    """The byline with the full stops the page gives its initials ("Nelson D. Schwartz"), which the
    metadata reader drops ("Nelson D Schwartz")."""
    if not author:
        return author
    names = []
    for name in author.split("; "):
        words = name.split()
        pattern = r"\s+".join(re.escape(word) + (r"\.?" if len(word) == 1 and word.isupper() else "") for word in words)
        found = re.search(pattern, page)
        names.append(" ".join(found.group().split()) if found else name)
    return "; ".join(names)
