"""Who "he said" means, and which paragraphs are headings.

News credits a quotation with a pronoun once the person is named: "Robert Danin spoke at the hearing. ...
“We cannot keep borrowing,” he said." The pronoun stands for the person the text last named as the subject of
a sentence (the first person's name in it, outside quotation marks), looking back through the quotation's
paragraph and the two before it, and never across a subheading: a new section starts a new cast. Headings
(a short line with no closing punctuation) are also nobody's quotation: a headline's quoted word is the
editor's, not a speaker's.
"""

from __future__ import annotations

import itertools
import re

from factsheet.verify.meaning import SENTENCE_END
from factsheet.verify.names import name_runs
from factsheet.verify.sources import Source

PARAGRAPHS_BACK = 2
HEADING_CHARACTERS = 120
PRONOUNS = frozenset({"he", "she", "they"})
CLOSING_PUNCTUATION = re.compile(r"[.!?:;,。！？．｡：；，؟۔।॥]\W*$")
"""A sentence's closing punctuation in the scripts factsheet prints (the Chinese full stop, the Urdu full
stop, the Bengali dari ...): a paragraph ending in one is prose, not a heading."""


def is_heading(source: Source, paragraph: int) -> bool:
    """A paragraph that is a title or subheading: one short line without closing punctuation."""
    start, end = source.paragraph_span(paragraph)
    text = source.normalized[start:end].strip()
    return 0 < len(text) <= HEADING_CHARACTERS and CLOSING_PUNCTUATION.search(text) is None


def by_pronoun(before: str, after: str) -> bool:
    """Whether an attribution clause credits by pronoun ("he said", "said she", "She added:")."""
    last = before.split()[-1].lower() if before.split() else ""
    first = after.split()[0].lower().strip(",.:") if after.split() else ""
    return last in PRONOUNS or first in PRONOUNS


def last_named_person(source: Source, quote_start: int) -> str | None:
    """The person a pronoun before or after the quotation at `quote_start` stands for: the subject of the
    nearest sentence before it that names one, in its paragraph or the two before, stopping at a heading."""
    paragraph = source.paragraph_at(quote_start)
    for index in range(paragraph, max(-1, paragraph - PARAGRAPHS_BACK - 1), -1):
        if is_heading(source, index):
            return None
        start, end = source.paragraph_span(index)
        limit = min(end, quote_start)
        text = _narration(source, start, limit)
        boundaries = [start, *(found.end() for found in SENTENCE_END.finditer(text, start, limit)), limit]
        for sentence_start, sentence_end in reversed(list(itertools.pairwise(boundaries))):
            person = next((run.name for run in name_runs(text[sentence_start:sentence_end]) if run.is_person), None)
            if person:
                return person
    return None


def _narration(source: Source, start: int, end: int) -> str:
    """The normalized text with every quotation between `start` and `end` blanked (offsets kept)."""
    text = source.normalized
    parts = [text[:start]]
    position = start
    for speech in source.speech:
        if speech.end <= start or speech.start >= end:
            continue
        left, right = max(speech.start, position), min(speech.end, end)
        parts.append(text[position:left] + " " * (right - left))
        position = right
    parts.append(text[position:])
    return "".join(parts)
