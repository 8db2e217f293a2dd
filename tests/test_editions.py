"""The shop and archive editions, read back from the real PDFs: boxes, marks, colours, ink, attachments."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build, check
from factsheet.press.conformance import validate
from factsheet.press.editions import SHOP
from factsheet.press.ink import ghostscript_total_ink, page_total_ink
from factsheet.press.layouts import LAYOUTS, LayoutName
from factsheet.press.preflight import preflight
from factsheet.press.prepress import MARK_WIDTH
from factsheet.render.html import render_html
from factsheet.render.pdf import PdfOptions, render_pdf
from factsheet.resources import EXAMPLE_SHEET, TEMPLATES_DIR
from tests.conftest import run_cli

TRIM = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
BLEED = {"letter": 9.0, "a4": 3 / 25.4 * 72}


def boxes(page: pikepdf.Page) -> dict[str, list[float]]:
    return {name: [float(value) for value in page.obj[f"/{name}"]] for name in ("MediaBox", "TrimBox", "BleedBox")}


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_shop_boxes_start_at_zero_with_trim_and_bleed(paper: str, tmp_path: Path) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=(paper,), edition="shop"), output_dir=tmp_path).paths
    assert pdf.name == f"banthescan-{paper}-shop.pdf"
    with pikepdf.open(pdf) as document:
        box = boxes(document.pages[0])
    width, height = TRIM[paper]
    bleed = BLEED[paper]
    assert box["MediaBox"][:2] == [0, 0]
    assert box["TrimBox"] == pytest.approx([bleed, bleed, bleed + width, bleed + height], abs=0.01)
    assert box["BleedBox"] == pytest.approx([0, 0, width + 2 * bleed, height + 2 * bleed], abs=0.01)
    assert box["MediaBox"] == pytest.approx(box["BleedBox"], abs=0.01)


def test_shop_pdf_has_a_cmyk_output_intent_no_rgb_and_says_pdf_x4(tmp_path: Path) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=("letter",), edition="shop"), output_dir=tmp_path).paths
    with pikepdf.open(pdf) as document:
        (intent,) = document.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert int(intent.DestOutputProfile.N) == 4
        assert document.open_metadata().get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        operators = set()
        names = set()
        for page in document.pages:
            for instruction in pikepdf.parse_content_stream(page):
                operators.add(str(instruction.operator))
        for obj in document.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
                for instruction in pikepdf.parse_content_stream(obj):
                    operators.add(str(instruction.operator))
            if isinstance(obj, pikepdf.Name):
                names.add(str(obj))
        raw = b"".join(bytes(obj.read_bytes()) for obj in document.objects if isinstance(obj, pikepdf.Stream))
    assert not {"rg", "RG"} & operators
    assert b"/DeviceRGB" not in raw
    assert "/DeviceRGB" not in names


def test_crop_marks_sit_outside_the_bleed_in_registration_colour(tmp_path: Path) -> None:
    (pdf,) = build(
        EXAMPLE_SHEET, BuildRequest(papers=("a4",), edition="shop", crop_marks=True), output_dir=tmp_path
    ).paths
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        box = boxes(page)
        marks = pikepdf.parse_content_stream(page.obj.Contents[-1])
        space = page.obj.Resources.ColorSpace["/FactsheetRegistration"]
        assert [str(item) for item in space[:3]] == ["/Separation", "/All", "/DeviceCMYK"]
    left, bottom, right, top = box["BleedBox"]
    points = [
        (float(instruction.operands[0]), float(instruction.operands[1]))
        for instruction in marks
        if str(instruction.operator) in ("m", "l")
    ]
    assert len(points) == 16
    for x, y in points:
        assert not (left < x < right and bottom < y < top), f"mark point {x, y} inside the bleed box"
        assert 0 <= x <= box["MediaBox"][2] and 0 <= y <= box["MediaBox"][3]
    widths = [float(instruction.operands[0]) for instruction in marks if str(instruction.operator) == "w"]
    assert widths == [MARK_WIDTH]
    assert str(marks[0].operator) == "BMC" and str(marks[0].operands[0]) == "/Artifact"


def test_an_rgb_colour_in_a_campaign_template_fails_the_shop_preflight(campaign: Path, tmp_path: Path) -> None:
    folder = campaign.parent / "templates"
    folder.mkdir()
    (folder / "onepager.css").write_text("h2 { color: #0050a0; }", encoding="utf-8")
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",), edition="shop"), output_dir=tmp_path / "out")
    messages = [problem.message for problem in caught.value.problems]
    assert "the print-shop page uses RGB colour (the 'rg' colour operator)" in messages
    assert not (tmp_path / "out").exists()
    build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "home")


def test_small_text_in_a_mix_of_inks_fails(campaign: Path, tmp_path: Path) -> None:
    folder = campaign.parent / "templates"
    folder.mkdir()
    (folder / "onepager.css").write_text(".role { color: var(--accent); }", encoding="utf-8")
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",), edition="shop"), output_dir=tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.message.endswith("pt text is printed in DeviceCMYK 0 85 95 10, not black ink only")
    assert "use the theme's ink colour (CMYK 0 0 0 100) for text under 12 pt" in problem.hint


def test_a_rich_black_over_300_percent_fails_with_ghostscripts_measure(
    edit_sheet: Callable[[str, str], Path], tmp_path: Path
) -> None:
    sheet = edit_sheet("keywords: [", "theme:\n  cmyk:\n    tint: [80, 80, 80, 100]\nkeywords: [")
    with pytest.raises(FactsheetError) as caught:
        build(sheet, BuildRequest(papers=("letter",), edition="shop"), output_dir=tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.message == "total ink reaches 340% on this page; print shops accept at most 300%"
    assert problem.location.file.endswith("banthescan-letter-shop.pdf") and problem.location.line == 1


@pytest.mark.parametrize("layout", ["onepager", "trifold", "card"])
def test_the_example_shop_edition_stays_within_the_ink_limit(tmp_path: Path, layout: LayoutName) -> None:
    """The accent red, 0/85/95/10, is the heaviest colour on every page: 190%, read from the PDF itself."""
    request = BuildRequest(papers=("letter",), layouts=(layout,), edition="shop", crop_marks=True)
    (pdf,) = build(EXAMPLE_SHEET, request, output_dir=tmp_path).paths
    assert page_total_ink(pdf.read_bytes()) == [190] * LAYOUTS[layout].pages


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed (the cross-check needs it)")
@pytest.mark.parametrize("tint", ["[0, 0, 0, 40]", "[30, 20, 20, 90]"])
def test_ghostscript_agrees_with_the_ink_read_from_the_pdf(
    edit_sheet: Callable[[str, str], Path], tmp_path: Path, tint: str
) -> None:
    sheet = edit_sheet("keywords: [", f"theme:\n  cmyk:\n    tint: {tint}\nkeywords: [")
    request = BuildRequest(papers=("a4",), layouts=("twosided",), edition="shop", crop_marks=True)
    (pdf,) = build(sheet, request, output_dir=tmp_path).paths
    assert page_total_ink(pdf.read_bytes()) == ghostscript_total_ink(pdf.read_bytes())


def test_archive_is_pdf_a_3b_and_carries_its_evidence_byte_for_byte(tmp_path: Path) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=("letter",), edition="archive"), output_dir=tmp_path).paths
    assert validate(pdf.read_bytes(), "3b") == []
    campaign = EXAMPLE_SHEET.parent
    sources = (f"sources/{path.name}" for path in (campaign / "sources").glob("*.txt"))
    expected = {"sheet.yaml", "sources.lock", *sources}
    with pikepdf.open(pdf) as document:
        attached = {name: document.attachments[name].get_file().read_bytes() for name in document.attachments}
        assert document.Root.get("/AF") is not None
    assert set(attached) == expected
    for name, content in attached.items():
        assert content == (campaign / name).read_bytes(), name


def test_home_edition_passes_the_independent_pdf_ua_check(tmp_path: Path) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=("a4",)), output_dir=tmp_path).paths
    assert validate(pdf.read_bytes(), "ua1") == []


def test_cli_editions_and_their_preflight(tmp_path: Path) -> None:
    code, out, err = run_cli("build", "--print-shop", "--crop-marks", "--paper", "letter", "-o", str(tmp_path))
    assert code == 0, err
    assert "banthescan-letter-shop.pdf" in out
    code, out, _ = run_cli("preflight", str(tmp_path / "banthescan-letter-shop.pdf"), "--paper", "letter")
    assert code == 0
    assert "no RGB colour, CMYK output intent, total ink at most 300% (read from the PDF's colours" in out
    code, _, err = run_cli("build", "--crop-marks", "-o", str(tmp_path))
    assert code == 2 and "--crop-marks and --job-ticket go with --print-shop" in err
    code, _, err = run_cli("build", "--print-shop", "--archive", "-o", str(tmp_path))
    assert code == 2 and "choose one edition" in err


def test_job_ticket_travels_with_the_shop_pdf_and_says_how_to_print_it(tmp_path: Path) -> None:
    code, out, err = run_cli(
        "build", "--print-shop", "--job-ticket", "--layout", "trifold", "--paper", "a4", "-o", str(tmp_path)
    )
    assert code == 0, err
    ticket = tmp_path / "banthescan-trifold-a4-shop-ticket.pdf"
    assert "banthescan-trifold-a4-shop-ticket.pdf      1" in out
    (page,) = PdfReader(ticket).pages
    text = " ".join(page.extract_text().split())
    assert "File banthescan-trifold-a4-shop.pdf" in text
    assert "Trimmed size 11.69 × 8.268 in (297 × 210 mm), a4" in text
    assert "Bleed 0.118 in (3 mm) on every side" in text
    assert "Printing both sides, flip on the short edge (landscape sheet)" in text
    assert "folds on the inside page at 3.937 in, 7.874 in from the left edge" in text
    assert "Quantity ________" in text


def test_a_combined_shop_merge_keeps_its_output_intent_and_passes_preflight(tmp_path: Path) -> None:
    csv = EXAMPLE_SHEET.parent / "merge-example.csv"
    code, _, err = run_cli(
        "build", "--merge", str(csv), "--combine", "--print-shop", "--paper", "a4", "-o", str(tmp_path)
    )
    assert code == 0, err
    combined = tmp_path / "banthescan-merged-a4-shop.pdf"
    with pikepdf.open(combined) as document:
        assert len(document.pages) == 3
        assert int(document.Root.OutputIntents[0].DestOutputProfile.N) == 4
        assert "/StructTreeRoot" not in document.Root, "mixed tag trees would mislead a screen reader"
    code, out, _ = run_cli("preflight", str(combined), "--paper", "a4")
    assert code == 0 and "3 page(s), all checks passed" in out


@pytest.mark.parametrize("layout", ["twosided", "poster", "halfpage", "trifold", "card"])
def test_every_layout_passes_the_shop_preflight(layout: str, tmp_path: Path) -> None:
    """Each layout's own styling (a card's tag, a panel's heading) must keep small text in black ink and
    every colour in CMYK; the build's preflight would refuse it otherwise."""
    (pdf,) = build(
        EXAMPLE_SHEET, BuildRequest(papers=("letter",), layouts=(layout,), edition="shop"), output_dir=tmp_path
    ).paths
    assert pdf.name.endswith("-shop.pdf")


def test_weasyprints_pdf_x4_label_alone_is_not_trusted(tmp_path: Path) -> None:
    """Asked for pdf/x-4 with the home colours, WeasyPrint 70 labels the file PDF/X-4 but leaves RGB colour and
    writes no output intent; preflight reads the label and refuses the file."""
    checked = check(EXAMPLE_SHEET)
    rendered = render_html(checked.located, checked.sources, checked.files)
    pdf = render_pdf(
        rendered,
        allowed_roots=(TEMPLATES_DIR, EXAMPLE_SHEET.parent),
        origin=EXAMPLE_SHEET,
        options=PdfOptions(edition=SHOP, date="2026-11-22"),
    )
    report = preflight(pdf, tmp_path / "labelled.pdf")
    assert report.edition.name == "shop"
    messages = [problem.message for problem in report.problems]
    assert "the print-shop PDF has no CMYK output intent (the ICC profile that says what its CMYK means)" in messages
    assert "the print-shop page uses RGB colour (the 'rg' colour operator)" in messages
    assert "10.5 pt text is printed in DeviceRGB 100 100 100, not black ink only" in messages


def test_the_toner_saving_theme_also_prints_at_a_shop(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    """Its near-black ink would convert to 93% black; the theme gives solid black for the shop."""
    sheet = edit_sheet("keywords: [", "theme: grayscale\nkeywords: [")
    (pdf,) = build(sheet, BuildRequest(papers=("letter",), edition="shop"), output_dir=tmp_path).paths
    assert pdf.name == "banthescan-letter-shop.pdf"


def test_a_job_ticket_for_mail_merge_rows_is_refused_plainly(tmp_path: Path) -> None:
    csv = EXAMPLE_SHEET.parent / "merge-example.csv"
    code, _, err = run_cli("build", "--merge", str(csv), "--print-shop", "--job-ticket", "-o", str(tmp_path / "out"))
    assert code == 1
    assert "error: a job ticket is written for a single handout, not for each mail-merge row" in err
    assert not (tmp_path / "out").exists()
