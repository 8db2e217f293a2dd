"""Right to left is a mirror: an Arabic tri-fold opens from the other side (cover on the outside's left, the
story on the inside's right, the narrow fold-in panel on the inside's left), its folds and job ticket follow,
and runs in the other direction (endnote marks) keep their own order."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from factsheet.pipeline import BuildRequest, build
from factsheet.press.geometry import trifold_panels
from factsheet.press.layouts import LAYOUTS
from factsheet.resources import EXAMPLE_SHEET


def test_mirrored_panels_are_the_panels_reflected() -> None:
    trifold = LAYOUTS["trifold"]
    plain, mirrored = trifold_panels(trifold, "letter"), trifold_panels(trifold, "letter", mirrored=True)
    width = sum(trifold.panels["letter"])  # type: ignore[index]
    for name, (left, size) in plain.items():
        assert mirrored[name] == pytest.approx((width - left - size, size))
    assert mirrored["cover"][0] == 0 and mirrored["inside-left"][0] > mirrored["inside-right"][0]
    folds = trifold.fold_lines("letter", mirrored=True)
    assert folds == tuple(tuple(sorted(width * 72 - x for x in page)) for page in trifold.fold_lines("letter"))


@pytest.fixture(scope="module")
def arabic_trifold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("ar")
    request = BuildRequest(
        papers=("letter",), layouts=("trifold",), languages=("ar",), edition="shop", also=("ticket",)
    )
    build(EXAMPLE_SHEET, request, output_dir=output)
    return output


def text_in(pdf: Path, page: int, left: float, right: float) -> str:
    """The text on a page between two fractions of its width."""
    document = pypdfium2.PdfDocument(pdf)
    width, height = document[page].get_size()
    text = document[page].get_textpage().get_text_bounded(left * width, 0, right * width, height)
    return " ".join(text.split())


def test_the_arabic_cover_is_on_the_outside_left_and_the_story_on_the_inside_right(arabic_trifold: Path) -> None:
    pdf = arabic_trifold / "banthescan-ar-trifold-letter-shop.pdf"
    assert "حظر استخدام" in text_in(pdf, 0, 0.0, 1 / 3), "the cover's headline"
    assert "9,850" in text_in(pdf, 0, 2 / 3, 1.0) or "٩٬٨٥٠" in text_in(pdf, 0, 2 / 3, 1.0), "the flap's figures"
    assert "Derrick Ingram" in text_in(pdf, 1, 2 / 3, 1.0), "the story, read first, on the inside's right"


def test_the_arabic_job_ticket_says_to_fold_the_left_panel_in_first(arabic_trifold: Path) -> None:
    (page,) = PdfReader(arabic_trifold / "banthescan-ar-trifold-letter-shop-ticket.pdf").pages
    text = " ".join(page.extract_text().split())
    assert "opening from the right: fold the left-hand panel of the inside in first" in text


@pytest.mark.skipif(subprocess.run(["which", "pdftotext"], capture_output=True).returncode, reason="no pdftotext")
def test_endnote_marks_in_arabic_text_keep_their_order(arabic_trifold: Path) -> None:
    pdf = arabic_trifold / "banthescan-ar-trifold-letter-shop.pdf"
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "¹,²,³,⁴" in text and "⁴,³,²,¹" not in text
