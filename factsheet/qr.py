"""QR codes as vector SVG, so they stay sharp at any print size."""

from __future__ import annotations

import segno


def qr_svg_data_uri(url: str, colour: str) -> str:
    """A `data:` URI of the QR code for `url`; medium error correction survives a smudged print."""
    code = segno.make(url, error="m", micro=False)
    return str(code.svg_data_uri(dark=colour, light=None, border=0, scale=4))
