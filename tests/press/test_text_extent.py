"""Preflight sees where text ends, not only where it starts: a line that starts inside the margins but runs past
them, or across a fold, is named with its words (press/text_extent.py), on pages drawn here."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pikepdf

from factsheet.press.editions import HOME
from factsheet.press.text_extent import text_beyond_bounds

LETTER = (0.0, 0.0, 612.0, 792.0)


def pdf_drawing(content: str) -> bytes:
    document = pikepdf.new()
    document.add_blank_page(page_size=LETTER[2:])
    page = document.pages[0]
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    page.add_resource(font, pikepdf.Name.Font, pikepdf.Name("/F1"))
    page.contents_add(pikepdf.Stream(document, content.encode()))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def messages(content: str, folds: tuple[tuple[float, ...], ...] = ()) -> list[str]:
    found = text_beyond_bounds(pdf_drawing(content), Path("handout.pdf"), [LETTER], HOME, folds)
    return [f"{problem.location.line}: {problem.message}" for problem in found]


def test_a_line_inside_the_margins_passes() -> None:
    assert messages("BT /F1 12 Tf 72 700 Td (Join us on Tuesday) Tj ET") == []


def test_a_line_that_starts_inside_but_runs_past_the_margin_is_named() -> None:
    (message,) = messages("BT /F1 40 Tf 72 700 Td (Join the campaign on Tuesday) Tj ET")
    assert message.startswith("1: the text 'Join the campaign on Tuesday' runs to 0.00 in from the page edge")


def test_a_line_across_a_fold_is_named() -> None:
    (message,) = messages("BT /F1 12 Tf 250 700 Td (across the fold) Tj ET", folds=((306.0,),))
    assert message == "1: the text 'across the fold' runs across the fold at 4.25 in from the left edge"
    assert messages("BT /F1 12 Tf 320 700 Td (beside the fold) Tj ET", folds=((306.0,),)) == []
