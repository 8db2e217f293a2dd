"""The printed product, read back from the real PDF with pypdf: pages, metadata, fonts, links, text order."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from factsheet.batch.manifest import read_manifest
from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build, check
from factsheet.press.geometry import card_slots
from factsheet.press.layouts import LAYOUTS
from factsheet.press.page_checks import MIN_TEXT_POINTS
from factsheet.press.pdf_walk import Text, walk_page
from factsheet.render.copyfit import PRECISION, at_scale
from factsheet.render.html import RenderedHtml, render_html
from factsheet.render.pdf import render_pdf
from factsheet.resources import EXAMPLE_SHEET, TEMPLATES_DIR
from factsheet.verify.normalize import normalize
from tests.conftest import line_of

PAGE_SIZES = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    output = tmp_path_factory.mktemp("output")
    result = build(EXAMPLE_SHEET, BuildRequest(papers=("letter", "a4")), output_dir=output)
    return {path.stem.rsplit("-", 1)[1]: path for path in result.paths}


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_one_page_of_the_right_size(built: dict[str, Path], paper: str) -> None:
    reader = PdfReader(built[paper])
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == PAGE_SIZES[paper]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_two_sided_layout_is_a_front_and_a_back(paper: str, tmp_path: Path) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=(paper,), layouts=("twosided",)), output_dir=tmp_path).paths
    assert pdf.name == f"banthescan-twosided-{paper}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2
    assert all(
        (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == PAGE_SIZES[paper]
        for page in reader.pages
    )
    front, back = (normalize(page.extract_text()) for page in reader.pages)
    assert front.startswith("#BantheScan Ban police facial recognition in New York")
    assert "What happened to Derrick Ingram" in front and "In their words" not in front
    assert front.endswith("Join #BantheScan example.org/placeholder-campaign-link"), "the front ends on the ask"
    assert back.startswith("#BantheScan Ban police facial recognition in New York In their words"), "running header"
    assert back.index("What we demand") < back.index("Join #BantheScan") < back.index("SOURCES")


@pytest.mark.parametrize(
    ("paper", "sheet", "size"), [("letter", "tabloid", (792.0, 1224.0)), ("a4", "a3", (841.89, 1190.55))]
)
def test_the_poster_is_one_tabloid_or_a3_page(
    paper: str, sheet: str, size: tuple[float, float], tmp_path: Path
) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=(paper,), layouts=("poster",)), output_dir=tmp_path).paths
    assert pdf.name == f"banthescan-poster-{sheet}.pdf"
    (page,) = PdfReader(pdf).pages
    assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == size


@pytest.mark.parametrize(
    ("paper", "sheet", "size"), [("letter", "half-letter", (396.0, 612.0)), ("a4", "a5", (419.53, 595.28))]
)
def test_the_half_page_flyer_shows_a_part_and_cites_only_that(
    paper: str, sheet: str, size: tuple[float, float], tmp_path: Path
) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=(paper,), layouts=("halfpage",)), output_dir=tmp_path).paths
    assert pdf.name == f"banthescan-halfpage-{sheet}.pdf"
    (page,) = PdfReader(pdf).pages
    assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == size
    text = normalize(page.extract_text())
    assert "Albert Fox Cahn" in text and "Michael Kleinman" in text and "Manhattan State Senator" not in text
    assert "What happened to Derrick Ingram" not in text
    assert '3. "NYPD Caught Using' in text
    assert "Gothamist" not in text, "a source the flyer does not cite is not in its endnotes"


TRIFOLD_FOLDS = {
    "letter": ((3.625, 7.3125), (3.6875, 7.375)),
    "a4": ((97 / 25.4, 197 / 25.4), (100 / 25.4, 200 / 25.4)),
}


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_trifold_has_true_panels_that_fold_right(paper: str, tmp_path: Path) -> None:
    """Two landscape pages; folds where a letter fold needs them (the fold-in panel narrower); no text
    within 0.25 in of a fold; the cover on the outside's right panel, the story on the inside's left."""
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=(paper,), layouts=("trifold",)), output_dir=tmp_path).paths
    assert pdf.name == f"banthescan-trifold-{paper}.pdf"
    width, height = PAGE_SIZES[paper]
    with pikepdf.open(pdf) as document:
        assert len(document.pages) == 2
        for page, folds in zip(document.pages, TRIFOLD_FOLDS[paper], strict=True):
            box = [float(value) for value in page.obj.MediaBox]
            assert box == pytest.approx([0, 0, height, width], abs=0.01), "landscape"
            recorded = [float(value) / 72 for value in page.obj["/FactsheetFolds"]]
            assert recorded == pytest.approx(list(folds), abs=0.001)
            starts = [event for event in walk_page(page) if isinstance(event, Text)]
            assert starts
            for text in starts:
                assert all(abs(text.x / 72 - fold) >= 0.25 for fold in folds), f"text at {text.x / 72:.2f} in"
    outside, inside = (normalize(page.extract_text()) for page in PdfReader(pdf).pages)
    assert outside.startswith("#BantheScan Ban police facial recognition in New York")
    assert outside.index("9,850") < outside.index("Join #BantheScan Ask your State Senator") < outside.index("SOURCES")
    assert inside.startswith("What happened to Derrick Ingram")
    assert inside.index("In their words") < inside.index("What we demand")


def test_a_panel_that_overflows_is_an_error_naming_it(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    demand = "  - text: A ban on police use of facial recognition in New York.\n"
    cite = (
        "    cite:\n      - source: mte-activists-target-facial-recognition\n"
        "        excerpt: If we can get New York to ban this technology\n"
    )
    sheet = edit_sheet(demand + cite, (demand + cite) * 12)
    with pytest.raises(FactsheetError) as caught:
        build(sheet, BuildRequest(papers=("letter",), layouts=("trifold",)), output_dir=tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.message.startswith("the content does not fit the trifold layout's inside right panel: about ")
    assert not (tmp_path / "out").exists()


def test_copyfitting_sets_the_largest_type_that_fits(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    """Six demands overflow the trifold's panel at its designed size; copyfitting finds a smaller type that
    fits, within the layout's floor, and records it for the next build."""
    demand = "  - text: A ban on police use of facial recognition in New York.\n"
    cite = (
        "    cite:\n      - source: mte-activists-target-facial-recognition\n"
        "        excerpt: If we can get New York to ban this technology\n"
    )
    sheet = edit_sheet(demand + cite, (demand + cite) * 6)
    floor, ceiling = LAYOUTS["trifold"].type_scale
    built = build(sheet, BuildRequest(papers=("letter",), layouts=("trifold",)), output_dir=tmp_path)
    trifold = read_manifest(tmp_path)[built.outputs[0].path.name].scale or 0.0
    assert floor < trifold < ceiling
    sizes = {text.size for page in pikepdf.open(built.outputs[0].path).pages for text in _texts(page)}
    assert any(abs(size - 11 * trifold) < 0.01 for size in sizes), "the panels' body text is set at the fitted size"
    assert min(sizes) >= MIN_TEXT_POINTS - 0.01


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_wallet_cards_ten_up_with_backs_behind_their_fronts(paper: str, tmp_path: Path) -> None:
    """Ten 3.5 × 2 in cards per sheet; the back sheet mirrors the front for a long-edge duplex flip, so
    every back lands behind its front; all text sits on a card, none in the margins with the cut marks."""
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=(paper,), layouts=("card",)), output_dir=tmp_path).paths
    assert pdf.name == f"banthescan-card-{paper}.pdf"
    width, height = PAGE_SIZES[paper]
    grid = LAYOUTS["card"].cards
    assert grid is not None
    fronts, backs = card_slots(grid, paper), card_slots(grid, paper, back=True)
    assert len(fronts) == 10
    for (front_x, front_y), (back_x, back_y) in zip(fronts, backs, strict=True):
        assert back_y == front_y
        assert back_x == pytest.approx(width / 72 - front_x - 3.5), "mirrored left to right"
    with pikepdf.open(pdf) as document:
        assert len(document.pages) == 2
        for page, slots in zip(document.pages, (fronts, backs), strict=True):
            starts = [event for event in walk_page(page) if isinstance(event, Text)]
            for text in starts:
                x, y = text.x / 72, (height - text.y) / 72
                assert any(left < x < left + 3.5 and top < y < top + 2 for left, top in slots), (x, y)
    front, back = (normalize(page.extract_text()) for page in PdfReader(pdf).pages)
    assert front.count("9,850") == 10 and front.count("facial recognition requests processed by the NYPD") == 10
    assert back.count("A ban on police use of facial recognition in New York.") == 10


def test_metadata_and_language(built: dict[str, Path]) -> None:
    reader = PdfReader(built["letter"])
    assert reader.metadata is not None
    assert reader.metadata.title == "Ban police facial recognition in New York"
    assert reader.metadata.author == "factsheet example campaign (not an official #BantheScan publication)"
    assert reader.metadata.subject == "What the NYPD’s own numbers and the Derrick Ingram case show"
    assert reader.metadata["/Keywords"].startswith("#BantheScan, facial recognition, NYPD")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"], "the PDF is tagged for screen readers"


def test_every_quote_and_figure_is_in_the_text_in_reading_order(built: dict[str, Path]) -> None:
    sheet = check(EXAMPLE_SHEET).located.sheet
    raw = PdfReader(built["letter"]).pages[0].extract_text()
    text = normalize(raw)
    expected = [
        sheet.tag,
        sheet.title,
        *[piece for fact in sheet.facts for piece in (fact.figure, fact.label)],
        *[section.heading for section in sheet.sections],
        *[demand.text for demand in sheet.demands],
        *[piece for quote in sheet.quotes for piece in (quote.text, quote.speaker, quote.role)],
        sheet.action.heading,
        sheet.action.text,
        "SOURCES",
    ]
    position = 0
    for piece in expected:
        found = text.find(normalize(piece), position)
        assert found >= 0, f"{piece!r} missing or out of order in the extracted text"
        position = found + 1
    assert "2019¹" in raw, "endnote marks must not run into the figures they follow"


def test_fonts_are_the_bundled_ones_embedded_and_subset(built: dict[str, Path]) -> None:
    fonts = PdfReader(built["letter"]).pages[0]["/Resources"]["/Font"]
    names = set()
    for font in fonts.values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        descriptor = descriptor.get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
        subset, _, name = str(font["/BaseFont"]).lstrip("/").partition("+")
        assert re.fullmatch(r"[A-Z]{6}", subset), f"{font['/BaseFont']} is not subset"
        names.add(name)
    assert all(name.startswith("Inter") for name in names), f"a system font slipped in: {names}"
    assert {"Inter", "Inter-Display-Heavy"} <= names, names


def test_links_are_clickable(built: dict[str, Path]) -> None:
    page = PdfReader(built["letter"]).pages[0]
    uris = {
        annotation.get_object()["/A"]["/URI"]
        for annotation in page.get("/Annots", [])
        if isinstance(annotation.get_object().get("/A"), DictionaryObject)
    }
    assert uris == {
        "https://example.org/placeholder-campaign-link",
        "https://gothamist.com/news/nypd-used-facial-recognition-unit-in-siege-of-black-lives-matter-activists-apartment",
    }


def test_no_attachments_or_file_links(built: dict[str, Path]) -> None:
    reader = PdfReader(built["letter"])
    assert reader.attachments == {}
    for annotation in reader.pages[0].get("/Annots", []):
        assert annotation.get_object().get("/Subtype") != "/FileAttachment"


def test_same_input_gives_byte_identical_pdf(built: dict[str, Path], tmp_path: Path) -> None:
    again = build(EXAMPLE_SHEET, BuildRequest(papers=("letter",)), output_dir=tmp_path).paths[0]
    assert again.read_bytes() == built["letter"].read_bytes()


def test_draft_is_marked_on_the_page_and_in_the_metadata(
    edit_sheet: Callable[[str, str], Path], tmp_path: Path
) -> None:
    sheet = edit_sheet('  - figure: "9,850"', '  - figure: "9,851"')
    output = tmp_path / "out"
    with pytest.raises(FactsheetError, match="the number 9,851 is not in this fact's excerpt"):
        build(sheet, BuildRequest(papers=("letter",)), output_dir=output)
    assert not output.exists(), "a sheet that fails verification must write nothing"
    (draft,) = build(sheet, BuildRequest(papers=("letter",), draft=True), output_dir=output).paths
    reader = PdfReader(draft)
    assert reader.metadata is not None
    assert reader.metadata.title == "DRAFT: NOT VERIFIED: Ban police facial recognition in New York"
    assert all("DRAFT: NOT VERIFIED" in page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("layout", ["onepager", "trifold", "poster"])
def test_the_draft_mark_shows_and_leaves_the_page_readable(layout: str, tmp_path: Path) -> None:
    """At 150 dpi, the ink of every word of the final page is still ink on the draft (the mark does not
    cover the demands a proofreader must read), and the mark itself changes a good share of the page."""
    request = {"papers": ("letter",), "layouts": (layout,)}
    (final,) = build(EXAMPLE_SHEET, BuildRequest(**request), output_dir=tmp_path / "final").paths
    (draft,) = build(EXAMPLE_SHEET, BuildRequest(**request, draft=True), output_dir=tmp_path / "draft").paths
    for number in range(len(pypdfium2.PdfDocument(final))):
        clean, marked = (
            pypdfium2.PdfDocument(path)[number].render(scale=150 / 72).to_pil().convert("L").tobytes()
            for path in (final, draft)
        )
        text = [index for index, value in enumerate(clean) if value < 96]
        kept = sum(marked[index] < 150 for index in text) / len(text)
        changed = sum(abs(a - b) > 24 for a, b in zip(clean, marked, strict=True)) / len(clean)
        assert kept > 0.98, f"page {number + 1}: the mark hides {1 - kept:.1%} of the text's ink"
        assert changed > 0.01, f"page {number + 1}: the mark changes only {changed:.1%} of the page"


@pytest.mark.parametrize(
    "reference",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        '<img src="http://127.0.0.1:9/x.png">',
        '<style>@import url("file:///etc/hostname");</style>',
    ],
)
def test_renderer_refuses_files_outside_the_campaign(reference: str, tmp_path: Path) -> None:
    rendered = RenderedHtml(f"<html><body><p>x</p>{reference}</body></html>", (), TEMPLATES_DIR.as_uri() + "/")
    with pytest.raises(FactsheetError, match="the handout refers to a file factsheet will not read"):
        render_pdf(rendered, allowed_roots=(TEMPLATES_DIR, tmp_path), origin=tmp_path / "sheet.yaml")


def test_a_character_no_bundled_font_has_is_refused_with_its_line(
    edit_sheet: Callable[[str, str], Path], tmp_path: Path
) -> None:
    sheet = edit_sheet("subtitle: What the NYPD", "subtitle: 禁止 What the NYPD")
    with pytest.raises(FactsheetError) as caught:
        build(sheet, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.location.line == line_of(sheet, "subtitle:")
    assert problem.message == (
        "no bundled font for English has '止' (U+6B62 CJK UNIFIED IDEOGRAPH-6B62), "
        "'禁' (U+7981 CJK UNIFIED IDEOGRAPH-7981): "
        "it would print as an empty box"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("paper", "size"), [("letter", (792.0, 612.0)), ("a4", (841.89, 595.28))])
def test_two_half_page_flyers_on_one_sheet_with_a_cut_line(
    paper: str, size: tuple[float, float], tmp_path: Path
) -> None:
    request = BuildRequest(papers=(paper,), layouts=("halfpage",), imposition="2up")
    result = build(EXAMPLE_SHEET, request, output_dir=tmp_path)
    (report,) = result.outputs
    assert report.path.name == f"banthescan-halfpage-2up-{paper}.pdf"
    (page,) = PdfReader(report.path).pages
    assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == size
    assert page.extract_text().count("Join #BantheScan") == 2
    cut = re.search(rb"\[ ?4 3 ?\] 0 d\s+([\d.]+) 0 m\s+([\d.]+) ([\d.]+) l", page.get_contents().get_data())
    assert cut, "a dashed cut line is drawn"
    assert abs(float(cut[1]) - size[0] / 2) < 0.01 and float(cut[1]) == float(cut[2])
    assert abs(float(cut[3]) - size[1]) < 0.01


def test_imposition_is_only_for_the_half_page_flyer(tmp_path: Path) -> None:
    with pytest.raises(FactsheetError, match="imposition '2up' is for the halfpage layout"):
        build(EXAMPLE_SHEET, BuildRequest(papers=("letter",), imposition="2up"), output_dir=tmp_path)


def _texts(page: pikepdf.Page) -> list[Text]:
    return [event for event in walk_page(page) if isinstance(event, Text)]


def test_copyfitting_picks_the_largest_type_that_fits(tmp_path: Path) -> None:
    """The example on the two-sided sheet: its factor lies inside the layout's scale, and one step larger
    no longer fits its two pages."""
    built = build(EXAMPLE_SHEET, BuildRequest(papers=("letter",), layouts=("twosided",)), output_dir=tmp_path)
    floor, ceiling = LAYOUTS["twosided"].type_scale
    scale = read_manifest(tmp_path)[built.outputs[0].path.name].scale or 0.0
    assert floor < scale <= ceiling
    checked = check(EXAMPLE_SHEET)
    rendered = render_html(checked.located, checked.sources, checked.files, layout=LAYOUTS["twosided"])
    bigger = min(ceiling, scale + PRECISION)
    if bigger > scale:
        with pytest.raises(FactsheetError, match="does not fit the twosided layout's 2 page"):
            render_pdf(at_scale(rendered, bigger), allowed_roots=(TEMPLATES_DIR,), origin=EXAMPLE_SHEET, isolate=False)
    sizes = {text.size for page in pikepdf.open(built.outputs[0].path).pages for text in _texts(page)}
    assert any(abs(size - 10.5 * scale) < 0.01 for size in sizes), "the story's 10.5 pt is scaled by the factor"
