"""Preflight: check a finished PDF the way a print shop would, before anyone pays for a print run.

Independent of how the PDF was made, it reads the file back and checks what goes wrong on paper. Every
edition: page size and origin, fonts embedded. Home: raster images at 150 ppi or more, text clear of the
0.25 in strip a home printer cannot reach, and the structure a screen reader needs, confirmed by an
independent PDF/UA-1 validator. Shop: TrimBox and BleedBox right, images at 300 ppi, text inside the safe
zone, no RGB anywhere, a CMYK output intent, total ink within 300% (from the PDF's colours, with Ghostscript
as a second opinion where installed), small text in black ink
only. Archive: PDF/A-3b by the same independent validator, with the evidence files attached.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from factsheet.errors import Location, Problem
from factsheet.press.editions import ARCHIVE, HOME, MAX_TOTAL_INK, SHOP, Edition
from factsheet.press.layouts import MIN_TEXT_POINTS
from factsheet.press.page_checks import (
    BODY_TEXT_POINTS,
    PRINTABLE_INSET_INCHES,
    check_boxes,
    check_drawing,
    check_fonts,
)


@dataclass
class PreflightReport:
    """What was checked, and every check that failed."""

    pages: int = 0
    edition: Edition = HOME
    ink_cross_checked: bool = False
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
    cross_check: bool = True,
    folds: tuple[tuple[float, ...], ...] = (),
) -> PreflightReport:
    """Check the PDF `pdf` (reported as `name`); `page_size` in points is the trimmed size every page must
    have. `edition` is read from the PDF's output intent when not given (PDF/X: shop, PDF/A: archive);
    `bleed` in points is what the shop edition's BleedBox must add. `tagged=False` skips the screen-reader
    checks, for imposed print sheets (the flyer itself is checked); the shop edition, read by a press and not a
    screen reader, is not held to them either (a combined mail-merge PDF drops the tags)."""
    import pikepdf

    try:
        opened = pikepdf.open(BytesIO(pdf))
    except pikepdf.PasswordError:
        return _unreadable(
            name, "this PDF is encrypted: it needs a password to open", "ask for a copy without a password"
        )
    except pikepdf.PdfError:
        return _unreadable(name, "this file is not a readable PDF", "check that it is the PDF factsheet wrote")
    try:
        report, tagged = _check_document(opened, pdf, name, page_size, tagged, edition, bleed, cross_check, folds)
    except (pikepdf.PdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        if "bad_alloc" in str(error):
            raise MemoryError from None
        return _unreadable(
            name,
            f"this PDF is damaged or built in a way factsheet cannot read ({type(error).__name__})",
            "export the PDF again from the program that made it, or ask the sender for a fresh copy",
        )
    finally:
        opened.close()
    report.checked = _checked(report.edition, tagged, report.ink_cross_checked)
    return report


def _unreadable(name: Path, message: str, hint: str) -> PreflightReport:
    report = PreflightReport()
    report.fail(Location(str(name)), message, hint)
    return report


def _check_document(
    document: Any,
    pdf: bytes,
    name: Path,
    page_size: tuple[float, float] | None,
    tagged: bool,
    edition: Edition | None,
    bleed: float | None,
    cross_check: bool = True,
    folds: tuple[tuple[float, ...], ...] = (),
) -> tuple[PreflightReport, bool]:
    """Every check of an opened PDF; returns the report and whether the screen-reader checks applied."""
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
    trims: list[tuple[float, float, float, float]] = []
    for number, page in enumerate(document.pages, start=1):
        where = Location(str(name), number)
        if inflates_too_far(page):
            report.fail(
                where,
                f"this page's drawing inflates to more than {MAX_CONTENT_BYTES // 1_000_000} MB",
                "a handout's page needs far less: the PDF is damaged, or built to exhaust memory; do not print it",
            )
            continue
        trim = check_boxes(page, page_size, edition, bleed, where, report)
        trims.append(trim)
        check_fonts(page, where, report)
        check_drawing(page, trim, edition, where, report, folds[number - 1] if number <= len(folds) else ())
    if not report.problems:
        from factsheet.press.text_extent import text_beyond_bounds

        report.problems.extend(text_beyond_bounds(pdf, name, trims, edition, folds))
    if edition.conformance and (tagged or edition.attaches_evidence):
        _conformance(pdf, edition.conformance, document_location, report)
    if edition.cmyk:
        from factsheet.press.ink import check_total_ink

        report.problems.extend(check_total_ink(pdf, name, cross_check=cross_check))
        report.ink_cross_checked = cross_check and shutil.which("gs") is not None
    return report, tagged


MAX_CONTENT_BYTES = 100_000_000


def inflates_too_far(page: Any) -> bool:
    """Whether a page's content streams decompress to more than MAX_CONTENT_BYTES, measured while inflating
    in slices (a 1 MB stream can hold gigabytes), so the check itself never holds more than a slice."""
    import zlib

    import pikepdf

    contents = page.obj.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
    total = 0
    for stream in streams:
        if stream.get("/Filter") != pikepdf.Name.FlateDecode:
            continue
        inflater = zlib.decompressobj()
        pending = bytes(stream.read_raw_bytes())
        while pending:
            try:
                total += len(inflater.decompress(pending, 1_000_000))
            except zlib.error:
                return False
            pending = inflater.unconsumed_tail
            if total > MAX_CONTENT_BYTES:
                return True
    return False


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


def _checked(edition: Edition, tagged: bool, ink_cross_checked: bool = False) -> list[str]:
    checked = ["page size and origin", "fonts embedded", f"raster images at least {edition.min_ppi} ppi"]
    checked.append(f"no text under {MIN_TEXT_POINTS:g} pt")
    if edition.cmyk:
        checked += [
            "TrimBox and BleedBox",
            f"text inside the {edition.safe_inches} in safe zone",
            "no RGB colour",
            "CMYK output intent",
            f"total ink at most {MAX_TOTAL_INK}% (read from the PDF's colours"
            + (", Ghostscript agreeing)" if ink_cross_checked else ")"),
            f"text under {BODY_TEXT_POINTS:g} pt in black ink only",
        ]
    else:
        checked.append(f"text at least {edition.safe_inches} in from the edge")
        checked.append(f"solid fills at least {PRINTABLE_INSET_INCHES} in from the edge")
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
