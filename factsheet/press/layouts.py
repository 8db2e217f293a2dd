"""Paper sizes and layouts factsheet prints, in a module light enough for the CLI to import at start-up."""

PAPERS = {"letter": "letter", "a4": "A4"}
"""Paper sizes by the name users type, with the name CSS `@page { size }` takes."""

LAYOUTS = {"onepager": 1, "twosided": 2, "poster": 1, "halfpage": 1, "trifold": 2, "card": 2}
"""The built-in layouts and how many pages each is designed for; content needing more is an error."""

OTHER_SIZES = {
    "poster": {"letter": ("tabloid", "11in 17in"), "a4": ("a3", "A3")},
    "halfpage": {"letter": ("half-letter", "5.5in 8.5in"), "a4": ("a5", "A5")},
    "trifold": {"letter": ("letter", "letter landscape"), "a4": ("a4", "A4 landscape")},
}
"""Layouts printed on another sheet of the paper family: a poster on Tabloid or A3, a flyer on half-letter
or A5."""

LANDSCAPE = {"trifold"}
"""Layouts printed across the sheet."""

TRIFOLD_PANELS = {"letter": (3.6875, 3.6875, 3.625), "a4": (100 / 25.4, 100 / 25.4, 97 / 25.4)}
"""A letter-fold brochure's inside panels, left to right, in inches: the right one folds in first, so it is
narrower (1/16 in on Letter, 3 mm on A4) to tuck in without buckling. The outside mirrors them."""


def trifold_panels(paper: str) -> dict[str, tuple[float, float]]:
    """Each panel's left edge and width in inches, by its CSS class: outside flap, back and cover; inside
    left, middle and right."""
    first, second, fold_in = TRIFOLD_PANELS[paper]
    return {
        "flap": (0.0, fold_in),
        "back-panel": (fold_in, second),
        "cover": (fold_in + second, first),
        "inside-left": (0.0, first),
        "inside-middle": (first, second),
        "inside-right": (first + second, fold_in),
    }


CARD_INCHES = (3.5, 2.0)
CARD_COLUMNS, CARD_ROWS = 2, 5
CUT_MARK_INCHES = 0.2
CUT_MARK_GAP_INCHES = 0.06
"""Wallet cards: 3.5 × 2 in, ten to a Letter or A4 sheet (2 across, 5 down), cut marks in the margins."""


def _card_grid(paper: str) -> tuple[float, float, float, float]:
    """The ten-card grid's left, top, right and bottom edges in inches, centred on the sheet."""
    page_width, page_height = (points / 72 for points in SHEET_POINTS[paper])
    left = (page_width - CARD_COLUMNS * CARD_INCHES[0]) / 2
    top = (page_height - CARD_ROWS * CARD_INCHES[1]) / 2
    return left, top, page_width - left, page_height - top


def card_slots(paper: str, *, back: bool = False) -> list[tuple[float, float]]:
    """Each card's top-left corner in inches, in reading order. The back sheet is the front mirrored left to
    right, as duplex printing flips it on the long edge: the back of the card in column 1 is in column 2."""
    left, top, _right, _bottom = _card_grid(paper)
    card_width, card_height = CARD_INCHES
    slots = []
    for row in range(CARD_ROWS):
        for column in range(CARD_COLUMNS):
            placed = CARD_COLUMNS - 1 - column if back else column
            slots.append((left + placed * card_width, top + row * card_height))
    return slots


def card_cut_marks(paper: str) -> list[tuple[float, float, float, float]]:
    """Cut marks as (left, top, width, height) in inches: short lines in the margins on every cut line,
    kept off the cards so they never print on one."""
    left, top, right, bottom = _card_grid(paper)
    card_width, card_height = CARD_INCHES
    length, gap, hairline = CUT_MARK_INCHES, CUT_MARK_GAP_INCHES, 0.5 / 72
    marks = []
    for column in range(CARD_COLUMNS + 1):
        x = left + column * card_width - hairline / 2
        marks += [(x, top - gap - length, hairline, length), (x, bottom + gap, hairline, length)]
    for row in range(CARD_ROWS + 1):
        y = top + row * card_height - hairline / 2
        marks += [(left - gap - length, y, length, hairline), (right + gap, y, length, hairline)]
    return marks


def fold_lines(layout: str, paper: str) -> tuple[tuple[float, ...], ...]:
    """Where each page folds, in points from the trim's left edge: a trifold's outside, then its inside."""
    if layout != "trifold":
        return ()
    first, second, fold_in = TRIFOLD_PANELS[paper]
    return tuple(
        tuple(72 * inches for inches in page) for page in ((fold_in, fold_in + second), (first, first + second))
    )


SHOWN = {
    "halfpage": {"sections": 0, "quotes": 2},
    "card": {"sections": 0, "quotes": 0, "facts": 1, "demands": 1},
}
"""How many narrative sections and quotes a small layout shows (the first ones); others show everything."""


TEMPLATE_OF = {"poster": "onepager"}
"""Layouts that arrange the page like another and differ only in their stylesheet."""


BLEED_INCHES = {"letter": 0.125, "a4": 3 / 25.4}
"""Bleed by paper family: 1/8 in on US sizes, 3 mm on ISO sizes, what print shops in each ask for."""


def bleed_points(paper: str) -> float:
    """The bleed for a paper family in PDF points."""
    return BLEED_INCHES[paper] * 72


EDITION_SUFFIX = {"home": "", "shop": "-shop", "archive": "-archive"}
"""The editions one sheet prints as (see editions.py), and how each marks its file name."""


def output_stem(stem: str, layout: str) -> str:
    """File names keep the layout out of the one-pager's (the default) and name it for every other."""
    return stem if layout == "onepager" else f"{stem}-{layout}"


def output_name(stem: str, layout: str, sheet_label: str, edition: str = "home") -> str:
    """The PDF's file name: campaign (or merge row), layout, sheet, edition: `banthescan-trifold-a4-shop.pdf`."""
    return f"{output_stem(stem, layout)}-{sheet_label}{EDITION_SUFFIX[edition]}.pdf"


def sheet_size(layout: str, paper: str) -> tuple[str, str]:
    """The name of the sheet a layout prints on for a paper family, and its CSS `@page { size }` value."""
    if layout in OTHER_SIZES:
        return OTHER_SIZES[layout][paper]
    return paper, PAPERS[paper]


def sheet_points(layout: str, paper: str) -> tuple[float, float]:
    """The trimmed page's width and height in points for a layout on a paper family."""
    width, height = SHEET_POINTS[sheet_size(layout, paper)[0]]
    return (height, width) if layout in LANDSCAPE else (width, height)


SHEET_POINTS = {
    "letter": (612.0, 792.0),
    "a4": (595.28, 841.89),
    "tabloid": (792.0, 1224.0),
    "a3": (841.89, 1190.55),
    "half-letter": (396.0, 612.0),
    "a5": (419.53, 595.28),
}
"""Each sheet's width and height in PDF points, for preflight."""
