"""Does the source put these words in this speaker's mouth?

A verbatim quote credited to the wrong person is still a misquote. Two checks, both on the source's own text:
the speaker's surname must appear near the quoted words (their paragraph, or just before it), and the nearest
attribution ("said X", "X added") must not name someone else. A pronoun ("he said") stands for the person the
text last named (see referents.py); where no one is named before it, the first check decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsheet.verify.names import NOT_AFTER_ABBREVIATION, name_runs, named_elsewhere, surname
from factsheet.verify.passage import Match
from factsheet.verify.referents import by_pronoun, last_named_person
from factsheet.verify.sources import Source

CONTEXT_BEFORE = 250
VERBS = (
    r"said|says|add(?:s|ed)|not(?:es|ed)|told|tells|stress(?:es|ed)|explain(?:s|ed)|wr(?:ote|ites)|ask(?:s|ed)"
    r"|argu(?:es|ed)|warn(?:s|ed)|continu(?:es|ed)|stat(?:es|ed)|insist(?:s|ed)|recall(?:s|ed)"
    r"|declar(?:es|ed)|claim(?:s|ed)|tweet(?:s|ed)|announc(?:es|ed)|testifi(?:es|ed)|repli(?:es|ed)"
    r"|respond(?:s|ed)|comment(?:s|ed)|remark(?:s|ed)|acknowledg(?:es|ed)|admit(?:s|ted)|urg(?:es|ed)"
    r"|emphasi[sz](?:es|ed)|writ(?:es|ing)|sa(?:y|ying)|shout(?:s|ed)|chant(?:s|ed)|conclud(?:es|ed)|predict(?:s|ed)"
)
"""Verbs that credit words to someone, past and present ("said", "says", "tweeted", "testified")."""
SPEECH_VERB = re.compile(rf"\b(?:{VERBS})\b")
CLAUSE_BOUNDARY = re.compile(rf"[!?;\"]|{NOT_AFTER_ABBREVIATION}\.")


@dataclass(frozen=True)
class Attribution:
    """The verdict on one match: empty `problem` means the source credits the speaker."""

    problem: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Credit:
    """An attribution clause around a speech verb: "<before> said <after>". `opens_sentence` is whether the
    clause starts a sentence (so its first word is capitalized whatever it is); `source_text` is the whole
    source, to tell a name from a capitalized common word."""

    before: str
    verb: str
    after: str
    opens_sentence: bool = False
    source_text: str = ""

    @property
    def text(self) -> str:
        return " ".join(part for part in (self.before, self.after) if part).strip(" ,")

    def names(self) -> list[str]:
        """The person-like names in the clause: capitalized runs, less places ("in New York") and a lone
        capitalized word opening a sentence that the source never capitalizes mid-sentence ("Officials")."""
        found = []
        for part, opens in ((self.before, self.opens_sentence), (self.after, False)):
            for run in name_runs(part):
                if run.start == 0 and opens and " " not in run.name and not named_elsewhere(run.name, self.source_text):
                    continue
                found.append(run.name)
        return found

    def speaker(self) -> str:
        """Who the clause credits, '' when it names no one ("he said", "a spokesperson said"): a name right
        after the verb ("said Okafor"), else right before it ("Okafor said"), else the clause's subject ("told"
        is followed by the listener, so only its subject counts), else the last name after the verb."""
        names = set(self.names())
        after = [run for run in name_runs(self.after) if run.name in names]
        before = [run for run in name_runs(self.before) if run.name in names]
        if self.verb != "told" and after and after[0].start <= 1:
            return after[0].name
        if before and before[-1].end == len(self.before.split()):
            return before[-1].name
        if before:
            return before[0].name
        return after[-1].name if after and self.verb != "told" else ""


def check_attribution(speaker: str, source: Source, match: Match) -> Attribution:
    """Whether `source` attributes the words at `match` to `speaker`: its nearest attribution does not name
    someone else, and the speaker's surname stands nearby (the paragraph, or the 250 characters before it; the
    whole previous paragraph when the attribution names no one, as "he said" after a paragraph introducing
    the speaker does)."""
    name = surname(speaker)
    text = source.normalized
    paragraph_start, paragraph_end = source.paragraph_span(source.paragraph_at(match.start))
    _, paragraph_end = source.paragraph_span(source.paragraph_at(max(match.end - 1, match.start)))
    context_start = min(paragraph_start, max(0, match.start - CONTEXT_BEFORE))
    credit = nearest_credit(source, match.start, match.end)
    names = credit.names() if credit else []
    if credit and not names and by_pronoun(credit.before, credit.after):
        person = last_named_person(source, match.start)
        if person is not None:
            if _names(name, person):
                return Attribution()
            return Attribution(
                f"'{source.id}' credits these words to '{person}', not {speaker}",
                f"'{credit.before} {credit.verb} {credit.after}'.strip() stands for the person named last before it; "
                "quote the person the source names",
            )
    if not names and source.paragraph_at(match.start) > 0:
        context_start = min(context_start, source.paragraph_span(source.paragraph_at(match.start) - 1)[0])
    context = text[context_start:paragraph_end]
    named = _names(name, context)
    if credit and names and not _names(name, credit.text):
        credited = credit.speaker() or names[0]
        return Attribution(
            f"'{source.id}' credits these words to '{credited}', not {speaker}",
            "check who said it in the source; quote the person the source names",
        )
    if not named:
        return Attribution(
            f"'{source.id}' does not name {name} near these words",
            "check the speaker, or cite the source that attributes the words to them",
        )
    return Attribution()


def _names(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text) is not None


def nearest_credit(source: Source, quote_start: int, quote_end: int) -> Credit | None:
    """The attribution clause nearest a quote (offsets into `source.normalized`) in its paragraph.

    A clause runs from the previous sentence end or quote mark to the next one around a speech verb, so
    "Senator Brad Hoylman, who proposed a ban, said the case was" credits Hoylman, and "said a spokesperson"
    or "he said" credits nobody by name.
    """
    text = source.normalized
    start, _ = source.paragraph_span(source.paragraph_at(quote_start))
    _, end = source.paragraph_span(source.paragraph_at(max(quote_end - 1, quote_start)))
    speech = source.speech
    verbs = [
        verb
        for verb in SPEECH_VERB.finditer(text, start, end)
        if not (quote_start <= verb.start() < quote_end or any(part.holds(verb.start(), verb.end()) for part in speech))
    ]
    following = _own_clause_after(text, quote_end, end)
    after = [verb for verb in verbs if quote_end <= verb.start() < following]
    if after:
        return _clause(source, after[0].start(), after[0].end(), start, end)
    leading = _own_clause_before(text, quote_start, start)
    before = [verb for verb in verbs if leading <= verb.start() < quote_start]
    if before:
        return _clause(source, before[-1].start(), before[-1].end(), start, end)
    nearest: tuple[int, Credit] | None = None
    for verb in verbs:
        distance = quote_start - verb.start() if verb.start() < quote_start else verb.start() - quote_end
        if nearest is None or distance < nearest[0]:
            nearest = (distance, _clause(source, verb.start(), verb.end(), start, end))
    return nearest[1] if nearest else None


def _own_clause_before(text: str, quote_start: int, start: int) -> int:
    """Where the words leading into a quotation begin: after the previous sentence's end or quotation mark
    ("Ingram told Gothamist that activists were “…”")."""
    position = quote_start - 1
    while position > start and text[position] in "\"' ":
        position -= 1
    found = start
    for boundary in re.finditer(rf"(?:[!?]|{NOT_AFTER_ABBREVIATION}\.)(?=\s)|\"", text[start : position + 1]):
        found = start + boundary.end()
    return found


def _own_clause_after(text: str, quote_end: int, end: int) -> int:
    """Where the words right after a quotation stop belonging to it: at the sentence's end or the next
    quotation mark. News style puts a quotation's attribution there ("“…,” Cole tweeted."), so a verb in it
    credits this quotation even when another attribution stands closer before it; words ending in a colon
    before the next quotation ("He added: “…”") introduce that one instead."""
    position = quote_end
    while position < end and text[position] in "\"' ,":
        position += 1
    boundary = re.compile(rf"(?:[!?]|{NOT_AFTER_ABBREVIATION}\.)(?=\s|$)|\"").search(text, position, end)
    if boundary is None:
        return end
    if boundary.group() == '"' and text[position : boundary.start()].rstrip().endswith(":"):
        return position
    return boundary.start()


def _clause(source: Source, verb_start: int, verb_end: int, start: int, end: int) -> Credit:
    text = source.normalized
    boundaries = list(CLAUSE_BOUNDARY.finditer(text, start, verb_start))
    clause_start = boundaries[-1].end() if boundaries else start
    opens_sentence = not boundaries or boundaries[-1].group() in ".!?"
    boundary = CLAUSE_BOUNDARY.search(text, verb_end, end)
    clause_end = boundary.start() if boundary else end
    before = " ".join(text[clause_start:verb_start].split()[-24:])
    after = " ".join(text[verb_end:clause_end].split()[:12])
    return Credit(before.strip(" ,"), text[verb_start:verb_end], after.strip(" ,"), opens_sentence, text)
