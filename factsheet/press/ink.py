"""Total ink of the print-shop edition: at most MAX_TOTAL_INK anywhere on the page, read from the PDF's own
colours (see ink_walk.py) and, where Ghostscript is installed, checked against its rendering.

Too much ink (say a rich black of 100/100/100/100) does not dry, sets off on the next sheet and cockles the
paper; print shops ask for 300% or less on coated stock (editions.MAX_TOTAL_INK). The cross-check: Ghostscript
renders each page into CMYK separations (its `pamcmyk32` device) without colour conversion, inside the
BleedBox (crop marks are registration colour, full ink on every plate, by design), and the heaviest pixel is
the page's total ink. Its `inkcov` device only reports each page's average coverage, which hides a small
over-inked patch.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from factsheet.errors import Location, Problem
from factsheet.press.editions import MAX_TOTAL_INK

RESOLUTION_DPI = 50
GHOSTSCRIPT_SECONDS = 60


def check_total_ink(pdf: bytes, name: Path, *, cross_check: bool = True) -> list[Problem]:
    """A problem for each page whose total ink is over MAX_TOTAL_INK: measured from the PDF's own colours, and
    with `cross_check` by Ghostscript's rendering too when it is installed (an independent second opinion; the
    higher counts). A batch cross-checks one output of each kind, not every variant."""
    measured = page_total_ink(pdf)
    executable = shutil.which("gs") if cross_check else None
    if executable is not None:
        rendered = ghostscript_total_ink(pdf, executable)
        measured = [max(pair) for pair in zip(measured, rendered, strict=False)] or rendered
    problems = []
    for number, ink in enumerate(measured, start=1):
        if ink > MAX_TOTAL_INK:
            problems.append(
                Problem(
                    Location(str(name), number),
                    f"total ink reaches {ink}% on this page; print shops accept at most {MAX_TOTAL_INK}%",
                    "use lighter CMYK mixes in the theme's cmyk: palette (add up the four numbers)",
                )
            )
    return problems


def page_total_ink(pdf: bytes) -> list[int]:
    """The heaviest total ink on each page, in percent (0 to 400), read from the PDF itself."""
    from io import BytesIO

    import pikepdf

    from factsheet.press.ink_walk import page_ink

    with pikepdf.open(BytesIO(pdf)) as document:
        return [page_ink(page) for page in document.pages]


def ghostscript_total_ink(pdf: bytes, executable: str = "gs") -> list[int]:
    """The heaviest total ink on each page, in percent (0 to 400), as Ghostscript renders its CMYK plates."""
    with tempfile.TemporaryDirectory(prefix="factsheet-ink-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        pattern = Path(folder) / "page-%04d.pam"
        subprocess.run(
            [
                executable,
                "-q",
                "-dSAFER",
                "-dBATCH",
                "-dNOPAUSE",
                "-sDEVICE=pamcmyk32",
                f"-r{RESOLUTION_DPI}",
                "-dUseBleedBox",
                f"-sOutputFile={pattern}",
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=GHOSTSCRIPT_SECONDS,
        )
        return [_heaviest_pixel(page.read_bytes()) for page in sorted(Path(folder).glob("page-*.pam"))]


def _heaviest_pixel(pam: bytes) -> int:
    """The largest C+M+Y+K of a PAM image (4 bytes per pixel), as a percentage of one full ink."""
    end = pam.index(b"ENDHDR\n") + len(b"ENDHDR\n")
    pixels = memoryview(pam)[end:]
    heaviest = max(map(sum, zip(pixels[0::4], pixels[1::4], pixels[2::4], pixels[3::4], strict=True)), default=0)
    return round(heaviest * 100 / 255)
