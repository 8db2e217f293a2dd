"""Walk a PDF page's drawing operators the way a printer meets them, for preflight.

One pass per page, into form XObjects (WeasyPrint draws SVG images and translucent groups as forms) and
tiling patterns, tracking the transformation matrix, the clipping box (the bounding box of every clip path
since the last restore: a fill is reported as far as it shows), the text matrix and size, and the fill colour. It
reports what preflight judges: where text starts and at what size and colour, how large each raster image
prints, and every colour space used, with the device colour each painting operator sets.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from factsheet.pdf_matrix import IDENTITY, Matrix, apply, multiply, numbers, resource

MAX_DEPTH = 12


@dataclass(frozen=True)
class Text:
    """A text-showing operator: where the text starts (points, page space), its size and its fill colour."""

    x: float
    y: float
    size: float
    fill_space: str
    fill: tuple[float, ...]


@dataclass(frozen=True)
class Image:
    """A raster image drawn: its width in pixels, how wide it prints in inches, and its colour space."""

    pixels: int
    inches: float
    colour_space: str


@dataclass(frozen=True)
class ColourSpace:
    """A colour space something on the page is painted in, and what uses it."""

    name: str
    used_by: str


@dataclass(frozen=True)
class Fill:
    """A filled area: its bounding box in page space (points: left, bottom, right, top) and its colour."""

    box: tuple[float, float, float, float]
    fill_space: str
    fill: tuple[float, ...]


Event = Text | Image | ColourSpace | Fill


Box = tuple[float, float, float, float]


@dataclass
class _State:
    matrix: Matrix = IDENTITY
    fill_space: str = "DeviceGray"
    fill: tuple[float, ...] = (0.0,)
    clip: Box | None = None
    stack: list[tuple[Matrix, str, tuple[float, ...], Box | None]] = field(default_factory=list)


def _within(box: Box, clip: Box | None) -> Box | None:
    """The part of `box` inside `clip` (None: nothing of it shows)."""
    if clip is None:
        return box
    left, bottom = max(box[0], clip[0]), max(box[1], clip[1])
    right, top = min(box[2], clip[2]), min(box[3], clip[3])
    return (left, bottom, right, top) if left < right and bottom < top else None


def walk_page(page: Any) -> Iterator[Event]:
    """Every Text, Image and ColourSpace event on a pikepdf page, in drawing order."""
    resources = page.obj.get("/Resources")
    yield from _walk(page.obj, resources, IDENTITY, 0, None)
    yield from _patterns(resources, IDENTITY, 0)
    group = page.obj.get("/Group")
    if group is not None and "/CS" in group:
        yield ColourSpace(_space_name(group.CS, None), "the page's transparency group")


def _walk(holder: Any, resources: Any, start: Matrix, depth: int, clip: Box | None) -> Iterator[Event]:
    import pikepdf

    if depth > MAX_DEPTH:
        return
    state = _State(matrix=start, clip=clip)
    text_matrix, font_size = IDENTITY, 0.0
    path: list[tuple[float, float]] = []
    clipping = False
    for instruction in pikepdf.parse_content_stream(holder):
        operands, name = instruction.operands, str(instruction.operator)
        if name in _PATH_POINTS:
            values = numbers(operands)
            if name == "re" and len(values) == 4:
                x, y, width, height = values
                values = (x, y, x + width, y + height)
            path += [apply(state.matrix, *values[index : index + 2]) for index in range(0, len(values) - 1, 2)]
        elif name in ("W", "W*"):
            clipping = True
        elif name in _PAINTS:
            box = _bounds(path)
            if name in _FILLS and box is not None:
                shown = _within(box, state.clip)
                if shown is not None:
                    yield Fill(shown, state.fill_space, state.fill)
            if clipping and box is not None:
                state.clip = _within(box, state.clip) or (box[0], box[1], box[0], box[1])
            path, clipping = [], False
        elif name == "q":
            state.stack.append((state.matrix, state.fill_space, state.fill, state.clip))
        elif name == "Q" and state.stack:
            state.matrix, state.fill_space, state.fill, state.clip = state.stack.pop()
        elif name == "cm":
            state.matrix = multiply(tuple(float(value) for value in operands), state.matrix)  # type: ignore[arg-type]
        elif name == "BT":
            text_matrix = IDENTITY
        elif name == "Tf":
            font_size = float(operands[1])
        elif name == "Tm":
            text_matrix = tuple(float(value) for value in operands)  # type: ignore[assignment]
        elif name in ("Td", "TD"):
            text_matrix = multiply((1.0, 0.0, 0.0, 1.0, float(operands[0]), float(operands[1])), text_matrix)
        elif name in ("Tj", "TJ", "'", '"'):
            combined = multiply(text_matrix, state.matrix)
            x, y = apply(combined, 0.0, 0.0)
            size = font_size * math.hypot(combined[2], combined[3])
            yield Text(x, y, size, state.fill_space, state.fill)
        elif name in ("rg", "RG"):
            yield ColourSpace("DeviceRGB", f"the '{name}' colour operator")
            if name == "rg":
                state.fill_space, state.fill = "DeviceRGB", numbers(operands)
        elif name in ("k", "K"):
            if name == "k":
                state.fill_space, state.fill = "DeviceCMYK", numbers(operands)
        elif name in ("g", "G"):
            if name == "g":
                state.fill_space, state.fill = "DeviceGray", numbers(operands)
        elif name in ("cs", "CS"):
            space = _space_name(operands[0], resources)
            yield ColourSpace(space, f"the '{name}' colour operator")
            if name == "cs":
                state.fill_space, state.fill = space, ()
        elif name in ("sc", "scn"):
            state.fill = numbers(operands)
        elif name == "Do":
            yield from _draw_object(operands[0], resources, state.matrix, depth, state.clip)
        elif name == "sh":
            shading = resource(resources, "/Shading", operands[0])
            if shading is not None:
                yield ColourSpace(_space_name(shading.get("/ColorSpace"), resources), "a gradient")


def _bounds(path: list[tuple[float, float]]) -> Box | None:
    if not path:
        return None
    xs, ys = [x for x, _y in path], [y for _x, y in path]
    return (min(xs), min(ys), max(xs), max(ys))


_PATH_POINTS = {"re", "m", "l", "c", "v", "y"}
_FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
_PAINTS = _FILLS | {"n", "S", "s"}


def _draw_object(name: Any, resources: Any, matrix: Matrix, depth: int, clip: Box | None) -> Iterator[Event]:
    xobject = resource(resources, "/XObject", name)
    if xobject is None:
        return
    subtype = xobject.get("/Subtype")
    if subtype == "/Image":
        inches = math.hypot(matrix[0], matrix[1]) / 72
        space = _space_name(xobject.get("/ColorSpace"), resources) if "/ColorSpace" in xobject else "Mask"
        yield Image(int(xobject.get("/Width", 0)), inches, space)
    elif subtype == "/Form":
        form_matrix = tuple(float(value) for value in xobject.get("/Matrix", IDENTITY))
        inner = xobject.get("/Resources", resources)
        group = xobject.get("/Group")
        if group is not None and "/CS" in group:
            yield ColourSpace(_space_name(group.CS, inner), "a transparency group")
        yield from _walk(xobject, inner, multiply(form_matrix, matrix), depth + 1, clip)  # type: ignore[arg-type]
        yield from _patterns(inner, matrix, depth)


def _patterns(resources: Any, matrix: Matrix, depth: int) -> Iterator[Event]:
    """What the tiling patterns and gradients in a resource dictionary paint with."""
    if resources is None or "/Pattern" not in resources:
        return
    for pattern in resources.Pattern.values():
        if pattern.get("/PatternType") == 1:
            yield from _walk(pattern, pattern.get("/Resources", resources), matrix, depth + 1, None)
        elif "/Shading" in pattern:
            yield ColourSpace(_space_name(pattern.Shading.get("/ColorSpace"), resources), "a gradient")


def _space_name(space: Any, resources: Any) -> str:
    """A colour space's family, resolving named spaces; an ICC profile reads as its device family."""
    import pikepdf

    if space is None:
        return "none"
    if isinstance(space, pikepdf.Name):
        key = str(space)
        if key in ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern"):
            return key[1:]
        named = resource(resources, "/ColorSpace", space)
        return _space_name(named, None) if named is not None else key[1:]
    if isinstance(space, pikepdf.Array) and len(space) > 0:
        family = str(space[0])[1:]
        if family == "ICCBased":
            return {1: "DeviceGray", 3: "DeviceRGB", 4: "DeviceCMYK"}.get(int(space[1].get("/N", 0)), family)
        if family in ("Separation", "DeviceN"):
            return f"{family} {_space_name(space[2], None)}"
        if family == "Indexed":
            return _space_name(space[1], resources)
        return family
    return "unknown"
