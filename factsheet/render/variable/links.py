"""What a composed variant carries over from its own print besides the drawing: its link annotations, the
alternate text and boxes of its structure elements, and its bookmarks, moved to the region's place."""

from __future__ import annotations

from typing import Any

from factsheet.render.variable.regions import PIXELS_TO_POINTS, Region


def _bookmarks(document: Any) -> list[Any]:
    """A PDF's outline items in reading order."""
    items: list[Any] = []

    def walk(item: Any) -> None:
        while item is not None:
            items.append(item)
            walk(item.get("/First"))
            item = item.get("/Next")

    outlines = document.Root.get("/Outlines")
    if outlines is not None:
        walk(outlines.get("/First"))
    return items


def copy_bookmarks(document: Any, variant: Any, region: Region, tx: float, ty: float) -> bool:
    """The base's bookmarks inside the region (its headings) take the variant's titles and places."""
    import pikepdf

    theirs = _bookmarks(variant)
    page = document.pages[region.page]
    height = float(page.MediaBox[3]) - float(page.MediaBox[1])
    top, bottom = height - region.y * PIXELS_TO_POINTS, height - (region.y + region.height) * PIXELS_TO_POINTS
    ours = [
        item
        for item in _bookmarks(document)
        if "/Dest" in item
        and item.Dest[0].objgen == page.obj.objgen
        and bottom - 0.5 <= float(item.Dest[3]) <= top + 0.5
    ]
    if len(ours) != len(theirs):
        return False
    for mine, other in zip(ours, theirs, strict=True):
        mine.Title = pikepdf.String(str(other.Title))
        destination = list(mine.Dest)
        destination[2] = float(other.Dest[2]) + tx
        destination[3] = float(other.Dest[3]) + ty
        mine.Dest = pikepdf.Array(destination)
    return True


def copied(document: Any, foreign: Any, value: Any) -> Any:
    """`value`, an object of the PDF `foreign`, as an object of `document`."""
    import pikepdf

    if not isinstance(value, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream):
        return value
    return document.copy_foreign(value if value.is_indirect else foreign.make_indirect(value))


def copy_attributes(document: Any, variant: Any, ours: Any, theirs: Any, dx: float, dy: float) -> None:
    """What a variant's structure element says about itself: alternate text, actual text, language, layout box."""
    import pikepdf

    for key in ("/Alt", "/ActualText", "/E", "/Lang", "/T"):
        if key in theirs:
            ours[key] = pikepdf.String(str(theirs[key]))
        elif key in ours:
            del ours[key]
    attributes = theirs.get("/A")
    if isinstance(attributes, pikepdf.Dictionary) and "/BBox" in attributes:
        x1, y1, x2, y2 = (float(value) for value in attributes.BBox)
        moved = copied(document, variant, attributes)
        moved.BBox = pikepdf.Array([x1 + dx, y1 + dy, x2 + dx, y2 + dy])
        ours.A = moved


def copy_annotation(document: Any, variant: Any, ours: Any, theirs: Any, tx: float, ty: float) -> None:
    """A variant's link: its target and text, and its rectangle moved to where the region sits in the base."""
    import pikepdf

    for key in ("/A", "/Contents", "/Dest"):
        if key in theirs:
            ours[key] = copied(document, variant, theirs[key])
        elif key in ours:
            del ours[key]
    x1, y1, x2, y2 = (float(value) for value in theirs.Rect)
    ours.Rect = pikepdf.Array([x1 + tx, y1 + ty, x2 + tx, y2 + ty])
    if "/QuadPoints" in theirs:
        points = [float(value) for value in theirs.QuadPoints]
        ours.QuadPoints = pikepdf.Array([value + (tx if index % 2 == 0 else ty) for index, value in enumerate(points)])
