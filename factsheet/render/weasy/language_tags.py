"""A passage in another language than the handout's is tagged with its language in the PDF's structure tree.

A translated handout prints each quote's original beside its translation; the HTML says `lang="en"` on the
original, but WeasyPrint writes a language only for the whole document. A screen reader then reads the English
original with a Spanish voice. PDF/UA asks for `/Lang` on such passages (ISO 14289-1, 7.2), so each structure
element made from an element with its own `lang` attribute gets it.

This wraps one function of WeasyPrint's tagging (pinned to 70.x in pyproject.toml);
tests/render/test_weasy.py reads the tag back.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any


@cache
def use_language_tags() -> None:
    """Make WeasyPrint's structure elements carry the `lang` of the element they come from, once per process."""
    import pydyf  # type: ignore[import-untyped]
    import weasyprint.pdf.tags as tags

    original = tags._build_box_tree

    def build_box_tree(box: Any, parent: Any, *rest: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        language = element.get("lang") if element is not None and element.tag != "html" else None
        for made in original(box, parent, *rest):
            if language and isinstance(made, pydyf.Dictionary) and "Lang" not in made:
                made["Lang"] = pydyf.String(language)
            yield made

    tags._build_box_tree = build_box_tree
