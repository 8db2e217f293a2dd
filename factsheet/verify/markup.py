"""Reading a saved page's markup as the page means it: decoded by its declared character set, parsed once,
without what a reader never sees, and what its structured data and <meta> tags state about it."""

from __future__ import annotations

import json
import re
from typing import Any

SAVED_FROM = re.compile(rb"<!-- saved from url=\(\d+\)(https?://[^\s>]+) -->")
"""The comment browsers write at the top of a page saved with File > Save Page As: the address it came from."""


DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decoded(html: bytes) -> str:
    """The page's text by its declared character set (a byte-order mark, then <meta charset>), else UTF-8,
    else Windows-1252: never a UTF-8 page read as Latin-1 ('LibÃ©ration')."""
    import codecs

    marks = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for mark, encoding in marks:
        if html.startswith(mark):
            return html.decode(encoding, "replace")
    declared = DECLARED_CHARSET.search(html[:8192])
    if declared:
        try:
            return html.decode(declared.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        return html.decode("cp1252", "replace")


def parsed(html: bytes) -> Any:
    from lxml import html as lxml_html

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", decoded(html))
    try:
        return lxml_html.document_fromstring(text)
    except (ValueError, TypeError):
        return None


BLOCKS = (
    "p",
    "div",
    "section",
    "aside",
    "nav",
    "form",
    "ul",
    "ol",
    "li",
    "table",
    "figure",
    "blockquote",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "details",
    "dialog",
    "menu",
)
_IS_BLOCK = " or ".join(f"self::{tag}" for tag in BLOCKS)
HIDDEN = (
    f"//*[({_IS_BLOCK}) and (@hidden or @aria-hidden='true'"
    " or contains(translate(@style, ' ', ''), 'display:none')"
    " or contains(translate(@style, ' ', ''), 'visibility:hidden'))] | //template"
)
"""Blocks a reader never sees. Only blocks: a hidden inline element (the MathML copy of a formula beside its
picture) sits inside a sentence, and taking it out makes the extractor cut the sentence there."""


def visible(html: bytes) -> Any:
    """The page without the blocks a reader never sees (the `hidden` attribute, aria-hidden, display:none)."""
    page = parsed(html)
    for element in page.xpath(HIDDEN):
        if element.getparent() is not None:
            element.drop_tree()
    return page


def markup(page: Any) -> str:
    """A parsed page as markup again: the extractor reads a page given as text more fully than a tree."""
    from lxml import html as lxml_html

    return str(lxml_html.tostring(page, encoding="unicode"))


def json_ld(page: Any) -> list[object]:
    found: list[object] = []
    for script in page.xpath('//script[@type="application/ld+json"]'):
        try:
            found.append(json.loads(script.text or ""))
        except ValueError:
            continue
    return found


def stated_in_markup(html: bytes) -> dict[str, str]:
    """What the page's structured data (JSON-LD) says of its publisher, address and access."""
    stated: dict[str, str] = {}
    tree = parsed(html)
    if tree is None:
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


def without_addresses(html: bytes) -> object:
    """The page's tree without the addresses it claims (rel=canonical, og:url), so no date is read from an
    address's path: a date must be stated as a date."""
    tree = parsed(html)
    if tree is None:
        return html
    for element in tree.xpath('//link[@rel="canonical"] | //meta[@property="og:url" or @name="og:url"]'):
        element.getparent().remove(element)
    return tree
