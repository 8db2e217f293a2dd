"""Papers and layouts as data, defined once: every module that needs a size, a fold or a ticket line reads it here.

A layout is one frozen `Layout` entry: its template, the sheet it prints on in each paper family, how many pages
it is designed for, what part of the sheet it shows, its panels or card grid, and what the print shop's job ticket
says about it. Adding a layout means one entry here plus its template and stylesheet; the command line's choices
and help, the sheet's validation, the ticket and the proofs all read this table. Light enough for the CLI's
start-up: nothing here imports more than the standard library.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any, Literal, get_args

PaperName = Literal["letter", "a4"]
LayoutName = Literal["onepager", "twosided", "poster", "halfpage", "trifold", "card", "bilingual"]
Imposition = Literal["2up"]
PAPER_NAMES: tuple[PaperName, ...] = get_args(PaperName)
DEFAULT_LAYOUT: LayoutName = "onepager"
"""The layout a sheet prints in unless it asks for another; file names leave it out."""
POINTS_PER_INCH = 72.0
MIN_TEXT_POINTS = 6.5
"""No printed text is smaller, endnotes and captions included: below it, type set on an office laser or an
inkjet fills in and is hard to read for anyone without perfect eyesight."""


@dataclass(frozen=True)
class SheetSize:
    """A physical sheet: the name used in file names, the CSS `@page { size }` value, and its size in points."""

    name: str
    css: str
    points: tuple[float, float]


@dataclass(frozen=True)
class Paper:
    """A paper family a user picks: the sheet a one-pager prints on, and the bleed its print shops ask for."""

    name: PaperName
    sheet: SheetSize
    bleed_inches: float

    @property
    def bleed_points(self) -> float:
        return self.bleed_inches * POINTS_PER_INCH


LETTER = SheetSize("letter", "letter", (612.0, 792.0))
A4 = SheetSize("a4", "A4", (595.28, 841.89))
PAPERS: Mapping[PaperName, Paper] = MappingProxyType(
    {"letter": Paper("letter", LETTER, 0.125), "a4": Paper("a4", A4, 3 / 25.4)}
)
"""Bleed by paper family: 1/8 in on US sizes, 3 mm on ISO sizes, what print shops in each ask for."""


@dataclass(frozen=True)
class CardGrid:
    """Cards cut from one sheet: each card's size in inches, how many across and down, and the cut marks."""

    card_inches: tuple[float, float] = (3.5, 2.0)
    columns: int = 2
    rows: int = 5
    mark_inches: float = 0.2
    mark_gap_inches: float = 0.06

    @property
    def count(self) -> int:
        return self.columns * self.rows


@dataclass(frozen=True)
class Layout:
    """One way to print a sheet. `panels` are a folded brochure's inside panel widths in inches per paper, left
    to right; `cards` is the grid of a card sheet; `shows` caps how many of each part a small layout prints."""

    name: LayoutName
    summary: str
    pages: int
    template: str = "onepager"
    sheets: Mapping[PaperName, SheetSize] = field(default_factory=lambda: MappingProxyType({}))
    landscape: bool = False
    shows: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    panels: Mapping[PaperName, tuple[float, float, float]] | None = None
    cards: CardGrid | None = None
    duplex: str = "one side"
    finishing: str = "trim to size"
    mirrored_finishing: str | None = None
    """The finishing for a right-to-left language, where folds and panels mirror (None: the same)."""
    stock: str = "80 lb text / 120 g/m² silk or uncoated"
    imposable: bool = False
    bilingual: bool = False
    """Prints the sheet's own language on the front and a translation on the back."""
    type_scale: tuple[float, float] = (1.0, 1.0)
    """The smallest and largest factor copyfitting may multiply the stylesheets' type sizes by (see
    render/copyfit.py): body text between 9 and 11 pt on a letter-size page, far larger on a poster."""
    least_scale: float | None = None
    """Below `type_scale`'s floor, the smallest factor content that runs long (a translation) may be set at
    before the layout leaves parts out: the one-pager's body text at 8.5 pt instead of 9."""
    scan_metres: float | None = None
    fallbacks: tuple[tuple[tuple[str, int], ...], ...] = ()
    """What the layout leaves out, step by step, when a translation (a fifth to a third longer than its English)
    does not fit even in its smallest type: each step caps more parts of the sheet (as `shows` does), as a
    designer takes a quote or a section out rather than set the type smaller. The handout is built with the
    first step that fits, and the build says what it left out."""
    in_file_names: bool = True
    """Whether output file names carry the layout's name (the default one-pager's do not)."""
    sparse_hint: str = "a smaller layout (halfpage, or card)"
    """What to print instead when its pages stay sparse even in the largest type it allows."""
    """How far away its QR code must scan from, for a layout read from a distance (see qr_inches)."""

    def mirrored(self, direction: str) -> bool:
        """Whether its panels and folds mirror for a language written in `direction`: right to left, except the
        bilingual sheet, whose sides each keep their own direction on an unmirrored page."""
        return direction == "rtl" and not self.bilingual

    def shortened(self) -> tuple[Layout, ...]:
        """The layout as each of its fallback steps shows the sheet, in order."""
        return tuple(
            replace(self, shows=MappingProxyType({**self.shows, **dict(step)}), fallbacks=()) for step in self.fallbacks
        )

    def qr_inches(self) -> float | None:
        """The printed width of the QR code for `scan_metres`: a twenty-fifth of the distance, the rule of
        thumb for a short web address's low-density code and a current phone camera (2 m: about 3.1 in)."""
        return None if self.scan_metres is None else self.scan_metres / 25 * 100 / 2.54

    def sheet(self, paper: PaperName) -> SheetSize:
        """The sheet this layout prints on in a paper family (a poster on Tabloid or A3, a flyer on A5)."""
        return self.sheets.get(paper, PAPERS[paper].sheet)

    def page_points(self, paper: PaperName) -> tuple[float, float]:
        """The trimmed page's width and height in points."""
        width, height = self.sheet(paper).points
        return (height, width) if self.landscape else (width, height)

    def page_css(self, paper: PaperName) -> str:
        css = self.sheet(paper).css
        return f"{css} landscape" if self.landscape else css

    def fold_lines(self, paper: PaperName, *, mirrored: bool = False) -> tuple[tuple[float, ...], ...]:
        """Where each page folds, in points from the trim's left edge: the outside page, then the inside;
        `mirrored` for a right-to-left language (see geometry.trifold_panels)."""
        if self.panels is None:
            return ()
        first, second, fold_in = self.panels[paper]
        pages = ((fold_in, fold_in + second), (first, first + second))
        if mirrored:
            width = first + second + fold_in
            pages = tuple(tuple(sorted(width - inches for inches in page)) for page in pages)  # type: ignore[assignment]
        return tuple(tuple(POINTS_PER_INCH * inches for inches in page) for page in pages)

    def __reduce__(self) -> tuple[Callable[[dict[str, Any]], Layout], tuple[dict[str, Any]]]:
        """Pickled (handed to a warm worker) with its read-only mappings as plain dicts, which pickle."""
        values = {item.name: getattr(self, item.name) for item in fields(self)}
        return _unpickled_layout, ({name: _plain(value) for name, value in values.items()},)


def _plain(value: object) -> object:
    return dict(value) if isinstance(value, MappingProxyType) else value


def _unpickled_layout(values: dict[str, Any]) -> Layout:
    read_only: dict[str, Any] = {
        name: MappingProxyType(value) if isinstance(value, dict) else value for name, value in values.items()
    }
    return Layout(**read_only)


def _mapping(**entries: SheetSize) -> Mapping[PaperName, SheetSize]:
    return MappingProxyType(entries)  # type: ignore[arg-type]


LAYOUTS: Mapping[LayoutName, Layout] = MappingProxyType(
    {
        "onepager": Layout(
            "onepager",
            "one page",
            pages=1,
            type_scale=(1.0, 11 / 9),
            least_scale=8.5 / 9,
            fallbacks=(
                (("quotes", 3),),
                (("quotes", 2),),
                (("quotes", 2), ("sections", 2)),
                (("quotes", 2), ("sections", 1)),
                (("quotes", 1), ("sections", 1)),
            ),
            in_file_names=False,
        ),
        "twosided": Layout(
            "twosided",
            "front and back",
            pages=2,
            template="twosided",
            duplex="both sides, flip on the long edge",
            type_scale=(9 / 10.5, 11 / 10.5),
            fallbacks=(
                (("quotes", 4),),
                (("quotes", 3),),
                (("quotes", 3), ("sections", 2)),
                (("quotes", 2), ("sections", 2)),
            ),
        ),
        "poster": Layout(
            "poster",
            "on Tabloid or A3",
            pages=1,
            sheets=_mapping(
                letter=SheetSize("tabloid", "11in 17in", (792.0, 1224.0)),
                a4=SheetSize("a3", "A3", (841.89, 1190.55)),
            ),
            template="poster",
            shows=MappingProxyType({"sections": 0, "quotes": 0, "facts": 1, "demands": 0}),
            stock="100 lb text / 150 g/m² silk",
            type_scale=(0.8, 1.4),
            least_scale=0.7,
            fallbacks=((("subtitle", 0),),),
            scan_metres=2.0,
        ),
        "halfpage": Layout(
            "halfpage",
            "a half-letter or A5 flyer",
            pages=1,
            template="halfpage",
            sheets=_mapping(
                letter=SheetSize("half-letter", "5.5in 8.5in", (396.0, 612.0)),
                a4=SheetSize("a5", "A5", (419.53, 595.28)),
            ),
            shows=MappingProxyType({"sections": 0, "quotes": 2}),
            fallbacks=((("quotes", 1),), (("quotes", 1), ("facts", 3)), (("quotes", 0), ("facts", 3))),
            finishing="none",
            imposable=True,
            type_scale=(1.0, 11 / 9),
        ),
        "trifold": Layout(
            "trifold",
            "letter-fold brochure",
            pages=2,
            template="trifold",
            landscape=True,
            panels=MappingProxyType({"letter": (3.6875, 3.6875, 3.625), "a4": (100 / 25.4, 100 / 25.4, 97 / 25.4)}),
            duplex="both sides, flip on the short edge (landscape sheet)",
            finishing="letter fold (roll fold): fold the right-hand panel of the inside in first, "
            "then the left over it",
            mirrored_finishing="letter fold (roll fold), opening from the right: fold the left-hand panel of the "
            "inside in first, then the right over it",
            stock="100 lb text / 150 g/m² silk (folds cleanly; score before folding on heavier stock)",
            type_scale=(9 / 11, 1.0),
            fallbacks=((("quotes", 4),), (("quotes", 3),)),
        ),
        "card": Layout(
            "card",
            "ten wallet cards a sheet",
            pages=2,
            template="card",
            shows=MappingProxyType({"sections": 0, "quotes": 0, "facts": 1, "demands": 1}),
            cards=CardGrid(),
            sparse_hint="fewer cards",
            duplex="both sides, flip on the long edge; the backs are placed mirrored so each lands behind its front",
            finishing="cut into ten 3.5 × 2 in cards along the cut marks in the margins",
            stock="14 pt / 350 g/m² card, matte or silk",
        ),
        "bilingual": Layout(
            "bilingual",
            "the sheet's language on the front, a translation on the back (with --lang)",
            pages=2,
            template="bilingual",
            shows=MappingProxyType({"sections": 1, "quotes": 2}),
            duplex="both sides, flip on the long edge",
            bilingual=True,
            type_scale=(1.0, 11 / 9),
            fallbacks=((("quotes", 1),), (("quotes", 1), ("sections", 0))),
        ),
    }
)
"""The built-in layouts. A trifold's right inside panel folds in first, so it is narrower (1/16 in on Letter,
3 mm on A4) to tuck in without buckling; the outside mirrors the inside."""

IMPOSITIONS: tuple[Imposition, ...] = get_args(Imposition)


def layout_help() -> str:
    """The layouts for the command line's help, from the table."""
    return ", ".join(f"{layout.name} ({layout.summary})" for layout in LAYOUTS.values())
