"""Help while curating: the quoted passages in a source, and where given words appear across sources.

These help a volunteer copy words exactly and credit the right person; they never decide anything. The
misquote gate in `verify` is what proves a sheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factsheet.verify.attribution import Credit, nearest_credit
from factsheet.verify.names import full_name
from factsheet.verify.referents import by_pronoun, is_heading, last_named_person
from factsheet.verify.sources import BLOCK_MARKER, Source

TRAILING_PUNCTUATION = ",;: "


@dataclass(frozen=True)
class QuotedPassage:
    """Words a source prints inside quote marks, with the line they start on and whom the source credits."""

    source: Source
    line: int
    text: str
    speaker: str
    attribution: str


@dataclass(frozen=True)
class FoundPassage:
    """An exact occurrence of searched words, with the sentence around it as the source prints it."""

    source: Source
    line: int
    words: str
    context: str


def quoted_passages(source: Source) -> list[QuotedPassage]:
    """Every stretch of quoted speech of a dozen characters or more, in the order of the source: exactly what
    the misquote gate accepts as speech (see speech.py), with whom the source credits."""
    passages = []
    for speech in source.speech:
        words = source.normalized[speech.start : speech.end]
        if len(words) < 12:
            continue
        heading = is_heading(source, source.paragraph_at(speech.start))
        credit = nearest_credit(source, speech.start, speech.end) if not (speech.speaker or heading) else None
        passages.append(
            QuotedPassage(
                source=source,
                line=source.line_at(speech.start),
                text=" ".join(BLOCK_MARKER.sub(" ", _original(source, speech.start, speech.end)).split()).rstrip(
                    TRAILING_PUNCTUATION
                ),
                speaker=speech.speaker or _suggested_speaker(source, speech.start, credit),
                attribution="a headline (nobody's quote)"
                if heading
                else f"{credit.before} {credit.verb} {credit.after}".strip()
                if credit
                else speech.kind,
            )
        )
    return passages


def _suggested_speaker(source: Source, start: int, credit: Credit | None) -> str:
    """Whom to suggest as the speaker: the fullest name the source gives the person it credits ("Michael
    Kleinman" for "said Kleinman"), or the person a "he said" stands for."""
    if credit is None:
        return ""
    named = credit.speaker()
    if not named and by_pronoun(credit.before, credit.after):
        named = last_named_person(source, start) or ""
    if not named:
        return ""
    spans = (source.paragraph_span(index) for index in range(source.paragraph_count))
    return full_name(named, (source.normalized[start:end] for start, end in spans))


def find_passages(sources: Iterable[Source], words: str, context: int = 80) -> list[FoundPassage]:
    """Where `words` appear in the sources, ignoring typography and case: a search aid, not a check."""
    from factsheet.verify.normalize import normalize

    wanted = normalize(words).lower()
    found: list[FoundPassage] = []
    if not wanted:
        return found
    for source in sources:
        haystack = source.normalized.lower()
        position = haystack.find(wanted)
        while position >= 0:
            end = position + len(wanted)
            found.append(
                FoundPassage(
                    source=source,
                    line=source.line_at(position),
                    words=_original(source, position, end),
                    context=" ".join(
                        _original(source, max(0, position - context), min(len(haystack), end + context)).split()
                    ),
                )
            )
            position = haystack.find(wanted, position + 1)
    return found


def _original(source: Source, start: int, end: int) -> str:
    """The source's own characters (curly quotes and all) for a span of its normalized text."""
    first = source.original_offset(start)
    last = source.original_offset(end - 1) + 1 if end > start else first
    return source.text[first:last]
