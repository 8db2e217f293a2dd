"""Preflight: check a finished PDF the way a print shop would, before anyone pays for a print run.

Independent of how the PDF was made, it reads the file back and checks what goes wrong on paper. Every
edition: page size and origin, fonts embedded. Home: raster images at 150 ppi or more, text clear of the
0.25 in strip a home printer cannot reach, and the structure a screen reader needs, confirmed by an
independent PDF/UA-1 validator. Shop: TrimBox and BleedBox right, images at 300 ppi, text inside the safe
zone, no RGB anywhere, a CMYK output intent, total ink within 300% (Ghostscript), small text in black ink
only. Archive: PDF/A-3b by the same independent validator, with the evidence files attached.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from factsheet.errors import Location, Problem
from factsheet.press.editions import ARCHIVE, HOME, MAX_TOTAL_INK, SHOP, Edition
from factsheet.press.pdf_walk import ColourSpace, Image, Text, walk_page

POINTS_PER_INCH = 72.0
BODY_TEXT_POINTS = 12.0
SIZE_TOLERANCE = 0.5


@dataclass
class PreflightReport:
    """What was checked, and every check that failed."""

    pages: int = 0
    edition: Edition = HOME
    checked: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, where: Location, message: str, hint: str) -> None:
        self.problems.append(Problem(where, message, hint))


def preflight(
    pdf: bytes,
    name: Path,
    *,
    page_size: tuple[float, float] | None = None,
    tagged: bool = True,
    edition: Edition | None = None,
    bleed: float | None = None,
) -> PreflightReport:
    """Check the PDF `pdf` (reported as `name`); `page_size` in points is the trimmed size every page must
    have. `edition` is read from the PDF's output intent when not given (PDF/X: shop, PDF/A: archive);
    `bleed` in points is what the shop edition's BleedBox must add. `tagged=False` skips the screen-reader
    checks, for imposed print sheets (the flyer itself is checked); the shop edition, read by a press and not a
    screen reader, is not held to them either (a combined mail-merge PDF drops the tags)."""
    import pikepdf

    try:
        opened = pikepdf.open(BytesIO(pdf))
    except pikepdf.PdfError:
        report = PreflightReport()
        report.fail(Location(str(name)), "this file is not a readable PDF", "check that it is the PDF factsheet wrote")
        return report
    with opened as document:
        edition = edition or detected_edition(document)
        tagged = tagged and edition.screen_reader
        report = PreflightReport(pages=len(document.pages), edition=edition)
        document_location = Location(str(name))
        if tagged:
            _document_checks(document, document_location, report)
        if edition.cmyk:
            _output_intent(document, document_location, report)
        if edition.attaches_evidence:
            _attachments(document, document_location, report)
        for number, page in enumerate(document.pages, start=1):
            where = Location(str(name), number)
            trim = _boxes(page, page_size, edition, bleed, where, report)
            _fonts(page, where, report)
            _drawing(page, trim, edition, where, report)
    if edition.conformance and (tagged or edition.attaches_evidence):
        _conformance(pdf, edition.conformance, document_location, report)
    if edition.cmyk:
        from factsheet.press.ink import check_total_ink

        for problem in check_total_ink(pdf, name):
            report.problems.append(problem)
    report.checked = _checked(edition, tagged)
    return report


def detected_edition(document: Any) -> Edition:
    """Which edition a PDF claims to be, from its output intent or its XMP label: PDF/X for the shop, PDF/A for
    the archive. A file labelled PDF/X is then held to every shop check, whatever made it."""
    intents = document.Root.get("/OutputIntents", [])
    subtypes = {str(intent.get("/S")) for intent in intents}
    metadata = document.Root.get("/Metadata")
    xmp = bytes(metadata.read_bytes()) if metadata is not None else b""
    if "/GTS_PDFX" in subtypes or b"GTS_PDFXVersion" in xmp:
        return SHOP
    if "/GTS_PDFA1" in subtypes or b"pdfaid:" in xmp:
        return ARCHIVE
    return HOME


def _checked(edition: Edition, tagged: bool) -> list[str]:
    checked = ["page size and origin", "fonts embedded", f"raster images at least {edition.min_ppi} ppi"]
    if edition.cmyk:
        checked += [
            "TrimBox and BleedBox",
            f"text inside the {edition.safe_inches} in safe zone",
            "no RGB colour",
            "CMYK output intent",
            f"total ink at most {MAX_TOTAL_INK}% (Ghostscript)",
            f"text under {BODY_TEXT_POINTS:g} pt in black ink only",
        ]
    else:
        checked.append(f"text at least {edition.safe_inches} in from the edge")
    if tagged:
        checked.append("tagged, with language and title")
        if not edition.attaches_evidence and edition.conformance:
            checked.append(f"{edition.label} (page-validation)")
    if edition.attaches_evidence:
        checked += [f"{edition.label} (page-validation)", "sheet and sources attached"]
    return checked


def _document_checks(document: Any, where: Location, report: PreflightReport) -> None:
    root = document.Root
    if "/StructTreeRoot" not in root:
        report.fail(where, "the PDF is not tagged", "screen readers need a tagged PDF; build it with factsheet")
    if not str(root.get("/Lang", "")):
        report.fail(where, "the PDF does not say its language", "set language: in the sheet")
    if not str(document.docinfo.get("/Title", "")):
        report.fail(where, "the PDF has no title", "set title: in the sheet")


def _conformance(pdf: bytes, profile: str, where: Location, report: PreflightReport) -> None:
    """Validate against a PDF/UA or PDF/A profile with `page`, a validator independent of WeasyPrint: the
    variant WeasyPrint was asked for is a label until someone else's checker agrees."""
    from factsheet.press.conformance import PROFILE_NAMES, validate

    for failure in validate(pdf, profile)[:5]:
        report.fail(
            where,
            f"the PDF does not meet {PROFILE_NAMES[profile]}: {failure.message} [{failure.rule}]",
            "rebuild it with factsheet; if a campaign template is in use, check its markup (lists, images, headings)",
        )


def _output_intent(document: Any, where: Location, report: PreflightReport) -> None:
    intents = [intent for intent in document.Root.get("/OutputIntents", []) if "/DestOutputProfile" in intent]
    if not any(int(intent.DestOutputProfile.get("/N", 0)) == 4 for intent in intents):
        report.fail(
            where,
            "the print-shop PDF has no CMYK output intent (the ICC profile that says what its CMYK means)",
            "rebuild it with factsheet build --print-shop",
        )


def _attachments(document: Any, where: Location, report: PreflightReport) -> None:
    names = set(document.attachments.keys())
    if not any(name.endswith(".yaml") for name in names) or not any(name.endswith(".txt") for name in names):
        report.fail(
            where,
            "the archive PDF does not carry its sheet and sources as attachments",
            "rebuild it with factsheet build --archive",
        )


def _boxes(
    page: Any,
    expected: tuple[float, float] | None,
    edition: Edition,
    bleed: float | None,
    where: Location,
    report: PreflightReport,
) -> tuple[float, float, float, float]:
    """Check the page boxes; returns the trim box (the media box for editions without bleed)."""
    media = [float(value) for value in page.obj.MediaBox]
    if abs(media[0]) > SIZE_TOLERANCE or abs(media[1]) > SIZE_TOLERANCE:
        report.fail(where, f"the page box starts at ({media[0]:g}, {media[1]:g}), not at 0,0", _REBUILD)
    trim = [float(value) for value in page.obj.get("/TrimBox", media)]
    if edition.bleed:
        _bleed_box(page, media, trim, expected, bleed, where, report)
    if expected is not None:
        size = (trim[2] - trim[0], trim[3] - trim[1])
        if any(abs(actual - wanted) > SIZE_TOLERANCE for actual, wanted in zip(size, expected, strict=True)):
            report.fail(
                where,
                f"the page is {_inches(size)} but the layout is {_inches(expected)}",
                "rebuild with the right --paper and --layout",
            )
    return trim[0], trim[1], trim[2], trim[3]


def _bleed_box(
    page: Any,
    media: list[float],
    trim: list[float],
    expected: tuple[float, float] | None,
    bleed: float | None,
    where: Location,
    report: PreflightReport,
) -> None:
    if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
        report.fail(where, "the print-shop page has no TrimBox or BleedBox", "rebuild it with --print-shop")
        return
    box = [float(value) for value in page.obj.BleedBox]
    wanted = [trim[0] - (bleed or 0), trim[1] - (bleed or 0), trim[2] + (bleed or 0), trim[3] + (bleed or 0)]
    if bleed is not None and any(abs(have - want) > SIZE_TOLERANCE for have, want in zip(box, wanted, strict=True)):
        report.fail(
            where,
            f"the BleedBox does not add {bleed / POINTS_PER_INCH:.3f} in of bleed on every side of the trim",
            _REBUILD,
        )
    if box[0] < media[0] - SIZE_TOLERANCE or box[2] > media[2] + SIZE_TOLERANCE:
        report.fail(where, "the BleedBox reaches outside the page", _REBUILD)


def _fonts(page: Any, where: Location, report: PreflightReport) -> None:
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    for font in fonts.values():
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        descriptor = descriptor if descriptor is not None else {}
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            report.fail(where, f"the font {font.get('/BaseFont')} is not embedded", _REBUILD)


def _drawing(
    page: Any, trim: tuple[float, float, float, float], edition: Edition, where: Location, report: PreflightReport
) -> None:
    """Image resolution, text position, and for the shop edition the colours everything is painted in."""
    shop = edition.cmyk
    inset = edition.safe_inches * POINTS_PER_INCH - 0.5
    if edition.bleed:
        zone, bounds = f"the {edition.safe_inches} in safe zone inside the trim", trim
    else:
        zone, bounds = "the margins", (0.0, 0.0, trim[2], trim[3])
    reported: set[str] = set()
    for event in walk_page(page):
        if isinstance(event, Text):
            _text(event, bounds, inset, zone, shop, where, report, reported)
        elif isinstance(event, Image):
            _image(event, edition.min_ppi, where, report)
            if shop and "DeviceRGB" in event.colour_space and "rgb" not in reported:
                reported.add("rgb")
                report.fail(where, "an image is in RGB", "convert images to CMYK for the print shop, or use SVG")
        elif shop and isinstance(event, ColourSpace) and "DeviceRGB" in event.name and "rgb" not in reported:
            reported.add("rgb")
            report.fail(
                where,
                f"the print-shop page uses RGB colour ({event.used_by})",
                "every colour must come from the theme's CMYK palette; check campaign templates for RGB colours",
            )


def _text(
    text: Text,
    bounds: tuple[float, float, float, float],
    inset: float,
    zone: str,
    shop: bool,
    where: Location,
    report: PreflightReport,
    reported: set[str],
) -> None:
    left, bottom, right, top = bounds
    distance = min(text.x - left, text.y - bottom, right - text.x, top - text.y)
    if distance < inset and "margin" not in reported:
        reported.add("margin")
        edge = "trim" if shop else "page edge"
        report.fail(
            where,
            f"text starts {distance / POINTS_PER_INCH:.2f} in from the {edge}",
            f"keep text inside {zone}: "
            + ("a trim a hair off would cut it" if shop else "home printers cannot print the outer 0.25 in"),
        )
    if shop and text.size < BODY_TEXT_POINTS - 0.01 and not _black_or_white(text) and "ink" not in reported:
        reported.add("ink")
        report.fail(
            where,
            f"{text.size:.1f} pt text is printed in {_describe(text)}, not black ink only",
            "small text in a mix of inks blurs when the plates are a hair out of register; "
            "use the theme's ink colour (CMYK 0 0 0 100) for text under 12 pt",
        )


def _black_or_white(text: Text) -> bool:
    if text.fill_space == "DeviceCMYK" and len(text.fill) == 4:
        cyan, magenta, yellow, black = text.fill
        return cyan == magenta == yellow == 0 and black in (0.0, 1.0)
    return text.fill_space == "DeviceGray" and text.fill in ((0.0,), (1.0,))


def _describe(text: Text) -> str:
    values = " ".join(f"{value * 100:g}" for value in text.fill)
    return f"{text.fill_space} {values}".strip()


def _image(image: Image, minimum: int, where: Location, report: PreflightReport) -> None:
    ppi = image.pixels / image.inches if image.inches else math.inf
    if ppi < minimum:
        report.fail(
            where,
            f"an image prints at {ppi:.0f} ppi ({image.pixels} pixels across {image.inches:.2f} in)",
            f"use an image of at least {math.ceil(minimum * image.inches)} pixels across, or SVG",
        )


def _inches(size: tuple[float, float]) -> str:
    return f"{size[0] / POINTS_PER_INCH:.2f} × {size[1] / POINTS_PER_INCH:.2f} in"


_REBUILD = "rebuild the PDF with factsheet; if it came from elsewhere, fix it in the program that made it"
