"""Archived sources: one text file per article, front matter with its metadata, then the verbatim text.

The archive is the ground truth the misquote gate checks against, so it is read exactly as written (no
cleaning, no re-wrapping); only the comparison in `verify` normalizes typography.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from factsheet.errors import FactsheetError, Location, Problem
from factsheet.reading import read_regular
from factsheet.sheet.load import decode_utf8, load_yaml_text
from factsheet.sheet.model import SourceMeta
from factsheet.sheet.validate import validate_model
from factsheet.verify.normalize import normalize_with_offsets
from factsheet.verify.speech import PARAGRAPH_BREAK, Speech, speech_in

MAX_SOURCE_BYTES = 1_000_000
FRONT_MATTER_FENCE = "---"
SOURCE_SUFFIX = ".txt"
EVIDENCE_SUFFIXES = (".warc.gz", ".html", ".pdf")
"""The files `factsheet source add` keeps beside a source as the evidence of what it captured."""
BLOCK_MARKER = re.compile(r"(?m)^[ \t]*>")
PAGE_MARKER = re.compile(r"(?m)^\[page ([1-9][0-9]{0,5})\][ \t]*$")
"""A line `[page N]` starts page N of a report captured from a PDF (`factsheet source add report.pdf`)."""


@dataclass(frozen=True)
class Source:
    """One archived article: its id (file name), metadata, verbatim text and where that text starts."""

    id: str
    path: Path
    meta: SourceMeta
    text: str
    first_text_line: int
    meta_lines: dict[str, int] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Fingerprint of the text, so a later edit of the archive can be noticed."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def line_of(self, offset: int) -> int:
        """The line in the source file of a character offset into `text`."""
        return self.first_text_line + self.text.count("\n", 0, offset)

    @cached_property
    def _normalized(self) -> tuple[str, list[int]]:
        """The block-quotation markers ('>' opening a line) and a report's page lines are blanked first: they
        set speech off or mark where a page starts, they are not part of the text (blanked, not removed, so
        offsets still point into `text`, and an excerpt may run on across a page break)."""
        blanked = BLOCK_MARKER.sub(lambda marker: " " * len(marker.group()), self.text)
        return normalize_with_offsets(PAGE_MARKER.sub(lambda marker: " " * len(marker.group()), blanked))

    @property
    def normalized(self) -> str:
        """The text as the misquote gate compares it (see `normalize`)."""
        return self._normalized[0]

    def original_offset(self, normalized_offset: int) -> int:
        """Where a character of `normalized` came from in `text`."""
        offsets = self._normalized[1]
        return offsets[min(normalized_offset, len(offsets) - 1)] if offsets else 0

    def normalized_offset(self, original_offset: int) -> int:
        """Where a character of `text` ended up in `normalized` (the inverse of `original_offset`)."""
        return bisect_left(self._normalized[1], original_offset)

    def line_at(self, normalized_offset: int) -> int:
        """The line in the source file of an offset into `normalized`."""
        return self.line_of(self.original_offset(normalized_offset))

    @cached_property
    def pages(self) -> dict[int, tuple[int, int]]:
        """Each page of a report (marked by `[page N]` lines) as the span of `text` it holds; empty for an
        article."""
        markers = list(PAGE_MARKER.finditer(self.text))
        if not markers:
            return {}
        ends = [marker.start() for marker in markers[1:]] + [len(self.text)]
        return {int(marker.group(1)): (marker.end(), end) for marker, end in zip(markers, ends, strict=True)}

    def page_at(self, normalized_offset: int) -> int | None:
        """The page an offset into `normalized` is on, for a report."""
        original = self.original_offset(normalized_offset)
        return next((number for number, (start, end) in self.pages.items() if start <= original < end), None)

    @property
    def evidence(self) -> Path | None:
        """The capture kept beside the source (a WARC record, or the saved page or PDF), if there is one."""
        for suffix in EVIDENCE_SUFFIXES:
            candidate = self.path.with_name(self.id + suffix)
            if candidate.is_file():
                return candidate
        return None

    @cached_property
    def speech(self) -> tuple[Speech, ...]:
        """Every stretch of the text the source presents as someone's words (see speech.py)."""
        return speech_in(self)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [0] + [match.end() for match in PARAGRAPH_BREAK.finditer(self.text)]

    @property
    def paragraph_count(self) -> int:
        return len(self._paragraph_starts)

    def paragraph_at(self, normalized_offset: int) -> int:
        """The index of the paragraph (blank-line separated) holding an offset into `normalized`."""
        return bisect_right(self._paragraph_starts, self.original_offset(normalized_offset)) - 1

    def paragraph_span(self, index: int) -> tuple[int, int]:
        """The normalized start and end offsets of paragraph `index`."""
        starts = self._paragraph_starts
        offsets = self._normalized[1]
        begin = bisect_right(offsets, starts[index] - 1)
        end = bisect_right(offsets, starts[index + 1] - 1) if index + 1 < len(starts) else len(offsets)
        return begin, end


def load_sources(folder: Path) -> dict[str, Source]:
    """Read every `*.txt` in `folder`, reporting the problems of all files at once."""
    if not folder.is_dir():
        return {}
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    campaign = folder.parent.resolve()
    for path in sorted(folder.glob(f"*{SOURCE_SUFFIX}")):
        if not path.resolve().is_relative_to(campaign) or not path.resolve().is_file():
            problems.append(
                Problem(
                    Location.of(path),
                    "this source is a link to a file outside the campaign folder",
                    "copy the article's text into the sources folder instead of linking to it",
                )
            )
            continue
        try:
            source = load_source(path)
        except FactsheetError as error:
            problems.extend(error.problems)
        else:
            sources[source.id] = source
    if problems:
        raise FactsheetError(problems)
    return sources


def load_source(path: Path) -> Source:
    """Read one archived source file."""
    return parse_source(decode_utf8(read_regular(path, MAX_SOURCE_BYTES), path), path)


def parse_source(text: str, path: Path) -> Source:
    """A source file's text as the source it holds (`path` is where it is, or will be, written)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise FactsheetError.at(
            Location.of(path, 1, 1),
            "a source file must start with front matter between two '---' lines",
            "add '---', then 'title: ...' and the other details you know, then '---', then the article text",
        )
    try:
        closing = next(index for index, line in enumerate(lines[1:], start=1) if line.strip() == FRONT_MATTER_FENCE)
    except StopIteration:
        raise FactsheetError.at(
            Location.of(path, 1, 1),
            "the front matter is never closed",
            "add a line '---' after the last metadata line, before the article text",
        ) from None
    loaded = load_yaml_text("\n".join(lines[1:closing]) or "{}", path, line_offset=1)
    meta = validate_model(loaded, SourceMeta)
    body_start = closing + 1
    while body_start < len(lines) and not lines[body_start].strip():
        body_start += 1
    body = "\n".join(lines[body_start:])
    if not body.strip():
        raise FactsheetError.at(
            Location.of(path, closing + 1),
            "this source has no article text after its front matter",
            "paste the article's text, word for word, below the closing '---'",
        )
    meta_lines = {str(key[0]): line for key, (line, _column) in loaded.key_positions.items() if len(key) == 1}
    return Source(
        id=path.name.removesuffix(SOURCE_SUFFIX),
        path=path,
        meta=meta,
        text=body,
        first_text_line=body_start + 1,
        meta_lines=meta_lines,
    )
