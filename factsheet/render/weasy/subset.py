"""Font subsetting with the HarfBuzz that ships inside the `uharfbuzz` wheel, on every machine.

WeasyPrint 70 subsets each embedded font with the system's libharfbuzz-subset when the machine has it, and
with fontTools when it does not. The two write different bytes for the same input, and fontTools takes about
2 seconds per PDF instead of about 10 ms: the same sheet made a different, slower PDF on a machine without
one Debian package. factsheet hands WeasyPrint's subsetting to uharfbuzz instead (HarfBuzz compiled into a
pip-installable wheel), with exactly the steps and flags WeasyPrint's own HarfBuzz path uses, so every
machine with the same Python packages gets the same bytes, fast, whatever the system has.

This replaces one method of WeasyPrint's font class; WeasyPrint is pinned to 70.x in pyproject.toml, and
tests/render/test_weasy.py checks what it does and that its target is still there.
"""

from __future__ import annotations

from functools import cache
from typing import Any

DROPPED_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")
"""The tables WeasyPrint drops from an embedded font (layout is already done; a PDF never reads them)."""


@cache
def use_bundled_harfbuzz() -> None:
    """Route WeasyPrint's font subsetting through uharfbuzz, once per process."""
    from weasyprint.pdf.fonts import Font

    Font.subset = subset_font


def subset_font(font: Any, to_unicode: dict[int, Any], hinting: bool) -> None:
    """Keep the glyphs a document uses (their ids unchanged, as the PDF's text refers to them by id), then
    drop the empty glyphs after the last one used; what WeasyPrint's `_harfbuzz_subset` does, step by step."""
    import uharfbuzz as hb

    if not to_unicode:
        return
    face = hb.Face(hb.Blob(font.file_content), font.index)
    options = hb.SubsetInput()
    options.glyph_set.update(sorted(to_unicode))
    options.drop_table_tag_set.update(int.from_bytes(tag.encode("ascii"), "big") for tag in DROPPED_TABLES)
    notdef = hb.SubsetFlags.NOTDEF_OUTLINE if font.missing else hb.SubsetFlags.DEFAULT
    base = hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE | notdef
    options.flags = base | hb.SubsetFlags.RETAIN_GIDS
    kept = hb.subset(face, options)
    if kept is None:
        return
    options.glyph_set.update(range(max(to_unicode) + 1))
    options.flags = base if hinting else base | hb.SubsetFlags.NO_HINTING
    trimmed = hb.subset(kept, options)
    if trimmed is not None and trimmed.blob.data:
        font.file_content = bytes(trimmed.blob.data)
