"""Typography-blind text for comparing quotes with sources (never for display).

A quote copied from a web page differs from the archive in ways that are not misquotes: curly versus straight
quotes, en dashes, no-break spaces, line wraps. Folding exactly those (and nothing that carries meaning:
case, digits, other punctuation) lets the check demand a character-exact match on everything else.
"""

from __future__ import annotations

import re
import unicodedata

from factsheet.characters import (
    describe_character,
    invisible_character,
    suspicious_character,
)

__all__ = ["describe_character", "invisible_character", "suspicious_character"]

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u300c\u300d\u300e\u300f\u301d\u301e", '"'),
        **dict.fromkeys("\u2039\u203a", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212", "-"),
        **dict.fromkeys("\u2015", "\u2014"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", None),
    }
)


DASH = re.compile(" ?(?:\u2014|-{2,3}) ?")
"""A dash between words: an em dash, or two or three hyphens typed for one, with or without spaces around it.
All compare as ' - ', so "cuts -- and" matches "cuts—and"; a single hyphen stays a hyphen ("well-known")."""


def normalize(text: str) -> str:
    """NFKC, ASCII quotes and dashes, invisible characters dropped, whitespace runs collapsed to one space."""
    return normalize_with_offsets(text)[0]


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """`normalize(text)` plus, for each of its characters, the offset in `text` it came from.

    The offsets let a match in normalized text be reported at its line in the archived file.
    """
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for start, cluster in _clusters(text):
        for char in unicodedata.normalize("NFKC", cluster).translate(_QUOTES):
            if char.isspace():
                pending_space = bool(out)
                continue
            if pending_space:
                out.append(" ")
                offsets.append(start)
                pending_space = False
            out.append(char)
            offsets.append(start)
    return _spaced_dashes("".join(out), offsets)


def _spaced_dashes(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Every dash between words as ' - ', each of its three characters mapped to where the dash was."""
    if "\u2014" not in text and "--" not in text:
        return text, offsets
    out: list[str] = []
    mapped: list[int] = []
    position = 0
    for dash in DASH.finditer(text):
        out.append(text[position : dash.start()])
        mapped.extend(offsets[position : dash.start()])
        where = offsets[dash.start() + (1 if text[dash.start()] == " " else 0)]
        out.append(" - ")
        mapped.extend([where] * 3)
        position = dash.end()
    out.append(text[position:])
    mapped.extend(offsets[position:])
    joined = "".join(out)
    leading = len(joined) - len(joined.lstrip(" "))
    trailing = len(joined.rstrip(" "))
    return joined[leading:trailing], mapped[leading:trailing]


def _clusters(text: str) -> list[tuple[int, str]]:
    """Split text into a base character plus its combining marks, so NFKC can compose them."""
    clusters: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        if clusters and unicodedata.combining(char):
            clusters[-1] = (clusters[-1][0], clusters[-1][1] + char)
        else:
            clusters.append((index, char))
    return clusters


def find_verbatim(needle: str, haystack: str, *, first_letter_case: bool = True, start: int = 0) -> int:
    """Offset of the first occurrence of `needle` in `haystack` at or after `start`, on word boundaries (both
    already normalized), or -1. With `first_letter_case`, the needle's first letter may differ in case, since
    a quote taken from mid-sentence is often capitalized."""
    if not needle:
        return -1
    variants = {needle, needle[0].swapcase() + needle[1:]} if first_letter_case else {needle}
    found = [_first_bounded(variant, haystack, start) for variant in variants]
    return min((offset for offset in found if offset >= 0), default=-1)


def find_all_verbatim(needle: str, haystack: str, *, first_letter_case: bool = True, start: int = 0) -> list[int]:
    """Every offset at or after `start` where `needle` stands in `haystack` on word boundaries, in order: one
    pass through the text per spelling, however many there are."""
    if not needle:
        return []
    variants = {needle, needle[0].swapcase() + needle[1:]} if first_letter_case else {needle}
    offsets: set[int] = set()
    for variant in variants:
        position = _first_bounded(variant, haystack, start)
        while position >= 0:
            offsets.add(position)
            position = _first_bounded(variant, haystack, position + 1)
    return sorted(offsets)


def _first_bounded(needle: str, haystack: str, first: int = 0) -> int:
    start = haystack.find(needle, first)
    while start != -1:
        end = start + len(needle)
        if _boundary(haystack, start - 1, needle[0], -1) and _boundary(haystack, end, needle[-1], 1):
            return start
        start = haystack.find(needle, start + 1)
    return -1


def _boundary(haystack: str, index: int, edge: str, away: int) -> bool:
    """True when the match does not start or end in the middle of a word or number.

    `index` is the character just outside the match and `away` the direction leading further out (-1 before
    the match, +1 after it). An apostrophe or hyphen joining two letters ("it's", "well-known") counts as
    inside the word.
    """
    if not edge.isalnum() or not 0 <= index < len(haystack):
        return True
    outside = haystack[index]
    if outside in "'-":
        beyond = index + away
        return not (0 <= beyond < len(haystack) and haystack[beyond].isalnum())
    return not outside.isalnum()
