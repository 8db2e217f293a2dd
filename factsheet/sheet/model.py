"""The sheet format: what a campaign writes in YAML, as typed pydantic models.

Unknown keys are rejected (`extra="forbid"`), so a typo is an error instead of a silently missing paragraph. The
field descriptions double as the documentation shown in editors through the generated JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from factsheet.sheet.fields import Colour, Slug, SourceId, Strict, Text, WebAddress
from factsheet.sheet.outputs import MergeAction, Output
from factsheet.sheet.theme import THEME_COLOURS, Logo, Theme

SourceKind = Literal["article", "statement", "press-release", "op-ed", "transcript"]
OWN_WORDS = frozenset({"statement", "press-release", "op-ed"})

__all__ = ["THEME_COLOURS", "Colour", "Logo", "MergeAction", "Output", "Strict", "Theme"]


class Citation(Strict):
    """A pointer to an archived source, with the passage that supports the claim."""

    source: SourceId
    excerpt: Text | None = Field(None, description="The supporting passage, copied word for word from the source.")
    page: int | None = Field(
        None,
        ge=1,
        le=100_000,
        description="For a report captured from a PDF: the page the excerpt is on (the endnote prints it).",
    )


class KeyFact(Strict):
    """A headline number with its label and the sentence that states it."""

    figure: Text = Field(description="The big number as printed, e.g. '9,850'.")
    label: Text = Field(description="A few words under the figure saying what it counts.")
    text: Text = Field(description="One sentence stating the fact in full.")
    cite: list[Citation] = Field(
        min_length=1, max_length=10, description="Sources for the fact, each with its excerpt."
    )


OUTER_MARKS = {'"': '"', "“": "”", "„": "“", "«": "»", "「": "」", "『": "』", "‘": "’", "'": "'", "‚": "‘"}
"""Quotation marks around a whole quote, by opening mark: the handout sets its own, so they are not part of it."""


def _without_outer_marks(text: str) -> str:
    """A quote pasted with its quotation marks: the words inside them (a mark inside the quote stays)."""
    closing = OUTER_MARKS.get(text[:1])
    inner = text[1:-1].strip()
    if closing and len(text) > 2 and text.endswith((closing, "”", '"')) and inner.count(text[0]) == 0:
        return inner
    return text


class Quote(Strict):
    """Words a named person said, exactly as the cited source prints them."""

    text: Annotated[Text, AfterValidator(_without_outer_marks)] = Field(
        description="The quoted words, verbatim from the source; quotation marks around the whole are left off."
    )
    speaker: Text = Field(description="Who said it, as named in the source.")
    role: Text = Field(description="The speaker's role or organisation, as the source gives it.")
    source: SourceId


class Section(Strict):
    """A short narrative block (two or three sentences) in the campaign's own words, with its sources."""

    heading: Text
    text: Text
    cite: list[Citation] = Field(default_factory=list, max_length=10)


class Demand(Strict):
    """One thing the campaign asks for."""

    text: Text
    cite: list[Citation] = Field(default_factory=list, max_length=10)


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


class SignoffPolicy(Strict):
    """How many different people must approve each kind of change before the handout prints."""

    cut: int = Field(1, ge=1, le=5, description="A '...' that cuts words inside a clause or between clauses.")
    claim_cut: int = Field(2, ge=1, le=5, description="A cut of a whole sentence or of ten words or more.")
    edge_cut: int = Field(1, ge=1, le=5, description="A quote that starts or ends inside a sentence.")
    bracket: int = Field(1, ge=1, le=5, description="[words] the campaign adds.")
    replacement: int = Field(2, ge=1, le=5, description="[words] that stand for the source's own words.")
    typography: int = Field(0, ge=0, le=5, description="[a] bracket that only changes case or typography.")
    sic: int = Field(1, ge=1, le=5, description="[sic] marking an error the source made.")
    role: int = Field(2, ge=1, le=5, description="A speaker's role or title the sources do not state.")
    correction: int = Field(
        2, ge=1, le=5, description="A captured source's text that differs from what its captured page says."
    )


class Sheet(Strict):
    """One handout: metadata, key facts, quotes, narrative, demands and a call to action."""

    title: Text
    subtitle: Text | None = None
    tag: Text = Field(description="The campaign hashtag or short name shown in the header band.")
    slug: Slug = Field(description="Output file name without '.pdf': lowercase letters, digits and hyphens.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en"
    as_of: dt.date = Field(description="The date the facts were last checked (YYYY-MM-DD).")
    organisations: list[Text] = Field(default_factory=list, max_length=30)
    author: Text | None = Field(None, description="Shown as the PDF's author.")
    note: Text | None = Field(None, description="A line of small print in the footer, e.g. who made the sheet.")
    keywords: list[Text] = Field(default_factory=list, max_length=30)
    facts: list[KeyFact] = Field(min_length=1, max_length=6)
    sections: list[Section] = Field(default_factory=list, max_length=60)
    quotes: list[Quote] = Field(default_factory=list, max_length=100)
    demands: list[Demand] = Field(default_factory=list, max_length=40)
    action: CallToAction
    contact: Contact | None = None
    theme: Theme = Field(default_factory=lambda: Theme.model_validate({}))
    logo: Logo | None = None
    merge_action: MergeAction | None = Field(
        None, description="The call to action used instead of `action` in mail-merge variants."
    )
    outputs: list[Output] = Field(default_factory=lambda: [Output.model_validate({})], min_length=1, max_length=20)
    signoff: SignoffPolicy = Field(
        default_factory=lambda: SignoffPolicy.model_validate({}),
        description="How many different people approve each kind of change (factsheet review).",
    )


class SourceMeta(Strict):
    """The front matter of an archived source: what the article itself shows, empty where unknown."""

    publisher: Text | None = None
    title: Text
    author: Text | None = None
    published: dt.date | None = None
    url: WebAddress | None = None
    retrieved: dt.date | None = None
    note: Text | None = None
    kind: SourceKind = Field(
        "article",
        description="article: a reporter's text, whose quotation marks show who said what. statement, "
        "press-release, op-ed: the whole text is `speaker`'s own words. transcript: each paragraph starting "
        "'Name:' is that person's words.",
    )
    speaker: Text | None = Field(None, description="Whose own words a statement, press release or op-ed is.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")] | None = Field(
        None, description="The language the source is written in (es, zh-Hant), where it is not the sheet's."
    )
    direction: Literal["ltr", "rtl"] | None = Field(None, description="rtl for a source written right to left.")
    modified: dt.date | None = Field(None, description="When the page says it was last updated (not published).")

    @model_validator(mode="after")
    def _own_words_name_their_speaker(self) -> SourceMeta:
        if self.kind in OWN_WORDS and not self.speaker:
            raise PydanticCustomError(
                "refused_with_hint",
                "a {kind} is one speaker's own words, so it names them",
                {"kind": self.kind, "hint": "add 'speaker: Their Name' to the front matter"},
            )
        return self


def sheet_schema() -> dict[str, object]:
    """The JSON Schema of a sheet, for editors' autocompletion and validation as you type."""
    schema = Sheet.model_json_schema()
    return {**schema, "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "factsheet sheet"}
