"""One merged print file for a mail merge: the page every variant shares stored once, each record's own part
drawn over it, and for a print shop a PDF/VT-1 document part per record carrying its row's values.

A composed variant's page (render/variable/compose.py) is the shared page's drawing with the record's region
drawn into it at one place, marked by the ten-decimal matrix compose writes there. Here that drawing is split
back: the shared page, region left out, becomes one form XObject (found again by its bytes and resources in
every record, so it is stored once), and each record's page draws it and then its region, under the
transformation that was in force at the cut. Every other object (fonts, images, the colour profile) is stored
once by its content. A variant printed in full keeps its own page. The result prints as the separate outputs
print; a print shop's RIP caches the shared form, and can pull any record by its DPart.

Tags are left out, as in any combined file: each variant's own PDF is the accessible one (a record's own part is
drawn last, so a text extractor reading in drawing order meets it after the shared page's text).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from factsheet.pdf_matrix import fingerprint, page_content
from factsheet.press.document_parts import SHARED, document_parts
from factsheet.press.font_union import FontUnion
from factsheet.render.variable.compose import balanced, transformation
from factsheet.render.variable.regions import RESOURCE_PREFIX

REGION_START = re.compile(rb"\nq\n(?:-?\d+\.\d{10} ){6}cm\n")
"""What compose writes where a record's region begins: a save and a matrix with exactly ten decimals, which
WeasyPrint never writes."""


def split_region(content: bytes) -> tuple[bytes, bytes] | None:
    """A composed page's drawing as (the shared drawing without the region, the region's own drawing with
    the transformation in force where it was cut), or None for a page that was not composed."""
    starts = list(REGION_START.finditer(content))
    if len(starts) != 1:
        return None
    start = starts[0].start()
    depth = 0
    for token in re.finditer(rb"(?<!\S)[qQ](?!\S)", content[start:]):
        depth += 1 if token.group() == b"q" else -1
        if depth == 0:
            end = start + token.end()
            break
    else:
        return None
    shared, region = content[:start] + content[end:], content[start:end]
    matrix = transformation(content[:start])
    if matrix is None or not balanced(shared):
        return None
    placed = b"q\n%s cm\n" % " ".join(f"{value:.10f}" for value in matrix).encode()
    return shared, placed + region + b"\nQ\n"


class _Store:
    """Objects copied into the merged file, each indirect object stored once by what it is, at every depth
    (pikepdf's copy_foreign would copy a font's file again under each font dictionary that holds it)."""

    def __init__(self, target: Any) -> None:
        self.target = target
        self.seen: dict[str, Any] = {}
        self.keys: dict[tuple[int, tuple[int, int]], str] = {}
        self.fonts = FontUnion(target)
        self.font_copies: dict[tuple[int, tuple[int, int]], Any] = {}
        self.source_number = 0

    def begin(self) -> None:
        """The next variant: object numbers from here on are its own (memos of the last one no longer apply)."""
        self.source_number += 1
        self.keys.clear()
        self.font_copies.clear()

    def copy(self, source: Any, value: Any) -> Any:
        import pikepdf

        if isinstance(value, pikepdf.Dictionary) and value.get("/Subtype") == "/Type0" and value.is_indirect:
            memo = (self.source_number, value.objgen)
            if memo not in self.font_copies:
                self.font_copies[memo] = self.fonts.placeholder(value, lambda font: self._fresh(source, font))
            if self.font_copies[memo] is not None:
                return self.font_copies[memo]
        if isinstance(value, pikepdf.Object) and value.is_indirect:
            memo = (self.source_number, value.objgen)
            key = self.keys.get(memo)
            if key is None:
                key = self.keys[memo] = fingerprint(value, raw=True, ignored=("/Length", "/Parent"))
            if key not in self.seen:
                self.seen[key] = self.target.make_indirect(self._direct(source, value))
            return self.seen[key]
        return self._direct(source, value)

    def _fresh(self, source: Any, font: Any) -> Any:
        """A font copied with its own descendant and descriptor, which its union will fill in."""
        import pikepdf

        copied = pikepdf.Dictionary({key: self.copy(source, item) for key, item in font.items()})
        descendant = font.DescendantFonts[0]
        own = pikepdf.Dictionary({key: self.copy(source, item) for key, item in descendant.items()})
        own.FontDescriptor = self.target.make_indirect(
            pikepdf.Dictionary({key: self.copy(source, item) for key, item in descendant.FontDescriptor.items()})
        )
        copied.DescendantFonts = pikepdf.Array([self.target.make_indirect(own)])
        return self.target.make_indirect(copied)

    def _direct(self, source: Any, value: Any) -> Any:
        import pikepdf

        if isinstance(value, pikepdf.Stream):
            copied = pikepdf.Stream(self.target, value.read_raw_bytes())
            for key, item in value.stream_dict.items():
                if key != "/Length":
                    copied.stream_dict[key] = self.copy(source, item)
            return copied
        if isinstance(value, pikepdf.Dictionary):
            return pikepdf.Dictionary({key: self.copy(source, item) for key, item in value.items()})
        if isinstance(value, pikepdf.Array):
            return pikepdf.Array([self.copy(source, item) for item in value])
        return value

    def once(self, value: Any) -> Any:
        """A direct object of the merged file (a page's resources, its boxes) made indirect, stored once."""
        import pikepdf

        if not isinstance(value, pikepdf.Dictionary | pikepdf.Array):
            return value
        key = "once " + _identity(value)
        if key not in self.seen:
            self.seen[key] = self.target.make_indirect(value)
        return self.seen[key]

    def form(self, drawing: bytes, resources: Any, source: Any, box: Any) -> Any:
        """A form XObject of `drawing` with `resources`, stored once per drawing and resources."""
        import pikepdf

        copied = self.copy(source, resources)
        key = "form " + hashlib.sha256(drawing).hexdigest() + _identity(copied)
        if key not in self.seen:
            stream = pikepdf.Stream(self.target, drawing)
            stream.Type, stream.Subtype, stream.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, box
            stream.Resources = copied
            self.seen[key] = self.target.make_indirect(stream)
        return self.seen[key]


def merge_variants(pdfs: Sequence[bytes], rows: Sequence[Mapping[str, str]], *, print_shop: bool) -> bytes:
    """The merged file of `pdfs` (one per row, in row order); a print shop's is PDF/VT-1 with one document
    part per row holding the row's values. The first variant's catalog entries that every variant shares
    (output intent, metadata, language) are kept."""
    import pikepdf

    merged = pikepdf.new()
    store = _Store(merged)
    store.begin()
    with pikepdf.open(io.BytesIO(pdfs[0])) as first:
        for key in ("/OutputIntents", "/Metadata", "/Lang", "/ViewerPreferences"):
            if key in first.Root:
                merged.Root[key] = store.copy(first, first.Root[key])
    records: list[tuple[int, int, Mapping[str, str]]] = []
    for index, pdf in enumerate(pdfs):
        store.begin()
        with pikepdf.open(io.BytesIO(pdf)) as variant:
            start = len(merged.pages)
            for page in variant.pages:
                merged.pages.append(pikepdf.Page(_record_page(store, variant, page)))
            records.append((start, len(merged.pages) - start, rows[index] if index < len(rows) else {}))
    store.fonts.finish()
    if print_shop:
        document_parts(merged, records)
    output = io.BytesIO()
    merged.save(
        output, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True
    )
    return output.getvalue()


BOXES = ("/MediaBox", "/TrimBox", "/BleedBox", "/ArtBox", "/CropBox", "/Rotate")


def _record_page(store: _Store, variant: Any, page: Any) -> Any:
    """One record's page in the merged file: the shared form and its region, or its own drawing."""
    import pikepdf

    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    drawing = page_content(page)
    split = split_region(drawing)
    own = pikepdf.Dictionary({category: entries for category, entries in resources.items()})
    form = None
    if split is not None:
        shared_drawing, drawing = split
        shared = pikepdf.Dictionary()
        for category, entries in resources.items():
            if isinstance(entries, pikepdf.Dictionary):
                kept = {key: value for key, value in entries.items() if not key.startswith(f"/{RESOURCE_PREFIX}")}
                shared[category] = pikepdf.Dictionary(kept)
            else:
                shared[category] = entries
        box = store.copy(variant, page.obj.get("/BleedBox") or page.obj.MediaBox)
        form = store.form(shared_drawing, shared, variant, box)
        drawing = b"q\n%s Do\nQ\n" % SHARED.encode() + drawing
    copied = store.copy(variant, own)
    if form is not None:
        if "/XObject" not in copied:
            copied.XObject = pikepdf.Dictionary()
        elif copied.XObject.is_indirect:
            copied.XObject = pikepdf.Dictionary(dict(copied.XObject.items()))
        copied.XObject[SHARED] = form
    result = pikepdf.Dictionary(Type=pikepdf.Name.Page, Resources=store.once(copied))
    for key in BOXES:
        if key in page.obj:
            result[key] = store.once(store.copy(variant, page.obj[key]))
    annotations = [_annotation(store, variant, annotation) for annotation in page.obj.get("/Annots", [])]
    if annotations:
        result.Annots = pikepdf.Array(annotations)
    result.Contents = pikepdf.Stream(store.target, drawing)
    return store.target.make_indirect(result)


def _annotation(store: _Store, variant: Any, annotation: Any) -> Any:
    """A link annotation without its ties to the variant's page and structure tree."""
    import pikepdf

    kept = {key: value for key, value in annotation.items() if key not in ("/P", "/StructParent", "/Parent")}
    return store.target.make_indirect(store.copy(variant, pikepdf.Dictionary(kept)))


def _identity(value: Any) -> str:
    """What an object of the merged file is: its objects already stored once, an indirect one is its number."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return f"{value.objgen}"
    if isinstance(value, pikepdf.Dictionary):
        return f"dict {sorted((key, _identity(item)) for key, item in value.items())}"
    if isinstance(value, pikepdf.Array):
        return f"array {[_identity(item) for item in value]}"
    return repr(value)
