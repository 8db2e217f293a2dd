"""Two columns of whole items (sections, quotes), split where their estimated heights balance.

The two-sided sheet set its story and its quotes in CSS columns. Every item there avoids breaking inside, so
the columns could only ever split between items, and WeasyPrint balances CSS columns by laying the content
out again and again: a two-sided build took about 8.5 s against about 1 s for the other layouts. Splitting the
list here and floating the two halves (as every other column in the templates is) prints the same kind of
columns in a fraction of the time. The estimate weighs each item by the characters it prints at its size,
plus a line or two for its heading, caption and spacing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ITEM_OVERHEAD = 90
"""About two lines of a column's text: a heading's line, a caption's, the space between items."""


def halves(items: Sequence[Any]) -> list[list[Any]]:
    """`items` in order as two lists, split where the first's estimated height comes closest to the
    second's (the first the longer on a tie, as a reader's eye starts there)."""
    weights = [_weight(item) for item in items]
    if len(items) < 2:
        return [list(items), []]
    total = sum(weights)
    best, best_gap = 1, float("inf")
    running = 0.0
    for index in range(1, len(items)):
        running += weights[index - 1]
        gap = abs(running - (total - running)) - (0.01 if running >= total - running else 0.0)
        if gap < best_gap:
            best, best_gap = index, gap
    return [list(items[:best]), list(items[best:])]


def _weight(item: Any) -> float:
    """Characters as printed, scaled by the item's type size against the column's running text."""
    speaker = getattr(item, "speaker", None)
    if speaker is not None:
        caption = len(speaker) + len(getattr(item, "role", "") or "")
        return len(item.text) * 1.35 + caption * 0.8 + ITEM_OVERHEAD
    heading = getattr(item, "heading", "") or ""
    return len(heading) * 1.4 + len(getattr(item, "text", "")) + ITEM_OVERHEAD
