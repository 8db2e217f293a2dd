"""Preflight's checks of one page: its boxes, its fonts, and everything drawn on it (image resolution, where
text sits, the colours a print-shop page is painted in)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from factsheet.errors import Location
from factsheet.press.editions import Edition
from factsheet.press.layouts import MIN_TEXT_POINTS, POINTS_PER_INCH
from factsheet.press.pdf_walk import ColourSpace, Fill, Image, Text, walk_page

if TYPE_CHECKING:
    from factsheet.press.preflight import PreflightReport

BODY_TEXT_POINTS = 12.0
SIZE_TOLERANCE = 0.5


def check_boxes(
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


def check_fonts(page: Any, where: Location, report: PreflightReport) -> None:
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    for font in fonts.values():
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        descriptor = descriptor if descriptor is not None else {}
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            report.fail(where, f"the font {font.get('/BaseFont')} is not embedded", _REBUILD)


def check_drawing(
    page: Any,
    trim: tuple[float, float, float, float],
    edition: Edition,
    where: Location,
    report: PreflightReport,
    folds: tuple[float, ...] = (),
) -> None:
    """Image resolution, text position, solid fills against the printable area and the folds (`folds`: where
    the page folds, in points from the trim's left edge), and for the shop edition the colours everything is
    painted in."""
    shop = edition.cmyk
    inset = edition.safe_inches * POINTS_PER_INCH - 0.5
    if edition.bleed:
        zone, bounds = f"the {edition.safe_inches} in safe zone inside the trim", trim
    else:
        zone, bounds = "the margins", (0.0, 0.0, trim[2], trim[3])
    reported: set[str] = set()
    bleed_box = tuple(float(value) for value in page.obj.get("/BleedBox", trim))
    for event in walk_page(page):
        if isinstance(event, Text):
            _text(event, bounds, inset, zone, shop, where, report, reported)
        elif isinstance(event, Fill):
            _fill(event, trim, edition, folds, where, report, reported)
            if edition.bleed and "bleed" not in reported and _stops_at_the_trim(event, trim, bleed_box):
                reported.add("bleed")
                report.fail(
                    where,
                    "a solid fill stops at the trim instead of running into the bleed",
                    "a trim a hair off would leave a white sliver along that edge: let the fill run out into the "
                    "bleed (in the template's CSS, like shop.css does for the bands)",
                )
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
    if text.size < MIN_TEXT_POINTS - 0.01 and "size" not in reported:
        reported.add("size")
        report.fail(
            where,
            f"text is printed at {text.size:.1f} pt, under the {MIN_TEXT_POINTS:g} pt minimum",
            "nothing on a handout may be smaller, endnotes included: enlarge it in the stylesheet "
            "(the campaign's <layout>.css, or the template's), or give the layout less to print",
        )
    if shop and text.size < BODY_TEXT_POINTS - 0.01 and not _black_or_white(text) and "ink" not in reported:
        reported.add("ink")
        report.fail(
            where,
            f"{text.size:.1f} pt text is printed in {_describe(text)}, not black ink only",
            "small text in a mix of inks blurs when the plates are a hair out of register; "
            "use the theme's ink colour (CMYK 0 0 0 100) for text under 12 pt",
        )


PRINTABLE_INSET_INCHES = 0.25
"""Home printers leave this much of the sheet's edge unprinted."""
SOLID_POINTS = 3.0
"""A fill thinner than this is a rule or a cut mark, not an area of colour."""
CREEP_INCHES = 1 / 16
"""A solid fill ending closer than this to a fold shows as a sliver on the next panel once the paper creeps."""


def _fill(
    fill: Fill,
    trim: tuple[float, float, float, float],
    edition: Edition,
    folds: tuple[float, ...],
    where: Location,
    report: PreflightReport,
    reported: set[str],
) -> None:
    left, bottom, right, top = fill.box
    trim_left, trim_bottom, trim_right, trim_top = trim
    if (
        _blank(fill)
        or min(right - left, top - bottom) < SOLID_POINTS
        or (left <= trim_left + 1 and bottom <= trim_bottom + 1 and right >= trim_right - 1 and top >= trim_top - 1)
    ):
        return
    if not edition.bleed and "edge" not in reported:
        distance = min(left - trim_left, bottom - trim_bottom, trim_right - right, trim_top - top)
        if distance < PRINTABLE_INSET_INCHES * POINTS_PER_INCH - 0.5:
            reported.add("edge")
            report.fail(
                where,
                f"a solid fill runs to {max(distance, 0) / POINTS_PER_INCH:.2f} in from the page edge",
                f"home printers cannot print the outer {PRINTABLE_INSET_INCHES} in, so it would print with an "
                "uneven white frame: keep fills inside it (the template's CSS), or build the print-shop edition, "
                "whose fills run into the bleed",
            )
    creep = CREEP_INCHES * POINTS_PER_INCH - 0.5
    for fold in folds:
        position = trim_left + fold
        ends = [edge for edge in (left, right) if abs(edge - position) < creep]
        if ends and "fold" not in reported:
            reported.add("fold")
            report.fail(
                where,
                f"a solid fill ends {abs(ends[0] - position) / POINTS_PER_INCH:.2f} in from the fold at "
                f"{fold / POINTS_PER_INCH:.2f} in",
                f"stop fills at least {CREEP_INCHES:g} in short of a fold, or the paper creeping as it folds shows "
                "a sliver of the fill on the next panel",
            )


def _stops_at_the_trim(fill: Fill, trim: tuple[float, ...], bleed_box: tuple[float, ...]) -> bool:
    """A coloured area that reaches an edge of the trim but not the bleed box's edge beyond it."""
    if _blank(fill) or min(fill.box[2] - fill.box[0], fill.box[3] - fill.box[1]) < SOLID_POINTS:
        return False
    for side in range(4):
        outward = -1 if side < 2 else 1
        reaches_trim = (fill.box[side] - trim[side]) * outward > -1.0
        reaches_bleed = (fill.box[side] - bleed_box[side]) * outward > -0.5
        if reaches_trim and not reaches_bleed and abs(bleed_box[side] - trim[side]) > 1.0:
            return True
    return False


def _blank(fill: Fill) -> bool:
    """White (or no colour at all): paper, not ink."""
    if fill.fill_space == "DeviceCMYK":
        return all(value == 0 for value in fill.fill)
    return fill.fill_space in ("DeviceGray", "DeviceRGB") and all(value >= 0.999 for value in fill.fill)


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
