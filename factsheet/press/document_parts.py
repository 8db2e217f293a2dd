"""PDF/VT-1's document parts for a merged print file: one part per record with the row's values, and reading
them back (what preflight and the tests check).

A print shop's RIP reads the DPart tree to know where each record starts and ends; its metadata (DPM) holds the
record's CSV values, so a shop can find record 4,312 and print it again on its own.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

VT_VERSION = "PDF/VT-1"
SHARED = "/FsShared"


def document_parts(merged: Any, records: Sequence[tuple[int, int, Mapping[str, str]]]) -> None:
    """PDF/VT-1's document part hierarchy: a root, and one part per record with its pages and its row."""
    import pikepdf

    root = merged.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.DPart))
    parts = pikepdf.Array()
    for number, (start, count, row) in enumerate(records, start=1):
        values = pikepdf.Dictionary({f"/{_name(key)}": pikepdf.String(str(value)) for key, value in row.items()})
        metadata = pikepdf.Dictionary(Record=pikepdf.Dictionary(Number=number, Values=values))
        part = merged.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.DPart,
                Parent=root,
                Start=merged.pages[start].obj,
                End=merged.pages[start + count - 1].obj,
                DPM=metadata,
            )
        )
        for page in range(start, start + count):
            merged.pages[page].obj.DPart = part
        parts.append(part)
    root.DParts = pikepdf.Array([parts])
    names = pikepdf.Array([pikepdf.Name("/Document"), pikepdf.Name("/Record")])
    merged.Root.DPartRoot = merged.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.DPartRoot, DPartRootNode=root, RecordLevel=1, NodeNameList=names)
    )
    with merged.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.register_xml_namespace("http://www.npes.org/pdfvt/ns/id/", "pdfvtid")
        meta["pdfvtid:GTS_PDFVTVersion"] = VT_VERSION


def _name(key: str) -> str:
    """A CSV column as a PDF name: letters, digits, hyphens and underscores."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", key) or "column"


def read_back(pdf: bytes) -> tuple[int, int, list[dict[str, str]]]:
    """What a merged file holds, read from the file: its pages, how many distinct shared-page forms its pages
    draw, and each document part's row values in order (empty when it has no DPart tree)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as merged:
        forms = {
            page.obj.Resources.XObject[SHARED].objgen
            for page in merged.pages
            if "/XObject" in page.obj.Resources and SHARED in page.obj.Resources.XObject
        }
        rows: list[dict[str, str]] = []
        if "/DPartRoot" in merged.Root:
            for part in merged.Root.DPartRoot.DPartRootNode.DParts[0]:
                values = part.DPM.Record.Values
                rows.append({key[1:]: str(value) for key, value in values.items()})
        return len(merged.pages), len(forms), rows
