"""Where a handout's lines may break: the typesetter's rules a line breaker does not know.

WeasyPrint breaks lines by the Unicode rules, which are right for running text and wrong in a few places a
reader notices on paper: a web address split at a hyphen ("placeholder-campaign- / link") reads as two
words and will be typed wrong; a headline whose last line is one word ("... in / York") looks like a mistake;
a name split from its acronym ("Clearview / AI"), a number from its unit, or an endnote mark pushed to a line
of its own ("¹") loses its meaning. Each filter here returns the text escaped, with the words that must stay
together in a `nobr` span (`white-space: nowrap`), so the text a reader copies or a screen reader speaks is
unchanged: no no-break spaces or invisible characters are added.
"""

from __future__ import annotations

import itertools
import re

from markupsafe import Markup, escape

_WORDS = re.compile(r"\S+")
_NUMBER = re.compile(r"^[(\[]?[$€£¥]?\d[\d.,\u00a0\u202f]*%?$")
_ACRONYM = re.compile(r"^[A-Z]{2,4}[¹²³⁴⁵⁶⁷⁸⁹⁰,.;:)]*$")
_CAPITALISED = re.compile(r"^[A-Z][a-z]")
_NOBR = Markup('<span class="nobr">{}</span>')
LONG_PART = 30


def web_address(url: str, keep_scheme: bool = False) -> Markup:
    """A web address as printed (without its scheme unless asked), breakable only after a slash or a dot:
    each part between them is kept whole, so a hyphen inside it never ends a line. A part too long for any
    column (a long article slug) may also break after its hyphens rather than run out of its column."""
    shown = url if keep_scheme else url.split("://", 1)[-1]
    parts: list[str] = []
    for part in re.split(r"(?<=[/.])", shown):
        parts += re.split(r"(?<=-)", part) if len(part) > LONG_PART else [part]
    return Markup("<wbr>").join(_NOBR.format(part) for part in parts if part)


def headline(text: str) -> Markup:
    """A headline whose last line is never one word alone: its last two words stay together."""
    return _typeset(text, last_words=2)


def running_text(text: str, ending: str | Markup = "") -> Markup:
    """Running text with its endnote marks (`ending`, markup) kept on the line of the word they follow, and
    numbers, acronyms after a name ("Clearview AI") and units kept with their words."""
    return _typeset(text, last_words=1, ending=escape(ending))


def _typeset(text: str, *, last_words: int, ending: Markup | None = None) -> Markup:
    ending = ending or Markup("")
    words = _WORDS.findall(text)
    if not words:
        return escape(text) + ending
    glued = [_belong_together(first, second) for first, second in itertools.pairwise(words)]
    for index in range(max(0, len(words) - last_words), len(words) - 1):
        glued[index] = True
    groups: list[list[str]] = [[words[0]]]
    for word, glue in zip(words[1:], glued, strict=True):
        if glue:
            groups[-1].append(word)
        else:
            groups.append([word])
    pieces = [Markup(" ").join(escape(word) for word in group) for group in groups]
    pieces[-1] += ending
    printed = [
        _NOBR.format(piece) if len(group) > 1 or (index == len(pieces) - 1 and ending) else piece
        for index, (piece, group) in enumerate(zip(pieces, groups, strict=True))
    ]
    return Markup(" ").join(printed)


def _belong_together(first: str, second: str) -> bool:
    """Whether a line must not break between two neighbouring words."""
    if _NUMBER.match(first) and second[:1].isalpha() and len(second.rstrip(".,;:")) <= 8:
        return True
    return bool(_CAPITALISED.match(first) and _ACRONYM.match(second))


LINE_BREAK_FILTERS = {"web_address": web_address, "headline": headline, "running_text": running_text}
"""The filters templates use, campaign templates included."""
