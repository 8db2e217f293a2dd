"""Bengali copies out as it was written: each run of text in a script whose glyphs are drawn out of their
logical order is marked with its text (/ActualText), which PDF readers, text extraction and screen readers
take instead of the glyphs.

Bengali draws a pre-base vowel sign before its consonant and some conjuncts as one glyph, so text read from
the glyphs alone comes out misordered ("কমির্যকতের্য া" for "কর্মকর্তা"). PDF gives a marked-content
sequence an /ActualText, the text the glyphs stand for (ISO 32000-1, 14.9.4); WeasyPrint 70 writes none.
Each text box in such a script is drawn inside `/Span <</ActualText (...)>> BDC ... EMC`, within the tag's
own marked content, so PDF/UA still holds.

Right-to-left scripts are left out: readers such as pdftotext reorder right-to-left text after taking the
ActualText, which would reverse it (Arabic reads back correctly from its glyphs; Nastaliq does not, see
docs/translating.md).

This wraps one function of WeasyPrint's drawing (pinned to 70.x); tests/render/test_weasy.py checks it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

REORDERED_SCRIPTS = re.compile(r"[\u0900-\u0dff]")
"""The Indic scripts (Devanagari to Sinhala), which draw some vowel signs before their consonant."""
BREAK_MARKS = re.compile("[\u200b\u2060]")
"""The invisible marks a web address is set with (see render/breaks.py): a zero-width space where a line may
break, a word joiner where it may not. A glyph has one text in a font's ToUnicode map, shared by every use of
the glyph, so the marks would copy out glued to a hyphen or a full stop; the address's text box says its
text without them."""


@cache
def use_actual_text() -> None:
    """Mark each text box in a reordered script with its text, once per process."""
    import pydyf  # type: ignore[import-untyped]
    import weasyprint.draw as drawing

    original = drawing.draw_text

    def draw_text(stream: Any, textbox: Any, *arguments: Any, **keywords: Any) -> Any:
        text = getattr(textbox, "text", "")
        hidden = textbox.style["visibility"] != "visible"
        if hidden or not text or not (REORDERED_SCRIPTS.search(text) or "\u200b" in text):
            return original(stream, textbox, *arguments, **keywords)
        actual = text if REORDERED_SCRIPTS.search(text) else BREAK_MARKS.sub("", text)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(actual)}))
        try:
            return original(stream, textbox, *arguments, **keywords)
        finally:
            stream.end_marked_content()

    drawing.draw_text = draw_text
