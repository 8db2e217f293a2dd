"""Balanced headlines: a two- or three-line headline whose last line is short is set narrower, so its lines
come out about even, as a typesetter would break it ("Ban police facial recognition in / New York" becomes
"Ban police facial / recognition in New York"). CSS has `text-wrap: balance` for this; WeasyPrint does not,
so the page is laid out, the headline's lines measured, and the page laid out again with the headline's
width narrowed, kept only when the headline still takes as many lines and the page still fits.
"""

from __future__ import annotations

from typing import Any

UNEVEN = 0.7
"""A last line shorter than this share of the longest is rebalanced."""
TRIES = (1.04, 1.12, 1.25)
"""Widths tried, as multiples of the lines' average width, narrowest first."""


def headline_lines(document: Any) -> list[float]:
    """The widths (CSS px) of the lines of the first page's first h1."""
    for box in document.pages[0]._page_box.descendants():
        if getattr(box, "element_tag", None) == "h1":
            return [_width(line) for line in box.children if type(line).__name__ == "LineBox"]
    return []


def balanced_widths(lines: list[float]) -> list[float]:
    """The narrower widths worth trying for a headline set in `lines`, or none when it is already even."""
    if len(lines) < 2 or lines[-1] >= UNEVEN * max(lines):
        return []
    average = sum(lines) / len(lines)
    return [average * factor for factor in TRIES if average * factor < max(lines)]


def balance_css(width: float) -> str:
    return f"h1 {{ max-width: {width:.2f}px; }}"


def _width(line: Any) -> float:
    children = list(getattr(line, "children", ()))
    if not children:
        return 0.0
    left = min(child.position_x for child in children)
    right = max(child.position_x + child.margin_width() for child in children)
    return float(right - left)
