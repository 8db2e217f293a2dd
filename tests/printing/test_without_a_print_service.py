"""Printing where there is no print service, the job options each layout gets, the printer settings file, and
the print shop's pack: none of these needs CUPS."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from factsheet.press.layouts import LAYOUTS, PAPER_NAMES
from factsheet.printing.job import MEDIA_NAMES, layout_sides
from tests.conftest import run_cli


@pytest.fixture
def no_cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without CUPS's tools: an empty PATH."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_each_layouts_flip_edge_agrees_with_what_its_ticket_tells_a_shop() -> None:
    for layout in LAYOUTS.values():
        sides = layout_sides(layout)
        expected = {"one-sided": "one side", "two-sided-long-edge": "long edge", "two-sided-short-edge": "short edge"}
        assert expected[sides] in layout.duplex, layout.name
        for paper in PAPER_NAMES:
            assert layout.sheet(paper).name in MEDIA_NAMES, f"{layout.name} on {paper} has no printer media name"


def test_without_a_print_service_the_pdf_is_ready_with_the_viewer_settings(no_cups: None, tmp_path: Path) -> None:
    code, _out, err = run_cli("print", "--layout", "trifold", "-o", str(tmp_path / "out"))
    assert code == 1
    assert "error: no print service found: factsheet prints through CUPS, and 'lpstat' is not installed" in err
    assert "fix: install the print service: on Debian or Ubuntu `sudo apt-get install cups`" in err
    assert "the PDF is ready: " in err and "banthescan-trifold-letter.pdf" in err
    assert "sides: two-sided, flip on short edge" in err
    assert "size: actual size (100%), not 'fit' or 'shrink to page'" in err
    assert "Traceback" not in err
    assert (tmp_path / "out" / "banthescan-trifold-letter.pdf").read_bytes().startswith(b"%PDF-")


def test_a_dry_run_without_a_print_service_shows_the_exact_command(no_cups: None, tmp_path: Path) -> None:
    code, out, err = run_cli(
        "print", "--layout", "twosided", "--paper", "a4", "--copies", "40", "--dry-run", "-o", str(tmp_path)
    )
    assert code == 0, err
    command = out.splitlines()[0]
    assert command == (
        f"lp -n 40 -t banthescan-twosided-a4.pdf -o media=A4 -o sides=two-sided-long-edge -o print-scaling=none "
        f"-o fit-to-page=false -o print-color-mode=color -o collate=true {tmp_path}/banthescan-twosided-a4.pdf"
    )
    assert "no print service to ask" in err
    assert out.rstrip().endswith("dry run: nothing was sent")


def test_the_half_page_flyer_prints_two_up_on_the_full_sheet(no_cups: None, tmp_path: Path) -> None:
    code, out, err = run_cli("print", "--layout", "halfpage", "--dry-run", "-o", str(tmp_path))
    assert code == 0, err
    assert "-o media=Letter -o sides=one-sided" in out
    assert "banthescan-halfpage-2up-letter.pdf" in out


def test_a_misquote_is_refused_before_anything_else(
    no_cups: None, edit_sheet: Callable[[str, str], Path], tmp_path: Path
) -> None:
    sheet = edit_sheet("but especially not the NYPD", "but especially the NYPD")
    code, out, err = run_cli("print", str(sheet), "--dry-run", "-o", str(tmp_path / "out"))
    assert code == 1
    assert "error: this quote is not word for word" in err
    assert "lp " not in out
    code, out, err = run_cli("pack", str(sheet), "-o", str(tmp_path / "out"))
    assert code == 1 and "error: this quote is not word for word" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["printers: [1, 2", "printers: 7", "- a list", "printers:\n  office: swapped\n"])
def test_a_broken_printer_settings_file_is_a_plain_message(campaign: Path, text: str) -> None:
    (campaign.parent / "printers.yaml").write_text(text)
    code, _out, err = run_cli("print", str(campaign), "--printer", "office", "--remember-flip", "swapped")
    assert code == 1
    assert err.startswith(f"{campaign.parent / 'printers.yaml'}: error: ") or "printers.yaml: error: " in err
    assert "Traceback" not in err


def test_the_shop_pack_holds_the_pdf_its_ticket_proofs_and_checksums_under_one_version(tmp_path: Path) -> None:
    code, _out, err = run_cli("pack", "--layout", "trifold", "--paper", "a4", "--crop-marks", "-o", str(tmp_path))
    assert code == 0, err
    (zipped,) = (tmp_path / "pack").glob("*.zip")
    folder = zipped.with_suffix("")
    stem = folder.name
    assert stem.startswith("banthescan-trifold-a4-shop-v")
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted(
        ["SHA256SUMS.txt", f"{stem}.pdf", f"{stem}-ticket.pdf", f"{stem}-proof-1.png", f"{stem}-proof-2.png"]
    )
    pdf = (folder / f"{stem}.pdf").read_bytes()
    assert stem.endswith(hashlib.sha256(pdf).hexdigest()[:10])
    assert pdf == (tmp_path / "banthescan-trifold-a4-shop.pdf").read_bytes()
    for line in (folder / "SHA256SUMS.txt").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    ticket = pypdf.PdfReader(folder / f"{stem}-ticket.pdf").pages[0].extract_text()
    assert f"{stem}.pdf" in ticket.replace("\n", "")
    with zipfile.ZipFile(zipped) as archive:
        assert sorted(archive.namelist()) == sorted(f"{stem}/{name}" for name in names)
        assert archive.read(f"{stem}/{stem}.pdf") == pdf


def test_a_draft_prints_a_sheet_the_gate_refuses_marked_draft(
    no_cups: None, edit_sheet: Callable[[str, str], Path], tmp_path: Path
) -> None:
    sheet = edit_sheet("but especially not the NYPD", "but especially the NYPD")
    code, out, err = run_cli("print", str(sheet), "--draft", "--dry-run", "-o", str(tmp_path))
    assert code == 0, err
    assert out.startswith("lp -n 1 -t banthescan-letter.pdf ")
    assert "DRAFT" in pypdf.PdfReader(tmp_path / "banthescan-letter.pdf").pages[0].extract_text()
