"""Proofs: every page as PNG with trim and safe-zone lines from the PDF's own boxes, and a grayscale preview."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from factsheet.pipeline import BuildRequest, build
from factsheet.press.proof import SAFE, TRIM
from factsheet.resources import EXAMPLE_SHEET
from tests.conftest import run_cli


def test_proof_draws_the_guides_where_the_boxes_are(tmp_path: Path) -> None:
    (pdf,) = build(EXAMPLE_SHEET, BuildRequest(papers=("letter",), layouts=("twosided",)), output_dir=tmp_path).paths
    code, out, _ = run_cli("proof", str(pdf), "-o", str(tmp_path / "proofs"), "--dpi", "72")
    assert code == 0
    assert [Path(line).name for line in out.splitlines()] == [
        "banthescan-twosided-letter-1.png",
        "banthescan-twosided-letter-1-grayscale.png",
        "banthescan-twosided-letter-2.png",
        "banthescan-twosided-letter-2-grayscale.png",
    ]
    with Image.open(tmp_path / "proofs" / "banthescan-twosided-letter-1.png") as image:
        page = image.convert("RGB")
    assert page.size == (612, 792)
    assert page.getpixel((0, 400)) == TRIM
    assert page.getpixel((18, 400)) == SAFE, "the safe zone is 0.25 in (18 pt) inside the trim"
    with Image.open(tmp_path / "proofs" / "banthescan-twosided-letter-1-grayscale.png") as gray:
        assert gray.mode == "L"
