"""What a volunteer sees for a misquote: the source window most like the quote, and a word diff against it.

A pointer for the reviewer, never a pass: the gate has already refused the quote when this is shown.
"""

from __future__ import annotations

import difflib
import re

from factsheet.verify.sources import Source


def closest_passage(wanted: str, source: Source) -> tuple[str, ...]:
    """The source window most like the passage, with a word diff: a pointer for the reviewer, never a pass."""
    words = list(re.finditer(r"\S+", source.normalized))
    wanted_words = wanted.split()
    size = len(wanted_words)
    if not words or not size:
        return ()
    wanted_cores = _cores(wanted_words)
    best_start, best_size, best_score = 0, size, -1.0
    for window_size in range(max(1, size - 2), size + 3):
        for start in range(max(1, len(words) - window_size + 1)):
            window = [match.group() for match in words[start : start + window_size]]
            score = difflib.SequenceMatcher(None, wanted_cores, _cores(window), autojunk=False).ratio()
            if score > best_score:
                best_start, best_size, best_score = start, window_size, score
    window_words = words[best_start : best_start + best_size]
    window = [match.group() for match in window_words]
    line = source.line_at(window_words[0].start())
    return (
        f"closest passage, {source.path.name} line {line}: {' '.join(window)}",
        f"difference: {word_diff(window, wanted_words)}",
    )


def word_diff(source_words: list[str], quoted_words: list[str]) -> str:
    """A compact word diff: [-source words-] where the quote drops or changes them, {+quoted words+} where it
    adds. Words are compared without surrounding punctuation, so a quote mark or trailing comma the quote
    leaves off is not shown as a change; punctuation inside a changed word still is."""
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, _cores(source_words), _cores(quoted_words), autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(" ".join(quoted_words[b_start:b_end]))
            continue
        if a_end > a_start:
            parts.append("[-" + " ".join(source_words[a_start:a_end]) + "-]")
        if b_end > b_start:
            parts.append("{+" + " ".join(quoted_words[b_start:b_end]) + "+}")
    return " ".join(parts)


def _cores(words: list[str]) -> list[str]:
    """Words as compared in a diff: without surrounding punctuation, the first one without its case."""
    cores = [word.strip("\"',.;:!?()") for word in words]
    return [cores[0][:1].lower() + cores[0][1:], *cores[1:]] if cores else cores
