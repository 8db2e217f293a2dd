"""From a saved page or report to what an archived source holds: the details the document itself shows, and
its text in paragraphs (a report's, page by page).

Web pages go through trafilatura, a maintained article extractor (menus, share buttons, cookie banners,
newsletter boxes and related links left out), and the date through htmldate without its guessing: only what
the page's markup states (its metadata, structured data, a time element), never a date read from the address
or from loose text. A field the document does not state stays empty.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from factsheet.errors import FactsheetError, Location

MIN_ARTICLE_CHARACTERS = 300
SAVED_FROM = re.compile(rb"<!-- saved from url=\(\d+\)(https?://[^\s>]+) -->")
"""The comment browsers write at the top of a page saved with File > Save Page As: the address it came from."""
PAGE_MARKER = "[page {number}]"
EXTRACTION_REVISION = "1"
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


def from_html(html: bytes, where: Location, url: str | None = None) -> Extracted:
    """The article in a web page."""
    import htmldate
    import trafilatura
    from trafilatura.metadata import extract_metadata

    text = trafilatura.extract(
        html,
        url=None,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    paragraphs = tuple(paragraph for line in (text or "").splitlines() if (paragraph := " ".join(line.split())))
    if sum(map(len, paragraphs)) < MIN_ARTICLE_CHARACTERS:
        raise FactsheetError.at(
            where,
            "no article text was found in this page (it may be a cover page, a paywall's teaser or a page "
            "that builds its text with JavaScript)",
            "open the article in your web browser, let it load in full (sign in if it needs it), save it with "
            "File > Save Page As ('Web Page, Complete'), and add the saved .html file",
        )
    metadata = extract_metadata(html, default_url=None, extensive=False)
    stated = _stated_in_markup(html)
    date = htmldate.find_date(
        _without_addresses(html), url="", extensive_search=False, original_date=True, outputformat="%Y-%m-%d"
    )
    address = stated.get("url") or metadata.url or url
    publisher = stated.get("publisher") or metadata.sitename
    if publisher and address and publisher.lower() in (urlsplit(address).hostname or "").lower():
        publisher = stated.get("publisher")
    notes: tuple[str, ...] = ()
    if stated.get("paywalled"):
        notes = ("the page marks itself as not free to read: check the whole article was captured",)
    return Extracted(
        title=_clean(metadata.title),
        publisher=_clean(publisher),
        author=_with_initials(_clean(metadata.author), html),
        published=dt.date.fromisoformat(date) if date else None,
        url=address if address and address.startswith(("http://", "https://")) else None,
        language=_language(html),
        paragraphs=paragraphs,
        notes=notes,
    )


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
        title=_clean(info.get("Title")),
        author=_clean(info.get("Author")),
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


def _stated_in_markup(html: bytes) -> dict[str, str]:
    """What the page's structured data (JSON-LD) says of its publisher, address and access."""
    from lxml import html as lxml_html

    stated: dict[str, str] = {}
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError):
        return stated
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, dict):
                continue
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                stated.setdefault("publisher", publisher["name"])
            if isinstance(item.get("url"), str):
                stated.setdefault("url", item["url"])
            if item.get("isAccessibleForFree") in (False, "False", "false"):
                stated["paywalled"] = "yes"
    for name in tree.xpath('//meta[@property="og:site_name"]/@content'):
        stated.setdefault("publisher", str(name))
    for link in tree.xpath('//link[@rel="canonical"]/@href'):
        stated.setdefault("url", str(link))
    saved_from = SAVED_FROM.search(html[:4096])
    if saved_from:
        stated.setdefault("url", saved_from.group(1).decode("ascii", "replace"))
    return stated


def _without_addresses(html: bytes) -> object:
    """The page's tree without the addresses it claims (rel=canonical, og:url), so no date is read from an
    address's path: a date must be stated as a date."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError):
        return html
    for element in tree.xpath('//link[@rel="canonical"] | //meta[@property="og:url" or @name="og:url"]'):
        element.getparent().remove(element)
    return tree


LANGUAGE_TAG = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*")
"""A BCP 47 tag, or the en_US form some pages write: only its language subtag is kept."""


def _language(html: bytes) -> str | None:
    from lxml import html as lxml_html

    try:
        tree = lxml_html.parse(io.BytesIO(html)).getroot()
    except (ValueError, TypeError, OSError):
        return None
    tag = LANGUAGE_TAG.fullmatch(str(tree.get("lang") or "")) if tree is not None else None
    return tag.group(1).lower() if tag else None


def _with_initials(author: str | None, html: bytes) -> str | None:
    """The byline with the full stops the page gives its initials ("Nelson D. Schwartz"), which the
    metadata reader drops ("Nelson D Schwartz")."""
    if not author:
        return author
    page = html.decode("utf-8", "replace")
    names = []
    for name in author.split("; "):
        words = name.split()
        pattern = r"\s+".join(re.escape(word) + (r"\.?" if len(word) == 1 and word.isupper() else "") for word in words)
        found = re.search(pattern, page)
        names.append(" ".join(found.group().split()) if found else name)
    return "; ".join(names)


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None
