"""Read YAML strictly, keeping the line and column of every key and value.

PyPI's `yaml.safe_load` guesses types (`NO` becomes False, `3.10` becomes 3.1), keeps the last of two duplicate
keys and forgets where each value came from. Campaign files are hand-edited by volunteers, so we build the data
ourselves from the parser's event stream: every scalar stays a string until the schema types it, duplicate keys,
tags, anchors and aliases are errors, and each node's position is kept so every later error can name a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factsheet.errors import FactsheetError, Location
from factsheet.reading import read_regular

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
Path_ = tuple[str | int, ...]
HASHTAG_COMMENT = re.compile(r"([ \t]+)(#[^\s#][^\n]*?)\s*$")


@dataclass
class LoadedYaml:
    """Plain data (dicts, lists, strings, None) plus where each part of it was written."""

    data: Any
    file: Path
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    line_offset: int = 0

    def locate(self, path: Path_, *, at_key: bool = False) -> Location:
        """The position of `path`, or of its nearest written ancestor when the path itself is missing."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            tables = (self.key_positions, self.value_positions) if at_key else (self.value_positions,)
            for table in (*tables, self.key_positions):
                if prefix in table:
                    return Location.of(self.file, *table[prefix])
        return Location.of(self.file, 1, 1)

    def locate_character(self, path: Path_, character: str) -> Location:
        """The line and column of a character inside the value at `path`: the first place it is written at or
        after the value's start (a character written as an escape such as \\u200b is found at the value)."""
        location = self.locate(path)
        if location.line is None:
            return location
        first = location.line - 1 - self.line_offset
        for index in range(max(first, 0), len(self.lines)):
            start = (location.column or 1) - 1 if index == first else 0
            column = self.lines[index].find(character, start)
            if column >= 0:
                return Location(location.file, index + 1 + self.line_offset, column + 1)
        return location


def load_yaml_file(path: Path, *, line_offset: int = 0) -> LoadedYaml:
    """Read a YAML file as UTF-8 and build its data with positions; raise FactsheetError on any problem."""
    raw = read_regular(path, MAX_BYTES)
    return load_yaml_text(decode_utf8(raw, path), path, line_offset=line_offset)


def decode_utf8(raw: bytes, path: Path) -> str:
    """Decode bytes as UTF-8 (one leading BOM allowed), naming the line of the first bad byte otherwise. The
    size limit is the reader's (`read_regular`), which knows what kind of file it is reading."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FactsheetError.at(
            Location.of(path, 1, 1),
            "this file is saved as UTF-16; factsheet reads UTF-8 only",
            "save the file again with the encoding set to UTF-8",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise FactsheetError.at(
            Location.of(path, line, column),
            f"this file is not valid UTF-8 (byte 0x{raw[error.start]:02x} here)",
            "save the file again with the encoding set to UTF-8 (it may be saved as Latin-1 or Windows-1252)",
        ) from None


def text_fields(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value in loaded data with its path, in the order it was written."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from text_fields(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_fields(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Where YAML starts a new line (a lone carriage return too), so event positions index the right line."""


def load_yaml_text(text: str, path: Path, *, line_offset: int = 0) -> LoadedYaml:
    """Build data from YAML text; `line_offset` shifts reported lines when the text sits inside a larger file."""
    builder = _Builder(path, line_offset, YAML_LINE_BREAK.split(text))
    try:
        events = list(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise FactsheetError.at(
            Location.of(path, line + line_offset, column),
            f"this file contains a control character (U+{error.character:04X}) YAML does not allow",
            "delete it; it is invisible in most editors, so retype the line if unsure",
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        location = Location.of(path, mark.line + 1 + line_offset, mark.column + 1) if mark else Location.of(path)
        problem = error.problem or "this is not valid YAML"
        misaligned = _misaligned(YAML_LINE_BREAK.split(text), error) if mark else None
        if misaligned:
            raise FactsheetError.at(location, *misaligned) from None
        raise FactsheetError.at(location, f"YAML syntax: {problem}", _syntax_hint(problem)) from None
    return builder.build(events)


def _misaligned(lines: list[str], error: yaml.MarkedYAMLError) -> tuple[str, str] | None:
    """A message and fix for a line indented unlike its neighbours, the commonest YAML mistake by hand, which
    PyYAML words as "expected <block end>, but found '<block mapping start>'"."""
    mark, problem = error.problem_mark, error.problem or ""
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    indent = len(line) - len(line.lstrip(" "))
    above = next(
        (text for text in reversed(lines[: mark.line]) if text.strip() and not text.lstrip().startswith("#")), ""
    )
    above_indent = (
        len(above) - len(above.lstrip(" -")) if above.lstrip().startswith("- ") else len(above) - len(above.lstrip(" "))
    )
    if not (problem.startswith("expected <block end>") or ("mapping values" in problem and indent > above_indent)):
        return None
    block = error.context_mark
    belongs = f" or with the block it belongs to (column {block.column + 1}, line {block.line + 1})" if block else ""
    return (
        f"line {mark.line + 1} is indented to column {indent + 1}, which lines up with nothing above it",
        f"indent it with spaces to line up with the line above (column {above_indent + 1}){belongs}",
    )


def _syntax_hint(problem: str) -> str:
    if "tab" in problem or "'\\t'" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "put text that contains ': ' in quotes"
    if "could not find expected ':'" in problem:
        return "every line in a block needs 'key: value'; check the indentation and quotes above this line"
    return "check the indentation and the quotes around this line"


class _Builder:
    """Turns a PyYAML event stream into plain data, refusing YAML features a sheet has no use for."""

    def __init__(self, path: Path, line_offset: int, lines: list[str]) -> None:
        self.path = path
        self.line_offset = line_offset
        self.lines = lines
        self.result = LoadedYaml(data=None, file=path, lines=lines, line_offset=line_offset)

    def position(self, event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        assert mark is not None, "the parser marks every event"
        return mark.line + 1 + self.line_offset, mark.column + 1

    def fail(self, event: yaml.Event, message: str, hint: str) -> FactsheetError:
        return FactsheetError.at(Location.of(self.path, *self.position(event)), message, hint)

    def build(self, events: list[yaml.Event]) -> LoadedYaml:
        documents = [index for index, event in enumerate(events) if isinstance(event, yaml.DocumentStartEvent)]
        if not documents:
            raise FactsheetError.at(
                Location.of(self.path, 1, 1), "this file is empty", "write the sheet's fields as 'key: value' lines"
            )
        if len(documents) > 1:
            raise self.fail(
                events[documents[1]],
                "this file holds more than one YAML document",
                "remove the '---' line here, or put each sheet in a file of its own",
            )
        stream = iter(events[documents[0] + 1 :])
        first = next(stream)
        if not isinstance(first, yaml.MappingStartEvent):
            raise self.fail(
                first, "the top level of this file must be a set of 'key: value' fields", "start with 'title: ...'"
            )
        self.result.data = self.node(first, stream, (), depth=0)
        return self.result

    def node(self, event: yaml.Event, stream: Any, path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(event, f"nested deeper than {MAX_DEPTH} levels", "flatten the structure")
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(event, "YAML aliases (*name) are not allowed", "write the value out in full")
        if getattr(event, "anchor", None):
            raise self.fail(event, "YAML anchors (&name) are not allowed", "remove the '&' anchor")
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise self.fail(event, f"YAML tags ({tag}) are not allowed", "remove the tag; put the value in quotes")
        self.result.value_positions[path] = self.position(event)
        if isinstance(event, yaml.ScalarEvent):
            if event.style is None:
                self.refuse_hashtag_comment(event)
                if event.value in ("", "~", "null", "Null", "NULL"):
                    return None
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for item in stream:
                if isinstance(item, yaml.SequenceEndEvent):
                    return items
                items.append(self.node(item, stream, (*path, len(items)), depth + 1))
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(stream, path, depth)
        raise self.fail(event, "unexpected YAML structure here", "check the indentation")

    def refuse_hashtag_comment(self, event: yaml.ScalarEvent) -> None:
        """Catch `title: Join #BantheScan`, which YAML reads as 'Join' followed by a comment."""
        end = event.end_mark
        assert end is not None, "the parser marks every event"
        hashtag = HASHTAG_COMMENT.match(self.lines[end.line][end.column :])
        if hashtag:
            line, column = end.line + 1 + self.line_offset, end.column + len(hashtag[1]) + 1
            raise FactsheetError.at(
                Location.of(self.path, line, column),
                f"'{hashtag[2]}' would be dropped: YAML reads ' #' as the start of a comment",
                f'put the whole value in quotes: "{event.value} {hashtag[2]}"',
            )

    def mapping(self, stream: Any, path: Path_, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_event in stream:
            if isinstance(key_event, yaml.MappingEndEvent):
                return mapping
            if not isinstance(key_event, yaml.ScalarEvent):
                raise self.fail(key_event, "a key must be a plain word", "write 'name: value'")
            key = key_event.value
            key_path = (*path, key)
            if key in mapping:
                first_line = self.result.key_positions[key_path][0]
                raise self.fail(
                    key_event,
                    f"duplicate key '{key}' (first at line {first_line})",
                    "keep one of the two; YAML would silently drop the first",
                )
            self.result.key_positions[key_path] = self.position(key_event)
            mapping[key] = self.node(next(stream), stream, key_path, depth + 1)
        return mapping
