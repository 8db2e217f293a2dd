"""Where things sit on a folded or cut sheet, computed from the layout table: brochure panels, card slots, cut marks."""

from __future__ import annotations

from factsheet.press.layouts import PAPERS, POINTS_PER_INCH, CardGrid, Layout, PaperName


def trifold_panels(layout: Layout, paper: PaperName, *, mirrored: bool = False) -> dict[str, tuple[float, float]]:
    """Each panel's left edge and width in inches, by its CSS class: outside flap, back and cover; inside
    left, middle and right, as a left-to-right reader meets them. `mirrored` (a right-to-left language) places
    every panel mirrored, as the brochure opens from the other side: the cover on the outside's left, the
    story on the inside's right, and the narrow panel that folds in first on the inside's left."""
    assert layout.panels is not None
    first, second, fold_in = layout.panels[paper]
    panels = {
        "flap": (0.0, fold_in),
        "back-panel": (fold_in, second),
        "cover": (fold_in + second, first),
        "inside-left": (0.0, first),
        "inside-middle": (first, second),
        "inside-right": (first + second, fold_in),
    }
    if not mirrored:
        return panels
    width = first + second + fold_in
    return {name: (width - left - size, size) for name, (left, size) in panels.items()}


def _card_grid(grid: CardGrid, paper: PaperName) -> tuple[float, float, float, float]:
    """The grid's left, top, right and bottom edges in inches, centred on the sheet."""
    page_width, page_height = (points / POINTS_PER_INCH for points in PAPERS[paper].sheet.points)
    left = (page_width - grid.columns * grid.card_inches[0]) / 2
    top = (page_height - grid.rows * grid.card_inches[1]) / 2
    return left, top, page_width - left, page_height - top


def card_slots(grid: CardGrid, paper: PaperName, *, back: bool = False) -> list[tuple[float, float]]:
    """Each card's top-left corner in inches, in reading order. The back sheet is the front mirrored left to
    right, as duplex printing flips it on the long edge: the back of the card in column 1 is in column 2."""
    left, top, _right, _bottom = _card_grid(grid, paper)
    card_width, card_height = grid.card_inches
    slots = []
    for row in range(grid.rows):
        for column in range(grid.columns):
            placed = grid.columns - 1 - column if back else column
            slots.append((left + placed * card_width, top + row * card_height))
    return slots


def card_cut_marks(grid: CardGrid, paper: PaperName) -> list[tuple[float, float, float, float]]:
    """Cut marks as (left, top, width, height) in inches: short lines in the margins on every cut line,
    kept off the cards so they never print on one."""
    left, top, right, bottom = _card_grid(grid, paper)
    card_width, card_height = grid.card_inches
    length, gap, hairline = grid.mark_inches, grid.mark_gap_inches, 0.5 / POINTS_PER_INCH
    marks = []
    for column in range(grid.columns + 1):
        x = left + column * card_width - hairline / 2
        marks += [(x, top - gap - length, hairline, length), (x, bottom + gap, hairline, length)]
    for row in range(grid.rows + 1):
        y = top + row * card_height - hairline / 2
        marks += [(left - gap - length, y, length, hairline), (right + gap, y, length, hairline)]
    return marks
