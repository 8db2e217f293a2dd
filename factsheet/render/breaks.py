"""Where a handout's lines may break: the typesetter's rules a line breaker does not know.

WeasyPrint breaks lines by the Unicode rules, which are right for running text and wrong in a few places a
reader notices on paper: a web address split at a hyphen ("placeholder-campaign- / link") reads as two
words and will be typed wrong; a headline whose last line is one word ("... in / York") looks like a mistake;
a name split from its acronym ("Clearview / AI"), a number from its unit, or an endnote mark pushed to a line
of its own ("¹") loses its meaning. The text filters return it escaped, with no-break spaces (U+00A0) between
words that must stay together and a word joiner (U+2060) before an endnote mark. Characters, not markup:
WeasyPrint treats the edge of an inline element as a break opportunity of its own and, with a
`white-space: nowrap` element later in a line, can end the line after its first word (its issue #1614).
Screen readers read a no-break space as a space and skip a word joiner.
"""

from __future__ import annotations

import itertools
import re
from unicodedata import east_asian_width

from markupsafe import Markup, escape

_WORDS = re.compile(r"\S+")
_NUMBER = re.compile(r"^[(\[]?[$€£¥]?\d[\d.,\u00a0\u202f]*%?$")
_ACRONYM = re.compile(r"^[A-Z]{2,4}[¹²³⁴⁵⁶⁷⁸⁹⁰,.;:)]*$")
_CAPITALISED = re.compile(r"^[A-Z][a-z]")
MAX_GLUED = 30
"""The longest run kept on one line, in Latin letter widths (a Chinese character counts two): enough for a
headline's last two words or a name and its acronym, short enough for any column."""
HEADLINE_GLUED = 12
"""The same for display type, set three times the body size or more in a column a third of a page wide: a
headline's last two words stay together only when they are short (a Korean call to action's
"#BantheScan에 함께하세요" and a Russian headline's "распознавание лиц" are not: kept whole, they ran out of
their panels)."""


def web_address(url: str, keep_scheme: bool = False) -> str:
    """A web address as printed (without its scheme unless asked), breakable only where the Chicago Manual of
    Style allows: after the scheme's `//`, before a single `/` and before `.`, `-`, `_`, `?`, `#`, `~`, `%`
    (so a line never ends in a hyphen, which reads as a word broken by hyphenation and copies out without
    it), and before or after `=` and `&`. A zero-width space (U+200B) marks each break and a word joiner
    (U+2060) follows each of those marks so that the line breaker does not end a line after them; the
    text box of an address carries its text without the marks (/ActualText, see weasy/actual_text.py), so
    it copies out whole. Markup cannot do this here: WeasyPrint gives every element inside a link an
    annotation of its own, outside the link's tag, which PDF/UA refuses."""
    shown = url if keep_scheme else url.split("://", 1)[-1]
    scheme, separator, rest = shown.partition("://")
    if not separator:
        scheme, rest = "", shown
    marked = _ADDRESS_BREAKS.sub(_mark_break, rest)
    return (scheme + separator + marked).removeprefix(BREAK)


BREAK, JOIN = "\u200b", "\u2060"
_UNMARKED = str.maketrans({BREAK: "", JOIN: "", "\u00ad": "", "\u00a0": " "})


def unmarked(text: str) -> str:
    """Text as a reader sees it, without the marks these filters set (for messages that quote it)."""
    return text.translate(_UNMARKED)


_ADDRESS_BREAKS = re.compile(r"[/.\-_?#~%]|[=&]")


def _mark_break(found: re.Match[str]) -> str:
    mark = found.group()
    return BREAK + mark + (BREAK if mark in "=&" else JOIN)


def headline(text: str) -> Markup:
    """A headline whose last line is never one word alone: its last two words stay together; Chinese words
    stay whole (see segment.py)."""
    from factsheet.render.segment import keep_han_words

    return _typeset(keep_han_words(text), last_words=2, max_glued=HEADLINE_GLUED)


def running_text(text: str, ending: str | Markup = "") -> Markup:
    """Running text with its endnote marks (`ending`, markup) kept on the line of the word they follow, and
    numbers, acronyms after a name ("Clearview AI") and units kept with their words."""
    return _typeset(text, last_words=1, ending=escape(ending))


def display_text(text: str, ending: str | Markup = "") -> Markup:
    """Running text set large or in a short measure (a key figure's label, a card's ask): as running_text,
    and its last line never one word ("2019¹" alone under a poster's figure): its last two words stay
    together."""
    return _typeset(text, last_words=2, ending=escape(ending))


def _typeset(text: str, *, last_words: int, ending: Markup | None = None, max_glued: int = MAX_GLUED) -> Markup:
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
    printed = [
        _glued(" ".join(group), None, max_glued) if len(group) > 1 else escape(group[0]) for group in groups[:-1]
    ]
    return Markup(" ").join([*printed, _glued(" ".join(groups[-1]), ending, max_glued)])


def _glued(words: str, ending: Markup | None = None, max_glued: int = MAX_GLUED) -> Markup:
    """Words kept on one line, with what follows them: no-break spaces between the words and a word joiner
    (U+2060) before what follows. A run too long to keep whole (a script written without spaces, such as
    Chinese, is one "word" to this) is not kept whole; a run of such a script keeps its last two characters
    together instead (letters, not a closing bracket: 「可能相符」 keeps 相符), so its last line is never one
    character."""
    ending = Markup("\u2060") + ending if ending else Markup("")
    if sum(2 if east_asian_width(character) in "WF" else 1 for character in words) <= max_glued:
        words = words.replace(" ", "\u00a0")
    letters = [index for index, character in enumerate(words) if character.isalpha()]
    if len(letters) > 1 and all(east_asian_width(words[index]) in "WF" for index in letters[-2:]):
        last = letters[-1]
        words = words[:last] + "\u2060" + words[last:]
    return escape(words) + ending


def _belong_together(first: str, second: str) -> bool:
    """Whether a line must not break between two neighbouring words: a number and its unit ("$390 billion"),
    a name and its acronym ("Clearview AI") or its number ("Senate Bill 579", "Local 1199")."""
    unit = second[:1].isalpha() and len(second.rstrip(".,;:")) <= 8
    if _NUMBER.match(first) and not first.endswith((",", ";", ":")) and unit:
        return True
    return bool(_CAPITALISED.match(first) and (_ACRONYM.match(second) or _NUMBER.match(second)))


LINE_BREAK_FILTERS = {
    "web_address": web_address,
    "headline": headline,
    "running_text": running_text,
    "display_text": display_text,
}
"""The filters templates use, campaign templates included."""
