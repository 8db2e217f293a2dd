"""The sheet format: what a campaign writes in YAML, as typed pydantic models.

Unknown keys are rejected (`extra="forbid"`), so a typo is an error instead of a silently missing paragraph. The
field descriptions double as the documentation shown in editors through the generated JSON Schema.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from factsheet.verify.normalize import BIDI_CONTROLS


def _printable(text: str) -> str:
    """Refuse invisible characters that would print as junk or silently reorder a sentence."""
    for character in text:
        if character in "\n\t":
            continue
        category = unicodedata.category(character)
        if category == "Cc" or character in BIDI_CONTROLS:
            raise ValueError(f"contains an invisible control character (U+{ord(character):04X}); delete it")
    return text


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_printable)]
SourceId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80),
    Field(description="File name of an archived source in the sources/ folder, without '.txt'."),
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
WebAddress = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"]+$", max_length=500)]


class Strict(BaseModel):
    """Base for every model of the format: unknown keys are errors, values are not silently coerced to text."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    """A pointer to an archived source, with the passage that supports the claim."""

    source: SourceId
    excerpt: Text | None = Field(None, description="The supporting passage, copied word for word from the source.")


class KeyFact(Strict):
    """A headline number with its label and the sentence that states it."""

    figure: Text = Field(description="The big number as printed, e.g. '9,850'.")
    label: Text = Field(description="A few words under the figure saying what it counts.")
    text: Text = Field(description="One sentence stating the fact in full.")
    cite: list[Citation] = Field(min_length=1, description="Sources for the fact, each with its excerpt.")


class Quote(Strict):
    """Words a named person said, exactly as the cited source prints them."""

    text: Text = Field(description="The quoted words, verbatim from the source, without outer quote marks.")
    speaker: Text = Field(description="Who said it, as named in the source.")
    role: Text = Field(description="The speaker's role or organisation, as the source gives it.")
    source: SourceId


class Section(Strict):
    """A short narrative block (two or three sentences) in the campaign's own words, with its sources."""

    heading: Text
    text: Text
    cite: list[Citation] = Field(default_factory=list)


class Demand(Strict):
    """One thing the campaign asks for."""

    text: Text
    cite: list[Citation] = Field(default_factory=list)


class CallToAction(Strict):
    """What a reader should do next; the URL also becomes the QR code."""

    heading: Text
    text: Text
    url: WebAddress = Field(description="Printed under the QR code; use a placeholder on example.org until known.")


class Contact(Strict):
    """Who publishes the handout and how to reach them. Every field is optional."""

    name: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    website: WebAddress | None = None


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
    from factsheet.sheet.load import load_yaml_file
    from factsheet.resources import TEMPLATES_DIR

    folder = TEMPLATES_DIR / "themes"
    path = folder / f"{name}.yaml"
    if not re.fullmatch(r"[a-z0-9-]+", name) or not path.is_file():
        available = ", ".join(sorted(theme.stem for theme in folder.glob("*.yaml")))
        raise ValueError(f"names no built-in theme '{name}' (there are: {available})")
    data = load_yaml_file(path).data
    return dict(data) if isinstance(data, dict) else {}


Paper = Literal["letter", "a4"]
Layout = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,40}$")]


class MergeAction(Strict):
    """The call to action for mail-merge variants: `{column}` placeholders are filled from each CSV row."""

    heading: Text
    text: Text
    url: Text = Field(description="A web address, or a {column} holding one (it becomes each variant's QR code).")


def _letter() -> list[Paper]:
    return ["letter"]


class Output(Strict):
    """One kind of PDF the sheet wants: a layout on some papers, optionally once per row of a CSV file."""

    layout: Layout = "onepager"
    papers: list[Paper] = Field(default_factory=_letter, min_length=1)
    merge: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = Field(
        None, description="A CSV file, relative to sheet.yaml: one PDF per row."
    )
    name: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = Field(
        None, description="Output name pattern for merge rows, e.g. '{slug}-{district}'."
    )
    combine: bool = Field(False, description="Also write one PDF with every merge variant in row order.")
    imposition: Literal["2up"] | None = Field(
        None, description="'2up': two half-page flyers side by side on one Letter/A4 sheet, with a cut line."
    )
    edition: Literal["home", "shop", "archive"] = Field(
        "home",
        description="home: tagged RGB PDF for home printers; shop: CMYK with bleed for print shops; "
        "archive: PDF/A-3b carrying the sheet and its sources.",
    )
    crop_marks: bool = Field(False, description="With edition: shop, draw crop marks outside the bleed.")
    job_ticket: bool = Field(
        False, description="With edition: shop, also write a one-page job ticket for the print shop (-ticket.pdf)."
    )


class Sheet(Strict):
    """One handout: metadata, key facts, quotes, narrative, demands and a call to action."""

    title: Text
    subtitle: Text | None = None
    tag: Text = Field(description="The campaign hashtag or short name shown in the header band.")
    slug: Slug = Field(description="Output file name without '.pdf': lowercase letters, digits and hyphens.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en"
    as_of: dt.date = Field(description="The date the facts were last checked (YYYY-MM-DD).")
    organisations: list[Text] = Field(default_factory=list)
    author: Text | None = Field(None, description="Shown as the PDF's author.")
    note: Text | None = Field(None, description="A line of small print in the footer, e.g. who made the sheet.")
    keywords: list[Text] = Field(default_factory=list)
    facts: list[KeyFact] = Field(min_length=1, max_length=6)
    sections: list[Section] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    demands: list[Demand] = Field(default_factory=list)
    action: CallToAction
    contact: Contact | None = None
    theme: Theme = Field(default_factory=lambda: Theme.model_validate({}))
    logo: Logo | None = None
    merge_action: MergeAction | None = Field(
        None, description="The call to action used instead of `action` in mail-merge variants."
    )
    outputs: list[Output] = Field(default_factory=lambda: [Output.model_validate({})], min_length=1)


class SourceMeta(Strict):
    """The front matter of an archived source: what the article itself shows, empty where unknown."""

    publisher: Text | None = None
    title: Text
    author: Text | None = None
    published: dt.date | None = None
    url: WebAddress | None = None
    retrieved: dt.date | None = None
    note: Text | None = None


def sheet_schema() -> dict[str, object]:
    """The JSON Schema of a sheet, for editors' autocompletion and validation as you type."""
    schema = Sheet.model_json_schema()
    return {**schema, "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "factsheet sheet"}
