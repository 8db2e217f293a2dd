"""Display lines a designer would not sign: a headline, figure, label or ask whose last line is one short word
("New / York.", "Senate Bill / 579", "2019¹" alone), found on the laid-out page and reported as a warning
naming the part and the word, so the campaign can reword it (or the template glue it: render/breaks.py).
"""

from __future__ import annotations

from typing import Any
from unicodedata import east_asian_width

from factsheet.render.breaks import unmarked
from factsheet.render.culprit import KINDS

DISPLAY = ("h1", "number", "label", "cover-call", "card-ask", "subtitle")
"""The elements set large or short enough for a one-word last line to show."""
RUNT_CHARACTERS = 12
"""A last line of one word up to this long is a runt; a longer one fills its line."""
CJK_RUNT_CHARACTERS = 1


def runts(document: Any) -> tuple[tuple[str, str], ...]:
    """(part, word) for each display element whose last line, of two or more, is one short word."""
    found: dict[tuple[str, str], None] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or type(box).__name__ != "BlockBox":
                continue
            classes = (element.get("class") or "").split()
            name = next((name for name in (element.tag, *classes) if name in DISPLAY), None)
            lines = [child for child in box.children if type(child).__name__ == "LineBox"]
            if name is None or len(lines) < 2:
                continue
            last = _text(lines[-1]).split()
            if len(last) == 1 and _short(last[0]):
                found[(KINDS.get(name, ("the " + name, ""))[0], last[0])] = None
    return tuple(found)


def _short(word: str) -> bool:
    """A word short enough to look stranded alone on a line; in a script written without spaces (Chinese,
    Japanese), where a line's 'word' is a phrase, one character besides punctuation and marks (the stranded
    character Chinese typesetting avoids)."""
    wide = [character for character in word if east_asian_width(character) in "WF" and character.isalpha()]
    if wide:
        return len(wide) <= CJK_RUNT_CHARACTERS
    return len(word) <= RUNT_CHARACTERS


def _text(box: Any) -> str:
    if hasattr(box, "text"):
        return unmarked(str(box.text))
    return "".join(_text(child) for child in getattr(box, "children", ()))
