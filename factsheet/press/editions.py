"""The three editions one sheet prints as, and what each changes: colours, bleed, PDF flavour, file name.

- home: RGB, no bleed, tagged and labelled PDF/UA-1, for home and office printers.
- shop: CMYK (device-cmyk with a CMYK output intent), bleed, page boxes a print shop expects, PDF/X-4.
- archive: PDF/A-3b with the sheet, its sources and the lock file attached, so the handout carries its evidence.
"""

from __future__ import annotations

from factsheet.sheet.model import THEME_COLOURS, Theme
from factsheet.press.layouts import BLEED_INCHES

PDF_VARIANT = {"home": "pdf/ua-1", "shop": "pdf/x-4", "archive": "pdf/a-3b"}

CMYK_PROFILE = "color/factsheet-cmyk-coated.icc"
"""Built by Argyll's colprof from FOGRA39L characterization data (zlib licence), 300% total ink: see
templates/color/README.md. Shipped inside the package, so the output intent needs nothing installed."""


def theme_css(theme: Theme, edition: str = "home") -> str:
    """The theme as CSS custom properties: its colours, and the roles the stylesheets paint with them."""
    if edition == "shop":
        colours = {name: _device_cmyk(theme.cmyk_of(name)) for name in THEME_COLOURS}
    else:
        colours = {name: str(getattr(theme, name)) for name in THEME_COLOURS}
    roles = _roles(theme.header_fill, mixes=edition != "shop")
    return ":root {" + "".join(f" --{name}: {value};" for name, value in {**colours, **roles}.items()) + " }"


def _roles(header_fill: bool, *, mixes: bool) -> dict[str, str]:
    """Which colour paints what. Greys mixed from ink and paper are for screens and home printers; the shop
    edition prints small text in black ink only. An unfilled header band and an outlined call to action save
    toner."""

    def mixed(first: str, share: int, second: str) -> str:
        return f"color-mix(in srgb, var(--{first}) {share}%, var(--{second}))" if mixes else f"var(--{first})"

    band = {"band-fill": "var(--ink)", "band-text": "var(--paper)", "subtitle": mixed("paper", 86, "ink")}
    action = {"action-fill": "var(--accent)", "action-text": "var(--paper)", "action-border": "none"}
    if not header_fill:
        band = {"band-fill": "var(--paper)", "band-text": "var(--ink)", "subtitle": "var(--ink)"}
        action = {"action-fill": "var(--paper)", "action-text": "var(--ink)", "action-border": "1.5pt solid var(--ink)"}
    return {**band, **action, "muted": mixed("ink", 72, "paper"), "fine": mixed("ink", 82, "paper")}


def edition_css(edition: str, paper: str) -> tuple[str, ...]:
    """Stylesheets an edition adds after the layout's: for the shop, the bleed, its CMYK profile and shop.css."""
    if edition != "shop":
        return ()
    from factsheet.resources import TEMPLATES_DIR

    bleed = f"{BLEED_INCHES[paper]:.4f}in"
    return (
        f"@color-profile device-cmyk {{ src: url({CMYK_PROFILE}); components: cyan, magenta, yellow, black; }}\n"
        f"@page {{ bleed: {bleed}; }}\n:root {{ --bleed: {bleed}; }}",
        (TEMPLATES_DIR / "shop.css").read_text(encoding="utf-8"),
    )


def _device_cmyk(mix: tuple[int, int, int, int]) -> str:
    return "device-cmyk(" + " ".join(f"{value / 100:g}" for value in mix) + ")"
