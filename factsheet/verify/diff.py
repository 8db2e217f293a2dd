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
    for start in _likely_starts(words, wanted_cores, size):
        for window_size in range(max(1, size - 2), size + 3):
            window = [match.group() for match in words[start : start + window_size]]
            score = difflib.SequenceMatcher(None, wanted_cores, _cores(window), autojunk=False).ratio()
            if score > (best_score + 1e-9):
                best_start, best_size, best_score = start, window_size, score
    window_words = words[best_start : best_start + best_size]
    window = [match.group() for match in window_words]
    line = source.line_at(window_words[0].start())
    return (
        f"closest passage, {source.path.name} line {line}: {' '.join(window)}",
        f"difference: {word_diff(window, wanted_words)}",
    )


CANDIDATES = 40


def _likely_starts(words: list[re.Match[str]], wanted_cores: list[str], size: int) -> list[int]:
    """Where the closest window can start: around the windows holding most of the quote's words, so the
    comparison costs the same for a 2 MB source as for a short one (every window would take minutes)."""
    wanted = {core.lower() for core in wanted_cores}
    hits = [0]
    for match in words:
        hits.append(hits[-1] + (match.group().strip("\"',.;:!?()").lower() in wanted))
    count = max(1, len(words) - size + 1)
    ranked = sorted(range(count), key=lambda start: (-(hits[min(start + size, len(words))] - hits[start]), start))
    starts = {near for start in ranked[:CANDIDATES] for near in range(max(0, start - 2), min(count, start + 3))}
    return sorted(starts)


def word_diff(source_words: list[str], quoted_words: list[str]) -> str:
    """A compact word diff: [-source words-] where the quote drops or changes them, {+quoted words+} where it
    adds. Punctuation counts ("library," is not "library"), except quotation marks and the punctuation after
    the last word, which a quote leaves off as a matter of course, and the case of the first letter."""
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, _keys(source_words), _keys(quoted_words), autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(" ".join(quoted_words[b_start:b_end]))
            continue
        if a_end > a_start:
            parts.append("[-" + " ".join(source_words[a_start:a_end]) + "-]")
        if b_end > b_start:
            parts.append("{+" + " ".join(quoted_words[b_start:b_end]) + "+}")
    return " ".join(parts)


def _keys(words: list[str]) -> list[str]:
    """Words as the diff compares them: quotation marks dropped, the first letter's case and the last word's
    trailing punctuation ignored."""
    keys = [word.strip('"') for word in words]
    if keys:
        keys[0] = keys[0][:1].lower() + keys[0][1:]
        keys[-1] = keys[-1].rstrip(",.;:!?")
    return keys


def _cores(words: list[str]) -> list[str]:
    """Words as compared in a diff: without surrounding punctuation, the first one without its case."""
    cores = [word.strip("\"',.;:!?()") for word in words]
    return [cores[0][:1].lower() + cores[0][1:], *cores[1:]] if cores else cores
