"""Stylesheets parsed once: parsing loads the @font-face fonts and colour profiles, which every later document
with the same stylesheets reuses (a merge batch prints each kind of output three ways)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factsheet.caching import BoundedCache
from factsheet.render.fetcher import confined_fetcher_class, guarded
from factsheet.render.weasy.fonts import font_configuration, on_release


def prepared_stylesheets(
    texts: tuple[str, ...], base_url: str, roots: tuple[Path, ...], origin: Path
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The stylesheets parsed once per process and kept (with their fonts and colour profiles) for the next
    document that uses the same ones."""

    def parse() -> tuple[tuple[Any, ...], dict[str, Any]]:
        fetcher = confined_fetcher_class()(roots)
        return guarded(fetcher, origin, lambda: _parse_stylesheets(texts, base_url, fetcher))

    return _STYLESHEET_CACHE.get_or_make((texts, base_url, roots), parse)


MAX_CACHED_STYLESHEETS = 4
"""A merge batch prints each kind of output three ways (whole, base, region alone; see variable.py)."""
_STYLESHEET_CACHE: BoundedCache[tuple[Any, ...], tuple[tuple[Any, ...], dict[str, Any]]] = BoundedCache(
    MAX_CACHED_STYLESHEETS
)
on_release(_STYLESHEET_CACHE.clear)


def _parse_stylesheets(texts: tuple[str, ...], base_url: str, fetcher: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Parse CSS once; this also loads the @font-face fonts into the shared font configuration and the
    @color-profile ICC profiles into the colour profiles the document is rendered with. A profile's bytes
    (LittleCMS writes them anew for each PDF) gain its description once its name has been read, which the
    first PDF does: reading it here makes every PDF embed the same profile, the first included."""
    import weasyprint

    fonts = font_configuration()
    profiles: dict[str, Any] = {}
    stylesheets = tuple(
        weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher, font_config=fonts, color_profiles=profiles)
        for css in texts
    )
    for profile in profiles.values():
        _ = profile.name
    return stylesheets, profiles
