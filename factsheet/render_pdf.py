"""Print HTML to PDF bytes with WeasyPrint, fetching nothing but bundled fonts and allowed local files.

WeasyPrint is imported here and only here, inside the functions: `factsheet --help` and `factsheet check` never
pay its 0.3 s import. The URL fetcher refuses everything except `data:` URIs and regular files inside the
allowed folders (the package's templates, the campaign folder), and it aborts the render rather than let a
"successful" PDF come out with a missing image or font.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from factsheet.errors import FactsheetError, Location
from factsheet.render_html import RenderedHtml

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

MAX_RESOURCE_BYTES = 20_000_000


def render_pdf(rendered: RenderedHtml, *, allowed_roots: Sequence[Path], origin: Path) -> bytes:
    """The PDF for `rendered`; `origin` is the sheet, named in the message if a resource is refused."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _confined_fetcher_class()(tuple(root.resolve() for root in allowed_roots))
    fonts = _font_configuration()
    try:
        stylesheets = [
            weasyprint.CSS(string=css, base_url=rendered.base_url, url_fetcher=fetcher, font_config=fonts)
            for css in rendered.stylesheets
        ]
        document = weasyprint.HTML(string=rendered.html, base_url=rendered.base_url, url_fetcher=fetcher)
        pdf = document.write_pdf(
            stylesheets=stylesheets,
            font_config=fonts,
            presentational_hints=False,
            pdf_tags=True,
            uncompressed_pdf=False,
        )
    except FatalURLFetchingError:
        pass
    if fetcher.refused:
        raise FactsheetError.at(
            Location.of(origin),
            f"the handout refers to a file factsheet will not read: {fetcher.refused[0]}",
            "only images and fonts inside the campaign folder can be used",
        )
    assert isinstance(pdf, bytes)
    return pdf


@cache
def _font_configuration() -> FontConfiguration:
    """One font configuration per process: shared by stylesheets and documents, it saves ~15% per render."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


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
                return super().fetch(url, headers)
            if parts.scheme != "file":
                self.refuse(f"{url} (only files inside the campaign folder are allowed)")
            path = Path(unquote(parts.path)).resolve()
            if not path.is_file() or not any(path.is_relative_to(root) for root in self.roots):
                self.refuse(f"{url} (outside the campaign folder, or not a regular file)")
            if path.stat().st_size > MAX_RESOURCE_BYTES:
                self.refuse(f"{url} (larger than {MAX_RESOURCE_BYTES:,} bytes)")
            return URLFetcherResponse(url, path.read_bytes())

        def refuse(self, reason: str) -> None:
            """Abort the render; the reason is also kept, since WeasyPrint's SVG code swallows the abort."""
            self.refused.append(reason)
            raise FatalURLFetchingError(reason)

    return ConfinedURLFetcher
