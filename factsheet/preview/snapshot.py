"""What the preview page shows at one moment, as plain values the server turns into JSON: the chosen settings,
the pages, the problems, each item's verdict and each change to sign off."""

from __future__ import annotations

from dataclasses import dataclass, field

from factsheet.errors import Problem
from factsheet.press.editions import EditionName
from factsheet.press.layouts import DEFAULT_LAYOUT, LayoutName, PaperName
from factsheet.preview.evidence import Item


@dataclass(frozen=True)
class Settings:
    """What the page asks to see; `language` None is the sheet's own."""

    layout: LayoutName = DEFAULT_LAYOUT
    paper: PaperName = "letter"
    edition: EditionName = "home"
    language: str | None = None


@dataclass(frozen=True)
class Change:
    """One change to sign off (a cut, a bracket, a role, a correction) with who approved it so far (None while
    no one has) and how many people it needs."""

    identifier: str
    item: str
    change: str
    struck: str
    approved_by: str | None
    needed: int = 1
    signed: bool = False


@dataclass(frozen=True)
class Snapshot:
    """Everything the page shows at one moment. `generation` grows with every change; `pages_generation` is
    the generation that made the pages (older than `generation` while the pages are out of date)."""

    generation: int = 0
    settings: Settings = field(default_factory=Settings)
    building: bool = True
    fresh: bool = False
    pages: tuple[bytes, ...] = ()
    page_sizes: tuple[tuple[int, int], ...] = ()
    pages_generation: int = 0
    pdf: bytes | None = None
    pdf_name: str = "handout.pdf"
    problems: tuple[Problem, ...] = ()
    contexts: tuple[tuple[tuple[int, str], ...], ...] = ()
    items: tuple[Item, ...] = ()
    changes: tuple[Change, ...] = ()
    summary: str = "building…"
    languages: tuple[str, ...] = ()
    seconds: float = 0.0
