"""Quoted speech in a source: which of its words are someone's own, and whom the source credits for them.

Only words a source presents as speech can be quoted as speech: words inside its quotation marks, a block
quotation it sets off (lines starting with '>' in the archive), or the whole text of a source that is one
speaker's own words (a statement, press release or op-ed, said so in its front matter), or a transcript's
'Name:' paragraphs. Everything else is the reporter's narration or paraphrase, which a sheet may use in its
sections and facts but never put in a speaker's mouth.

Quotation marks are paired in the order they stand in each paragraph, whatever their style (" “ ” „ « »
「 」 『 』), since a paragraph nests one level of double marks at most; a mark left open at a paragraph's end
runs to that end, as a quotation continued in the next paragraph is reopened there. Single marks (‘ ’, and a
straight ' that opens before a letter) quote too when no double quotation is open: a ’ or ' between letters
is an apostrophe, not a close, and a single quotation never closed in its paragraph quotes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from factsheet.verify.sources import Source

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
"""A blank line: paragraphs are what a quotation, an attribution or a cut may not run across."""

DOUBLE_MARKS = frozenset('"“”„‟«»「」『』〝〞')
SINGLE_OPEN = frozenset("‘‚")
SINGLE_CLOSE = "’"
TRANSCRIPT_LABEL = re.compile(r"^([A-Z][\w.'’ -]{0,60}?):\s")
MARK = re.compile("[" + re.escape("".join(DOUBLE_MARKS) + "".join(SINGLE_OPEN) + SINGLE_CLOSE + "'") + "]")

SpeechKind = Literal["quoted", "block", "own words", "transcript"]


@dataclass(frozen=True)
class Speech:
    """A stretch of a source that is someone's words: offsets into `source.normalized` (without the marks), how
    the source shows it as speech, and the speaker when the source states it outright (own words, transcript).
    Quoted and block speech are credited by the text around them (see attribution)."""

    start: int
    end: int
    kind: SpeechKind
    speaker: str = ""

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def speech_in(source: Source) -> tuple[Speech, ...]:
    """Every stretch of speech in the source, in order."""
    if source.meta.kind in ("statement", "press-release", "op-ed"):
        return (Speech(0, len(source.normalized), "own words", source.meta.speaker or ""),)
    found: list[Speech] = []
    text = source.text
    starts = [0] + [match.end() for match in PARAGRAPH_BREAK.finditer(text)]
    ends = [match.start() for match in PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    for start, end in zip(starts, ends, strict=True):
        paragraph = text[start:end]
        if source.meta.kind == "transcript":
            label = TRANSCRIPT_LABEL.match(paragraph)
            if label:
                found.append(_speech(source, start + label.end(), end, "transcript", label.group(1).strip()))
            continue
        lines = [line for line in paragraph.split("\n") if line.strip()]
        if lines and all(line.lstrip().startswith(">") for line in lines):
            found.append(_speech(source, start, end, "block"))
            continue
        found.extend(_quoted(source, paragraph, start))
    return tuple(speech for speech in found if speech.end > speech.start)


def _quoted(source: Source, paragraph: str, offset: int) -> list[Speech]:
    spans: list[Speech] = []
    opened: tuple[int, str] | None = None
    for mark in MARK.finditer(paragraph):
        character, position = mark.group(), mark.start()
        if character in DOUBLE_MARKS:
            if opened is None:
                opened = (mark.end(), "double")
            elif opened[1] == "double":
                spans.append(_speech(source, offset + opened[0], offset + position, "quoted"))
                opened = None
        elif opened is None and _opens_single(paragraph, position):
            opened = (mark.end(), "single")
        elif opened is not None and opened[1] == "single" and _closes_single(paragraph, position):
            spans.append(_speech(source, offset + opened[0], offset + position, "quoted"))
            opened = None
    if opened is not None and opened[1] == "double":
        spans.append(_speech(source, offset + opened[0], offset + len(paragraph), "quoted"))
    return spans


def _opens_single(text: str, position: int) -> bool:
    """‘ or ‚ after a space or punctuation opens; a straight ' does only when a letter follows ('Tis aside)."""
    if not (position == 0 or not text[position - 1].isalnum()):
        return False
    return text[position] in SINGLE_OPEN or (text[position] == "'" and _letter_after(text, position))


def _closes_single(text: str, position: int) -> bool:
    """’ or ' after a word and before a space or punctuation closes; between letters it is an apostrophe."""
    if text[position] not in (SINGLE_CLOSE, "'") or position == 0 or text[position - 1].isspace():
        return False
    return position + 1 >= len(text) or not text[position + 1].isalnum()


def _letter_after(text: str, position: int) -> bool:
    return position + 1 < len(text) and text[position + 1].isalpha()


def _speech(source: Source, start: int, end: int, kind: SpeechKind, speaker: str = "") -> Speech:
    """A stretch of the original text as normalized offsets, trimmed of the spaces at its ends."""
    begin, finish = source.normalized_offset(start), source.normalized_offset(end)
    normalized = source.normalized
    while begin < finish and normalized[begin] in " >":
        begin += 1
    while finish > begin and normalized[finish - 1] == " ":
        finish -= 1
    return Speech(begin, finish, kind, speaker)
