"""A variant's HTML cut around its variable region, the base's and the region's own stylesheets, and where
WeasyPrint laid the region out (recorded while it writes)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any

from factsheet.render.html import RenderedHtml

VARIABLE_ATTRIBUTE = "data-variable"
PIXELS_TO_POINTS = 0.75
RESOURCE_PREFIX = "fsv"
_START_TAG = re.compile(rf"<([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*\s{VARIABLE_ATTRIBUTE}\b[^<>]*>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
_MARGIN_BOXES = tuple(
    f"{side}-{place}"
    for side, places in (
        ("top", ("left-corner", "left", "center", "right", "right-corner")),
        ("bottom", ("left-corner", "left", "center", "right", "right-corner")),
        ("left", ("top", "middle", "bottom")),
        ("right", ("top", "middle", "bottom")),
    )
    for place in places
)
BASE_CSS = f"[{VARIABLE_ATTRIBUTE}] * {{ visibility: hidden !important; }}"
"""The base: the region's box and its own background stay, its content is laid out but not drawn."""
FRAGMENT_CSS = "\n".join(
    [
        "html, body { background: none !important; }",
        *(
            f"@page{selector} {{ background: none !important; border: none !important; "
            + " ".join(f"@{box} {{ content: none !important; }}" for box in _MARGIN_BOXES)
            + " }"
            for selector in ("", ":first", ":left", ":right", ":blank")
        ),
        f"[data-fragment-chain], [{VARIABLE_ATTRIBUTE}] {{ background: none !important; "
        "border-color: transparent !important; box-shadow: none !important; outline: none !important; }",
        f"[data-fragment-chain]::before, [data-fragment-chain]::after, [{VARIABLE_ATTRIBUTE}]::before, "
        f"[{VARIABLE_ATTRIBUTE}]::after, body::before, body::after {{ visibility: hidden !important; }}",
    ]
)
"""A variant's region alone: nothing but the region's content is drawn (the base draws the rest)."""


@dataclass(frozen=True)
class Split:
    """A page's HTML cut around its one variable region: up to and including the region's start tag, the
    region's content, and from its end tag on."""

    before: str
    content: str
    after: str


def split_html(html: str) -> Split | None:
    """The HTML cut around the element marked `data-variable`; None unless there is exactly one."""
    starts = list(_START_TAG.finditer(html))
    if len(starts) != 1:
        return None
    start = starts[0]
    name = start.group(1).lower()
    depth = 1
    for tag in re.finditer(rf"<(/?){name}\b[^<>]*>", html[start.end() :], flags=re.IGNORECASE):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = start.end() + tag.start()
            return Split(html[: start.end()], html[start.end() : end], html[end:])
    return None


class _OpenElements(HTMLParser):
    """The elements open at the end of a piece of HTML, each with its start tag as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.open.append((tag, self.get_starttag_text() or f"<{tag}>"))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return


def fragment_html(split: Split, content: str) -> str | None:
    """A page holding only the region (with `content`) inside its ancestors, each ancestor marked so the
    fragment stylesheet keeps its box and drops its paint. None when the HTML is not shaped as expected."""
    parser = _OpenElements()
    parser.feed(split.before)
    names = [name for name, _ in parser.open]
    if "body" not in names or not names or names[-1] == "body":
        return None
    body = names.index("body")
    head = split.before[: split.before.index(parser.open[body][1]) + len(parser.open[body][1])]
    chain = parser.open[body + 1 : -1]
    region_name, region_tag = parser.open[-1]
    opened = "".join(raw[:-1].rstrip("/ ") + " data-fragment-chain>" for _, raw in chain)
    closed = "".join(f"</{name}>" for name, _ in reversed(chain))
    return f"{head}{opened}{region_tag}{content}</{region_name}>{closed}</body></html>"


@dataclass(frozen=True)
class Region:
    """Where the region's structure element and box are in one PDF: page, object number, border box (CSS px)."""

    page: int
    number: int
    x: float
    y: float
    width: float
    height: float


@contextmanager
def recording_regions() -> Iterator[list[Region]]:
    """Note, while WeasyPrint builds a PDF's structure tree, which structure element the `data-variable` box
    became, and where that box is. WeasyPrint has no hook for this, so its tree builder is wrapped for the
    duration (WeasyPrint is pinned to one major version, and a change there makes every variant fall back
    to a full render, never a wrong one)."""
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    found: list[Region] = []
    inside = [False]

    def recording(box: Any, parent: Any, pdf: Any, page_number: int, *rest: Any) -> Iterator[Any]:
        real = box._box if isinstance(box, AbsolutePlaceholder) else box
        element = getattr(real, "element", None)
        marked = (
            not inside[0]
            and element is not None
            and getattr(real, "element_tag", None) == element.tag
            and element.get(VARIABLE_ATTRIBUTE) is not None
        )
        if marked:
            inside[0] = True
        try:
            for structure in original(box, parent, pdf, page_number, *rest):
                if marked:
                    found.append(
                        Region(
                            page_number,
                            structure.number,
                            real.border_box_x(),
                            real.border_box_y(),
                            real.border_width(),
                            real.border_height(),
                        )
                    )
                yield structure
        finally:
            if marked:
                inside[0] = False

    tags._build_box_tree = recording
    try:
        yield found
    finally:
        tags._build_box_tree = original


def base_html(rendered: RenderedHtml) -> RenderedHtml:
    """The base's HTML: the variant's, with the region's content hidden."""
    return replace(rendered, stylesheets=(*rendered.stylesheets, BASE_CSS))


def fragment(rendered: RenderedHtml, split: Split) -> RenderedHtml | None:
    """The variant's region alone, in its ancestors, on the same page size."""
    html = fragment_html(split, split.content)
    if html is None:
        return None
    return replace(rendered, html=html, stylesheets=(*rendered.stylesheets, FRAGMENT_CSS), pages=None)
