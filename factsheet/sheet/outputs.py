"""What a sheet asks to be printed as: layouts on papers, editions, mail merges, and which of those combine."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from factsheet.press.editions import EDITIONS, HOME, EditionName
from factsheet.press.layouts import DEFAULT_LAYOUT, LAYOUTS, Imposition, LayoutName, PaperName
from factsheet.sheet.fields import Strict, Text


class MergeAction(Strict):
    """The call to action for mail-merge variants: `{column}` placeholders are filled from each CSV row."""

    heading: Text
    text: Text
    url: Text = Field(description="A web address, or a {column} holding one (it becomes each variant's QR code).")


KindName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,39}$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")]


def _letter() -> list[PaperName]:
    return ["letter"]


class Output(Strict):
    """One kind of PDF the sheet wants: a layout on some papers, optionally once per row of a CSV file."""

    layout: LayoutName = DEFAULT_LAYOUT
    papers: list[PaperName] = Field(default_factory=_letter, min_length=1)
    merge: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = Field(
        None, description="A CSV file, relative to sheet.yaml: one PDF per row."
    )
    name: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = Field(
        None, description="Output name pattern for merge rows, e.g. '{slug}-{district}'."
    )
    combine: bool = Field(False, description="Also write one PDF with every merge variant in row order.")
    imposition: Imposition | None = Field(
        None, description="'2up': two half-page flyers side by side on one Letter/A4 sheet, with a cut line."
    )
    edition: EditionName = Field(
        "home",
        description="home: tagged RGB PDF for home printers; shop: CMYK with bleed for print shops; "
        "archive: PDF/A-3b carrying the sheet and its sources.",
    )
    crop_marks: bool = Field(False, description="With edition: shop, draw crop marks outside the bleed.")
    languages: list[LanguageCode] = Field(
        default_factory=list,
        max_length=12,
        description="Print the output in each of these languages (en, es, zh-Hant, ...), each other than the "
        "sheet's own from translations/<code>.po; output names carry the code. Default: the sheet's language.",
    )
    job_ticket: bool = Field(
        False, description="With edition: shop, also write a one-page job ticket for the print shop (-ticket.pdf)."
    )
    also: list[KindName] = Field(
        default_factory=list,
        max_length=8,
        description="Other files to write beside each PDF, by the name of their kind (ticket, ...): "
        "`factsheet build --help` lists them.",
    )

    @property
    def beside(self) -> list[str]:
        """The kinds of file written beside each PDF: `also`, and the job ticket `job_ticket` asks for."""
        return list(dict.fromkeys([*self.also, *(["ticket"] if self.job_ticket else [])]))

    @model_validator(mode="after")
    def _printable_as_asked(self) -> Output:
        """Combinations that cannot be printed as asked, refused before anything is read or rendered."""
        if self.imposition and not LAYOUTS[self.layout].imposable:
            imposable = ", ".join(name for name, layout in LAYOUTS.items() if layout.imposable)
            _refuse(f"imposition '{self.imposition}' is for the {imposable} layout", f"use layout: {imposable}")
        if self.imposition and EDITIONS[self.edition] is not HOME:
            _refuse(
                f"imposition '{self.imposition}' is for home printers, not the {self.edition} edition",
                "leave out imposition: a print shop imposes the single flyer itself",
            )
        if self.crop_marks and not EDITIONS[self.edition].bleed:
            _refuse("crop marks are for the print-shop edition", "add edition: shop")
        if (self.name or self.combine) and self.merge is None:
            _refuse("'name' and 'combine' are for mail merges", "add merge: with a CSV file, or remove them")
        return self


def _refuse(message: str, hint: str) -> None:
    """An output that cannot be printed as asked: `validate` reports the message with its hint and YAML line."""
    raise PydanticCustomError("refused_with_hint", message, {"hint": hint})
