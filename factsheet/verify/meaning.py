"""What a cut or bracket may not take out or slip in, and where a cut may fall: the words that carry a claim.

A quote may drop words, but never the ones that turn a claim around: a negation, a hedge, a condition, intent
or modality, a limit or an alternative, a number. And a cut must fall at a clause's edge at one end at least,
or it can take out the verb or the object of the clause it sits in.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from factsheet.verify.names import NOT_AFTER_ABBREVIATION

WORD = re.compile(r"[\w'’-]+")

PROTECTED = MappingProxyType(
    {
        "a negation": frozenset(
            {"not", "no", "never", "without", "nor", "none", "nobody", "nothing", "neither", "cannot"}
        ),
        "a hedge": frozenset(
            {"may", "might", "allegedly", "reportedly", "apparently", "possibly", "likely", "could", "unclear"}
        ),
        "a condition": frozenset({"if", "unless", "whether", "provided"}),
        "a word of intent or modality": frozenset(
            {
                *("hope", "hopes", "hoped", "hoping", "want", "wants", "wanted", "wanting", "wish", "wishes"),
                *("planned", "planning", "aimed", "aiming", "intend", "intends"),
                *("intended", "try", "tries", "tried", "trying", "seek", "seeks", "sought", "seeking", "expect"),
                *("expects", "expected", "expecting", "believe", "believes", "believed", "believing", "would"),
                *("should", "must", "ought"),
            }
        ),
        "a limit or an alternative": frozenset(
            {"only", "just", "except", "until", "either", "or", "but", "instead", "unless", "solely", "merely"}
        ),
        "a number": frozenset(
            {"percent", "hundred", "thousand", "million", "billion", "trillion", "half", "twice", "dozen"}
        ),
    }
)
"""Words a cut, a bracket or an edge cut may never take out or slip in, by what they do to a claim."""
PROTECTED_PHRASES = MappingProxyType(
    {
        "a condition": ("as long as", "so long as", "in case", "on condition", "provided that", "only if", "even if"),
        "a word of intent or modality": ("plan to", "plans to", "aim to", "aims to"),
    }
)
"""Words that only carry the meaning together ("plan" alone is a noun as often as not)."""
CLAUSE_PUNCTUATION = ',;:.!?-()"'
SENTENCE_END = re.compile(rf"(?:[!?]|{NOT_AFTER_ABBREVIATION}\.)(?=\s|\"|$)")
"""A sentence's end: not the full stop of an initial or an honorific ("C. Eugene Steuerle", "Mr. Reeves")."""


def alters_meaning(replaced: str, inserted: str, shown: str) -> str:
    """Why a cut or bracket changes the claim, or '' when it keeps it: it may neither take out nor slip in a
    negation, hedge, condition, word of intent, limit, alternative or number. `replaced` is the source's text
    the cut or bracket stands for, `inserted` the bracket's own words."""
    source_words = {word.lower(): word for word in WORD.findall(replaced)}
    bracket_words = {word.lower(): word for word in WORD.findall(inserted)}
    for what, phrases in PROTECTED_PHRASES.items():
        for phrase in phrases:
            pattern = re.compile(rf"\b{phrase}\b", re.IGNORECASE)
            if pattern.search(replaced) and not pattern.search(inserted):
                return f"the {shown} removes '{phrase}' ({what}) from the source's words"
    for lowered, word in source_words.items():
        what = _protected_kind(lowered)
        if what and lowered not in bracket_words:
            return f"the {shown} removes '{word}' ({what}) from the source's words"
    for lowered, word in bracket_words.items():
        what = _protected_kind(lowered)
        if what and lowered not in source_words:
            return f"the {shown} adds '{word}' ({what}), which the source does not say there"
    return ""


INSIDE_CLAUSE = "a cut inside a clause can take out its verb or its object; cut at a comma or a sentence's end"


def inside_clause(text: str, end: int, start: int) -> bool:
    """Whether the words removed between `end` and `start` are cut from inside a clause at both ends: no
    punctuation closes the words before them, and none opens or closes the removed words. A cut may start
    mid-clause if it ends at a clause's edge, or the other way round ("the library ... we never planned to"
    from "the library, and we never planned to"); one that does neither joins the start of one phrase to
    the end of another."""
    removed = text[end:start].strip()
    if not removed:
        return False
    position = end - 1
    while position >= 0 and text[position] == " ":
        position -= 1
    before = text[position] if position >= 0 else ""
    return not (before in CLAUSE_PUNCTUATION or removed[0] in CLAUSE_PUNCTUATION or removed[-1] in CLAUSE_PUNCTUATION)


def shown_briefly(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _protected_kind(word: str) -> str:
    if any(character.isdigit() for character in word):
        return "a number"
    if word.endswith(("n't", "n’t")):
        return "a negation"
    return next((kind for kind, words in PROTECTED.items() if word in words), "")
