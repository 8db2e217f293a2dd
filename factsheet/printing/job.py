"""The print job a layout needs, written as the options CUPS's `lp` takes, each with the reason it is there.

A handout is designed to its sheet's exact size, so every job asks for that size by name, no scaling (a "fit
to page" shrinks the margins and the type and moves the folds), and, for a two-page layout, two-sided on the
edge that keeps its back the right way up: the long edge for a portrait sheet turned like a book's page, the
short edge for a landscape sheet (a tri-fold) turned the same way. The same rule makes the plain list of
settings for a volunteer who prints from a PDF viewer instead.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from factsheet.press.layouts import PAPERS, Layout, PaperName, SheetSize

Sides = Literal["one-sided", "two-sided-long-edge", "two-sided-short-edge"]

MEDIA_NAMES: Mapping[str, str] = MappingProxyType(
    {"letter": "Letter", "a4": "A4", "tabloid": "Tabloid", "a3": "A3", "half-letter": "Statement", "a5": "A5"}
)
"""Each sheet as printers name it: the PageSize CUPS gives the same PWG size (na_letter_8.5x11in is Letter,
na_ledger_11x17in Tabloid, na_invoice_5.5x8.5in Statement)."""

PAPER_OF_MEDIA: Mapping[str, PaperName] = MappingProxyType(
    {MEDIA_NAMES[paper.sheet.name]: name for name, paper in PAPERS.items()}
)
"""The paper family a printer's loaded sheet belongs to (Letter: letter, A4: a4), from the papers table."""

_WHY: Mapping[str, str] = MappingProxyType(
    {
        "media": "the sheet the handout is designed for",
        "sides": "",
        "print-scaling": "actual size: scaling to fit would shrink the margins and the type and move the folds",
        "fit-to-page": "the same, for printers that read the older option",
        "print-color-mode": "",
        "collate": "each copy printed whole before the next",
        "page-ranges": "",
    }
)
_SIDES_WHY: Mapping[Sides, str] = MappingProxyType(
    {
        "one-sided": "one side of the sheet",
        "two-sided-long-edge": "two-sided, turned over on the long edge like a book's page",
        "two-sided-short-edge": "two-sided, turned over on the short edge (a landscape sheet turned like a page)",
    }
)


def layout_sides(layout: Layout, *, imposed: bool = False) -> Sides:
    """How a layout prints: one side for a one-page design (and a 2-up flyer sheet), else two-sided on the edge
    that keeps the back upright when the sheet is turned as it is read."""
    if layout.pages == 1 or imposed:
        return "one-sided"
    return "two-sided-short-edge" if layout.landscape else "two-sided-long-edge"


def swapped_sides(sides: Sides) -> Sides:
    """The other flip edge: for a printer whose test sheet showed that it turns the paper the other way."""
    if sides == "one-sided":
        return sides
    return "two-sided-short-edge" if sides == "two-sided-long-edge" else "two-sided-long-edge"


def loaded_paper(default_media: str | None) -> PaperName | None:
    """The paper family of the sheet a printer is set to, when it is one factsheet prints on."""
    return PAPER_OF_MEDIA.get(default_media or "")


def printed_sheet(layout: Layout, paper: PaperName, *, imposed: bool = False) -> SheetSize:
    """The sheet that goes through the printer: the layout's own, or the full sheet a 2-up flyer is set on."""
    return PAPERS[paper].sheet if imposed else layout.sheet(paper)


@dataclass(frozen=True)
class PrintJob:
    """One job for the print service: which file, on which printer (None: the default), with which options."""

    pdf: Path
    title: str
    media: str
    sides: Sides
    colour: bool
    copies: int = 1
    printer: str | None = None
    pages: str | None = None
    """A page range (manual duplex prints the fronts, then the backs); None: every page."""

    def options(self) -> list[tuple[str, str]]:
        """The job's `-o name=value` options, in a fixed order."""
        chosen = [
            ("media", self.media),
            ("sides", self.sides),
            ("print-scaling", "none"),
            ("fit-to-page", "false"),
            ("print-color-mode", "color" if self.colour else "monochrome"),
        ]
        if self.copies > 1:
            chosen.append(("collate", "true"))
        if self.pages is not None:
            chosen.append(("page-ranges", self.pages))
        return chosen

    def command(self) -> list[str]:
        """The `lp` command line that sends it, exactly as it is run."""
        words = ["lp", *(["-d", self.printer] if self.printer else []), "-n", str(self.copies), "-t", self.title]
        for name, value in self.options():
            words += ["-o", f"{name}={value}"]
        return [*words, str(self.pdf)]

    def shell_command(self) -> str:
        return shlex.join(self.command())

    def explained(self) -> list[str]:
        """One line per option: the option and why the layout needs it."""
        lines = []
        for name, value in self.options():
            why = _WHY[name]
            if name == "sides":
                why = _SIDES_WHY[self.sides]
            elif name == "print-color-mode":
                why = "in colour" if self.colour else "in black and white"
            elif name == "page-ranges":
                why = f"page {value} only"
            lines.append(f"{name}={value}".ljust(34) + why)
        return lines

    def only(self, pages: str, sides: Sides = "one-sided") -> PrintJob:
        """The same job for some pages only, one-sided: a manual duplex pass."""
        return replace(self, pages=pages, sides=sides)


def viewer_settings(layout: Layout, paper: PaperName, *, imposed: bool = False) -> list[str]:
    """What to choose in a PDF viewer's print dialog to print the handout right without factsheet."""
    sheet = printed_sheet(layout, paper, imposed=imposed)
    sides = layout_sides(layout, imposed=imposed)
    two_sided = {
        "one-sided": "one-sided",
        "two-sided-long-edge": "two-sided, flip on long edge",
        "two-sided-short-edge": "two-sided, flip on short edge",
    }[sides]
    return [
        f"paper: {MEDIA_NAMES.get(sheet.name, sheet.name)}",
        "size: actual size (100%), not 'fit' or 'shrink to page'",
        f"sides: {two_sided}",
    ]
