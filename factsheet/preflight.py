"""Preflight: check a finished PDF the way a print shop would, before anyone pays for a print run.

Independent of how the PDF was made, it reads the file back and checks what goes wrong on paper: a page of
the wrong size, a font that is not embedded, a raster image too coarse for its printed size, text in the
strip a home printer cannot reach, and the structure a screen reader needs (tags, language, title).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from factsheet.errors import Location, Problem

POINTS_PER_INCH = 72.0
HOME_MARGIN_INCHES = 0.25
MIN_PPI_HOME = 150
SIZE_TOLERANCE = 0.5


@dataclass
class PreflightReport:
    """What was checked, and every check that failed."""

    pages: int = 0
    checked: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def preflight(
    pdf: bytes,
    name: Path,
    *,
    page_size: tuple[float, float] | None = None,
    tagged: bool = True,
    archive: bool = False,
) -> PreflightReport:
    """Check the PDF `pdf` (reported as `name`); `page_size` in points is the size every page must have.
    `tagged=False` skips the screen-reader checks, for imposed print sheets (the flyer itself is checked);
    `archive` also validates PDF/A-3b."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    report = PreflightReport(pages=len(reader.pages))
    if tagged:
        _document_checks(reader, name, report)
        _conformance(pdf, "ua1", Location(str(name)), report)
    if archive:
        _conformance(pdf, "3b", Location(str(name)), report)
    for number, page in enumerate(reader.pages, start=1):
        where = Location(str(name), number)
        _page_size(page, page_size, where, report)
        _fonts(page, where, report)
        _images_and_text(page, reader, where, report)
    report.checked = [
        "page size and origin",
        "fonts embedded",
        f"raster images at least {MIN_PPI_HOME} ppi",
        f"text at least {HOME_MARGIN_INCHES} in from the edge",
        *(["tagged, with language and title", "PDF/UA-1 (page-validation)"] if tagged else []),
        *(["PDF/A-3b (page-validation)"] if archive else []),
    ]
    return report


def _fail(report: PreflightReport, where: Location, message: str, hint: str) -> None:
    report.problems.append(Problem(where, message, hint))


def _document_checks(reader: Any, name: Path, report: PreflightReport) -> None:
    root = reader.trailer["/Root"]
    where = Location(str(name))
    if "/StructTreeRoot" not in root:
        _fail(report, where, "the PDF is not tagged", "screen readers need a tagged PDF; build it with factsheet")
    if not str(root.get("/Lang", "")):
        _fail(report, where, "the PDF does not say its language", "set language: in the sheet")
    if not (reader.metadata and reader.metadata.title):
        _fail(report, where, "the PDF has no title", "set title: in the sheet")


def _conformance(pdf: bytes, profile: str, where: Location, report: PreflightReport) -> None:
    """Validate against a PDF/UA or PDF/A profile with `page`, a validator independent of WeasyPrint: the
    variant WeasyPrint was asked for is a label until someone else's checker agrees."""
    from factsheet.conformance import PROFILE_NAMES, validate

    for failure in validate(pdf, profile)[:5]:
        _fail(
            report,
            where,
            f"the PDF does not meet {PROFILE_NAMES[profile]}: {failure.message} [{failure.rule}]",
            "rebuild it with factsheet; if a campaign template is in use, check its markup (lists, images, headings)",
        )


def _page_size(page: Any, expected: tuple[float, float] | None, where: Location, report: PreflightReport) -> None:
    box = page.mediabox
    if abs(float(box.left)) > SIZE_TOLERANCE or abs(float(box.bottom)) > SIZE_TOLERANCE:
        _fail(report, where, f"the page box starts at ({box.left}, {box.bottom}), not at 0,0", _REBUILD)
    if expected is None:
        return
    size = (float(box.width), float(box.height))
    if any(abs(actual - wanted) > SIZE_TOLERANCE for actual, wanted in zip(size, expected, strict=True)):
        _fail(
            report,
            where,
            f"the page is {_inches(size)} but the layout is {_inches(expected)}",
            "rebuild with the right --paper and --layout",
        )


def _fonts(page: Any, where: Location, report: PreflightReport) -> None:
    fonts = page.get("/Resources", {}).get("/Font", {})
    for font in fonts.values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            _fail(report, where, f"the font {font.get('/BaseFont')} is not embedded", _REBUILD)


def _images_and_text(page: Any, reader: Any, where: Location, report: PreflightReport) -> None:
    """Walk the page's drawing operators, tracking the transformation matrix, for image sizes and text positions."""
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    if contents is None:
        return
    images = {
        name: xobject.get_object()
        for name, xobject in page.get("/Resources", {}).get("/XObject", {}).items()
        if xobject.get_object().get("/Subtype") == "/Image"
    }
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    margin = HOME_MARGIN_INCHES * POINTS_PER_INCH - 0.5
    matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    stack: list[list[float]] = []
    text_matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    reported_margin = False
    for operands, operator in ContentStream(contents, reader).operations:
        if operator == b"q":
            stack.append(matrix)
        elif operator == b"Q" and stack:
            matrix = stack.pop()
        elif operator == b"cm":
            matrix = _multiply([float(value) for value in operands], matrix)
        elif operator == b"BT":
            text_matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        elif operator == b"Tm":
            text_matrix = [float(value) for value in operands]
        elif operator == b"Td":
            text_matrix = _multiply([1.0, 0.0, 0.0, 1.0, float(operands[0]), float(operands[1])], text_matrix)
        elif operator in (b"Tj", b"TJ") and not reported_margin:
            x, y = _apply(_multiply(text_matrix, matrix), 0.0, 0.0)
            if x < margin or y < margin or x > width - margin or y > height - margin:
                reported_margin = True
                _fail(
                    report,
                    where,
                    f"text starts {min(x, y, width - x, height - y) / POINTS_PER_INCH:.2f} in from the page edge",
                    f"home printers cannot print the outer {HOME_MARGIN_INCHES} in; keep text inside the margins",
                )
        elif operator == b"Do" and operands and operands[0] in images:
            image = images[operands[0]]
            shown = math.hypot(matrix[0], matrix[1]) / POINTS_PER_INCH
            ppi = float(image["/Width"]) / shown if shown else float("inf")
            if ppi < MIN_PPI_HOME:
                _fail(
                    report,
                    where,
                    f"an image prints at {ppi:.0f} ppi ({image['/Width']} pixels across {shown:.2f} in)",
                    f"use an image of at least {math.ceil(MIN_PPI_HOME * shown)} pixels across, or SVG",
                )


def _multiply(first: list[float], second: list[float]) -> list[float]:
    """The PDF matrix product first × second (apply `first`, then `second`)."""
    a, b, c, d, e, f = first
    g, h, i, j, k, m = second
    return [a * g + b * i, a * h + b * j, c * g + d * i, c * h + d * j, e * g + f * i + k, e * h + f * j + m]


def _apply(matrix: list[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _inches(size: tuple[float, float]) -> str:
    return f"{size[0] / POINTS_PER_INCH:.2f} × {size[1] / POINTS_PER_INCH:.2f} in"


_REBUILD = "rebuild the PDF with factsheet; if it came from elsewhere, fix it in the program that made it"
