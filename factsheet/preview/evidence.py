"""What the preview shows beside the pages: each quote and fact with its verdict, the source passage it was
found in (the matched words marked, the words a cut leaves out struck through), and the lines of a file
around each problem.

The verdicts are the misquote gate's own problems, grouped by the part of the sheet they point into; the
passage is found with the gate's own search, so the preview never shows a match the gate did not make.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from factsheet.errors import FactsheetError, Problem
from factsheet.reading import read_regular
from factsheet.sheet.load import Path_
from factsheet.sheet.validate import LocatedSheet
from factsheet.verify.normalize import normalize
from factsheet.verify.passage import CHECK_SECONDS, search
from factsheet.verify.sources import Source

CONTEXT_LINES = 2
MAX_CONTEXT_FILE_BYTES = 2_000_000
MAX_PASSAGE_CHARACTERS = 1_500


@dataclass(frozen=True)
class Segment:
    """A run of a source passage: `plain` context, a `match`ed stretch, or a `cut` the quote leaves out."""

    kind: str
    text: str


@dataclass(frozen=True)
class Evidence:
    """Where one quote or excerpt stands in its source."""

    words: str
    source_id: str
    source_title: str
    file: str
    line: int | None
    segments: tuple[Segment, ...] = ()
    """Empty when the words are not in the source (the item's verdict says why)."""


@dataclass(frozen=True)
class Item:
    """One quote, fact, section or demand of the sheet, with the problems that point into it."""

    key: str
    kind: str
    label: str
    line: int | None
    problems: tuple[Problem, ...]
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def verdict(self) -> str:
        """'error', 'warning' or 'verified'."""
        severities = {problem.severity for problem in self.problems}
        return "error" if "error" in severities else "warning" if severities else "verified"


def sheet_items(located: LocatedSheet, sources: dict[str, Source], problems: Iterable[Problem]) -> list[Item]:
    """Every quote and cited part of the sheet in sheet order, each with its problems and evidence."""
    sheet_file = str(located.yaml.locate(()).file)
    problems = [problem for problem in problems if problem.location.file == sheet_file]
    spans = _line_spans(located)
    items: list[Item] = []
    for kind, path, label, passages in _parts(located):
        first, last = spans.get(path, (None, None))
        inside = tuple(
            problem
            for problem in problems
            if first is not None
            and last is not None
            and problem.location.line is not None
            and first <= problem.location.line <= last
        )
        evidence = tuple(_evidence(words, sources[source_id]) for words, source_id in passages if source_id in sources)
        items.append(Item("/".join(map(str, path)), kind, label, first, inside, evidence))
    return items


def _parts(located: LocatedSheet) -> Iterator[tuple[str, Path_, str, list[tuple[str, str]]]]:
    sheet = located.sheet
    for index, quote in enumerate(sheet.quotes):
        yield "quote", ("quotes", index), f"“{quote.text}” ({quote.speaker})", [(quote.text, quote.source)]
    for index, fact in enumerate(sheet.facts):
        passages = [(cite.excerpt, cite.source) for cite in fact.cite if cite.excerpt]
        yield "fact", ("facts", index), f"{fact.figure}: {fact.label}", passages
    for index, section in enumerate(sheet.sections):
        passages = [(cite.excerpt, cite.source) for cite in section.cite if cite.excerpt]
        yield "section", ("sections", index), section.heading, passages
    for index, demand in enumerate(sheet.demands):
        passages = [(cite.excerpt, cite.source) for cite in demand.cite if cite.excerpt]
        yield "demand", ("demands", index), demand.text, passages


def _line_spans(located: LocatedSheet) -> dict[Path_, tuple[int, int]]:
    """The lines each list item of the sheet spans: from its first key to the line before the next item or
    top-level key (so a problem inside a folded multi-line value still falls in its item)."""
    starts: dict[Path_, int] = {}
    anchors: set[int] = set()
    for path, (line, _column) in located.yaml.key_positions.items():
        if len(path) == 1:
            anchors.add(line)
        elif len(path) >= 2 and isinstance(path[1], int):
            item = path[:2]
            starts[item] = min(starts.get(item, line), line)
    anchors |= set(starts.values())
    ordered = sorted(anchors)
    spans = {}
    for item, first in starts.items():
        later = [line for line in ordered if line > first]
        spans[item] = (first, later[0] - 1 if later else 1_000_000_000)
    return spans


def _evidence(words: str, source: Source) -> Evidence:
    """The paragraph(s) the words were found in, as segments; no segments when they are not there."""
    found = search(normalize(words), source, time.monotonic() + CHECK_SECONDS)
    title = source.meta.title
    if not found.matches:
        return Evidence(words, source.id, title, str(source.path.name), None)
    spans = [
        (source.original_offset(start), source.original_offset(end - 1) + 1) for start, end in found.matches[0].spans
    ]
    text = source.text
    begin = text.rfind("\n\n", 0, spans[0][0])
    begin = 0 if begin < 0 else begin + 2
    end = text.find("\n\n", spans[-1][1])
    end = len(text) if end < 0 else end
    begin = max(begin, spans[0][0] - MAX_PASSAGE_CHARACTERS // 2)
    end = min(end, spans[-1][1] + MAX_PASSAGE_CHARACTERS // 2)
    segments = [Segment("plain", text[begin : spans[0][0]])]
    for index, (start, stop) in enumerate(spans):
        if index:
            segments.append(Segment("cut", text[spans[index - 1][1] : start]))
        segments.append(Segment("match", text[start:stop]))
    segments.append(Segment("plain", text[spans[-1][1] : end]))
    kept = tuple(segment for segment in segments if segment.text)
    return Evidence(words, source.id, title, source.path.name, source.line_of(spans[0][0]), kept)


def context_lines(problem: Problem, allowed: Iterable[Path], read: dict[Path, list[str]]) -> list[tuple[int, str]]:
    """The lines around a problem's line in its file, when that file lies in one of the `allowed` folders.
    `read` keeps each file's lines for the other problems of the same build (most point into the sheet)."""
    line = problem.location.line
    if line is None:
        return []
    path = Path(problem.location.file).resolve()
    if path not in read:
        if not any(path.is_relative_to(folder.resolve()) for folder in allowed) or not path.is_file():
            return []
        try:
            read[path] = read_regular(path, MAX_CONTEXT_FILE_BYTES).decode("utf-8", errors="replace").split("\n")
        except (OSError, FactsheetError):
            return []
    lines = read[path]
    first = max(1, line - CONTEXT_LINES)
    last = min(len(lines), line + CONTEXT_LINES)
    return [(number, lines[number - 1]) for number in range(first, last + 1)]
