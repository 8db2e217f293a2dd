"""QR codes as vector SVG, so they stay sharp at any print size."""

from __future__ import annotations

from urllib.parse import quote

import segno

from factsheet.sheet.model import Theme

_PLACEHOLDER = "#000"


def qr_svg_data_uri(url: str, theme: Theme, *, cmyk: bool = False) -> str:
    """A `data:` URI of the QR code for `url` in the theme's ink; medium error correction survives a smudged
    print. With `cmyk` the modules are black ink only (segno writes RGB colours, so the colour is set after)."""
    code = segno.make(url, error="m", micro=False)
    if not cmyk:
        return str(code.svg_data_uri(dark=theme.ink, light=None, border=0, scale=4))
    cyan, magenta, yellow, black = (value / 100 for value in theme.cmyk_of("ink"))
    svg = str(code.svg_inline(dark=_PLACEHOLDER, light=None, border=0, scale=4))
    ink = f'stroke="device-cmyk({cyan:g} {magenta:g} {yellow:g} {black:g})" fill="none"'
    return "data:image/svg+xml," + quote(svg.replace(f'stroke="{_PLACEHOLDER}"', ink, 1))
