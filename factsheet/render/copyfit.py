"""Copyfitting: print each handout in the largest type its layout allows at which the content still fits.

A layout is designed around its body size, but a sheet's content is whatever the campaign wrote: at one fixed
size a short sheet leaves a fifth of the page empty and a long one does not fit. Each layout has a type scale
(`Layout.type_scale`: the smallest and largest factor its stylesheets' type sizes may be multiplied by, so
body text stays between 9 and 11 pt on a letter-size page), and the build picks the largest factor at which
the content fits, by measurement: WeasyPrint lays the page out at the ceiling and, when that runs over, at a
few factors found by bisection. Layout alone (no PDF) costs about a third of a print; the factor found is
kept in the manifest, so a rebuild of unchanged content and every variant of a mail merge reuse it.

Only the built-in stylesheets (base.css and the layout's own) are scaled, and no text goes below
`MIN_TEXT_POINTS`; a campaign's own stylesheet comes after them and keeps the sizes it sets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from factsheet.press.layouts import MIN_TEXT_POINTS

if TYPE_CHECKING:
    from factsheet.render.html import RenderedHtml

SCALED_STYLESHEETS = 2
"""base.css and the layout's stylesheet come first in every RenderedHtml."""
PRECISION = 0.03
"""Bisection stops when the bracket is narrower: about a third of a point at 11 pt."""
FIT_VERSION = 1
"""Part of the manifest's record of a factor: a change to how factors are found invalidates old ones."""
_FONT_SIZE = re.compile(r"(font-size:\s*)(\d+(?:\.\d+)?)pt")


def at_scale(rendered: RenderedHtml, factor: float) -> RenderedHtml:
    """`rendered` with the type sizes of its built-in stylesheets multiplied by `factor`."""
    if factor == 1.0:
        return rendered
    scaled = tuple(scale_css(css, factor) for css in rendered.stylesheets[:SCALED_STYLESHEETS])
    return replace(rendered, stylesheets=scaled + rendered.stylesheets[SCALED_STYLESHEETS:])


def scale_css(css: str, factor: float) -> str:
    """Every `font-size: N pt` in `css` times `factor`, none below the minimum printed size."""

    def scaled(match: re.Match[str]) -> str:
        size = max(MIN_TEXT_POINTS, float(match.group(2)) * factor)
        return f"{match.group(1)}{size:.2f}pt"

    return _FONT_SIZE.sub(scaled, css)


def fitted_scale(
    rendered: RenderedHtml,
    type_scale: tuple[float, float],
    fits: Callable[[RenderedHtml], bool],
    *,
    floor_first: bool = False,
    least: float | None = None,
) -> float:
    """The largest factor in `type_scale` at which `fits` says the content fits its pages and panels: the
    ceiling when it fits there, else found by bisection; below the floor, down to `least` (a layout's smallest
    type for content that runs long, such as a translation), only when the floor does not fit; the lowest
    factor tried when nothing fits (the print then says by how much the content is over). `floor_first` tries
    the floor before bisecting, for content likely not to fit (a translation, or a layout's fallback step)."""
    floor, ceiling = type_scale
    if ceiling <= floor or fits(at_scale(rendered, ceiling)):
        return ceiling

    def below_the_floor() -> float:
        if least is None or least >= floor:
            return floor
        if not fits(at_scale(rendered, least)):
            return least
        return _bisect(rendered, least, floor, fits)

    if floor_first and not fits(at_scale(rendered, floor)):
        return below_the_floor()
    found = _bisect(rendered, floor, ceiling, fits)
    if found == floor and least is not None and least < floor and not fits(at_scale(rendered, floor)):
        return below_the_floor()
    return found


def _bisect(rendered: RenderedHtml, low: float, high: float, fits: Callable[[RenderedHtml], bool]) -> float:
    """The largest factor between `low` (assumed to fit, or the last resort) and `high` (too large) that fits,
    to within PRECISION."""
    while high - low > PRECISION:
        middle = round((low + high) / 2, 4)
        if fits(at_scale(rendered, middle)):
            low = middle
        else:
            high = middle
    return low
