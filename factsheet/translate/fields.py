"""Which words of a sheet a translator translates, each named by its YAML path and described for the translator.

Names of people and organisations, source ids, web addresses and excerpts stay as written: excerpts are what
the gate finds in the archived source, and a quote's original is printed beside its translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factsheet.sheet.load import LoadedYaml

TRANSLATED = {
    ("title",): "the handout's headline",
    ("subtitle",): "the line under the headline",
    ("note",): "the small print at the foot of the page",
    ("facts", "*", "figure"): "a key figure printed large; keep the number, written the way your language writes it",
    ("facts", "*", "label"): "what the key figure counts, printed under it",
    ("facts", "*", "text"): "a fact, as a sentence",
    ("sections", "*", "heading"): "a section heading",
    ("sections", "*", "text"): "a section of the story",
    ("quotes", "*", "text"): "a quote: translate it faithfully; the original is printed beside your translation",
    ("quotes", "*", "role"): "who the speaker is (their job or title)",
    ("demands", "*", "text"): "one of the campaign's demands",
    ("action", "heading"): "the call to action's heading",
    ("action", "text"): "the call to action",
    ("merge_action", "heading"): "the call to action's heading for mail merges: keep each {column} as it is",
    ("merge_action", "text"): "the call to action for mail merges: keep each {column} as it is",
    ("contact", "name"): "the publishing organisation's name",
}

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_ -]*\}")


@dataclass(frozen=True)
class Field:
    """One translatable text: where it is in the sheet, its English, and what it is."""

    path: tuple[str | int, ...]
    text: str
    what: str
    line: int | None

    @property
    def context(self) -> str:
        """The path as a PO context: `facts[0].label`."""
        return path_text(self.path)


def translatable_fields(loaded: LoadedYaml) -> Iterator[Field]:
    """Every translatable text of the sheet, in the order it is written."""
    yield from _walk(loaded, loaded.data, ())


def _walk(loaded: LoadedYaml, data: Any, path: tuple[str | int, ...]) -> Iterator[Field]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(loaded, value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(loaded, value, (*path, index))
    elif isinstance(data, str) and data.strip():
        pattern = tuple("*" if isinstance(part, int) else part for part in path)
        what = TRANSLATED.get(pattern)
        if what is not None:
            yield Field(path, data, what, loaded.locate(path).line)


def path_text(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def path_of(context: str) -> tuple[str | int, ...]:
    """The YAML path a PO context names (the inverse of `path_text`)."""
    path: list[str | int] = []
    for name, index in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", context):
        path.append(int(index) if index else name)
    return tuple(path)
