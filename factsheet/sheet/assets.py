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
    data = path.read_bytes()
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
    with path.open("rb") as handle:
        if handle.read(4) not in FONT_SIGNATURES:
            raise FactsheetError.at(
                location, f"'{name}' is not an OpenType, TrueType or WOFF font", "use the .otf, .ttf or .woff2 file"
            )
    return path


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
