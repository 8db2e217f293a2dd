"""Total ink read from the PDF itself: the heaviest C+M+Y+K that anything painted inside the bleed carries.

The print-shop edition is opaque, knocked-out CMYK artwork, so the heaviest ink on a page is the heaviest
colour any painting operator uses there: each fill, stroke and text in its current colour, each shading's
colour stops, each image's pixels. Colours are read in their own space: CMYK (or an ICC space of four
components) as they are, gray as black ink only, a separation as its tint on its plate (the registration
colour /All on every plate). Only what overlaps the BleedBox counts, as on the trimmed sheet: the crop marks
outside it are registration colour by design. Exact for the files factsheet writes, and it needs nothing
installed; Ghostscript, where present, cross-checks it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from factsheet.pdf_matrix import IDENTITY, Matrix, apply, multiply, numbers, resource
from factsheet.press.pdf_walk import MAX_DEPTH

Box = tuple[float, float, float, float]
PAINT_FILL = frozenset({"f", "F", "f*", "B", "B*", "b", "b*"})
PAINT_STROKE = frozenset({"S", "s", "B", "B*", "b", "b*"})
SHOW_TEXT = frozenset({"Tj", "TJ", "'", '"'})


@dataclass
class _Graphics:
    matrix: Matrix = IDENTITY
    fill: float = 100.0
    stroke: float = 100.0
    fill_space: Any = None
    stroke_space: Any = None
    stack: list[tuple[Matrix, float, float, Any, Any]] = field(default_factory=list)


def page_ink(page: Any) -> int:
    """The heaviest total ink on a pikepdf page, in percent (0 to 400), over what overlaps its BleedBox."""
    area = tuple(float(value) for value in page.obj.get("/BleedBox", page.obj.MediaBox))
    inks = _inks(page.obj, page.obj.get("/Resources"), IDENTITY, area, 0)  # type: ignore[arg-type]
    return round(max(inks, default=0.0))


def _inks(holder: Any, resources: Any, start: Matrix, area: Box, depth: int) -> Iterator[float]:
    import pikepdf

    if depth > MAX_DEPTH:
        return
    state = _Graphics(matrix=start)
    path: list[tuple[float, float]] = []
    text_matrix = IDENTITY
    for instruction in pikepdf.parse_content_stream(holder):
        operands, name = instruction.operands, str(instruction.operator)
        if name == "q":
            state.stack.append((state.matrix, state.fill, state.stroke, state.fill_space, state.stroke_space))
        elif name == "Q" and state.stack:
            state.matrix, state.fill, state.stroke, state.fill_space, state.stroke_space = state.stack.pop()
        elif name == "cm":
            state.matrix = multiply(numbers(operands), state.matrix)  # type: ignore[arg-type]
        elif name in ("m", "l", "c", "v", "y"):
            values = numbers(operands)
            path += [apply(state.matrix, values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]
        elif name == "re":
            x, y, width, height = numbers(operands)
            path += [apply(state.matrix, x + dx, y + dy) for dx in (0, width) for dy in (0, height)]
        elif name in PAINT_FILL or name in PAINT_STROKE or name == "n":
            if name != "n" and _overlaps(path, area):
                if name in PAINT_FILL:
                    yield state.fill
                if name in PAINT_STROKE:
                    yield state.stroke
            path = []
        elif name in ("BT", "Tm", "Td", "TD"):
            text_matrix = _text_matrix(name, operands, text_matrix)
        elif name in SHOW_TEXT:
            if _overlaps([apply(multiply(text_matrix, state.matrix), 0.0, 0.0)], area):
                yield state.fill
        elif name in ("k", "K", "g", "G", "rg", "RG"):
            space = {"k": "/DeviceCMYK", "g": "/DeviceGray", "rg": "/DeviceRGB"}[name.lower()]
            _set(state, name.islower(), pikepdf.Name(space), numbers(operands), resources)
        elif name in ("cs", "CS"):
            _set(state, name == "cs", operands[0], None, resources)
        elif name in ("sc", "scn", "SC", "SCN"):
            space = state.fill_space if name.islower() else state.stroke_space
            if not (operands and isinstance(operands[-1], pikepdf.Name)):
                _set(state, name.islower(), space, numbers(operands), resources)
        elif name == "sh":
            yield from _shading_inks(resource(resources, "/Shading", operands[0]), resources)
        elif name == "Do":
            yield from _object_inks(operands[0], resources, state.matrix, area, depth)
    yield from _pattern_inks(resources, start, area, depth)


def _text_matrix(name: str, operands: Any, current: Matrix) -> Matrix:
    if name == "BT":
        return IDENTITY
    values = numbers(operands)
    if name == "Tm":
        return values  # type: ignore[return-value]
    return multiply((1.0, 0.0, 0.0, 1.0, values[0], values[1]), current)


def _set(state: _Graphics, fill: bool, space: Any, values: tuple[float, ...] | None, resources: Any) -> None:
    """Set the fill or stroke colour space, and the colour when its components are given."""
    resolved = _resolve(space, resources)
    ink = colour_ink(resolved, values) if values is not None else colour_ink(resolved, None)
    if fill:
        state.fill_space, state.fill = space, ink
    else:
        state.stroke_space, state.stroke = space, ink


def colour_ink(space: Any, values: tuple[float, ...] | None) -> float:
    """A colour's total ink in percent, in its own colour space; `values` None is the space's initial colour."""
    import pikepdf

    family = str(space[0]) if isinstance(space, pikepdf.Array) else str(space)
    if family == "/ICCBased":
        family = {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}.get(int(space[1].get("/N", 0)), family)
    if family == "/DeviceCMYK":
        return 100.0 * sum(values if values is not None else (0.0, 0.0, 0.0, 1.0))
    if family == "/DeviceGray":
        return 100.0 * (1.0 - (values[0] if values else 0.0))
    if family == "/DeviceRGB":
        red, green, blue = values if values and len(values) == 3 else (0.0, 0.0, 0.0)
        black = 1.0 - max(red, green, blue)
        if black >= 1.0:
            return 100.0
        return 100.0 * (black + sum((1.0 - channel - black) / (1.0 - black) for channel in (red, green, blue)))
    if family == "/Separation":
        tint = values[0] if values else 1.0
        name = str(space[1])
        return 0.0 if name == "/None" else 400.0 * tint if name == "/All" else 100.0 * tint
    if family == "/DeviceN":
        return 100.0 * sum(values if values is not None else ())
    return 0.0


def _shading_inks(shading: Any, resources: Any) -> Iterator[float]:
    """Every colour stop of a gradient (exponential functions, stitched or not)."""
    if shading is None:
        return
    space = _resolve(shading.get("/ColorSpace"), resources)
    functions = [shading.get("/Function")]
    while functions:
        function = functions.pop()
        if function is None:
            continue
        if "/Functions" in function:
            functions += list(function.Functions)
        for stop in ("/C0", "/C1"):
            if stop in function:
                yield colour_ink(space, numbers(function[stop]))


def _object_inks(name: Any, resources: Any, matrix: Matrix, area: Box, depth: int) -> Iterator[float]:
    xobject = resource(resources, "/XObject", name)
    if xobject is None:
        return
    corners = [apply(matrix, x, y) for x in (0.0, 1.0) for y in (0.0, 1.0)]
    if xobject.get("/Subtype") == "/Image":
        if _overlaps(corners, area):
            yield image_ink(xobject)
    elif xobject.get("/Subtype") == "/Form":
        form_matrix = tuple(float(value) for value in xobject.get("/Matrix", IDENTITY))
        inner = xobject.get("/Resources", resources)
        yield from _inks(xobject, inner, multiply(form_matrix, matrix), area, depth + 1)  # type: ignore[arg-type]


def image_ink(xobject: Any) -> float:
    """The heaviest pixel of an image, in percent: CMYK pixels as they are, gray as black ink."""
    import pikepdf
    from PIL import ImageMath

    try:
        image = pikepdf.PdfImage(xobject).as_pil_image()
    except (pikepdf.PdfError, NotImplementedError, ValueError):
        return 0.0
    if image.mode == "CMYK":
        cyan, magenta, yellow, black = (band.convert("I") for band in image.split())
        total = ImageMath.lambda_eval(lambda bands: bands["c"] + bands["m"] + bands["y"] + bands["k"],
                                      c=cyan, m=magenta, y=yellow, k=black)  # fmt: skip
        heaviest = total.getextrema()[1]
        return 100.0 * float(heaviest if isinstance(heaviest, int | float) else 0) / 255.0
    if image.mode in ("L", "1"):
        darkest = image.convert("L").getextrema()[0]
        return 100.0 * (255 - float(darkest if isinstance(darkest, int | float) else 0)) / 255.0
    return 0.0


def _pattern_inks(resources: Any, matrix: Matrix, area: Box, depth: int) -> Iterator[float]:
    if resources is None or "/Pattern" not in resources:
        return
    for pattern in resources.Pattern.values():
        if pattern.get("/PatternType") == 1:
            yield from _inks(pattern, pattern.get("/Resources", resources), matrix, area, depth + 1)
        elif "/Shading" in pattern:
            yield from _shading_inks(pattern.Shading, resources)


def _overlaps(points: list[tuple[float, float]], area: Box) -> bool:
    if not points:
        return False
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    left, bottom, right, top = area
    return (min(xs) < right and max(xs) > left and min(ys) < top and max(ys) > bottom) or (
        len(points) == 1 and left <= xs[0] <= right and bottom <= ys[0] <= top
    )


def _resolve(space: Any, resources: Any) -> Any:
    import pikepdf

    if isinstance(space, pikepdf.Name) and str(space) not in ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray"):
        named = resource(resources, "/ColorSpace", space)
        return named if named is not None else space
    return space
