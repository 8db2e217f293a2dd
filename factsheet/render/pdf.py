"""Print HTML to PDF bytes with WeasyPrint, fetching nothing but bundled fonts and allowed local files.

WeasyPrint is imported here and only here, inside the functions: `factsheet --help` and `factsheet check` never
pay its 0.3 s import. The URL fetcher refuses everything except `data:` URIs and regular files inside the
allowed folders (the package's templates, the campaign folder), and it aborts the render rather than let a
"successful" PDF come out with a missing image or font.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from factsheet.errors import FactsheetError, Location
from factsheet.isolation import run_isolated
from factsheet.press.editions import HOME, Edition
from factsheet.render.fetcher import confined_fetcher_class, guarded
from factsheet.render.fit import ContentTooLongError, empty_shares, overflow, overflowing_panel
from factsheet.render.html import RenderedHtml
from factsheet.render.pagecap import PageCapReachedError, page_cap
from factsheet.render.prepared import prepared_stylesheets
from factsheet.render.weasy.fonts import font_configuration, own_font_folder
from factsheet.render.weasy.loading import load_weasyprint

MAX_PAGES = 24


@dataclass(frozen=True)
class PdfOptions:
    """How the PDF is written: its flavour (see editions.py), dates, and files to attach (archive edition)."""

    edition: Edition = HOME
    date: str | None = None
    attachments: tuple[tuple[str, bytes], ...] = ()


def render_pdf(
    rendered: RenderedHtml,
    *,
    allowed_roots: Sequence[Path],
    origin: Path,
    isolate: bool = True,
    options: PdfOptions = PdfOptions(),
) -> bytes:
    """The PDF for `rendered`; `origin` is the sheet, named in messages about the render.

    Stylesheets and fonts are prepared in this process and kept for the next document; with `isolate` (the
    default) layout and drawing then run in a forked child under a time limit and a memory ceiling, so a
    hostile template ends in a message instead of a hung or exhausted machine."""
    load_weasyprint()
    roots = tuple(root.resolve() for root in allowed_roots)
    prepared = prepared_stylesheets(rendered.stylesheets, rendered.base_url, roots, origin)
    if isolate:
        return run_isolated(_render, rendered, prepared, roots, origin, options, origin=origin, setting=own_font_folder)
    return _render(rendered, prepared, roots, origin, options)


def print_fitted(
    rendered: RenderedHtml,
    *,
    type_scale: tuple[float, float],
    hint: float | None,
    allowed_roots: Sequence[Path],
    origin: Path,
    isolate: bool = True,
    options: PdfOptions = PdfOptions(),
    floor_first: bool = False,
    least: float | None = None,
) -> Fitted:
    """The PDF for `rendered` in the largest type `type_scale` allows at which it fits (see copyfit.py). `hint`,
    a factor found before for the same inputs, is printed at without measuring; should it not fit after all,
    the factor is found again. Fitting runs where the print does: under its limits."""
    load_weasyprint()
    roots = tuple(root.resolve() for root in allowed_roots)
    if isolate:
        return run_isolated(
            _print_fitted,
            rendered,
            type_scale,
            hint,
            roots,
            origin,
            options,
            floor_first,
            least,
            origin=origin,
            setting=own_font_folder,
        )
    return _print_fitted(rendered, type_scale, hint, roots, origin, options, floor_first, least)


@dataclass(frozen=True)
class Fitted:
    """A copyfitted PDF, the type factor it was printed at, and how empty each page or panel was left."""

    pdf: bytes
    scale: float
    empty: tuple[tuple[str, float], ...]
    runts: tuple[tuple[str, str], ...] = ()
    """Display lines ending on one short word (see lint.runts), by part and word."""


def _print_fitted(
    rendered: RenderedHtml,
    type_scale: tuple[float, float],
    hint: float | None,
    roots: tuple[Path, ...],
    origin: Path,
    options: PdfOptions,
    floor_first: bool = False,
    least: float | None = None,
) -> Fitted:
    from factsheet.render.copyfit import at_scale, fitted_scale

    def print_at(factor: float) -> Fitted:
        scaled = at_scale(rendered, factor)
        prepared = prepared_stylesheets(scaled.stylesheets, scaled.base_url, roots, origin)
        pdf, empty, runts = _render_measured(scaled, prepared, roots, origin, options)
        return Fitted(pdf, factor, empty, runts)

    if hint is not None and min(type_scale[0], least or type_scale[0]) <= hint <= type_scale[1]:
        with suppress(ContentTooLongError):
            return print_at(hint)
    fits = _fits(roots, origin, options.edition)
    return print_at(fitted_scale(rendered, type_scale, fits, floor_first=floor_first, least=least))


def find_scale(
    rendered: RenderedHtml,
    *,
    type_scale: tuple[float, float],
    allowed_roots: Sequence[Path],
    origin: Path,
    edition: Edition = HOME,
    floor_first: bool = False,
    least: float | None = None,
) -> float | None:
    """The largest type factor at which `rendered` fits, measured in this process (a pool worker); None when
    it fits at none (see copyfit.fitted_scale for `floor_first` and `least`)."""
    from factsheet.render.copyfit import at_scale, fitted_scale

    load_weasyprint()
    roots = tuple(root.resolve() for root in allowed_roots)
    fits = _fits(roots, origin, edition)
    found = fitted_scale(rendered, type_scale, fits, floor_first=floor_first, least=least)
    if found in (type_scale[0], least) and not fits(at_scale(rendered, found)):
        return None
    return found


def _fits(roots: tuple[Path, ...], origin: Path, edition: Edition) -> Callable[[RenderedHtml], bool]:
    def fits(candidate: RenderedHtml) -> bool:
        prepared = prepared_stylesheets(candidate.stylesheets, candidate.base_url, roots, origin)
        fetcher = confined_fetcher_class()(roots)
        document = guarded(fetcher, origin, lambda: _lay_out(candidate, prepared, fetcher, origin, edition))
        return _too_long(document, candidate, origin) is None

    return fits


def _render(
    rendered: RenderedHtml,
    prepared: tuple[tuple[Any, ...], dict[str, Any]],
    roots: tuple[Path, ...],
    origin: Path,
    pdf_options: PdfOptions,
) -> bytes:
    return _render_measured(rendered, prepared, roots, origin, pdf_options)[0]


Measured = tuple[bytes, tuple[tuple[str, float], ...], tuple[tuple[str, str], ...]]


def _render_measured(
    rendered: RenderedHtml,
    prepared: tuple[tuple[Any, ...], dict[str, Any]],
    roots: tuple[Path, ...],
    origin: Path,
    pdf_options: PdfOptions,
) -> Measured:
    """The PDF, the share of each page or panel left empty (see fit.empty_shares) and the display lines that
    end on one word (lint.runts)."""
    from factsheet.render.lint import runts

    fetcher = confined_fetcher_class()(roots)

    def layout_and_draw() -> Measured:
        document = _lay_out(rendered, prepared, fetcher, origin, pdf_options.edition)
        too_long = _too_long(document, rendered, origin)
        if too_long is not None:
            raise too_long
        if fetcher.refused:
            return b"", (), ()
        document = _with_balanced_headline(document, rendered, roots, origin, pdf_options.edition)
        empty = tuple(empty_shares(document))
        if pdf_options.date:
            document.metadata.created = document.metadata.modified = pdf_options.date
        pdf = document.write_pdf(attachments=_attachments(pdf_options), **_options(pdf_options.edition))
        assert isinstance(pdf, bytes)
        return pdf, empty, runts(document)

    return guarded(fetcher, origin, layout_and_draw)


def _with_balanced_headline(
    document: Any, rendered: RenderedHtml, roots: tuple[Path, ...], origin: Path, edition: Edition
) -> Any:
    """The document laid out again with its headline narrowed to even lines, when that keeps the headline's
    line count and the page's fit (see balance.py); otherwise the document as it was."""
    from factsheet.render.balance import balance_css, balanced_widths, headline_lines

    lines = headline_lines(document)
    for width in balanced_widths(lines):
        candidate = replace(rendered, stylesheets=(*rendered.stylesheets, balance_css(width)))
        prepared = prepared_stylesheets(candidate.stylesheets, candidate.base_url, roots, origin)
        fetcher = confined_fetcher_class()(roots)
        balanced = _lay_out(candidate, prepared, fetcher, origin, edition)
        if len(headline_lines(balanced)) == len(lines) and _too_long(balanced, candidate, origin) is None:
            return balanced
    return document


def _options(edition: Edition) -> dict[str, Any]:
    return {
        "presentational_hints": False,
        "pdf_tags": True,
        "pdf_variant": edition.pdf_variant,
        "uncompressed_pdf": False,
    }


def _lay_out(
    rendered: RenderedHtml,
    prepared: tuple[tuple[Any, ...], dict[str, Any]],
    fetcher: Any,
    origin: Path,
    edition: Edition,
) -> Any:
    """WeasyPrint's laid-out document, within the page limit."""
    import weasyprint

    stylesheets, profiles = prepared
    html = weasyprint.HTML(string=rendered.html, base_url=rendered.base_url, url_fetcher=fetcher)
    try:
        with page_cap(MAX_PAGES):
            document = html.render(
                stylesheets=list(stylesheets),
                font_config=font_configuration(),
                color_profiles=profiles,
                **_options(edition),
            )
    except PageCapReachedError:
        raise FactsheetError.at(
            Location.of(origin),
            f"the handout runs past {MAX_PAGES} pages, the limit; layout was stopped there",
            "shorten the content, or check the template for a runaway loop",
        ) from None
    if len(document.pages) > MAX_PAGES:
        raise FactsheetError.at(
            Location.of(origin),
            f"the handout came out at {len(document.pages)} pages; the limit is {MAX_PAGES}",
            "shorten the content, or check the template for a runaway loop",
        )
    return document


def _too_long(document: Any, rendered: RenderedHtml, origin: Path) -> ContentTooLongError | None:
    """Content that runs past the layout's pages or out of a fixed-size panel, as the error to raise."""
    if rendered.pages is not None and len(document.pages) > rendered.pages:
        return overflow(document, rendered, origin)
    return overflowing_panel(document, rendered, origin)


def _attachments(options: PdfOptions) -> list[Any]:
    """The archive edition's evidence files, dated like the handout so a rebuild is byte-identical."""
    import weasyprint

    when = dt.datetime.fromisoformat(options.date) if options.date else None
    return [
        weasyprint.Attachment(string=content, name=name, created=when, modified=when, relationship="Source")
        for name, content in options.attachments
    ]
