"""`factsheet print` against a real CUPS and virtual IPP Everywhere printers: what arrives at the printer."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
from PIL import ImageChops, ImageStat

from factsheet.press.layouts import LAYOUTS, LayoutName
from factsheet.printing.job import layout_sides
from tests.conftest import run_cli
from tests.printing.print_service import PrintService

LETTER = "x-dimension=21590 y-dimension=27940"
A3 = "x-dimension=29700 y-dimension=42000"


def pages_of(pdf: bytes) -> list[tuple[float, float]]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [tuple(round(side) for side in page.get_size()) for page in document]  # type: ignore[misc]
    finally:
        document.close()


def difference(built: bytes, arrived: bytes) -> float:
    """The largest mean grey difference between a built page and the page that arrived, turned to match (the
    print service turns a landscape page onto portrait paper): 0 is identical, 255 opposite."""
    worst = 0.0
    one, two = pypdfium2.PdfDocument(built), pypdfium2.PdfDocument(arrived)
    try:
        for page, other in zip(one, two, strict=True):
            image = page.render(scale=30 / 72).to_pil().convert("L")
            candidates = [
                other.render(scale=30 / 72).to_pil().convert("L").rotate(angle, expand=True) for angle in (0, 90, 270)
            ]
            fitting = [candidate for candidate in candidates if candidate.size == image.size]
            assert fitting, f"no turn of the arrived page {candidates[0].size} has the built page's size {image.size}"
            worst = max(worst, min(ImageStat.Stat(ImageChops.difference(image, c)).mean[0] for c in fitting))
    finally:
        one.close()
        two.close()
    return worst


def job_id(out: str) -> str:
    match = re.search(r"job (\S+)$", out.strip())
    assert match, out
    return match.group(1)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_layout_arrives_with_its_sides_paper_copies_and_pages(
    cups: PrintService, campaign: Path, tmp_path: Path, layout: LayoutName
) -> None:
    printer = "tabloid" if layout == "poster" else "duplex"
    before = len(cups.arrivals(printer))
    language = ["--lang", "es"] if LAYOUTS[layout].bilingual else []
    out_dir = str(tmp_path / "out")
    code, out, err = run_cli(
        "print", str(campaign), "--layout", layout, "--printer", printer, "--copies", "2", *language, "-o", out_dir
    )
    assert code == 0, err
    pdf_path = Path(re.search(r"sent (\S+\.pdf) to", out).group(1))  # type: ignore[union-attr]
    built = pdf_path.read_bytes()
    assert cups.received_by_cups(job_id(out)) == built
    (arrival,) = cups.wait_for(printer, before + 1)[-1:]
    attributes = arrival.attributes
    assert attributes["IPP_SIDES"] == layout_sides(LAYOUTS[layout], imposed=LAYOUTS[layout].imposable)
    assert attributes["IPP_COPIES"] == "2"
    assert (A3 if layout == "poster" else LETTER) in attributes["IPP_MEDIA_COL"]
    assert len(pages_of(arrival.document)) == len(pages_of(built))
    assert sorted(map(sorted, pages_of(arrival.document))) == sorted(map(sorted, pages_of(built)))  # type: ignore[arg-type]
    assert difference(built, arrival.document) < 12, "the page arrived scaled or changed (a 3% shrink differs by 20+)"


def test_a_trifold_on_a_colour_printer_is_sent_in_colour_two_sided_on_the_short_edge(
    cups: PrintService, tmp_path: Path
) -> None:
    before = len(cups.arrivals("tabloid"))
    code, _out, err = run_cli(
        "print", "--layout", "trifold", "--printer", "tabloid", "--paper", "a4", "-o", str(tmp_path)
    )
    assert code == 0, err
    (arrival,) = cups.wait_for("tabloid", before + 1)[-1:]
    assert arrival.attributes["IPP_SIDES"] == "two-sided-short-edge"
    assert arrival.attributes["IPP_PRINT_COLOR_MODE"] == "color"
    assert "x-dimension=21000 y-dimension=29700" in arrival.attributes["IPP_MEDIA_COL"]


def test_a_misquote_is_refused_with_the_gate_message_and_nothing_reaches_the_printer(
    cups: PrintService, edit_sheet: Callable[[str, str], Path], tmp_path: Path
) -> None:
    sheet = edit_sheet("but especially not the NYPD", "but especially the NYPD")
    before = len(cups.arrivals("duplex"))
    code, _out, err = run_cli("print", str(sheet), "--printer", "duplex", "-o", str(tmp_path / "out"))
    assert code == 1
    assert "error: this quote is not word for word in 'nypd-caught-using-facial-recognition'" in err
    assert err.endswith("1 problem(s) found; nothing was sent to the printer.\n")
    assert not (tmp_path / "out").exists()
    import subprocess

    queued = subprocess.run(["lpstat", "-W", "all", "-o", "duplex"], capture_output=True, text=True, check=True)
    assert len(cups.arrivals("duplex")) == before
    assert str(sheet) not in queued.stdout


def test_a_one_sided_printer_refuses_a_two_sided_layout_and_offers_manual_duplex(
    cups: PrintService, tmp_path: Path
) -> None:
    code, _out, err = run_cli("print", "--layout", "twosided", "--printer", "simplex", "-o", str(tmp_path))
    assert code == 1
    assert "the printer 'simplex' prints on one side only, and the twosided layout has a front and a back" in err
    assert "add --manual-duplex" in err


def test_manual_duplex_prints_the_fronts_then_says_how_to_turn_then_the_backs(
    cups: PrintService, tmp_path: Path
) -> None:
    before = len(cups.arrivals("simplex"))
    code, out, err = run_cli(
        "print",
        "--layout",
        "trifold",
        "--printer",
        "simplex",
        "--manual-duplex",
        "--yes",
        "--copies",
        "3",
        "-o",
        str(tmp_path),
    )
    assert code == 0, err
    assert "turn the stack over from top to bottom" in out
    assert out.index("turn the stack over") < out.index("sent ")
    fronts, backs = cups.wait_for("simplex", before + 2)[-2:]
    built = (tmp_path / "banthescan-trifold-letter.pdf").read_bytes()
    for arrival in (fronts, backs):
        assert arrival.attributes["IPP_SIDES"] == "one-sided"
        assert arrival.attributes["IPP_COPIES"] == "3"
        assert len(pages_of(arrival.document)) == 1
    from io import BytesIO

    import pypdf

    texts = [pypdf.PdfReader(BytesIO(data)).pages[0].extract_text() for data in (fronts.document, backs.document)]
    original = [page.extract_text() for page in pypdf.PdfReader(BytesIO(built)).pages]
    assert texts == original


def test_a_printer_set_to_other_paper_is_refused_and_without_paper_its_own_is_chosen(
    cups: PrintService, tmp_path: Path
) -> None:
    code, out, err = run_cli("print", "--printer", "tabloid", "--paper", "letter", "--dry-run", "-o", str(tmp_path))
    assert code == 1
    assert "the printer 'tabloid' is set to A4 paper, and this handout is Letter" in err
    assert "--paper a4" in err
    code, out, err = run_cli("print", "--printer", "tabloid", "--dry-run", "-o", str(tmp_path))
    assert code == 0, err
    assert "-o media=A4" in out and "banthescan-a4.pdf" in out


def test_a_poster_is_refused_on_a_printer_without_tabloid_paper(cups: PrintService, tmp_path: Path) -> None:
    code, _out, err = run_cli("print", "--layout", "poster", "--printer", "duplex", "-o", str(tmp_path))
    assert code == 1
    assert "the printer 'duplex' has no Tabloid paper, which the poster layout prints on" in err
    assert "factsheet pack --layout poster" in err


def test_the_flip_edge_test_sheet_and_a_swapped_printer(cups: PrintService, campaign: Path, tmp_path: Path) -> None:
    before = len(cups.arrivals("duplex"))
    code, out, err = run_cli(
        "print", "--test-duplex", "--printer", "duplex", "--layout", "trifold", "-o", str(tmp_path)
    )
    assert code == 0, err
    (arrival,) = cups.wait_for("duplex", before + 1)[-1:]
    assert arrival.attributes["IPP_SIDES"] == "two-sided-short-edge"
    assert len(pages_of(arrival.document)) == 2
    code, out, err = run_cli(
        "print", str(campaign), "--printer", "duplex", "--layout", "trifold", "--remember-flip", "swapped"
    )
    assert code == 0, err
    assert "flip-landscape: swapped" in (campaign.parent / "printers.yaml").read_text()
    code, out, err = run_cli(
        "print", str(campaign), "--printer", "duplex", "--layout", "trifold", "--dry-run", "-o", str(tmp_path)
    )
    assert "-o sides=two-sided-long-edge" in out
    assert "the campaign recorded that it swaps them" in err
    code, out, err = run_cli(
        "print", str(campaign), "--printer", "duplex", "--layout", "twosided", "--dry-run", "-o", str(tmp_path)
    )
    assert "-o sides=two-sided-long-edge" in out, "a portrait layout keeps its own edge"


def test_list_shows_each_printer_and_what_it_can_do(cups: PrintService) -> None:
    code, out, err = run_cli("print", "--list")
    assert code == 0, err
    assert "duplex: two-sided, black and white, set to Letter" in out
    assert "simplex: one side only" in out
    assert "tabloid: two-sided, colour, set to A4; takes A3, A4, Letter, Tabloid" in out


def test_an_unknown_printer_is_named_with_the_ones_there_are(cups: PrintService, tmp_path: Path) -> None:
    code, _out, err = run_cli("print", "--printer", "office", "-o", str(tmp_path))
    assert code == 1
    assert "there is no printer named 'office'" in err
    assert "duplex, simplex, tabloid" in err
