"""Each patch of WeasyPrint and pydyf (factsheet.render.weasy) tested for what it does, and for the internal it
touches still being where it expects it: a WeasyPrint upgrade that moves one fails here, by name."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zlib
from io import BytesIO
from types import SimpleNamespace

import pikepdf
import pytest
from fontTools.ttLib import TTFont

from factsheet.caching import BoundedCache
from factsheet.render.html import RenderedHtml
from factsheet.render.pdf import render_pdf
from factsheet.render.weasy import PATCHES, install_patches
from factsheet.render.weasy.compression import LEVEL, compressed
from factsheet.render.weasy.subset import subset_font
from factsheet.resources import TEMPLATES_DIR

FONTS = TEMPLATES_DIR / "fonts"
READ_SIGNATURES = """
import importlib, inspect, json, sys
found = {}
for module, attribute in json.loads(sys.argv[1]):
    target = importlib.import_module(module)
    for part in attribute.split("."):
        target = getattr(target, part)
    target = target.fget if isinstance(target, property) else target
    found[f"{module}.{attribute}"] = str(inspect.signature(target))
print(json.dumps(found))
"""


def test_every_patched_internal_is_still_there_with_the_signature_the_patch_expects() -> None:
    """Read in a fresh interpreter, where nothing is patched yet."""
    targets = [[patch.module, patch.attribute] for patch in PATCHES()]
    run = subprocess.run(
        [sys.executable, "-c", READ_SIGNATURES, json.dumps(targets)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    for patch in PATCHES():
        assert found[f"{patch.module}.{patch.attribute}"] == patch.signature, f"the {patch.name} patch's target moved"


def render(html: str, css: str = "") -> bytes:
    rendered = RenderedHtml(html, (css,) if css else (), TEMPLATES_DIR.as_uri() + "/")
    return render_pdf(rendered, allowed_roots=(TEMPLATES_DIR,), origin=TEMPLATES_DIR, isolate=False)


def test_subsetting_keeps_used_glyphs_at_their_ids_and_drops_the_rest() -> None:
    path = FONTS / "NotoSansBengali-Regular.ttf"
    original = TTFont(path)
    glyph_ids = {original.getGlyphID(original.getBestCmap()[ord(c)]): c for c in "কখ"}
    font = SimpleNamespace(file_content=path.read_bytes(), index=0, missing=False)
    subset_font(font, glyph_ids, hinting=False)
    kept = TTFont(BytesIO(font.file_content))
    assert kept["maxp"].numGlyphs == max(glyph_ids) + 1, "glyph ids past the last one used are dropped"
    glyphs = kept["glyf"]
    order = kept.getGlyphOrder()
    for glyph_id in glyph_ids:
        assert glyphs[order[glyph_id]].numberOfContours > 0, "a used glyph keeps its outline at its id"
    unused = next(
        i
        for i in range(1, max(glyph_ids))
        if i not in glyph_ids and original["glyf"][original.getGlyphOrder()[i]].numberOfContours > 0
    )
    assert glyphs[order[unused]].numberOfContours == 0, "an unused glyph below the last one is emptied"
    assert "GSUB" not in kept and len(font.file_content) < path.stat().st_size / 10


def test_streams_are_deflated_at_level_6_and_end_right_after_a_carriage_return() -> None:
    import pydyf  # type: ignore[import-untyped]

    install_patches()
    content = b"0 0 m 100 100 l S\n" * 500
    stream = pydyf.Stream([content], compress=True)
    header, _, rest = stream.data.partition(b"\nstream\n")
    body = zlib.compressobj(level=LEVEL)
    expected = body.compress(content) + body.flush()
    assert b"/FlateDecode" in header and rest.startswith(expected) and expected != zlib.compress(content, 9)
    assert zlib.decompress(rest[: len(expected)]) == content
    ends_in_cr = pydyf.Stream([b"x\r"], compress=False)
    assert ends_in_cr.data.endswith(b"x\r\r\nendstream")
    large = bytes(range(256)) * 400
    assert compressed(large) is compressed(large), "a large stream is compressed once"


def test_every_glyph_of_a_bengali_cluster_maps_to_text() -> None:
    css = '@font-face { font-family: B; src: url("fonts/NotoSansBengali-Regular.ttf"); } body { font-family: B; }'
    pdf = render('<html lang="bn"><body><p>ক্ষ্মা স্বাস্থ্য কর্মী</p></body></html>', css)
    with pikepdf.open(BytesIO(pdf)) as document:
        maps = [
            font.ToUnicode.read_bytes()
            for font in document.objects
            if isinstance(font, pikepdf.Dictionary) and font.get("/Type") == "/Font" and "/ToUnicode" in font
        ]
    assert maps and not [cmap for cmap in maps if re.search(rb"<[0-9a-f]{4}> <>", cmap)]
    assert any(b"<2060>" in cmap for cmap in maps), "the extra glyphs of a cluster map to WORD JOINER"


def test_a_passage_in_another_language_is_tagged_with_it() -> None:
    pdf = render('<html lang="es"><body><p>Hola</p><blockquote lang="en"><p>Hello</p></blockquote></body></html>')
    with pikepdf.open(BytesIO(pdf)) as document:
        languages = [
            str(node.Lang)
            for node in document.objects
            if isinstance(node, pikepdf.Dictionary) and "/S" in node and "/Lang" in node
        ]
        assert str(document.Root.Lang) == "es"
    assert "en" in languages and "es" not in languages


@pytest.mark.parametrize("size", [1, 3])
def test_a_bounded_cache_drops_its_oldest_entry(size: int) -> None:
    cache: BoundedCache[str, int] = BoundedCache(size)
    for number in range(size + 1):
        assert cache.get_or_make(str(number), lambda number=number: number) == number
    assert len(cache) == size and "0" not in cache and str(size) in cache
    assert cache.get_or_make(str(size), lambda: -1) == size


def test_a_bengali_run_carries_its_text_as_actual_text() -> None:
    css = '@font-face { font-family: B; src: url("fonts/NotoSansBengali-Regular.ttf"); } body { font-family: B; }'
    text = "কর্মকর্তা এবং Ingram"
    pdf = render(f'<html lang="bn"><body><p>{text}</p></body></html>', css)
    with pikepdf.open(BytesIO(pdf)) as document:
        content = document.pages[0].Contents.read_bytes()
    expected = b"<" + ("\ufeff" + text).encode("utf-16-be").hex().encode() + b">"
    assert b"/Span <</ActualText " + expected + b">> BDC" in content.replace(b"\n", b" ")
    latin = render('<html lang="en"><body><p>Ingram</p></body></html>')
    with pikepdf.open(BytesIO(latin)) as document:
        assert b"ActualText" not in document.pages[0].Contents.read_bytes()
