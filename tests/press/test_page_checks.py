"""Preflight's page checks (press/page_checks.py) on pages drawn here with pikepdf, one fault at a time: each
is named in plain words, and a clean page passes."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from factsheet.errors import Location
from factsheet.press.editions import HOME, SHOP
from factsheet.press.page_checks import check_drawing, check_fonts
from factsheet.press.preflight import PreflightReport

LETTER = (0.0, 0.0, 612.0, 792.0)
WHERE = Location.of(Path("handout.pdf"))


KEPT: list[pikepdf.Pdf] = []
"""The documents of the pages drawn here (a page is only readable while its document is open)."""


def page_drawing(content: str) -> pikepdf.Page:
    document = pikepdf.new()
    KEPT.append(document)
    document.add_blank_page(page_size=LETTER[2:])
    page = document.pages[0]
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    page.add_resource(font, pikepdf.Name.Font, pikepdf.Name("/F1"))
    page.contents_add(pikepdf.Stream(document, content.encode()))
    return page


def problems(content: str, *, edition: object = HOME) -> list[str]:
    report = PreflightReport()
    check_drawing(page_drawing(content), LETTER, edition, WHERE, report)  # type: ignore[arg-type]
    return [problem.message for problem in report.problems]


def test_text_well_inside_the_margins_at_a_readable_size_passes() -> None:
    assert problems("BT /F1 10 Tf 72 700 Td (fine) Tj ET") == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("BT /F1 10 Tf 5 700 Td (x) Tj ET", "text starts 0.07 in from the page edge"),
        ("BT /F1 10 Tf 1 0 0 1 300 785 Tm (x) Tj ET", "text starts 0.10 in from the page edge"),
        ("BT /F1 5 Tf 72 700 Td (x) Tj ET", "text is printed at 5.0 pt, under the 6.5 pt minimum"),
        (
            "q 0.5 0 0 0.5 0 0 cm BT /F1 10 Tf 144 1400 Td (x) Tj ET Q",
            "text is printed at 5.0 pt, under the 6.5 pt minimum",
        ),
    ],
)
def test_text_at_the_edge_or_too_small_is_named(content: str, message: str) -> None:
    assert problems(content) == [message]


def test_the_shop_edition_refuses_rgb_colour() -> None:
    found = problems("1 0 0 rg 100 100 50 50 re f", edition=SHOP)
    assert found and found[0].startswith("the print-shop page uses RGB colour")
    assert problems("0 0 0 1 k 100 100 50 50 re f", edition=SHOP) == []


def test_a_font_that_is_not_embedded_is_named() -> None:
    report = PreflightReport()
    check_fonts(page_drawing("BT /F1 10 Tf 72 700 Td (x) Tj ET"), WHERE, report)
    assert [problem.message for problem in report.problems] == ["the font /Helvetica is not embedded"]
