"""Images named in a sheet: confined, identified by their bytes, measured before rendering."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build
from tests.conftest import line_of

SVG_OK = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#e8412c"/></svg>'
)


def with_logo(edit_sheet: Callable[[str, str], Path], file: str) -> Path:
    return (
        edit_sheet("theme:", f"logo:\n  file: {file}\n  alt: Test logo\ntheme:")
        if False
        else edit_sheet("keywords: [", f"logo:\n  file: {file}\n  alt: Test logo (invented for tests)\nkeywords: [")
    )


def refusal(sheet: Path, tmp_path: Path) -> tuple[int | None, str]:
    with pytest.raises(FactsheetError) as caught:
        build(sheet, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()
    (problem,) = caught.value.problems
    return problem.location.line, problem.message


def test_png_logo_is_embedded_with_alt_text(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    sheet = with_logo(edit_sheet, "logo.png")
    Image.new("RGB", (240, 120), "#e8412c").save(sheet.parent / "logo.png")
    (pdf,) = build(sheet, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out").paths
    page = PdfReader(pdf).pages[0]
    images = page.images
    assert len(images) == 1 and images[0].image.size == (240, 120)


def test_svg_logo_is_accepted(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    sheet = with_logo(edit_sheet, "logo.svg")
    (sheet.parent / "logo.svg").write_text(SVG_OK, encoding="utf-8")
    assert build(sheet, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out").paths


@pytest.mark.parametrize(
    ("file", "make", "message"),
    [
        ("../outside.png", None, "'../outside.png' is outside the campaign folder"),
        ("/etc/passwd", None, "'/etc/passwd' is outside the campaign folder"),
        ("missing.png", None, "'missing.png' does not exist"),
        ("fake.png", "text", "'fake.png' is not a PNG, JPEG, WebP or SVG image"),
        ("linked.png", "symlink", "'linked.png' is outside the campaign folder"),
        ("bomb.png", "bomb", "'bomb.png' is 9000×9000 pixels (81,000,000); the limit is 25,000,000"),
        (
            "remote.svg",
            "remote-svg",
            "'remote.svg' refers to something outside itself (href=\"...)",
        ),
        ("entity.svg", "entity-svg", "'entity.svg' refers to something outside itself (<!DOCTYPE...)"),
    ],
    ids=["parent", "absolute", "missing", "not-an-image", "symlink", "decompression-bomb", "svg-href", "svg-xxe"],
)
def test_bad_images_are_refused_at_the_logo_line(
    edit_sheet: Callable[[str, str], Path], tmp_path: Path, file: str, make: str | None, message: str
) -> None:
    sheet = with_logo(edit_sheet, file)
    target = sheet.parent / file
    if make == "text":
        target.write_text("not really a picture")
    elif make == "symlink":
        target.symlink_to("/etc/passwd")
    elif make == "bomb":
        Image.new("1", (9000, 9000)).save(target, optimize=True)
        assert target.stat().st_size < 200_000
    elif make == "remote-svg":
        target.write_text('<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>')
    elif make == "entity-svg":
        target.write_text('<svg><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><text>&e;</text></svg>')
    assert refusal(sheet, tmp_path) == (line_of(sheet, f"file: {file}"), message)
