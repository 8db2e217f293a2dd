"""Turn loaded YAML into typed models, reporting every problem at once with its file:line:col.

pydantic knows what is wrong but not where, and words it for programmers. This module maps each pydantic error
path back to the YAML position recorded by `load`, and rewords it through one table of plain-English messages,
so a volunteer sees "line 12: 'qoute' is not a field of a quote. Did you mean 'quote'?" rather than a stack trace.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from factsheet.errors import FactsheetError, Location, Problem
from factsheet.sheet.contrast import contrast_failures
from factsheet.sheet.load import LoadedYaml, Path_
from factsheet.sheet.model import Sheet

ModelT = TypeVar("ModelT", bound=BaseModel)

PATTERN_HINTS = MappingProxyType(
    {
        "slug": "use lowercase letters, digits and hyphens only, e.g. 'banthescan-2021'",
        "source": "use the source's file name without '.txt': lowercase letters, digits and hyphens",
        "url": "write the full address starting with https://",
        "website": "write the full address starting with https://",
        "language": "use a language code such as 'en', 'es' or 'zh-Hant'",
        "ink": "write a colour as #rrggbb, e.g. #15171c",
        "accent": "write a colour as #rrggbb, e.g. #d03c24",
        "paper": "write a colour as #rrggbb, e.g. #ffffff",
        "tint": "write a colour as #rrggbb, e.g. #f3efe8",
    }
)


@dataclass(frozen=True)
class LocatedSheet:
    """A valid sheet together with where each of its parts was written, for later error messages."""

    sheet: Sheet
    yaml: LoadedYaml


def validate_model(loaded: LoadedYaml, model: type[ModelT]) -> ModelT:
    """Validate loaded data against `model`, raising one FactsheetError that lists every problem."""
    try:
        return model.model_validate(loaded.data)
    except ValidationError as error:
        problems = [_problem(loaded, model, detail) for detail in error.errors(include_url=False)]
        raise FactsheetError(sorted(problems, key=lambda problem: problem.location)) from None


def validate_sheet(loaded: LoadedYaml, known_sources: Collection[str]) -> LocatedSheet:
    """Validate a sheet and check that every cited source exists in the campaign's sources folder."""
    sheet = validate_model(loaded, Sheet)
    problems = sorted(
        (
            Problem(
                _theme_location(loaded, text, background),
                f"'{text}' ({getattr(sheet.theme, text)}) on '{background}' ({getattr(sheet.theme, background)}) "
                f"contrasts {ratio:.1f}:1; WCAG AA asks {needed:g}:1 for {where}",
                "darken or lighten one of the two colours until the pair passes",
            )
            for text, background, ratio, needed, where in contrast_failures(sheet.theme)
        ),
        key=lambda problem: problem.location,
    )
    problems += [
        Problem(
            loaded.locate(path),
            f"source '{source_id}' does not exist",
            _missing_source_hint(source_id, known_sources),
        )
        for path, source_id in cited_sources(sheet)
        if source_id not in known_sources
    ]
    if problems:
        raise FactsheetError(problems)
    return LocatedSheet(sheet, loaded)


def _theme_location(loaded: LoadedYaml, *colours: str) -> Location:
    """The line of whichever colour of a failing pair the sheet sets (the other may be a default)."""
    written = [colour for colour in colours if ("theme", colour) in loaded.key_positions]
    return loaded.locate(("theme", written[0] if written else colours[0]), at_key=True)


def cited_sources(sheet: Sheet) -> Iterator[tuple[Path_, str]]:
    """Every source reference in reading order, with its YAML path."""
    for field_name in ("facts", "sections", "demands"):
        for index, item in enumerate(getattr(sheet, field_name)):
            for cite_index, citation in enumerate(item.cite):
                yield (field_name, index, "cite", cite_index, "source"), citation.source
    for index, quote in enumerate(sheet.quotes):
        yield ("quotes", index, "source"), quote.source


def _missing_source_hint(source_id: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(source_id, list(known), n=1)
    if close:
        return f"did you mean '{close[0]}'? Sources are the .txt files in the sources/ folder"
    return f"add sources/{source_id}.txt (front matter, then the article text) or fix the name"


def _problem(loaded: LoadedYaml, model: type[BaseModel], detail: ErrorDetails) -> Problem:
    path: Path_ = tuple(detail["loc"])
    kind = detail["type"]
    field_name = next((str(part) for part in reversed(path) if isinstance(part, str)), "value")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, path[:-1])
        close = difflib.get_close_matches(field_name, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(allowed)}"
        return Problem(loaded.locate(path, at_key=True), f"'{field_name}' is not a known field here", hint)
    if kind == "missing":
        parent = path[:-1]
        return Problem(
            loaded.locate(parent, at_key=bool(parent)),
            f"'{field_name}' is missing",
            f"add a line '{field_name}: ...' here",
        )
    if kind == "invisible_character":
        character = str(dict(detail.get("ctx") or {}).get("character", ""))
        hint = "delete it: put the cursor after it and press backspace until the word is whole, or retype the line"
        return Problem(loaded.locate_character(path, character), f"'{field_name}' {detail['msg']}", hint)
    message, hint = _reword(kind, field_name, detail)
    return Problem(loaded.locate(path), message, hint)


def _reword(kind: str, field_name: str, detail: ErrorDetails) -> tuple[str, str]:
    value = detail.get("input")
    shown = f"'{value}'" if isinstance(value, str) else "this value"
    context: dict[str, Any] = dict(detail.get("ctx") or {})
    if kind.startswith("date"):
        return f"'{field_name}' must be a real date, got {shown}", "write the date as YYYY-MM-DD, e.g. 2021-03-15"
    if kind == "string_type":
        return f"'{field_name}' must be text, got a {_shape(value)}", "write the text on the same line after the colon"
    if kind == "list_type":
        return f"'{field_name}' must be a list, got a {_shape(value)}", "start each item on its own line with '- '"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return (
            f"'{field_name}' must be a group of 'key: value' fields, got a {_shape(value)}",
            "indent the fields under this key",
        )
    if kind == "string_too_short":
        return f"'{field_name}' is empty", "write the text, or remove the line if the field is optional"
    if kind == "too_short":
        count = context.get("min_length", 1)
        return f"'{field_name}' needs at least {count} item(s)", f"add at least {count} '- ' item(s) under it"
    if kind == "too_long":
        count = context.get("max_length")
        return f"'{field_name}' has too many items (at most {count})", "keep the strongest ones"
    if kind == "string_too_long":
        return f"'{field_name}' is too long (at most {context.get('max_length')} characters)", "shorten it"
    if kind == "string_pattern_mismatch":
        return f"'{field_name}' has an unusable value {shown}", PATTERN_HINTS.get(field_name, "check the format")
    if kind == "literal_error":
        return f"'{field_name}' cannot be {shown}", f"use one of: {context.get('expected', '')}"
    if kind == "refused_with_hint":
        return str(detail["msg"]), str(context.get("hint", ""))
    if kind == "bool_parsing":
        return f"'{field_name}' must be true or false, got {shown}", "write true or false"
    if kind == "value_error":
        reason = str(detail["msg"]).removeprefix("Value error, ")
        if "(there are: " in reason:
            return f"'{field_name}' {reason}", "use one of the names listed, spelled the same"
        return f"'{field_name}' {reason}", "retype the text by hand if you cannot see the character"
    return f"'{field_name}': {detail['msg']}", "check this value"


def _shape(value: object) -> str:
    if isinstance(value, dict):
        return "group of fields"
    if isinstance(value, list):
        return "list"
    if value is None:
        return "empty value"
    return "single value"


def _fields_at(model: type[BaseModel], path: Path_) -> list[str]:
    """The field names allowed at `path`, found by walking the model's annotations."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        current = _model_in(current.model_fields[part].annotation) if part in current.model_fields else None
        if current is None:
            return []
    return list(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The BaseModel inside an annotation such as `list[Quote]` or `Contact | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (list, Union, types.UnionType):
        for argument in get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None
