"""The one font configuration a process renders with, and a forked child's own font folder.

WeasyPrint loads every @font-face font through a FontConfiguration, which also turns on factsheet's patches of
WeasyPrint and pydyf (subsetting, compression, Unicode maps, language tags) the first time it is asked for.
"""

from __future__ import annotations

import atexit
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration


@cache
def font_configuration() -> FontConfiguration:
    """One font configuration per process: shared by stylesheets and documents, it saves ~15% per render."""
    from weasyprint.text.fonts import FontConfiguration

    from factsheet.render.weasy import install_patches

    install_patches()
    atexit.register(release_fonts)
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
    had_fonts = bool(font_configuration.cache_info().currsize)
    inherited = font_configuration()._folder if had_fonts else None
    if had_fonts:
        font_configuration()._folder = None
    try:
        yield
    finally:
        if font_configuration.cache_info().currsize:
            fonts = font_configuration()
            if fonts._folder is not None and fonts._folder != inherited:
                shutil.rmtree(fonts._folder, ignore_errors=True)
            fonts._folder = inherited


def release_fonts() -> None:
    """Drop the cached fonts, and what holds them, while WeasyPrint is still importable (its finalizer needs
    it at exit)."""
    for release in _RELEASES:
        release()
    font_configuration.cache_clear()


_RELEASES: list[Callable[[], None]] = []


def on_release(release: Callable[[], None]) -> None:
    """Have `release` run before the font configuration is dropped (a cache of stylesheets holding its fonts)."""
    _RELEASES.append(release)
