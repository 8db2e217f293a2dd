"""Does the content fit its layout? Measured on WeasyPrint's laid-out pages, in the units a designer thinks in.

A handout is designed for a number of pages, and a brochure's panels and a card's faces are fixed regions
(`data-fit` in the template): content that runs past either would be cut off or spill onto a page no one
designed, so it is an error saying where and by how much.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factsheet.errors import FactsheetError, Location
from factsheet.render.culprit import culprit_of, tallest_part
from factsheet.render.html import RenderedHtml


class ContentTooLongError(FactsheetError):
    """The content runs past its layout's pages or out of a fixed-size panel: copyfitting tries smaller type."""


def overflow(document: Any, rendered: RenderedHtml, origin: Path) -> ContentTooLongError:
    """How much too long the content is for its layout, in the units a designer thinks in, and what runs
    over: the first element of the sheet on the page the layout does not have."""
    designed = rendered.pages or 1
    page_box = document.pages[-1]._page_box
    top = page_box.content_box_y()
    used = max(
        (box.position_y + box.margin_height() for box in page_box.descendants() if box is not page_box), default=top
    )
    extra_pages = len(document.pages) - 1 - designed
    over_inches = (extra_pages * page_box.height + max(0.0, used - top)) / 96
    share = over_inches * 96 / (page_box.height * designed)
    spilled = document.pages[designed]._page_box.descendants() if len(document.pages) > designed else ()
    tallest = tallest_part(document.pages, page_box.height)
    culprit = culprit_of([tallest] if tallest is not None else spilled, rendered)
    message = (
        f"{_content(rendered)} does not fit the {rendered.name} layout's {designed} page(s): "
        f"about {over_inches:.1f} in ({share:.0%}) too long"
    )
    if culprit is None:
        return ContentTooLongError.at(
            Location.of(origin),
            message,
            _shorten(rendered, "shorten the narrative sections or quotes, or drop a quote"),
        )
    return ContentTooLongError.at(
        culprit.location(rendered, origin),
        f"{message}: {culprit.what} {'takes the most room' if tallest is not None else 'and what follows run over'}",
        _shorten(rendered, culprit.fix),
    )


def _content(rendered: RenderedHtml) -> str:
    return f"the {rendered.translated_into} translation" if rendered.translated_into else "the content"


def _shorten(rendered: RenderedHtml, what: str) -> str:
    """The fix for content that does not fit; a translation runs longer than its English, so its fix names
    the layouts with room for it too."""
    if rendered.translated_into:
        what += " (in the English, or tighter wording in the translation), or print it as a trifold"
    return what + "; it does not fit even in the smallest type the layout allows, and nothing is cut off"


def overflowing_panel(document: Any, rendered: RenderedHtml, origin: Path) -> ContentTooLongError | None:
    """A fixed-size region (an element with data-fit, such as a brochure panel) whose content runs past
    its bottom: it would be cut off on paper, since it cannot flow onto another page."""
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or element.get("data-fit") is None or box.element_tag == "html":
                continue
            bottom = _designed_bottom(box)
            in_flow = [
                child for child in getattr(box, "children", ()) if child.style["position"] in ("static", "relative")
            ]
            used = max((child.position_y + child.margin_height() for child in in_flow), default=bottom)
            if used - bottom > 0.5:
                message = (
                    f"{_content(rendered)} does not fit the {rendered.name} layout's {element.get('data-fit')}: "
                    f"about {(used - bottom) / 96:.1f} in too long"
                )
                below = [child for child in box.descendants() if child.position_y + child.margin_height() > bottom]
                tallest = tallest_part([box], box.height, panel=True)
                culprit = culprit_of([tallest] if tallest is not None else below, rendered)
                if culprit is None:
                    fix = "shorten what it shows (its sections, quotes, demands or labels)"
                    return ContentTooLongError.at(Location.of(origin), message, _shorten(rendered, fix))
                return ContentTooLongError.at(
                    culprit.location(rendered, origin),
                    f"{message}: {culprit.what} runs past its bottom",
                    _shorten(rendered, culprit.fix),
                )
    return None


def _designed_bottom(box: Any) -> float:
    """Where a fixed-height region's content must end. Its laid-out height is no guide: WeasyPrint stretches or
    splits an absolutely positioned box that overflows, so this takes the height the stylesheet gave it."""
    height, padding = box.style["height"], box.style["padding_bottom"]
    if getattr(height, "unit", None) != "px" or box.style["box_sizing"] != "border-box":
        return float(box.content_box_y() + box.height)
    return float(box.border_box_y() + height.value - padding.value - box.style["border_bottom_width"])


SPARSE_SHARE = 0.30
"""A page or panel with more than this share of its height empty after copyfitting looks unfinished."""


def empty_shares(document: Any) -> list[tuple[str, float]]:
    """How much of each page's (or each fixed panel's) height nothing is printed across, by name: "page 1", or
    a panel's `data-fit` name (a panel repeated, such as a card, once). Printed means a line of text, an
    image, or a box with a fill or a border; what is measured is the share of the height no such thing spans.
    A panel marked `data-fill="free"` (a cover, whose space is the design) is not measured."""
    shares: dict[str, float] = {}
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        panels = [box for box in page_box.descendants() if _is_panel(box)]
        if not panels:
            top = page_box.content_box_y()
            shares[f"page {number}"] = _empty_share(page_box, top, top + page_box.height)
        for panel in panels:
            if panel.element.get("data-fill") != "free":
                name = panel.element.get("data-fit")
                share = _empty_share(panel, panel.content_box_y(), _designed_bottom(panel))
                shares[name] = max(share, shares.get(name, 0.0))
    return list(shares.items())


def _is_panel(box: Any) -> bool:
    element = getattr(box, "element", None)
    return element is not None and element.get("data-fit") is not None and box.element_tag != "html"


def _empty_share(container: Any, top: float, bottom: float) -> float:
    spans = sorted(
        (max(top, start), min(bottom, end)) for start, end in _printed_spans(container) if end > top and start < bottom
    )
    covered, reached = 0.0, top
    for start, end in spans:
        if end > reached:
            covered += end - max(start, reached)
            reached = end
    return max(0.0, 1.0 - covered / max(bottom - top, 1.0))


def _printed_spans(box: Any) -> list[tuple[float, float]]:
    """The vertical extent of everything printed inside `box` (not `box` itself), skipping fixed boxes (the
    draft mark) and the html and body elements, whose fill is the paper."""
    spans: list[tuple[float, float]] = []
    for child in getattr(box, "children", ()):
        if child.style["position"] == "fixed":
            continue
        kind = type(child).__name__
        if kind == "LineBox" or "Replaced" in kind or (_paints(child) and child.element_tag not in ("html", "body")):
            spans.append((child.position_y, child.position_y + child.margin_height()))
            if kind == "LineBox":
                continue
        spans += _printed_spans(child)
    return spans


def _paints(box: Any) -> bool:
    colour = box.style["background_color"]
    border = any(box.style[f"border_{side}_width"] for side in ("top", "right", "bottom", "left"))
    return bool(getattr(colour, "alpha", 0) or border)
