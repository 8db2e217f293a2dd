"""Rendered pages compared with committed reference images, under a tolerance.

A layout change shows up here first. When it is intended, refresh with `pytest --update-references`, look at
the new PNGs in tests/visual/, and commit them with the change. On failure, the actual page and a diff image
are written next to the reference for review.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops

from factsheet.pipeline import BuildRequest, build
from factsheet.resources import EXAMPLE_SHEET

REFERENCES = Path(__file__).parent / "visual"
DPI = 50
CHANNEL_TOLERANCE = 48
MAX_DIFFERING_PIXELS = 0.004


def render_pages(pdf: Path) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=DPI / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def differing_fraction(actual: Image.Image, reference: Image.Image) -> tuple[float, Image.Image]:
    difference = ImageChops.difference(actual, reference)
    mask = difference.convert("L").point(lambda level: 255 if level > CHANNEL_TOLERANCE // 3 else 0)
    changed = mask.histogram()[255]
    return changed / (actual.width * actual.height), mask


@pytest.mark.parametrize("layout", ["onepager", "twosided", "poster", "halfpage", "trifold", "card"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_example_pages_match_references(layout: str, paper: str, tmp_path: Path, update_references: bool) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=(paper,), layouts=(layout,)), output_dir=tmp_path).paths
    compare_with_references(pdf, update_references)


@pytest.mark.parametrize("language", ["es", "zh-Hant", "ko", "bn", "ar", "ru", "ur"])
@pytest.mark.parametrize("layout", ["trifold", "card", "bilingual"])
def test_translated_pages_match_references(layout: str, language: str, tmp_path: Path, update_references: bool) -> None:
    """The example translations in the layouts they fit, each script in its bundled font (Arabic mirrored)."""
    request = BuildRequest(papers=("letter",), layouts=(layout,), languages=(language,))
    (pdf,) = build(EXAMPLE_SHEET, request, output_dir=tmp_path).paths
    compare_with_references(pdf, update_references)


def test_the_shop_edition_matches_its_reference(tmp_path: Path, update_references: bool) -> None:
    """Bands running into the bleed, crop marks outside it, small text in black: the whole media box."""
    (pdf,) = build(
        EXAMPLE_SHEET, BuildRequest(papers=("letter",), edition="shop", crop_marks=True), output_dir=tmp_path
    ).paths
    compare_with_references(pdf, update_references)


def test_the_toner_saving_theme_matches_its_reference(
    edit_sheet: Callable[[str, str], Path], tmp_path: Path, update_references: bool
) -> None:
    sheet = edit_sheet("keywords: [", "theme: grayscale\nkeywords: [")
    (pdf,) = build(sheet, BuildRequest(papers=("a4",)), output_dir=tmp_path).paths
    renamed = pdf.with_name("banthescan-a4-grayscale.pdf")
    pdf.rename(renamed)
    compare_with_references(renamed, update_references)


def compare_with_references(pdf: Path, update_references: bool) -> None:
    """Each page of `pdf` against tests/visual/<pdf stem>-<page>.png, or store them with --update-references."""
    pages = render_pages(pdf)
    stem = pdf.stem
    if not update_references:
        references = sorted(REFERENCES.glob(f"{stem}-[0-9].png"))
        assert len(pages) == len(references), f"{len(pages)} page(s) rendered, {len(references)} expected"
    for number, actual in enumerate(pages, start=1):
        reference_path = REFERENCES / f"{stem}-{number}.png"
        if update_references:
            actual.save(reference_path, optimize=True)
            continue
        with Image.open(reference_path) as stored:
            reference = stored.convert("RGB")
        assert actual.size == reference.size, f"page {number} changed size: {actual.size} vs {reference.size}"
        fraction, mask = differing_fraction(actual, reference)
        if fraction > MAX_DIFFERING_PIXELS:
            actual.save(reference_path.with_suffix(".actual.png"))
            mask.save(reference_path.with_suffix(".diff.png"))
        assert fraction <= MAX_DIFFERING_PIXELS, (
            f"{stem} page {number}: {fraction:.2%} of pixels differ from {reference_path.name}; "
            "see the .actual.png and .diff.png beside it"
        )


def test_the_comparison_notices_a_changed_page(tmp_path: Path) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=("letter",)), output_dir=tmp_path).paths
    (page,) = render_pages(pdf)
    damaged = page.copy()
    damaged.paste((255, 255, 255), (0, 0, page.width, page.height // 10))
    assert differing_fraction(damaged, page)[0] > MAX_DIFFERING_PIXELS
    assert differing_fraction(page, page)[0] == 0
