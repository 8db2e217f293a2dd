"""Characters that print as nothing, reorder text or pass for another script's letters: refused in every text a
user writes (the sheet, translations, sign-off names), so text cannot read one way and compare another."""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
INVISIBLE_LETTERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u180e\u17b4\u17b5")
"""Characters that print as nothing though their category says otherwise: the combining grapheme joiner,
Hangul fillers, the Mongolian vowel separator, Khmer inherent vowels."""
JOINER_SCRIPTS = frozenset(
    {
        "ARABIC",
        "BENGALI",
        "DEVANAGARI",
        "GURMUKHI",
        "GUJARATI",
        "ORIYA",
        "TAMIL",
        "TELUGU",
        "KANNADA",
        "MALAYALAM",
        "SINHALA",
        "SYRIAC",
        "MONGOLIAN",
        "PERSIAN",
    }
)
"""Scripts whose spelling uses the zero-width joiner and non-joiner between letters (Bengali conjuncts, Urdu
and Persian word forms): there, and only there, the two joiners are part of the word."""


def invisible_character(text: str) -> int | None:
    """The index of the first character that prints as nothing or reorders text: a control character (line
    breaks and tabs aside), any formatting character (Unicode category Cf: zero-width space, word joiner, a
    stray byte-order mark, soft hyphen, direction controls), a private-use or unpaired surrogate code point, a
    line or paragraph separator, or a filler that looks like a space. A quote that hides one can read one way
    and compare another."""
    for index, character in enumerate(text):
        if character in "\n\t":
            continue
        category = unicodedata.category(character)
        if character in "\u200c\u200d" and _between_joining_letters(text, index):
            continue
        if category in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp") or character in INVISIBLE_LETTERS:
            return index
    return None


def _between_joining_letters(text: str, index: int) -> bool:
    if not 0 < index < len(text) - 1:
        return False
    return _script(text[index - 1]) in JOINER_SCRIPTS and _script(text[index + 1]) in JOINER_SCRIPTS


def describe_character(character: str) -> str:
    """A character as a volunteer can look it up: its code point and Unicode name."""
    return f"U+{ord(character):04X} {unicodedata.name(character, 'unnamed character')}"


def suspicious_character(text: str) -> tuple[int, str] | None:
    """The first character that could make a quote look right while reading wrong, with the reason.

    Bidirectional controls reorder what is displayed; a letter from another script inside a word (Cyrillic
    'а' in 'NYPD' or 'police') looks identical but never matches the source. Both are refused outright.
    """
    for index, character in enumerate(text):
        if character in BIDI_CONTROLS:
            return index, f"a hidden text-direction control ({describe_character(character)})"
    for word in re.finditer(r"[^\W\d_]+", text):
        scripts = [_script(character) for character in word.group()]
        majority = max(set(scripts), key=scripts.count)
        for offset, script in enumerate(scripts):
            if script != majority and {script, majority} <= LOOK_ALIKE_SCRIPTS:
                character = word.group()[offset]
                return (
                    word.start() + offset,
                    f"a look-alike letter from another script ({describe_character(character)})",
                )
    return None


LOOK_ALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})
"""Scripts whose letters pass for each other ('а' and 'a'); Latin beside Chinese or Korean in one run of
letters ("NYPD使用", "#BantheScan에") is ordinary writing in those languages."""


def _script(character: str) -> str:
    return unicodedata.name(character, "UNKNOWN").split(" ")[0]
