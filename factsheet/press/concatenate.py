"""PDFs one after another in one file (the combined mail merge, to print in one go), and a PDF's page count."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO


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
