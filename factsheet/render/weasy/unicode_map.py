"""Every glyph in the PDF maps to text, so complex scripts pass PDF/UA and copy out as written.

When one cluster of text is drawn with several glyphs (a Bengali vowel sign drawn before its consonant, a
Nastaliq letter in pieces), WeasyPrint gives the cluster's text to one glyph and an empty string to the
others, and writes the empty ones into the font's ToUnicode map as `<>`: PDF/UA-1 checkers call that map
malformed (a glyph must map to at least one character). The extra glyphs are mapped to U+2060 WORD JOINER
instead: invisible, never a line break, and ignored by screen readers and text search, so the text read from
the page is the text that was set.

This wraps one function of WeasyPrint's PDF writer (pinned to 70.x in pyproject.toml); a test renders
Bengali and checks the map and the PDF/UA verdict.
"""

from __future__ import annotations

from functools import cache
from typing import Any

WORD_JOINER = "\u2060"


@cache
def use_complete_unicode_maps() -> None:
    """Fill WeasyPrint's empty glyph-to-text entries before it writes fonts, once per process."""
    import weasyprint.pdf

    original = weasyprint.pdf.build_fonts_dictionary

    def build_fonts_dictionary(pdf: Any, fonts: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        for font in fonts.values():
            for glyph, text in font.to_unicode.items():
                if not text:
                    font.to_unicode[glyph] = WORD_JOINER
        return original(pdf, fonts, *args, **kwargs)

    weasyprint.pdf.build_fonts_dictionary = build_fonts_dictionary
