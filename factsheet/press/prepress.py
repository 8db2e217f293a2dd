"""Finish PDFs after WeasyPrint where it falls short: the shop edition's boxes and marks, the archive's XMP.

WeasyPrint writes a bleed page with its MediaBox starting at minus the bleed, which some prepress software
(Illustrator among them: WeasyPrint #2685) shows shifted or cropped; every page here is moved so the MediaBox
starts at 0,0, with TrimBox and BleedBox where the shop expects them. WeasyPrint's own crop marks sit inside
the bleed, under full-bleed artwork, in RGB black; ours are drawn last, outside the bleed, in registration
colour (the Separation "All", so they print on every plate) at 0.25 pt, as untagged artifacts.
"""

from __future__ import annotations

import binascii
import hashlib
import re
import uuid
import zlib
from io import BytesIO
from typing import Any

MARK_GAP = 3.0
MARK_LENGTH = 18.0
MARK_WIDTH = 0.25
MARK_SLUG = MARK_GAP + MARK_LENGTH + MARK_GAP
"""Points: how far past the bleed a mark starts, how long it is, its line width, and the paper it needs."""

REGISTRATION = "/FactsheetRegistration"


FOLDS_KEY = "/FactsheetFolds"
"""A page key naming where the sheet folds (points from the trim's left edge), for proofs to draw."""


def finish(
    pdf: bytes,
    *,
    bleed: float | None = None,
    crop_marks: bool = False,
    folds: tuple[tuple[float, ...], ...] = (),
    archive: bool = False,
) -> bytes:
    """Rewrite what WeasyPrint left to fix, in one pass. `bleed` (points) moves the shop edition's pages to a
    0,0 origin with TrimBox and BleedBox, and `crop_marks` adds marks at every trim corner; `folds` records
    each page's fold lines; `archive` leaves the XMP metadata uncompressed, as PDF/A requires (ISO 19005-3,
    6.6.2.1: no Filter on the metadata stream), which WeasyPrint 70 does not do for its pdf/a variants."""
    import pikepdf

    if bleed is None and not folds and not archive:
        return pdf
    with pikepdf.open(BytesIO(pdf)) as document:
        if bleed is not None:
            _move_to_origin(document, bleed, crop_marks)
        for page, page_folds in zip(document.pages, folds, strict=False):
            page.obj[FOLDS_KEY] = pikepdf.Array(page_folds)
        if archive:
            metadata = document.Root.Metadata
            metadata.write(metadata.read_bytes())
        _fix_document_id(document)
        _no_stream_ends_in_cr(document)
        output = BytesIO()
        document.save(
            output,
            deterministic_id=True,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
        )
    return output.getvalue()


RANDOM_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def _no_stream_ends_in_cr(document: Any) -> None:
    """A stream whose encoded bytes end in CR is written as CR, LF, `endstream`, which a reader takes as one
    end-of-line marker: the stream then reads one byte short of its /Length, and a PDF/A validator refuses the
    file (about one compressed stream in 256, by the last byte of its checksum). Such a stream gets an
    ASCIIHex layer on top of its filters, whose encoding ends in '>' (and the file is saved without qpdf
    decoding and re-deflating streams, which would take the layer off again; WeasyPrint compressed them)."""

    import pikepdf

    for stream in document.objects:
        if not isinstance(stream, pikepdf.Stream):
            continue
        raw = stream.read_raw_bytes()
        if not raw.endswith(b"\r"):
            continue
        filters = stream.get("/Filter")
        chain = list(filters) if isinstance(filters, pikepdf.Array) else [filters] if filters is not None else []
        parms = stream.get("/DecodeParms")
        parms_chain: list[Any] = list(parms) if isinstance(parms, pikepdf.Array) else [parms] if parms else []
        parms_chain += [None] * (len(chain) - len(parms_chain))
        stream.write(
            binascii.hexlify(raw) + b">",
            filter=pikepdf.Array([pikepdf.Name.ASCIIHexDecode, *chain]),
            decode_parms=pikepdf.Array([None, *parms_chain]) if any(parms_chain) else None,
        )


def _flated(document: Any, data: bytes) -> Any:
    """A new content stream, compressed here: the file is saved without qpdf compressing streams for us."""
    import pikepdf

    stream = pikepdf.Stream(document, zlib.compress(data))
    stream.Filter = pikepdf.Name.FlateDecode
    return stream


def _fix_document_id(document: Any) -> None:
    """WeasyPrint writes a random xmpMM:DocumentID into a PDF/X-4's XMP (a uuid4), so the same input would
    give different bytes on every build. Derive it from what the pages draw and the rest of the metadata; the
    file identifier WeasyPrint hashed from the random one is dropped, and saving makes it anew from the content."""
    import pikepdf

    metadata = document.Root.get("/Metadata")
    if metadata is None:
        return
    xmp = bytes(metadata.read_bytes())
    if not RANDOM_DOCUMENT_ID.search(xmp):
        return
    fingerprint = hashlib.sha256(RANDOM_DOCUMENT_ID.sub(b"xmp.did:", xmp))
    for page in document.pages:
        contents = page.obj.get("/Contents")
        for stream in contents if isinstance(contents, pikepdf.Array) else [contents] if contents else []:
            fingerprint.update(stream.read_bytes())
    identifier = uuid.UUID(bytes=fingerprint.digest()[:16], version=4)
    metadata.write(RANDOM_DOCUMENT_ID.sub(f"xmp.did:{identifier}".encode(), xmp))
    if "/ID" in document.trailer:
        del document.trailer["/ID"]


def _move_to_origin(document: Any, bleed: float, crop_marks: bool) -> None:
    import pikepdf

    margin = bleed + (MARK_SLUG if crop_marks else 0.0)
    registration = _registration_colour(document) if crop_marks else None
    for page in document.pages:
        left, bottom, right, top = (float(value) for value in page.obj.TrimBox)
        width, height = right - left, top - bottom
        shift_x, shift_y = margin - left, margin - bottom
        shift = f"q 1 0 0 1 {shift_x:g} {shift_y:g} cm\n".encode()
        page.contents_add(_flated(document, shift), prepend=True)
        page.contents_add(_flated(document, b"\nQ\n"), prepend=False)
        for annotation in page.obj.get("/Annots", []):
            x1, y1, x2, y2 = (float(value) for value in annotation.Rect)
            annotation.Rect = pikepdf.Array([x1 + shift_x, y1 + shift_y, x2 + shift_x, y2 + shift_y])
        page.obj.MediaBox = pikepdf.Array([0, 0, width + 2 * margin, height + 2 * margin])
        page.obj.TrimBox = pikepdf.Array([margin, margin, margin + width, margin + height])
        page.obj.BleedBox = pikepdf.Array(
            [margin - bleed, margin - bleed, margin + width + bleed, margin + height + bleed]
        )
        if "/CropBox" in page.obj:
            del page.obj["/CropBox"]
        if registration is not None:
            resources = page.obj.Resources
            if "/ColorSpace" not in resources:
                resources.ColorSpace = pikepdf.Dictionary()
            resources.ColorSpace[REGISTRATION] = registration
            page.contents_add(_flated(document, _crop_marks(margin, width, height, bleed)), prepend=False)


def _registration_colour(document: Any) -> Any:
    """Separation /All: a tint of 1 puts full ink on every plate, so the marks show on each."""
    import pikepdf

    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return document.make_indirect(
        pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK, tint])
    )


def _crop_marks(margin: float, width: float, height: float, bleed: float) -> bytes:
    """Two lines at each trim corner, on the trim lines' extensions, starting MARK_GAP beyond the bleed."""
    near, far = bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH
    lines = []
    for x, outward_x in ((margin, -1), (margin + width, 1)):
        for y, outward_y in ((margin, -1), (margin + height, 1)):
            lines.append((x + outward_x * near, y, x + outward_x * far, y))
            lines.append((x, y + outward_y * near, x, y + outward_y * far))
    path = "".join(f"{x1:g} {y1:g} m {x2:g} {y2:g} l S\n" for x1, y1, x2, y2 in lines)
    return f"/Artifact BMC\nq\n{REGISTRATION} CS 1 SCN {MARK_WIDTH:g} w 0 J\n{path}Q\nEMC\n".encode()
