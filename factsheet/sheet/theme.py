"""A handout's look as data: colours (RGB, with CMYK mixes for print shops), fonts a campaign brings, a logo,
and the built-in themes a sheet can name or start from."""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from factsheet.sheet.fields import Colour, Strict, Text


class Logo(Strict):
    """An image for the header band, from the campaign folder."""

    file: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="Path of a PNG, JPEG, WebP or SVG file, relative to sheet.yaml."
    )
    alt: Text = Field(description="What the logo shows, read aloud by screen readers.")


BUNDLED_FONTS = ("Inter", "Inter Display")


class ThemeFont(Strict):
    """A font file from the campaign folder (OpenType, TrueType or WOFF), one weight and style of a family."""

    family: Text
    file: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="Path of the font file, relative to sheet.yaml; its licence must allow embedding."
    )
    weight: Annotated[int, Field(ge=100, le=900)] = 400
    style: Literal["normal", "italic"] = "normal"


Percent = Annotated[int, Field(ge=0, le=100)]
Cmyk = tuple[Percent, Percent, Percent, Percent]
THEME_COLOURS = ("ink", "accent", "paper", "tint")


class CmykPalette(Strict):
    """The theme's colours for the print-shop edition, as [cyan, magenta, yellow, black] percentages. A colour
    left out is converted from its RGB value (a grey becomes black ink only)."""

    ink: Cmyk | None = None
    accent: Cmyk | None = None
    paper: Cmyk | None = None
    tint: Cmyk | None = None


class Theme(Strict):
    """Colours of the handout, as #rrggbb, with their CMYK mix for print shops under `cmyk:`. In YAML,
    `theme: grayscale` picks a built-in theme, and `theme: {base: grayscale, accent: "#..."}` starts from one
    and changes some colours (a colour changed in RGB only gets its CMYK converted from the new value)."""

    ink: Colour = "#15171c"
    accent: Colour = "#d03c24"
    paper: Colour = "#ffffff"
    tint: Colour = "#f3efe8"
    cmyk: CmykPalette = Field(default_factory=CmykPalette)
    header_fill: bool = Field(
        True, description="false leaves the header band unprinted (white with a rule): saves toner."
    )
    fonts: list[ThemeFont] = Field(default_factory=list, max_length=16, description="Font files the theme brings.")
    body_font: Text = Field("Inter", description="The family for running text: Inter or one of `fonts`.")
    display_font: Text = Field(
        "Inter Display", description="The family for headings and figures: Inter Display, Inter or one of `fonts`."
    )
    logo: Logo | None = Field(None, description="The header band's logo, for every sheet using this theme.")

    @model_validator(mode="after")
    def _known_families(self) -> Theme:
        """A family the theme names must be bundled or brought in `fonts`, or text would fall back silently."""
        known = [*BUNDLED_FONTS, *dict.fromkeys(font.family for font in self.fonts)]
        for family in (self.body_font, self.display_font):
            if family not in known:
                raise ValueError(f"names no font family '{family}' (there are: {', '.join(known)})")
        return self

    @model_validator(mode="before")
    @classmethod
    def _built_in(cls, value: Any) -> Any:
        """Expand a built-in theme's name (templates/themes/NAME.yaml) into its colours; a theme written out
        in full starts from the campaign theme."""
        if isinstance(value, str):
            return built_in_theme(value)
        if isinstance(value, dict):
            base = built_in_theme(str(value.get("base", "campaign")))
            changed = {key: item for key, item in value.items() if key != "base"}
            cmyk = {
                colour: mix
                for colour, mix in dict(base.get("cmyk") or {}).items()
                if colour not in changed or colour in dict(changed.get("cmyk") or {})
            }
            cmyk.update(dict(changed.get("cmyk") or {}))
            return {**base, **changed, "cmyk": cmyk}
        return value

    def cmyk_of(self, colour: str) -> Cmyk:
        """A theme colour's CMYK mix: the one given, or a conversion of its RGB value."""
        given: Cmyk | None = getattr(self.cmyk, colour)
        return given if given is not None else rgb_to_cmyk(getattr(self, colour))


def rgb_to_cmyk(colour: str) -> Cmyk:
    """The plain device conversion (no ICC profile): neutral greys come out as black ink only."""
    red, green, blue = (int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5))
    black = 1 - max(red, green, blue)
    if black >= 1:
        return (0, 0, 0, 100)
    cyan, magenta, yellow = ((1 - channel - black) / (1 - black) for channel in (red, green, blue))
    return (round(cyan * 100), round(magenta * 100), round(yellow * 100), round(black * 100))


def built_in_theme(name: str) -> dict[str, Any]:
    """The colours of a built-in theme; an unknown name lists the ones there are."""
    return copy.deepcopy(_built_in_theme(name))


@cache
def _built_in_theme(name: str) -> dict[str, Any]:
    from factsheet.resources import TEMPLATES_DIR
    from factsheet.sheet.load import load_yaml_file

    folder = TEMPLATES_DIR / "themes"
    path = folder / f"{name}.yaml"
    if not re.fullmatch(r"[a-z0-9-]+", name) or not path.is_file():
        available = ", ".join(sorted(theme.stem for theme in folder.glob("*.yaml")))
        raise ValueError(f"names no built-in theme '{name}' (there are: {available})")
    data = load_yaml_file(path).data
    return dict(data) if isinstance(data, dict) else {}
