"""Fitting a handout to its layout: copyfitting, then the layout's fallback steps for a translation that runs
longer than its English, and the warnings a build gives about the result (what a step left out, pages left
sparse)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.errors import Location, Problem
from factsheet.press.editions import Edition
from factsheet.press.layouts import Layout, PaperName
from factsheet.resources import TEMPLATES_DIR

if TYPE_CHECKING:
    from factsheet.render.html import RenderedHtml
    from factsheet.render.pdf import Fitted, PdfOptions
    from factsheet.results import CheckResult


@dataclass(frozen=True)
class Printing:
    """How one output of a checked sheet is printed: the PDF's options, the folders its files may come from,
    and the file its problems are reported against (the sheet, or the translation's PO file)."""

    options: PdfOptions
    roots: tuple[Path, ...]
    origin: Path

    @classmethod
    def of(cls, checked: CheckResult, edition: Edition, language: str | None) -> Printing:
        from factsheet.render.pdf import PdfOptions

        options = PdfOptions(
            edition=edition,
            date=checked.located.sheet.as_of.isoformat(),
            attachments=checked.archive_files() if edition.attaches_evidence else (),
        )
        origin = checked.translations[language].po_file if language else checked.sheet_path
        return cls(options, (TEMPLATES_DIR, checked.campaign.folder), origin)


def fit_handout(
    rendered: RenderedHtml,
    html_for: Callable[[Layout], RenderedHtml],
    layout: Layout,
    printing: Printing,
    *,
    translated: bool,
    scale_hint: float | None,
    isolate: bool,
) -> tuple[Fitted, Layout]:
    """The handout copyfitted, and the layout as it shows the sheet: a translation that does not fit even in
    the smallest type is printed with the layout's first fallback step that fits (see Layout.fallbacks); when
    none does, the refusal is the one for the shortest step, naming what still runs over."""
    from factsheet.render.fit import ContentTooLongError
    from factsheet.render.pdf import print_fitted

    candidates = (layout, *(layout.shortened() if translated else ()))
    for index, shown in enumerate(candidates):
        if index:
            rendered = html_for(shown)
        try:
            fitted = print_fitted(
                rendered,
                type_scale=layout.type_scale,
                hint=scale_hint if index == 0 else None,
                allowed_roots=printing.roots,
                origin=printing.origin,
                isolate=isolate,
                options=printing.options,
                floor_first=translated,
                least=layout.least_scale,
            )
        except ContentTooLongError:
            if index == len(candidates) - 1:
                raise
            continue
        return fitted, shown
    raise AssertionError("unreachable: the last candidate returns or raises")


def left_out(
    checked: CheckResult, layout: Layout, shown: Layout, origin: Path, language: str | None
) -> tuple[Problem, ...]:
    """A warning naming what a fallback step left out of the translated handout, part by part."""
    sheet = checked.located.sheet
    parts = []
    for part, count in shown.shows.items():
        value = getattr(sheet, part)
        if len(value) <= count or layout.shows.get(part, len(value)) <= count:
            continue
        if isinstance(value, str):
            parts.append(f"no {part}")
        else:
            first = f"the first {count}" if count else "none"
            parts.append(f"{first} of its {len(value)} {part}")
    if not parts or language is None:
        return ()
    named = checked.translations[language].language.name
    return (
        Problem(
            Location.of(origin),
            f"to fit the {layout.name} layout, the {named} translation prints " + " and ".join(parts),
            "fine to print as it is; for everything, print a larger layout (twosided, trifold) or tighten the wording",
            severity="warning",
        ),
    )


def sparse_warnings(
    empty: Sequence[tuple[str, float]], layout: Layout, paper: PaperName, origin: Path
) -> tuple[Problem, ...]:
    """A warning for each page or panel more than SPARSE_SHARE empty after copyfitting: it will look
    unfinished on paper."""
    from factsheet.render.fit import SPARSE_SHARE

    return tuple(
        Problem(
            Location.of(origin),
            f"{where} of the {layout.name} layout on {layout.sheet(paper).name} is {share:.0%} empty, "
            "even in the largest type the layout allows",
            f"add to what it shows (a key figure, a quote, a section) or print {layout.sparse_hint}",
            severity="warning",
        )
        for where, share in empty
        if share > SPARSE_SHARE
    )


def runt_warnings(runts: Sequence[tuple[str, str]], layout: Layout, origin: Path) -> tuple[Problem, ...]:
    """A warning for each display line that ends on one short word: it reads as a mistake on paper."""
    return tuple(
        Problem(
            Location.of(origin),
            f"in the {layout.name} layout, {part}'s last line is one word: “{word}”",
            "reword it a little (a word more or less moves the break), or shorten it so it fits on fewer lines",
            severity="warning",
        )
        for part, word in runts
    )
