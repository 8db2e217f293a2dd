"""Files a sheet names (the logo, a theme's fonts): confined to the campaign folder and checked before
WeasyPrint sees them.

A 21 KB PNG can hold 9000×9000 pixels and take 680 MB to render; a file named logo.png can be anything; a
symlink can point at /etc/passwd. So each image is resolved and confined, identified by its first bytes
against an allow-list, measured (pixel count) without decoding, and an SVG may not reach outside itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factsheet.errors import FactsheetError, Location, Problem
from factsheet.reading import read_regular
from factsheet.sheet.validate import LocatedSheet

MAX_IMAGE_BYTES = 5_000_000
MAX_PIXELS = 25_000_000
SVG_EXTERNAL = re.compile(
    r"""(?:href\s*=\s*["'](?!#|data:)|url\(\s*["']?(?!#|data:)|<!DOCTYPE|<!ENTITY|<\?xml-stylesheet)""", re.IGNORECASE
)


MAX_CSV_BYTES = 5_000_000


@dataclass(frozen=True)
class NamedFiles:
    """The files a sheet names, each resolved, confined to the campaign folder and checked: the logo (the
    sheet's, or else its theme's), the theme's fonts by their index, and each declared output's merge CSV."""

    campaign: Path
    logo: Path | None = None
    fonts: dict[int, Path] = field(default_factory=dict)
    merges: dict[int, Path] = field(default_factory=dict)

    def by_name(self) -> dict[str, Path]:
        """Each file by its path relative to the campaign folder, as the manifest and messages name it."""
        paths = [*([self.logo] if self.logo else []), *self.fonts.values(), *self.merges.values()]
        return {path.relative_to(self.campaign.resolve()).as_posix(): path for path in paths}


def named_files(located: LocatedSheet) -> tuple[NamedFiles, list[Problem]]:
    """Resolve, confine and check every file the sheet names before anything reads it; each file that fails
    is a problem at the line that names it."""
    campaign = located.yaml.file.parent
    sheet, locate = located.sheet, located.yaml.locate
    problems: list[Problem] = []

    def checked(step: Callable[..., Path], *arguments: Any) -> Path | None:
        try:
            return step(*arguments)
        except FactsheetError as error:
            problems.extend(error.problems)
            return None

    logo_path = ("logo",) if sheet.logo is not None else ("theme", "logo")
    logo = sheet.logo or sheet.theme.logo
    files = NamedFiles(
        campaign,
        logo=checked(check_image, campaign, logo.file, locate((*logo_path, "file"))) if logo else None,
    )
    for index, font in enumerate(sheet.theme.fonts):
        path = checked(check_font, campaign, font.file, locate(("theme", "fonts", index, "file")))
        if path is not None:
            files.fonts[index] = path
    for index, output in enumerate(sheet.outputs):
        if output.merge is not None:
            location = locate(("outputs", index, "merge"))
            path = checked(confined_file, campaign, output.merge, location, MAX_CSV_BYTES)
            if path is not None:
                files.merges[index] = path
    return files, problems


def check_image(campaign: Path, name: str, location: Location) -> Path:
    """The resolved path of an image the sheet names, or a user error saying what is wrong with it."""
    path = confined_file(campaign, name, location, MAX_IMAGE_BYTES)
    data = read_regular(path, MAX_IMAGE_BYTES, location)
    kind = image_kind(data)
    if kind is None:
        raise FactsheetError.at(
            location, f"'{name}' is not a PNG, JPEG, WebP or SVG image", "export the logo as PNG or SVG"
        )
    if kind == "svg":
        _check_svg(data, name, location)
    else:
        _check_pixels(path, name, location)
    return path


MAX_FONT_BYTES = 10_000_000
FONT_SIGNATURES = (b"OTTO", b"\x00\x01\x00\x00", b"true", b"wOFF", b"wOF2")


def check_font(campaign: Path, name: str, location: Location) -> Path:
    """The resolved path of a font file a theme names, or a user error saying what is wrong with it."""
    path = confined_file(campaign, name, location, MAX_FONT_BYTES)
    data = read_regular(path, MAX_FONT_BYTES, location)
    if data[:4] not in FONT_SIGNATURES:
        raise FactsheetError.at(
            location, f"'{name}' is not an OpenType, TrueType or WOFF font", "use the .otf, .ttf or .woff2 file"
        )
    broken = font_damage(data)
    if broken:
        raise FactsheetError.at(
            location,
            f"'{name}' has a font's signature but cannot be read as one ({broken})",
            "download the font file again from where it came from; a damaged font would be silently replaced",
        )
    return path


MAX_GLYPHS_DRAWN = 600


_FONT_CHECK_CACHE: dict[str, str] = {}
"""Verdicts of `font_damage` by the font's SHA-256: a font is read in full once per process, not per check."""


def font_damage(data: bytes) -> str:
    """What is wrong with a font file, read in full ('' when nothing is): a truncated or garbled file passes its
    signature, and WeasyPrint would then print in some other font without a word. Every table is decompiled,
    and every glyph the character map promises must exist and draw (the first few thousand, for big fonts)."""
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    if digest not in _FONT_CHECK_CACHE:
        _FONT_CHECK_CACHE[digest] = _read_font_in_full(data)
    return _FONT_CHECK_CACHE[digest]


def _read_font_in_full(data: bytes) -> str:
    from io import BytesIO

    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    try:
        with TTFont(BytesIO(data), lazy=False, checkChecksums=2) as font:
            for tag in font.keys():  # noqa: SIM118 (TTFont has no __iter__)
                font[tag]
            cmap = font.getBestCmap()
            if not cmap:
                return "it maps no characters to glyphs"
            glyphs = font.getGlyphSet()
            for glyph_name in list(dict.fromkeys(cmap.values()))[:MAX_GLYPHS_DRAWN]:
                if glyph_name not in glyphs:
                    return f"its character map names a glyph it lacks ({glyph_name})"
                glyphs[glyph_name].draw(BoundsPen(glyphs))
    except Exception as error:  # fontTools raises many kinds of error on damaged input
        return f"{type(error).__name__}: {str(error)[:80]}".rstrip(": ")
    return ""


def confined_file(campaign: Path, name: str, location: Location, max_bytes: int) -> Path:
    """A file the sheet names, resolved (symlinks too) and required to be a regular file inside the campaign
    folder and no larger than `max_bytes`; anything else is a user error at `location`."""
    path = (campaign / name).resolve()
    if not path.is_relative_to(campaign.resolve()):
        raise FactsheetError.at(location, f"'{name}' is outside the campaign folder", _MOVE_HINT)
    if not path.is_file():
        raise FactsheetError.at(location, f"'{name}' does not exist", "check the file name, relative to sheet.yaml")
    size = path.stat().st_size
    if size > max_bytes:
        raise FactsheetError.at(
            location, f"'{name}' is {size:,} bytes; the limit is {max_bytes:,}", "save a smaller version"
        )
    return path


def image_kind(data: bytes) -> str | None:
    """The image format from its first bytes (never from the file name)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<svg") or (head.startswith((b"<?xml", b"<!--")) and b"<svg" in head):
        return "svg"
    return None


def image_pixels(data: bytes) -> int:
    """How many pixels a raster image holds, read from its header without decoding it; 0 for anything else."""
    if image_kind(data) in (None, "svg"):
        return 0
    from io import BytesIO

    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as image:
            width, height = image.size
    except (OSError, Image.DecompressionBombError, ValueError):
        return MAX_PIXELS + 1
    return int(width * height)


def _check_pixels(path: Path, name: str, location: Location) -> None:
    from PIL import Image

    try:
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, Image.DecompressionBombError) as error:
        raise FactsheetError.at(location, f"'{name}' cannot be read as an image ({error})", _EXPORT_HINT) from None
    if width * height > MAX_PIXELS:
        raise FactsheetError.at(
            location,
            f"'{name}' is {width}×{height} pixels ({width * height:,}); the limit is {MAX_PIXELS:,}",
            "a logo needs no more than about 2000×2000 pixels: save a smaller version",
        )


def _check_svg(data: bytes, name: str, location: Location) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FactsheetError.at(location, f"'{name}' is an SVG that is not UTF-8", _EXPORT_HINT) from None
    reference = SVG_EXTERNAL.search(text)
    if reference:
        raise FactsheetError.at(
            location,
            f"'{name}' refers to something outside itself ({reference.group().strip()}...)",
            "export the SVG with images embedded and no links, or use PNG",
        )


_MOVE_HINT = "copy the file into the campaign folder and name it relative to sheet.yaml"
_EXPORT_HINT = "export the logo again as PNG or SVG"
