"""Mail merge: one variant of a handout per row of a CSV file ("call your council member, <name>").

Every row is checked before anything renders: each `{column}` the sheet or the name pattern uses must exist
and be filled, each output name must be a safe file name and unique, and each filled-in web address must be
one. Problems name the CSV line and column, all at once.
"""

from __future__ import annotations

import csv
import re
import string
from dataclasses import dataclass
from pathlib import Path

from factsheet.errors import FactsheetError, Location, Problem
from factsheet.reading import read_regular
from factsheet.sheet.assets import MAX_CSV_BYTES
from factsheet.sheet.load import decode_utf8
from factsheet.sheet.merge_fill import fill, fill_action
from factsheet.sheet.model import CallToAction, MergeAction
from factsheet.sheet.validate import LocatedSheet

DEFAULT_NAME = "{slug}-{row}"
SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"]+$")
BUILT_IN_FIELDS = frozenset({"slug", "row"})
MAX_ROWS = 5000


@dataclass(frozen=True)
class Row:
    """One CSV record: the line it starts on and its values by column name."""

    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class Variant:
    """One merge output: its row, its file name (without .pdf) and its filled-in call to action."""

    row: Row
    name: str
    action: CallToAction


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """The header and rows of a UTF-8 CSV file; a ragged row or a repeated column name is an error."""
    raw = read_regular(path, MAX_CSV_BYTES)
    reader = csv.reader(decode_utf8(raw, path).splitlines())
    header = [column.strip() for column in next(reader, [])]
    if not any(header):
        raise FactsheetError.at(Location.of(path, 1), "this CSV file has no header row", _HEADER_HINT)
    problems = [
        Problem(Location.of(path, 1, index + 1), f"column '{name}' appears twice in the header", _HEADER_HINT)
        for index, name in enumerate(header)
        if name in header[:index]
    ]
    rows: list[Row] = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            problems.append(
                Problem(
                    Location.of(path, reader.line_num),
                    f"this row has {len(values)} values but the header has {len(header)} columns",
                    "check for a missing or extra comma; put values that contain commas in double quotes",
                )
            )
            continue
        rows.append(Row(reader.line_num, dict(zip(header, (value.strip() for value in values), strict=True))))
    if len(rows) > MAX_ROWS:
        problems.append(Problem(Location.of(path), f"{len(rows):,} rows; the limit is {MAX_ROWS:,}", "split the file"))
    if not rows and not problems:
        problems.append(Problem(Location.of(path, 2), "this CSV file has no rows", "add one row per variant"))
    if problems:
        raise FactsheetError(problems)
    return header, rows


def placeholders(text: str, location: Location) -> list[str]:
    """The `{column}` names a text uses, in order; anything but plain names ({a.b}, {a!r}, {a:>9}) is refused."""
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise FactsheetError.at(location, f"unbalanced braces in '{text}' ({error})", _BRACES_HINT) from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise FactsheetError.at(location, f"'{{{name}}}' is not a plain column name", _BRACES_HINT)
        if name not in names:
            names.append(name)
    return names


def plan_variants(
    *,
    slug: str,
    rows: list[Row],
    header: list[str],
    csv_path: Path,
    action: MergeAction,
    action_location: Location,
    pattern: str,
    pattern_location: Location,
) -> list[Variant]:
    """Check every row against what the sheet and the name pattern need, then name and fill each variant."""
    uses = {
        column: where
        for text, where, location in (
            (action.heading, "the merge call to action", action_location),
            (action.text, "the merge call to action", action_location),
            (action.url, "the merge call to action", action_location),
            (pattern, "the output name pattern", pattern_location),
        )
        for column in placeholders(text, location)
    }
    missing = [
        Problem(
            Location.of(csv_path, 1),
            f"column '{column}' is missing ({where} uses it)",
            f"add a '{column}' column, or remove {{{column}}}; the columns are: {', '.join(header)}",
        )
        for column, where in uses.items()
        if column not in header and column not in BUILT_IN_FIELDS
    ]
    if missing:
        raise FactsheetError(missing)
    problems: list[Problem] = []
    variants: list[Variant] = []
    first_line: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        for column in sorted(uses.keys() - BUILT_IN_FIELDS):
            if not row.values[column]:
                problems.append(
                    Problem(
                        Location.of(csv_path, row.line, header.index(column) + 1),
                        f"column '{column}' is empty in this row",
                        f"fill it in; {uses[column]} uses {{{column}}}",
                    )
                )
        if problems:
            continue
        fields = {**row.values, "slug": slug, "row": str(number)}
        name = fill(pattern, {key: _slugify(value) for key, value in fields.items()})
        location = Location.of(csv_path, row.line)
        if not SAFE_NAME.match(name):
            problems.append(Problem(location, f"the output name '{name}' is not a safe file name", _NAME_HINT))
            continue
        if name in first_line:
            twice = f"the output name '{name}' is used twice (first at line {first_line[name]})"
            problems.append(Problem(location, twice, _NAME_HINT))
            continue
        first_line[name] = row.line
        filled = fill_action(action, fields)
        if not WEB_ADDRESS.match(filled.url):
            problems.append(
                Problem(location, f"the call to action's address '{filled.url}' is not a web address", _URL_HINT)
            )
            continue
        variants.append(Variant(row, name, filled))
    if problems:
        raise FactsheetError(problems)
    return variants


def merge_variants(
    located: LocatedSheet, csv_path: Path, pattern: str | None, pattern_location: Location
) -> list[Variant]:
    """The variants one CSV file makes of a sheet: its rows read and checked against the sheet's merge call to
    action (or its call to action) and the name pattern."""
    sheet = located.sheet
    header, rows = read_rows(csv_path)
    action = sheet.merge_action or MergeAction.model_validate(sheet.action.model_dump())
    return plan_variants(
        slug=sheet.slug,
        rows=rows,
        header=header,
        csv_path=csv_path,
        action=action,
        action_location=located.yaml.locate(("merge_action",) if sheet.merge_action else ("action",)),
        pattern=pattern or DEFAULT_NAME,
        pattern_location=pattern_location,
    )


def _slugify(value: str) -> str:
    """A row value as it may appear in a file name: lowercase letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


_HEADER_HINT = "the first line must name each column once, e.g. district,name,phone"
_BRACES_HINT = "use plain {column} placeholders; write {{ and }} for literal braces"
_NAME_HINT = "use a name pattern with columns whose values differ per row, e.g. --name '{slug}-{district}'"
_URL_HINT = "the filled-in address must start with https:// and contain no spaces"
