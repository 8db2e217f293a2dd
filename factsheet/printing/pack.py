"""The print shop's pack: one folder (and the same as a zip) per job, with what a shop asks for and nothing else.

The shop PDF (CMYK, bleed, PDF/X-4), its job ticket naming that very file, a proof PNG of each page with
trim, bleed, safe-zone and fold lines, and a SHA-256 list. Every file carries the same version tag, the first
digits of the shop PDF's own SHA-256, so a ticket or a proof from one version cannot be mistaken for
another's, and a reprint of the same file gets the same name. Built through the one build path: the gate applies.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from factsheet.press.layouts import LAYOUTS, LayoutName, PaperName
from factsheet.write import publish_all

PACK_FOLDER = "pack"
CHECKSUM_FILE = "SHA256SUMS.txt"


@dataclass(frozen=True)
class Pack:
    """Where the pack went: its folder, its zip, and the files in it."""

    folder: Path
    zip: Path
    files: tuple[Path, ...]


def version_tag(pdf: bytes) -> str:
    return "v" + hashlib.sha256(pdf).hexdigest()[:10]


def pack_for_shop(
    sheet: Path | None,
    layout: LayoutName,
    paper: PaperName,
    *,
    language: str | None = None,
    crop_marks: bool = False,
    output_dir: Path = Path("output"),
) -> Pack:
    """Build the shop edition of one layout on one paper with its ticket, and pack it for the shop."""
    import tempfile

    from factsheet.pipeline import build
    from factsheet.press.proof import proof
    from factsheet.press.ticket import preflight_ticket, render_ticket
    from factsheet.produce.builtin import ticket_for_file

    result = build(
        sheet,
        layouts=(layout,),
        papers=(paper,),
        languages=(language,) if language else (),
        edition="shop",
        crop_marks=crop_marks,
        output_dir=output_dir,
    )
    shop_pdf = result.paths[0]
    pdf = shop_pdf.read_bytes()
    stem = f"{shop_pdf.stem}-{version_tag(pdf)}"
    folder = output_dir / PACK_FOLDER / stem
    checked = next(iter(result.checks.values()))
    ticket = ticket_for_file(checked, f"{stem}.pdf", LAYOUTS[layout], paper, language, crop_marks)
    ticket_pdf = render_ticket(ticket, paper, checked.located.sheet.as_of.isoformat(), shop_pdf)
    preflight_ticket(ticket_pdf, paper, folder / f"{stem}-ticket.pdf")
    files: dict[str, bytes] = {f"{stem}.pdf": pdf, f"{stem}-ticket.pdf": ticket_pdf}
    with tempfile.TemporaryDirectory() as scratch:
        for page in proof(pdf, Path(scratch), f"{stem}-proof"):
            files[page.colour.name] = page.colour.read_bytes()
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))
    files[CHECKSUM_FILE] = sums.encode("ascii")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        for name, data in sorted(files.items()):
            zipped.writestr(zipfile.ZipInfo(f"{stem}/{name}", date_time=(2020, 1, 1, 0, 0, 0)), data)
    zip_path = folder.with_name(f"{stem}.zip")
    written = [(folder / name, data) for name, data in sorted(files.items())]
    publish_all([*written, (zip_path, archive.getvalue())])
    return Pack(folder, zip_path, tuple(path for path, _ in written))
