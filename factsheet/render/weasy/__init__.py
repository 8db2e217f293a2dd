"""The one place factsheet reaches into WeasyPrint (pinned to 70.x) and pydyf: loading them, the patches, and
the font configuration every document shares.

Each patch replaces or wraps one internal that WeasyPrint does not offer as an option, for a reason its own
module gives; `PATCHES` lists them with the internal each one touches, and tests/render/test_weasy.py fails
when an internal moves or changes its signature (a WeasyPrint upgrade must be checked patch by patch):

- subset: `weasyprint.pdf.fonts.Font.subset`, through the HarfBuzz inside the uharfbuzz wheel (same bytes on
  every machine, fast);
- compression: `pydyf.Stream.data`, zlib level 6 with large streams compressed once;
- unicode_map: `weasyprint.pdf.build_fonts_dictionary`, no empty ToUnicode entries (PDF/UA);
- language_tags: `weasyprint.pdf.tags._build_box_tree`, `/Lang` on passages in another language;
- actual_text: `weasyprint.draw.draw_text`, /ActualText on Bengali runs so they copy out as written.

The process-wide caches beside them are `factsheet.caching.BoundedCache`s, cleared with the fonts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Patch:
    """One patch: the internal it replaces or wraps (module, attribute path), the signature it expects there,
    and how to install it."""

    name: str
    module: str
    attribute: str
    signature: str
    install: Callable[[], None]


def _patches() -> tuple[Patch, ...]:
    from factsheet.render.weasy.actual_text import use_actual_text
    from factsheet.render.weasy.compression import use_reused_compression
    from factsheet.render.weasy.language_tags import use_language_tags
    from factsheet.render.weasy.subset import use_bundled_harfbuzz
    from factsheet.render.weasy.unicode_map import use_complete_unicode_maps

    return (
        Patch("subset", "weasyprint.pdf.fonts", "Font.subset", "(self, to_unicode, hinting)", use_bundled_harfbuzz),
        Patch("compression", "pydyf", "Stream.data", "(self)", use_reused_compression),
        Patch(
            "unicode_map",
            "weasyprint.pdf",
            "build_fonts_dictionary",
            "(pdf, fonts, compress, subset, options)",
            use_complete_unicode_maps,
        ),
        Patch(
            "language_tags",
            "weasyprint.pdf.tags",
            "_build_box_tree",
            "(box, parent, pdf, page_number, nums, annotations, tags)",
            use_language_tags,
        ),
        Patch(
            "actual_text",
            "weasyprint.draw",
            "draw_text",
            "(stream, textbox, offset_x, text_overflow, block_ellipsis)",
            use_actual_text,
        ),
    )


PATCHES: Callable[[], tuple[Patch, ...]] = cache(_patches)


@cache
def install_patches() -> None:
    """Install every patch, once per process (the first font configuration asks for it)."""
    for patch in PATCHES():
        patch.install()
