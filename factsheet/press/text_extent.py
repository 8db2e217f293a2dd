"""Where each run of text ends, not only where it starts: text that runs past the printable area, the safe zone
or across a fold is what a reader sees cut off or broken, so preflight names it, with the words and the page.

The drawing walk (pdf_walk) knows where text starts; how far it reaches depends on every glyph's width, which
PDFium computes from the embedded fonts. Each text object's box is read with pypdfium2 and its words with
the page's text layer, so the message quotes what to shorten.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from factsheet.errors import Location, Problem
from factsheet.press.editions import Edition
from factsheet.press.layouts import POINTS_PER_INCH

FOLD_TOLERANCE = 1.0
"""A text box may touch a fold by this much (points): glyph boxes include side bearings."""
QUOTED_CHARACTERS = 40
ROTATED = 1e-3
"""Text set at an angle (a draft's diagonal DRAFT stamp) is a mark across the page by design, not a line that
ran out of its column: it is not measured."""


def text_beyond_bounds(
    pdf: bytes,
    name: Path,
    trims: Sequence[tuple[float, float, float, float]],
    edition: Edition,
    folds: Sequence[tuple[float, ...]] = (),
) -> list[Problem]:
    """A problem for the first text on each page that runs past the margins (home: the 0.25 in a home printer
    cannot reach; shop: the safe zone inside the trim) or across one of the page's folds (in points from the
    trim's left edge)."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    problems: list[Problem] = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index, page in enumerate(document):
            trim = trims[index] if index < len(trims) else (0.0, 0.0, *page.get_size())
            left, bottom, right, top = trim if edition.bleed else (0.0, 0.0, trim[2], trim[3])
            inset = edition.safe_inches * POINTS_PER_INCH - 0.5
            page_folds = [trim[0] + x for x in (folds[index] if index < len(folds) else ())]
            text_page = page.get_textpage()
            for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
                matrix = item.get_matrix()
                if abs(matrix.b) > ROTATED or abs(matrix.c) > ROTATED:
                    continue
                x0, y0, x1, y1 = item.get_bounds()
                words = " ".join(text_page.get_text_bounded(x0, y0, x1, y1).split())
                if not words:
                    continue
                where = Location(str(name), index + 1)
                distance = min(x0 - left, y0 - bottom, right - x1, top - y1)
                crossed = next((x for x in page_folds if x0 < x - FOLD_TOLERANCE and x1 > x + FOLD_TOLERANCE), None)
                if distance < inset:
                    problems.append(_past_the_margin(where, words, distance, edition))
                    break
                if crossed is not None:
                    problems.append(_across_a_fold(where, words, crossed - trim[0]))
                    break
    finally:
        document.close()
    return problems


def _shown(words: str) -> str:
    return words if len(words) <= QUOTED_CHARACTERS else words[: QUOTED_CHARACTERS - 1] + "…"


def _past_the_margin(where: Location, words: str, distance: float, edition: Edition) -> Problem:
    edge, zone = ("trim", "the safe zone") if edition.bleed else ("page edge", "the margins")
    return Problem(
        where,
        f"the text '{_shown(words)}' runs to {max(0.0, distance) / POINTS_PER_INCH:.2f} in from the {edge}",
        f"keep text inside {zone}: shorten it (in the sheet, or its translation) or let the line wrap",
    )


def _across_a_fold(where: Location, words: str, fold: float) -> Problem:
    return Problem(
        where,
        f"the text '{_shown(words)}' runs across the fold at {fold / POINTS_PER_INCH:.2f} in from the left edge",
        "text across a fold cracks and reads broken: shorten it (in the sheet, or its translation)",
    )
