"""Print HTML to PDF bytes with WeasyPrint, fetching nothing but bundled fonts and allowed local files.

WeasyPrint is imported here and only here, inside the functions: `factsheet --help` and `factsheet check` never
pay its 0.3 s import. The URL fetcher refuses everything except `data:` URIs and regular files inside the
allowed folders (the package's templates, the campaign folder), and it aborts the render rather than let a
"successful" PDF come out with a missing image or font.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote, urlsplit

from factsheet.errors import FactsheetError, Location
from factsheet.press.editions import HOME
from factsheet.render.fit import ContentTooLongError, empty_shares, overflow, overflowing_panel
from factsheet.render.html import RenderedHtml
from factsheet.render.isolation import run_isolated
from factsheet.render.loading import load_weasyprint
from factsheet.render.pagecap import PageCapReachedError, page_cap
from factsheet.sheet.assets import MAX_PIXELS, image_pixels

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

T = TypeVar("T")
MAX_RESOURCE_BYTES = 20_000_000
MAX_DATA_URL_CHARACTERS = 500_000
"""An image written into the CSS or HTML as a data: address: a logo needs far less, and each one is decoded
and held in memory for every render."""
MAX_PAGES = 24


@dataclass(frozen=True)
class PdfOptions:
    """How the PDF is written: its flavour (see editions.py), dates, and files to attach (archive edition)."""

    variant: str = HOME.pdf_variant
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
    prepared = _prepared_stylesheets(rendered.stylesheets, rendered.base_url, roots, origin)
    if isolate:
        return run_isolated(_render, rendered, prepared, roots, origin, options, origin=origin)
    return _render(rendered, prepared, roots, origin, options)


def _prepared_stylesheets(
    texts: tuple[str, ...], base_url: str, roots: tuple[Path, ...], origin: Path
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    key = (texts, base_url, roots)
    if key not in _STYLESHEET_CACHE:
        fetcher = _confined_fetcher_class()(roots)
        stylesheets = _guarded(fetcher, origin, lambda: _parse_stylesheets(texts, base_url, fetcher))
        if len(_STYLESHEET_CACHE) >= MAX_CACHED_STYLESHEETS:
            del _STYLESHEET_CACHE[next(iter(_STYLESHEET_CACHE))]
        _STYLESHEET_CACHE[key] = stylesheets
    return _STYLESHEET_CACHE[key]


MAX_CACHED_STYLESHEETS = 4
"""A merge batch prints each kind of output three ways (whole, base, region alone; see variable.py)."""
_STYLESHEET_CACHE: dict[tuple[Any, ...], tuple[tuple[Any, ...], dict[str, Any]]] = {}


def _parse_stylesheets(texts: tuple[str, ...], base_url: str, fetcher: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Parse CSS once; this also loads the @font-face fonts into the shared font configuration and the
    @color-profile ICC profiles into the colour profiles the document is rendered with. A profile's bytes
    (LittleCMS writes them anew for each PDF) gain its description once its name has been read, which the
    first PDF does: reading it here makes every PDF embed the same profile, the first included."""
    import weasyprint

    fonts = _font_configuration()
    profiles: dict[str, Any] = {}
    stylesheets = tuple(
        weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher, font_config=fonts, color_profiles=profiles)
        for css in texts
    )
    for profile in profiles.values():
        _ = profile.name
    return stylesheets, profiles


def print_fitted(
    rendered: RenderedHtml,
    *,
    type_scale: tuple[float, float],
    hint: float | None,
    allowed_roots: Sequence[Path],
    origin: Path,
    isolate: bool = True,
    options: PdfOptions = PdfOptions(),
) -> Fitted:
    """The PDF for `rendered` in the largest type `type_scale` allows at which it fits (see copyfit.py). `hint`,
    a factor found before for the same inputs, is printed at without measuring; should it not fit after all,
    the factor is found again. Fitting runs where the print does: under its limits."""
    load_weasyprint()
    roots = tuple(root.resolve() for root in allowed_roots)
    if isolate:
        return run_isolated(_print_fitted, rendered, type_scale, hint, roots, origin, options, origin=origin)
    return _print_fitted(rendered, type_scale, hint, roots, origin, options)


@dataclass(frozen=True)
class Fitted:
    """A copyfitted PDF, the type factor it was printed at, and how empty each page or panel was left."""

    pdf: bytes
    scale: float
    empty: tuple[tuple[str, float], ...]


def _print_fitted(
    rendered: RenderedHtml,
    type_scale: tuple[float, float],
    hint: float | None,
    roots: tuple[Path, ...],
    origin: Path,
    options: PdfOptions,
) -> Fitted:
    from factsheet.render.copyfit import at_scale, fitted_scale

    def print_at(factor: float) -> Fitted:
        scaled = at_scale(rendered, factor)
        prepared = _prepared_stylesheets(scaled.stylesheets, scaled.base_url, roots, origin)
        pdf, empty = _render_measured(scaled, prepared, roots, origin, options)
        return Fitted(pdf, factor, empty)

    if hint is not None and type_scale[0] <= hint <= type_scale[1]:
        with suppress(ContentTooLongError):
            return print_at(hint)
    return print_at(fitted_scale(rendered, type_scale, _fits(roots, origin, options.variant)))


def find_scale(
    rendered: RenderedHtml,
    *,
    type_scale: tuple[float, float],
    allowed_roots: Sequence[Path],
    origin: Path,
    variant: str = HOME.pdf_variant,
) -> float:
    """The largest type factor at which `rendered` fits, measured in this process (a pool worker)."""
    from factsheet.render.copyfit import fitted_scale

    load_weasyprint()
    roots = tuple(root.resolve() for root in allowed_roots)
    return fitted_scale(rendered, type_scale, _fits(roots, origin, variant))


def _fits(roots: tuple[Path, ...], origin: Path, variant: str) -> Callable[[RenderedHtml], bool]:
    def fits(candidate: RenderedHtml) -> bool:
        prepared = _prepared_stylesheets(candidate.stylesheets, candidate.base_url, roots, origin)
        fetcher = _confined_fetcher_class()(roots)
        document = _guarded(fetcher, origin, lambda: _lay_out(candidate, prepared, fetcher, origin, variant))
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


def _render_measured(
    rendered: RenderedHtml,
    prepared: tuple[tuple[Any, ...], dict[str, Any]],
    roots: tuple[Path, ...],
    origin: Path,
    pdf_options: PdfOptions,
) -> tuple[bytes, tuple[tuple[str, float], ...]]:
    """The PDF, and the share of each page or panel left empty (see fit.empty_shares)."""
    fetcher = _confined_fetcher_class()(roots)

    def layout_and_draw() -> tuple[bytes, tuple[tuple[str, float], ...]]:
        document = _lay_out(rendered, prepared, fetcher, origin, pdf_options.variant)
        too_long = _too_long(document, rendered, origin)
        if too_long is not None:
            raise too_long
        if fetcher.refused:
            return b"", ()
        document = _with_balanced_headline(document, rendered, roots, origin, pdf_options.variant)
        empty = tuple(empty_shares(document))
        if pdf_options.date:
            document.metadata.created = document.metadata.modified = pdf_options.date
        pdf = document.write_pdf(attachments=_attachments(pdf_options), **_options(pdf_options.variant))
        assert isinstance(pdf, bytes)
        return pdf, empty

    return _guarded(fetcher, origin, layout_and_draw)


def _with_balanced_headline(
    document: Any, rendered: RenderedHtml, roots: tuple[Path, ...], origin: Path, variant: str
) -> Any:
    """The document laid out again with its headline narrowed to even lines, when that keeps the headline's
    line count and the page's fit (see balance.py); otherwise the document as it was."""
    from factsheet.render.balance import balance_css, balanced_widths, headline_lines

    lines = headline_lines(document)
    for width in balanced_widths(lines):
        candidate = replace(rendered, stylesheets=(*rendered.stylesheets, balance_css(width)))
        prepared = _prepared_stylesheets(candidate.stylesheets, candidate.base_url, roots, origin)
        fetcher = _confined_fetcher_class()(roots)
        balanced = _lay_out(candidate, prepared, fetcher, origin, variant)
        if len(headline_lines(balanced)) == len(lines) and _too_long(balanced, candidate, origin) is None:
            return balanced
    return document


def _options(variant: str) -> dict[str, Any]:
    return {"presentational_hints": False, "pdf_tags": True, "pdf_variant": variant, "uncompressed_pdf": False}


def _lay_out(
    rendered: RenderedHtml, prepared: tuple[tuple[Any, ...], dict[str, Any]], fetcher: Any, origin: Path, variant: str
) -> Any:
    """WeasyPrint's laid-out document, within the page limit."""
    import weasyprint

    stylesheets, profiles = prepared
    html = weasyprint.HTML(string=rendered.html, base_url=rendered.base_url, url_fetcher=fetcher)
    try:
        with page_cap(MAX_PAGES):
            document = html.render(
                stylesheets=list(stylesheets),
                font_config=_font_configuration(),
                color_profiles=profiles,
                **_options(variant),
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


def _guarded(fetcher: Any, origin: Path, step: Callable[[], T]) -> T:
    """Run a WeasyPrint step; a refused resource or runaway nesting becomes a user error."""
    from weasyprint.urls import FatalURLFetchingError

    result: T | None = None
    try:
        result = step()
    except FatalURLFetchingError:
        pass
    except RecursionError:
        raise FactsheetError.at(
            Location.of(origin),
            "the handout's HTML is nested too deeply to lay out",
            "check the template for elements nested inside each other hundreds of times",
        ) from None
    except OSError as error:
        raise FactsheetError.at(
            Location.of(origin),
            f"could not write a temporary file while preparing the fonts ({error.strerror or error})",
            "free some disk space (or raise the file-size limit) and build again; nothing was written",
        ) from None
    if fetcher.refused:
        raise FactsheetError.at(
            Location.of(origin),
            f"the handout refers to a file factsheet will not read: {fetcher.refused[0]}",
            "only images and fonts inside the campaign folder can be used",
        )
    assert result is not None
    return result


@cache
def _font_configuration() -> FontConfiguration:
    """One font configuration per process: shared by stylesheets and documents, it saves ~15% per render."""
    from weasyprint.text.fonts import FontConfiguration

    from factsheet.render.compression import use_reused_compression
    from factsheet.render.language_tags import use_language_tags
    from factsheet.render.subset import use_bundled_harfbuzz
    from factsheet.render.unicode_map import use_complete_unicode_maps

    use_bundled_harfbuzz()
    use_reused_compression()
    use_complete_unicode_maps()
    use_language_tags()
    atexit.register(_release_fonts)
    return FontConfiguration()


@contextmanager
def own_font_folder() -> Iterator[None]:
    """For a forked child: the fonts its stylesheets load go into a folder of its own, removed when it ends.

    WeasyPrint writes each @font-face font to its configuration's temporary folder and skips one whose file
    is already there. A child forked from a process that holds a configuration shares that folder, so the
    file a first child wrote made the next child skip registering the font, and its text fell back to
    another font (wrong glyphs, or none). The parent's fonts stay registered in the child either way. The
    folder is removed here because a child ends with os._exit, which skips WeasyPrint's own clean-up: a
    folder of about 2 MB per build was left in the temp folder."""
    had_fonts = bool(_font_configuration.cache_info().currsize)
    inherited = _font_configuration()._folder if had_fonts else None
    if had_fonts:
        _font_configuration()._folder = None
    try:
        yield
    finally:
        if _font_configuration.cache_info().currsize:
            fonts = _font_configuration()
            if fonts._folder is not None and fonts._folder != inherited:
                shutil.rmtree(fonts._folder, ignore_errors=True)
            fonts._folder = inherited


def _release_fonts() -> None:
    """Drop the cached fonts while WeasyPrint is still importable (its finalizer needs it at exit)."""
    _STYLESHEET_CACHE.clear()
    _font_configuration.cache_clear()


@cache
def _confined_fetcher_class() -> Any:
    """Build the fetcher class lazily, since subclassing needs WeasyPrint imported."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ConfinedURLFetcher(URLFetcher):  # type: ignore[misc]
        """Serves `data:` URIs and files under the allowed roots; anything else stops the render."""

        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self.roots = roots
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                if len(url) > MAX_DATA_URL_CHARACTERS:
                    limit = MAX_DATA_URL_CHARACTERS
                    self.refuse(f"a data: address of {len(url):,} characters (the limit is {limit:,})")
                response = super().fetch(url, headers)
                data = response.read()
                self.check_pixels("a data: image", data)
                return URLFetcherResponse(url, data, headers=response.headers, status=response.status)
            if parts.scheme != "file":
                self.refuse(f"{url} (only files inside the campaign folder are allowed)")
            path = Path(unquote(parts.path)).resolve()
            if not path.is_file() or not any(path.is_relative_to(root) for root in self.roots):
                self.refuse(f"{url} (outside the campaign folder, or not a regular file)")
            if path.stat().st_size > MAX_RESOURCE_BYTES:
                self.refuse(f"{url} (larger than {MAX_RESOURCE_BYTES:,} bytes)")
            data = path.read_bytes()
            self.check_pixels(url, data)
            return URLFetcherResponse(url, data)

        def check_pixels(self, what: str, data: bytes) -> None:
            """A small image file can decode to gigabytes (9000 × 9000 pixels from 21 KB): refuse it unread."""
            pixels = image_pixels(data)
            if pixels > MAX_PIXELS:
                self.refuse(f"{what} of {pixels:,} pixels (the limit is {MAX_PIXELS:,})")

        def refuse(self, reason: str) -> None:
            """Abort the render; the reason is also kept, since WeasyPrint's SVG code swallows the abort."""
            self.refused.append(reason)
            raise FatalURLFetchingError(reason)

    return ConfinedURLFetcher
