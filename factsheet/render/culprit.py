"""Which part of the sheet runs over, for a fit error a campaigner can act on.

The templates mark each element that prints a part of the sheet with `data-at`, the line of the sheet where
that part is written (see html.sheet_line). When content does not fit, the first such element past the bottom
of the page or panel is the one to name: "the quote “No police department can be trusted…” (sheet.yaml:88)",
with a fix for that kind of part, instead of a guess at what to shorten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.errors import Location
from factsheet.render.breaks import unmarked

if TYPE_CHECKING:
    from factsheet.render.html import RenderedHtml

WORDS_SHOWN = 6


@dataclass(frozen=True)
class Culprit:
    """The part of the sheet that runs over: what to call it, the sheet's line, and how to make room."""

    what: str
    line: int
    fix: str

    def location(self, rendered: RenderedHtml, origin: Path) -> Location:
        """The sheet's line, for the English; a translation's problem stays at its PO file (the message
        names the part)."""
        if rendered.translated_into or not rendered.sheet_file:
            return Location.of(origin)
        return Location.of(Path(rendered.sheet_file), self.line)


KINDS: dict[str, tuple[str, str]] = {
    "h1": ("the headline", "shorten the title: this layout prints it large"),
    "subtitle": ("the subtitle", "shorten the subtitle, or leave it out"),
    "figure": ("the key figure", "shorten the figure's label (a figure never wraps, so a long one takes room)"),
    "number": ("the key figure", "shorten the figure (write '$390 billion' as '$390bn') or its label"),
    "label": ("the key figure's label", "shorten the label"),
    "poster-figure": ("the key figure", "shorten the figure's label"),
    "quote": ("the quote", "shorten the quote (cut it with … where the gate allows) or drop a quote"),
    "section": ("the section", "shorten the narrative sections, or drop one"),
    "li": ("the demand", "shorten the demands"),
    "action": ("the call to action", "shorten the call to action's heading or text"),
    "card-ask": ("the call to action", "shorten the call to action's text: a card's front prints it"),
}


TALL_SHARE = 0.25
"""A part of the sheet taller than this share of a page is what to shorten when the content runs over, even
when what spills is another part (a poster's six-line headline pushes its call to action off the page)."""


TALL_PANEL_SHARE = 0.4
"""The same for a fixed panel, whose parts are fewer and each a larger share of it."""


def tallest_part(pages: Iterable[Any], page_height: float, *, panel: bool = False) -> Any | None:
    """The box of the part of the sheet that takes the most height over all pages (or inside one `panel`
    box), when it takes more than TALL_SHARE of a page (TALL_PANEL_SHARE of the panel); else None."""
    totals: dict[int, float] = {}
    first_box: dict[int, Any] = {}
    for page in pages:
        tallest_here: dict[int, float] = {}
        for box in page.descendants() if panel else page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or not element.get("data-at") or type(box).__name__ == "LineBox":
                continue
            tallest_here[id(element)] = max(tallest_here.get(id(element), 0.0), box.margin_height())
            first_box.setdefault(id(element), box)
        for key, height in tallest_here.items():
            totals[key] = totals.get(key, 0.0) + height
    key, height = max(totals.items(), key=lambda entry: entry[1], default=(0, 0.0))
    box = first_box.get(key)
    return box if height > (TALL_PANEL_SHARE if panel else TALL_SHARE) * page_height else None


def culprit_of(boxes: Iterable[Any], rendered: RenderedHtml) -> Culprit | None:
    """The first box among `boxes` (in document order) that prints a part of the sheet, named."""
    for box in boxes:
        element: Any = getattr(box, "element", None)
        line = element.get("data-at") if element is not None else None
        if element is None or not line or not line.isdigit():
            continue
        classes = (element.get("class") or "").split()
        kind = next((KINDS[name] for name in (*classes, element.tag) if name in KINDS), None)
        if kind is None:
            continue
        words = unmarked("".join(element.itertext())).split()
        shown = " ".join(words[:WORDS_SHOWN]) + ("…" if len(words) > WORDS_SHOWN else "")
        sheet = Path(rendered.sheet_file).name if rendered.sheet_file else "the sheet"
        return Culprit(f"{kind[0]} “{shown}” ({sheet} line {line})", int(line), kind[1])
    return None
