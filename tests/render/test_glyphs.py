"""Every bundled face draws every letter of every language it serves, and its italics are sound italics.

Inter 4.0 beta's Display italics drew an upright 'q' and 'K' and accents that fell onto their neighbours, in the
face every quote printed in; a coverage table cannot see that, so the italics are measured against their
uprights: rendered with FreeType (Pillow), each letter's ink must lean by about the font's slant more than the
upright's, stand as tall, keep its width, and stay inside its advance plus the slant's overhang.

A language's letters are those CLDR writes its month and day names and the names of factsheet's languages
in, plus every character of the example's translation: no hand-made alphabet, and it grows with them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from factsheet.errors import Location
from factsheet.resources import TEMPLATES_DIR
from factsheet.sheet.coverage import bundled_characters, bundled_families
from factsheet.translate.languages import STRINGS_FOLDER, Language, available, language

FONTS = TEMPLATES_DIR / "fonts"
TRANSLATIONS = Path(__file__).parents[2] / "seeds" / "banthescan" / "translations"
FACE_RULE = re.compile(r"@font-face\s*{[^}]*font-style:\s*(\w+);[^}]*url\(\"fonts/([^\"]+)\"\)")
SIZE = 160


def design_faces() -> dict[str, str]:
    """The Inter faces the stylesheet declares, by file name, with their style."""
    css = (TEMPLATES_DIR / "base.css").read_text(encoding="utf-8")
    return {file_name: style for style, file_name in FACE_RULE.findall(css)}


@cache
def letters_of(code: str) -> frozenset[str]:
    spoken = language(code, Location.of(STRINGS_FOLDER / f"{code}.yaml"))
    data = spoken.locale._data
    words: list[str] = [str(data["languages"].get(other.replace("-", "_"), "")) for other in available()]
    for context in ("format", "stand-alone"):
        for table in ("months", "days"):
            for names in data[table].get(context, {}).values():
                words += names.values()
    catalog = TRANSLATIONS / f"{code}.po"
    if catalog.is_file():
        with catalog.open("rb") as po:
            words += [str(message.string) for message in read_po(po) if message.string]
    return frozenset(ch for ch in "".join(words) if unicodedata.category(ch)[0] in "LNM")


def faces_of(spoken: Language) -> list[str]:
    """The bundled files a handout in this language may print with: Inter's faces and the script's fonts."""
    families = set(spoken.fonts)
    return [*design_faces(), *(name for name, family in bundled_families().items() if family in families)]


@pytest.mark.parametrize("code", available())
def test_every_face_of_a_language_draws_all_its_letters(code: str) -> None:
    spoken = language(code, Location.of(STRINGS_FOLDER / f"{code}.yaml"))
    faces = faces_of(spoken)
    characters = bundled_characters()
    missing = {}
    for letter in sorted(letters_of(code)):
        serving = [name for name in faces if ord(letter) in characters[name]]
        families = {bundled_families()[name] for name in serving}
        lacking = [name for name in faces if bundled_families()[name] in families and name not in serving]
        if not serving or lacking:
            missing[letter] = lacking or ["every face"]
    assert not missing, f"{code}: letters a face cannot draw: {missing}"


@dataclass(frozen=True)
class Ink:
    left: int
    right: int
    top: int
    bottom: int
    lean: float
    advance: float

    @property
    def height(self) -> int:
        """How far the ink rises above the baseline."""
        return self.bottom - self.top

    @property
    def width(self) -> int:
        return self.right - self.left


def ink(path: Path, letter: str) -> Ink:
    """Where the letter's ink falls from its origin, and how far its rows' centres move right per row upwards,
    measured above the baseline: a true italic may give 'f' a descender and 'ą' an ogonek of its own shape."""
    font = ImageFont.truetype(str(path), SIZE)
    image = Image.new("L", (SIZE * 3, SIZE * 3), 0)
    ImageDraw.Draw(image).text((SIZE, SIZE), letter, font=font, fill=255, anchor="ls")
    box = image.point(lambda value: 255 if value > 128 else 0).getbbox()
    assert box is not None, f"{path.name} draws nothing for {letter!r}"
    width, pixels = image.width, image.tobytes()
    rows, centres = [], []
    for y in range(box[1], min(box[3], SIZE)):
        row = pixels[y * width + box[0] : y * width + box[2]]
        inked = [x for x, value in enumerate(row) if value > 128]
        if inked:
            rows.append(y)
            centres.append(sum(inked) / len(inked))
    if len(rows) < 2:
        return Ink(box[0] - SIZE, box[2] - SIZE, box[1], SIZE, 0.0, font.getlength(letter))
    mean_row, mean_centre = sum(rows) / len(rows), sum(centres) / len(centres)
    spread = sum((y - mean_row) ** 2 for y in rows) or 1.0
    lean = -sum((y - mean_row) * (c - mean_centre) for y, c in zip(rows, centres, strict=True)) / spread
    return Ink(box[0] - SIZE, box[2] - SIZE, box[1], SIZE, lean, font.getlength(letter))


def upright_of(italic: Path) -> Path:
    """The upright face of the italic's family and weight (Inter-SemiBold for Inter-SemiBoldItalic)."""
    with TTFont(italic, lazy=True) as font:
        weight = font["OS/2"].usWeightClass
    for name in design_faces():
        with TTFont(FONTS / name, lazy=True) as font:
            if font["OS/2"].usWeightClass == weight and font["post"].italicAngle == 0:
                return FONTS / name
    raise AssertionError(f"no upright face of weight {weight} for {italic.name}")


def italic_faults(italic: Path, upright: Path, letters: str) -> dict[str, list[str]]:
    with TTFont(italic, lazy=True) as font:
        slant = abs(math.tan(math.radians(font["post"].italicAngle)))
    faults: dict[str, list[str]] = {}
    for letter in letters:
        slanted, straight = ink(italic, letter), ink(upright, letter)
        found = []
        if not 0.5 * slant < slanted.lean - straight.lean < 2 * slant:
            found.append(f"leans {slanted.lean - straight.lean:+.2f} more than upright, not ~{slant:.2f}")
        if abs(slanted.height - straight.height) > 0.08 * straight.height:
            found.append(f"ink {slanted.height} px tall against the upright's {straight.height}")
        if abs(slanted.width - straight.width) > slant * straight.height + 0.15 * straight.width:
            found.append(f"ink {slanted.width} px wide against the upright's {straight.width}")
        overhang = slant * SIZE + 0.08 * SIZE
        if slanted.left < -overhang or slanted.right > slanted.advance + overhang:
            found.append("ink runs into its neighbours")
        if found:
            faults[letter] = found
    return faults


@pytest.mark.parametrize("italic", [name for name, style in design_faces().items() if style == "italic"])
def test_italic_faces_are_slanted_whole_letters(italic: str) -> None:
    with TTFont(FONTS / italic, lazy=True) as font:
        assert font["post"].italicAngle < 0, f"{italic} says it leans left (post.italicAngle > 0)"
        assert font["hhea"].caretSlopeRun > 0, f"{italic}'s caret leans left"
        drawn = set(font.getBestCmap())
    letters = "".join(
        sorted(
            letter
            for code in available()
            for letter in letters_of(code)
            if ord(letter) in drawn and unicodedata.category(letter) in ("Lu", "Ll")
        )
    )
    faults = italic_faults(FONTS / italic, upright_of(FONTS / italic), letters)
    assert not faults, f"{italic} draws these letters wrong: {faults}"


def test_the_measure_finds_a_damaged_italic(tmp_path: Path) -> None:
    """The check is not blind: an upright face passed off as italic fails it on every letter."""
    upright = FONTS / "Inter-SemiBold.otf"
    faults = italic_faults(upright, upright, "qK")
    assert set(faults) == {"q", "K"}
