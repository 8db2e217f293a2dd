"""Combined mail-merge PDFs: every variant of a merge in row order, in one file to print in one go."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factsheet.batch.plan import Job


def combined_outputs(jobs: Sequence[Job], fresh: Mapping[Path, bytes]) -> list[tuple[Path, bytes]]:
    """One PDF per combine group with every variant in row order, remade when any variant was rebuilt or the
    combined file is missing. `fresh` holds the PDFs rendered in this build, by output path."""
    groups: dict[Path, list[Job]] = {}
    for job in jobs:
        if job.combined is not None:
            groups.setdefault(job.combined, []).append(job)
    documents = []
    for combined, members in groups.items():
        if combined.is_file() and not any(member.output in fresh for member in members):
            continue
        documents.append((combined, concatenate([fresh.get(m.output) or m.output.read_bytes() for m in members])))
    return documents


def concatenate(pdfs: Sequence[bytes]) -> bytes:
    """The PDFs one after another, for printing in one go. The first one's catalog is kept, with its output
    intent, XMP metadata and language (every variant shares them; a print-shop PDF needs its CMYK output
    intent). The structure tags are dropped: each variant's tree numbers its own pages, and mixed together
    they would point a screen reader at the wrong page. The tagged PDFs are the variants themselves."""
    import pikepdf

    with pikepdf.open(BytesIO(pdfs[0])) as combined:
        for pdf in pdfs[1:]:
            with pikepdf.open(BytesIO(pdf)) as other:
                combined.pages.extend(other.pages)
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in combined.Root:
                del combined.Root[key]
        for page in combined.pages:
            if "/StructParents" in page.obj:
                del page.obj["/StructParents"]
        buffer = BytesIO()
        combined.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def page_count(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(BytesIO(pdf)) as document:
        return len(document.pages)
