"""WCAG 2 contrast of a theme's colour pairs: a handout people cannot read does not persuade anyone.

Each pair is one the built-in layout prints text in; body-size text needs 4.5:1 and large text (14 pt bold
or 18 pt) 3:1 (WCAG 2.1 AA).
"""

from __future__ import annotations

from collections.abc import Iterator

from factsheet.sheet.model import Theme

BODY, LARGE = 4.5, 3.0
PAIRS = (
    ("ink", "paper", BODY, "body text"),
    ("ink", "tint", BODY, "the demands box"),
    ("paper", "ink", BODY, "the header band's subtitle"),
    ("paper", "accent", BODY, "the call-to-action box"),
    ("accent", "paper", BODY, "endnote marks"),
    ("accent", "ink", LARGE, "the campaign tag in the header band"),
)
UNFILLED_PAIRS = (
    ("ink", "paper", BODY, "body text"),
    ("ink", "tint", BODY, "the demands box"),
    ("accent", "paper", BODY, "endnote marks and the campaign tag"),
)
"""With `header_fill: false` the header band and the call to action print on the paper."""


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_failures(theme: Theme) -> Iterator[tuple[str, str, float, float, str]]:
    """Each (text colour, background, ratio, needed, where) pair of the theme below its WCAG AA minimum."""
    for text, background, needed, where in PAIRS if theme.header_fill else UNFILLED_PAIRS:
        ratio = contrast_ratio(getattr(theme, text), getattr(theme, background))
        if ratio < needed:
            yield text, background, ratio, needed, where


def _luminance(colour: str) -> float:
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
