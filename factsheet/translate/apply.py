"""A sheet as its translation prints it: translated fields in place, each quote's original kept beside it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from factsheet.sheet.model import CallToAction, Sheet
from factsheet.sheet.outputs import MergeAction

if TYPE_CHECKING:
    from factsheet.translate.catalog import Translation


def translated_sheet(sheet: Sheet, translation: Translation) -> tuple[Sheet, dict[int, str]]:
    """The sheet in the translation's language, and each translated quote's original by the identity of the
    translated quote object (its YAML path, never its words: two quotes translated alike keep their own
    originals and speakers). Layouts slice and split the quote lists but keep these objects."""
    translated: Any = sheet.model_copy(update={"language": translation.language.code})
    translated_quotes: set[int] = set()
    for path, text in sorted(translation.texts.items(), key=lambda item: str(item[0])):
        translated = _replaced(translated, path, text)
        if len(path) == 3 and path[0] == "quotes" and path[2] == "text":
            assert isinstance(path[1], int)
            translated_quotes.add(path[1])
    assert isinstance(translated, Sheet)
    originals = {id(translated.quotes[index]): sheet.quotes[index].text for index in translated_quotes}
    return translated, originals


def _replaced(node: Any, path: tuple[str | int, ...], text: str) -> Any:
    """`node` with the value at `path` replaced by `text`, every model and list on the way copied."""
    if not path:
        return text
    head, rest = path[0], path[1:]
    if isinstance(node, BaseModel) and isinstance(head, str):
        return node.model_copy(update={head: _replaced(getattr(node, head), rest, text)})
    if isinstance(node, list) and isinstance(head, int):
        return [_replaced(item, rest, text) if index == head else item for index, item in enumerate(node)]
    return node


def translated_action(
    action: CallToAction | None, translated: Sheet, original: Sheet, row: Mapping[str, str] | None
) -> CallToAction | None:
    """A mail-merge variant's call to action in the translation's language: its translated pattern filled
    from the same row (a build without a row prints the sheet's translated call to action)."""
    if action is None or row is None:
        return None
    from factsheet.sheet.merge_fill import fill_action

    pattern = translated.merge_action or MergeAction.model_validate(translated.action.model_dump())
    return fill_action(pattern, {**row, "slug": original.slug})
