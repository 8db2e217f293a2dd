"""The building blocks of the sheet format: text that refuses invisible characters, identifiers, colours, web
addresses, and the strict base model every part of the format uses."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from factsheet.characters import describe_character, invisible_character


def _printable(text: str) -> str:
    """Refuse invisible characters that would print as junk, hide inside a word, or reorder a sentence."""
    index = invisible_character(text)
    if index is not None:
        raise PydanticCustomError(
            "invisible_character",
            "contains an invisible character ({name}): it prints as nothing but changes what the text says",
            {"name": describe_character(text[index]), "character": text[index]},
        )
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
