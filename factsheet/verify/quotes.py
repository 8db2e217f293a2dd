"""The rules only a quote has: its words are speech the source credits to its speaker, it starts and ends where a
sentence of that speech does or says where it does not, and every change it makes is listed for sign-off.

`search` has already found where the quote's words stand in the source, with the cuts and brackets the rules
allow. Here each match must also be speech (inside the source's quotation marks, a credited block quotation,
or a source that is the speaker's own words), credited to the quote's speaker; a quote that starts or ends
inside a sentence of that speech has an edge cut, checked like any cut and shown with an ellipsis in print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factsheet.sheet.load import Path_
from factsheet.verify.alterations import Alteration, QuoteAlterations
from factsheet.verify.attribution import check_attribution
from factsheet.verify.meaning import INSIDE_CLAUSE, SENTENCE_END, WORD, alters_meaning
from factsheet.verify.names import surname
from factsheet.verify.passage import BRACKET, SIC, Match, Pattern, parse
from factsheet.verify.referents import is_heading
from factsheet.verify.sources import Source
from factsheet.verify.speech import Speech

CLAUSE_EDGE_MARKS = ",;:-(—"
ELLIPSIS_MARKS = ("...", "…")


@dataclass
class QuoteVerdict:
    """What the quote-only rules make of a quote's matches: the reason none passed (with where), or the one
    passage it stands for with its alterations and how it prints."""

    problem: str = ""
    hint: str = ""
    offset: int = -1
    alterations: QuoteAlterations | None = None
    display: str = ""
    ambiguous: list[Match] = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    match: Match
    alterations: tuple[Alteration, ...]
    passage_start: int
    passage_end: int
    edges: tuple[bool, bool]


def check_quote(
    quote: str, wanted: str, speaker: str, source: Source, matches: list[Match], path: Path_
) -> QuoteVerdict:
    """Keep the matches that are the speaker's credited speech with honest edges; report why none is."""
    pattern = parse(wanted)
    verdict = QuoteVerdict()
    weight = 0
    candidates: list[_Candidate] = []
    for match in matches:
        reason, hint, rank = _refusal(pattern, speaker, source, match)
        if reason:
            if rank > weight:
                verdict.problem, verdict.hint, verdict.offset, weight = reason, hint, match.start, rank
            continue
        candidates.append(_candidate(pattern, wanted, source, match))
    if not candidates:
        return verdict
    distinct = {(source.normalized[c.passage_start : c.passage_end], c.alterations) for c in candidates}
    if len(distinct) > 1 and len({_key(c) for c in candidates}) > 1:
        verdict.ambiguous = [candidate.match for candidate in candidates]
        return verdict
    chosen = candidates[0]
    passage = source.normalized[chosen.passage_start : chosen.passage_end]
    altered = QuoteAlterations(path, quote, source.id, passage, chosen.passage_start, chosen.alterations)
    return QuoteVerdict(alterations=altered, display=_printed(quote, chosen.edges))


def _key(candidate: _Candidate) -> tuple[tuple[str, str, str], ...]:
    return tuple((alteration.kind, alteration.removed, alteration.inserted) for alteration in candidate.alterations)


def _refusal(pattern: Pattern, speaker: str, source: Source, match: Match) -> tuple[str, str, int]:
    """Why this match is not the speaker's credited speech with honest edges ('' when it is), with a weight:
    a wrong speaker or a cut that changes the claim says more than narration outside quotation marks."""
    held = [_speech_holding(source, start, end) for start, end in match.spans]
    if not all(held):
        words = _outside_marks(source, match, held)
        return (
            f"these words are not inside quotation marks in '{source.id}': they are the reporter's, not {speaker}'s"
            + (f" ('{words}' is not quoted speech)" if words else ""),
            "quote only words the source prints inside quotation marks; put a paraphrase in a section or a fact",
            1,
        )
    for speech in dict.fromkeys(speech for speech in held if speech):
        problem = _credit(speech, speaker, source)
        if problem:
            return problem, "check who said it in the source; quote the person the source names", 3
    first, last = held[0], held[-1]
    assert first is not None and last is not None
    for edge, removed, before_edge in _edges(pattern, source, match, first, last):
        reason = alters_meaning(removed, "", "edge cut")
        place = "at its start" if edge == "start" else "at its end"
        if reason:
            what = reason.removeprefix("the edge cut removes ").removesuffix(" from the source's words")
            return (
                f"this quote alters its source: it leaves out '{_short(removed)}' {place}, which holds {what}",
                "quote the whole sentence, or end the quote where the sentence or a clause ends",
                2,
            )
        if not before_edge:
            return (
                f"this quote alters its source: it {'starts' if edge == 'start' else 'stops'} inside a clause, "
                f"leaving out '{_short(removed)}' {place}: {INSIDE_CLAUSE}",
                "start and end the quote where the source's sentence or clause does",
                2,
            )
    return "", "", 0


def _speech_holding(source: Source, start: int, end: int) -> Speech | None:
    return next((speech for speech in source.speech if speech.holds(start, end)), None)


def _outside_marks(source: Source, match: Match, held: list[Speech | None]) -> str:
    """The words of the match that no quotation holds, for the message ("Ruiz said.")."""
    for (start, end), speech in zip(match.spans, held, strict=True):
        if speech is None:
            covered = [part for part in source.speech if part.start < end and part.end > start]
            position = start
            for part in sorted(covered, key=lambda part: part.start):
                if part.start > position and WORD.search(source.normalized[position : part.start]):
                    return _short(source.normalized[position : part.start].strip(" \"'"))
                position = max(position, part.end)
            if WORD.search(source.normalized[position:end]):
                return _short(source.normalized[position:end].strip(" \"'"))
    return ""


def _credit(speech: Speech, speaker: str, source: Source) -> str:
    if speech.kind == "quoted" and is_heading(source, source.paragraph_at(speech.start)):
        words = _short(source.normalized[speech.start : speech.end].strip(" ,.;:"))
        return f"'{words}' is in a headline of '{source.id}': a headline quotes nobody by name"
    if speech.kind in ("own words", "transcript"):
        if re.search(rf"(?<!\w){re.escape(surname(speaker))}(?!\w)", speech.speaker):
            return ""
        whose = "is the own words of" if speech.kind == "own words" else "gives these words to"
        return f"'{source.id}' {whose} {speech.speaker or 'no named speaker'}, not {speaker}"
    return check_attribution(speaker, source, Match(((speech.start, speech.end),))).problem


def _sentence_start(text: str, speech: Speech, offset: int) -> int:
    ends = [end.end() for end in SENTENCE_END.finditer(text, speech.start, offset)]
    return ends[-1] if ends else speech.start


def _sentence_end(text: str, speech: Speech, offset: int) -> int:
    if offset > 0 and SENTENCE_END.match(text, offset - 1):
        return offset
    found = SENTENCE_END.search(text, offset, speech.end)
    return found.end() if found else speech.end


def _edges(pattern: Pattern, source: Source, match: Match, first: Speech, last: Speech) -> list[tuple[str, str, bool]]:
    """The words a quote leaves out of its first and last sentence, each with whether the cut falls at a
    clause's edge (after a comma, before a dash, ...). A bracket opening or closing the quote stands for the
    words to the clause's edge, which are checked as a bracket; what lies beyond them is an edge cut."""
    text = source.normalized
    edges = []
    start = _sentence_start(text, first, match.start)
    before = text[start : _bracket_reach(pattern, text, start, match.start, leading=True)]
    if WORD.search(before):
        edges.append(("start", before.strip(), before.rstrip()[-1:] in CLAUSE_EDGE_MARKS))
    end = _sentence_end(text, last, match.end)
    after = text[_bracket_reach(pattern, text, match.end, end, leading=False) : end]
    if WORD.search(after):
        edges.append(("end", after.strip(), after.lstrip()[:1] in CLAUSE_EDGE_MARKS))
    return edges


def _bracket_reach(pattern: Pattern, text: str, start: int, end: int, *, leading: bool) -> int:
    """Where the words an edge bracket stands for begin (leading) or end (trailing): the clause's edge."""
    join = pattern.leading if leading else pattern.trailing
    if join is None or join.kind != "bracket":
        return end if leading else start
    region = text[start:end]
    edges = [index for index, character in enumerate(region) if character in ",;:-(—"]
    if leading:
        return start + (edges[-1] + 1 if edges else 0)
    return start + (edges[0] if edges else len(region))


def _candidate(pattern: Pattern, wanted: str, source: Source, match: Match) -> _Candidate:
    text = source.normalized
    first = _speech_holding(source, match.start, match.spans[0][1])
    last = _speech_holding(source, match.spans[-1][0], match.end)
    assert first is not None and last is not None
    passage_start = _sentence_start(text, first, match.start)
    passage_end = _sentence_end(text, last, match.end)
    alterations: list[Alteration] = []
    leading = _bracket_reach(pattern, text, passage_start, match.start, leading=True)
    if pattern.leading is not None and pattern.leading.kind == "bracket":
        alterations.append(_alteration("bracket", text, leading, match.start, pattern.leading.text))
    if WORD.search(text[passage_start:leading]):
        alterations.append(_alteration("edge cut", text, passage_start, leading))
    for join, (_start, end), (start, _end) in zip(pattern.joins, match.spans, match.spans[1:], strict=False):
        alterations.append(_alteration(join.kind, text, end, start, join.text))
    trailing = _bracket_reach(pattern, text, match.end, passage_end, leading=False)
    if pattern.trailing is not None and pattern.trailing.kind == "bracket":
        alterations.append(_alteration("bracket", text, match.end, trailing, pattern.trailing.text))
    if WORD.search(text[trailing:passage_end]):
        alterations.append(_alteration("edge cut", text, trailing, passage_end))
    if SIC.search(wanted):
        alterations.append(Alteration("sic", "", match.start, match.start))
    edges = (
        any(a.kind == "edge cut" and a.start == passage_start for a in alterations),
        any(a.kind == "edge cut" and a.end == passage_end for a in alterations),
    )
    return _Candidate(match, tuple(alterations), passage_start, passage_end, edges)


def _alteration(kind: str, text: str, start: int, end: int, inserted: str = "") -> Alteration:
    removed = text[start:end].strip(" ,;:")
    return Alteration(kind, removed, start, end, inserted)  # type: ignore[arg-type]


def _printed(quote: str, edges: tuple[bool, bool]) -> str:
    """The quote as the handout prints it: an edge cut the sheet does not mark gets an ellipsis, as an editor
    would set it."""
    text = quote.strip()
    if edges[0] and not text.startswith(ELLIPSIS_MARKS) and not BRACKET.match(text):
        text = "…" + text
    if edges[1] and not text.endswith(ELLIPSIS_MARKS):
        text = text.rstrip(".,;:") + "…"
    return text


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
