"""Preflight reads the finished PDF back: page size, embedded fonts, image resolution, home margins, tags."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build
from factsheet.press.preflight import preflight
from factsheet.resources import EXAMPLE_SHEET
from tests.conftest import run_cli


@pytest.mark.parametrize(("layout", "paper"), [("onepager", "letter"), ("twosided", "a4"), ("poster", "letter")])
def test_the_example_passes_on_every_layout(layout: str, paper: str, tmp_path: Path) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=(paper,), layouts=(layout,)), output_dir=tmp_path).paths
    code, out, _ = run_cli("preflight", str(pdf), "--paper", paper, "--layout", layout)
    assert code == 0
    assert out.endswith(
        "all checks passed: page size and origin, fonts embedded, raster images at least 150 ppi, "
        "no text under 6.5 pt, text at least 0.25 in from the edge, solid fills at least 0.25 in from the edge, "
        "tagged, with language and title, "
        "PDF/UA-1 (page-validation).\n"
    )


def test_a_wrong_page_size_fails(tmp_path: Path) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=("a4",)), output_dir=tmp_path).paths
    code, _, err = run_cli("preflight", str(pdf), "--paper", "letter")
    assert code == 1
    assert ":1: error: the page is 8.27 × 11.69 in but the layout is 8.50 × 11.00 in\n" in err


def test_a_pdf_from_elsewhere_without_tags_language_or_title(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    buffer = BytesIO()
    writer.write(buffer)
    report = preflight(buffer.getvalue(), tmp_path / "plain.pdf")
    messages = [problem.message for problem in report.problems]
    assert messages[:3] == ["the PDF is not tagged", "the PDF does not say its language", "the PDF has no title"]
    assert messages[3].startswith("the PDF does not meet PDF/UA-1 (accessible PDF): ")


def test_the_independent_validator_catches_a_list_item_weasyprint_tags_loosely(campaign: Path, tmp_path: Path) -> None:
    """WeasyPrint puts an inline list item's text straight under LI, which PDF/UA-1 forbids (Lbl and LBody
    only); our templates avoid it, and a campaign template that brings it back is caught."""
    folder = campaign.parent / "templates"
    folder.mkdir()
    (folder / "onepager.css").write_text(".endnotes { list-style: decimal inside; }", encoding="utf-8")
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.message == (
        "the PDF does not meet PDF/UA-1 (accessible PDF): an LI structure element contains a child other than "
        "Lbl or LBody [PDFUA1-LI-KIDS-001]"
    )
    assert not (tmp_path / "out").exists()


def test_a_coarse_logo_stops_the_build(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    sheet = edit_sheet("keywords: [", "logo:\n  file: logo.png\n  alt: Test logo (invented for tests)\nkeywords: [")
    Image.new("RGB", (40, 20), "#ffffff").save(sheet.parent / "logo.png")
    with pytest.raises(FactsheetError) as caught:
        build(sheet, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.location.file.endswith("banthescan-letter.pdf") and problem.location.line == 1
    assert problem.message == "an image prints at 96 ppi (40 pixels across 0.42 in)"
    assert problem.hint == "use an image of at least 63 pixels across, or SVG"
    assert not (tmp_path / "out").exists()


def test_text_in_the_strip_a_home_printer_cannot_reach_stops_the_build(campaign: Path, tmp_path: Path) -> None:
    folder = campaign.parent / "templates"
    folder.mkdir()
    (folder / "onepager.css").write_text("@page { margin: 0.1in; } .band { padding: 0; }", encoding="utf-8")
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out")
    assert [problem.message for problem in caught.value.problems] == [
        "a solid fill runs to 0.10 in from the page edge",
        "text starts 0.10 in from the page edge",
    ]


def test_the_shop_tri_fold_cover_runs_into_the_bleed(tmp_path: Path) -> None:
    """Its dark fill reaches the bleed box on the three outer sides (it was clipped at the trim by its panel)."""
    import pikepdf

    from factsheet.press.pdf_walk import Fill, walk_page

    request = BuildRequest(papers=("letter",), layouts=("trifold",), edition="shop")
    (pdf,) = build(EXAMPLE_SHEET, request, output_dir=tmp_path).paths
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        bleed = [float(value) for value in page.obj.BleedBox]
        fills = [
            event.box for event in walk_page(page) if isinstance(event, Fill) and event.fill == (0.0, 0.0, 0.0, 1.0)
        ]
    assert any(box[1] <= bleed[1] + 0.5 and box[2] >= bleed[2] - 0.5 and box[3] >= bleed[3] - 0.5 for box in fills)


def test_a_fill_cut_at_the_trim_stops_a_shop_build(campaign: Path, tmp_path: Path) -> None:
    folder = campaign.parent / "templates"
    folder.mkdir()
    (folder / "trifold.css").write_text(".panel.cover { overflow: hidden !important; }", encoding="utf-8")
    request = BuildRequest(papers=("letter",), layouts=("trifold",), edition="shop")
    with pytest.raises(FactsheetError) as caught:
        build(campaign, request, output_dir=tmp_path / "out")
    assert [problem.message for problem in caught.value.problems] == [
        "a solid fill stops at the trim instead of running into the bleed"
    ]
