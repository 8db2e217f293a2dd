"""Proofs: PNG pages with the print guides drawn on, plus a grayscale preview, to check before printing.

The guides come from the PDF's own boxes, not from what factsheet meant to make: the trim (the page's
TrimBox, or its MediaBox) in magenta, the bleed (BleedBox, when it differs) in red, the safe zone in cyan
(the edition the PDF declares: 0.125 in inside the trim of a PDF/X print-shop file, 0.25 in otherwise), and
fold lines in green where the page records them (a trifold's FactsheetFolds key). The grayscale preview shows what a
black-and-white office printer will make of the colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from factsheet.errors import FactsheetError, Location
from factsheet.press.layouts import POINTS_PER_INCH
from factsheet.press.preflight import detected_edition
from factsheet.press.prepress import FOLDS_KEY
from factsheet.write import publish_all

TRIM = (214, 0, 140)
BLEED = (220, 30, 30)
SAFE = (0, 160, 220)
FOLD = (0, 150, 60)


@dataclass(frozen=True)
class Proof:
    """The PNG files written for one page."""

    page: int
    colour: Path
    grayscale: Path


def proof(pdf: bytes, output_dir: Path, stem: str, *, dpi: int = 100) -> list[Proof]:
    """Render every page of `pdf` with its guides, and in grayscale, into `output_dir` as `stem-N.png`."""
    import pikepdf
    import pypdfium2
    from PIL import ImageDraw, ImageOps
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with pikepdf.open(BytesIO(pdf)) as opened:
            edition = detected_edition(opened)
        reader = PdfReader(BytesIO(pdf))
        document = pypdfium2.PdfDocument(pdf)
    except (pikepdf.PdfError, pikepdf.PasswordError, PdfReadError, pypdfium2.PdfiumError, ValueError) as error:
        encrypted = isinstance(error, pikepdf.PasswordError)
        raise FactsheetError.at(
            Location.of(f"{stem}.pdf"),
            "this PDF is encrypted: it needs a password to open" if encrypted else "this file is not a readable PDF",
            "ask for a copy without a password" if encrypted else "export the PDF again from the program that made it",
        ) from None
    files: list[tuple[Path, bytes]] = []
    proofs = []
    try:
        for index, page in enumerate(document):
            image = page.render(scale=dpi / POINTS_PER_INCH).to_pil().convert("RGB")
            boxes = reader.pages[index]
            media = boxes.mediabox
            scale = dpi / POINTS_PER_INCH

            gray = ImageOps.grayscale(image)
            draw = ImageDraw.Draw(image)
            trim = boxes.trimbox
            if boxes.bleedbox != trim:
                draw.rectangle(_pixels(boxes.bleedbox, media, scale), outline=BLEED, width=1)
            draw.rectangle(_pixels(trim, media, scale), outline=TRIM, width=2)
            safe = edition.safe_inches * POINTS_PER_INCH
            draw.rectangle(_pixels(trim, media, scale, safe), outline=SAFE, width=1)
            for fold in boxes.get(FOLDS_KEY, []):
                x = (float(trim.left) - float(media.left) + float(fold)) * scale
                top, bottom = (
                    (float(media.top) - float(trim.top)) * scale,
                    (float(media.top) - float(trim.bottom)) * scale,
                )
                for start in range(int(top), int(bottom), 12):
                    draw.line([(x, start), (x, min(start + 6, bottom))], fill=FOLD, width=2)
            colour_path = output_dir / f"{stem}-{index + 1}.png"
            gray_path = output_dir / f"{stem}-{index + 1}-grayscale.png"
            files += [(colour_path, _png(image)), (gray_path, _png(gray))]
            proofs.append(Proof(index + 1, colour_path, gray_path))
    finally:
        document.close()
    publish_all(files)
    return proofs


def _pixels(box: Any, media: Any, scale: float, inset: float = 0.0) -> tuple[float, float, float, float]:
    """A PDF box (points, origin bottom left) as a pixel rectangle on the rendered page (origin top left)."""
    left = (float(box.left) - float(media.left) + inset) * scale
    top = (float(media.top) - float(box.top) + inset) * scale
    right = (float(box.right) - float(media.left) - inset) * scale
    bottom = (float(media.top) - float(box.bottom) - inset) * scale
    return left, top, right - 1, bottom - 1


def _png(image: Any) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
