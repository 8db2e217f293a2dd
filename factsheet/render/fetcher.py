"""The only way WeasyPrint reaches a file: `data:` addresses and regular files inside the allowed folders (the
package's templates, the campaign folder), each capped in size and in pixels; anything else stops the render."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from factsheet.errors import FactsheetError, Location
from factsheet.sheet.assets import MAX_PIXELS, image_pixels

T = TypeVar("T")

MAX_RESOURCE_BYTES = 20_000_000
MAX_DATA_URL_CHARACTERS = 500_000
"""An image written into the CSS or HTML as a data: address: a logo needs far less, and each one is decoded
and held in memory for every render."""


@cache
def confined_fetcher_class() -> Any:
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


def guarded(fetcher: Any, origin: Path, step: Callable[[], T]) -> T:
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
