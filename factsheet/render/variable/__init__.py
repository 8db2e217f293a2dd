"""Variable-data rendering for mail merges, as print shops do it (the idea of PDF/VT, ISO 16612-2): what every
variant of a batch shares is laid out and drawn once, and each variant lays out and draws only its variable
region, composed into a copy of that shared base as a complete, tagged PDF.

A template marks the one element whose content changes per row with a `data-variable` attribute (the built-in
templates mark the call to action). The base is a variant printed with that element's content hidden:
`visibility: hidden` keeps the layout, the structure elements and their marked-content numbers, and draws
nothing. A variant is composed into the base only when

- its HTML outside the region is the base's, character for character (checked before anything renders);
- its region, laid out alone inside the same ancestors, has exactly the size it has in the base;
- its region's structure tree has the same shape as the base's (same roles, same marked-content count).

Then the variant's drawing goes onto the base page at the region's place, its marked-content numbers become
the base's (so the structure tree and its parent tree stay as WeasyPrint wrote them), and its link target,
alternate text and figure boxes replace the base's. A variant that fails any test is printed in full, and the
reason goes into the progress line.
"""

from __future__ import annotations

from collections.abc import Callable

from factsheet.caching import BoundedCache
from factsheet.render.html import RenderedHtml
from factsheet.render.variable.compose import Base, compose, make_base, same_size
from factsheet.render.variable.regions import VARIABLE_ATTRIBUTE, base_html, fragment, recording_regions, split_html

__all__ = ["VARIABLE_ATTRIBUTE", "print_variant"]

MAX_BATCHES = 8
MAX_SHAPES = 6
"""Shared pages kept per batch: one for each size and structure its call to action takes (rows wrap onto
different numbers of lines); a row needing a seventh is printed in full."""
_BASES: BoundedCache[str, list[Base] | str] = BoundedCache(MAX_BATCHES)


def print_variant(rendered: RenderedHtml, key: str, print_pdf: Callable[[RenderedHtml], bytes]) -> tuple[bytes, str]:
    """A merge variant's PDF, composed into a shared page of its batch (`key` names the batch and everything
    its outputs are made from), and '' or why it was printed in full instead. `print_pdf` prints HTML in this
    process (the region is found while WeasyPrint writes).

    The batch's shared pages are made as needed, from the first row whose call to action takes a size and
    structure none of them has: the page around a region of one size is the same whichever row made it."""
    split = split_html(rendered.html)
    if split is None:
        return print_pdf(rendered), "the template marks no single variable region"
    bases = _BASES.get(key)
    if isinstance(bases, str):
        return print_pdf(rendered), bases
    if bases and (split.before, split.after) != (bases[0].split.before, bases[0].split.after):
        return print_pdf(rendered), "this row changes more than its call to action"
    piece = fragment(rendered, split)
    if piece is None:
        return print_pdf(rendered), "the variable region's place in the page could not be followed"
    with recording_regions() as regions:
        pdf = print_pdf(piece)
    if len(regions) != 1:
        return print_pdf(rendered), "its call to action did not print as one block"
    for base in bases or []:
        if same_size(base.region, regions[0]):
            composed = compose(base, pdf, regions)
            if isinstance(composed, bytes):
                return composed, ""
    if bases is not None and len(bases) >= MAX_SHAPES:
        return print_pdf(
            rendered
        ), f"its call to action takes a shape none of the batch's {MAX_SHAPES} shared pages has"
    with recording_regions() as base_regions:
        base_pdf = print_pdf(base_html(rendered))
    made = make_base(base_pdf, split, base_regions)
    if isinstance(made, str):
        _remember(key, made)
        return print_pdf(rendered), made
    _remember(key, [*(bases or []), made])
    composed = compose(made, pdf, regions)
    if isinstance(composed, str):
        return print_pdf(rendered), composed
    return composed, ""


def _remember(key: str, bases: list[Base] | str) -> None:
    _BASES.put(key, bases)
