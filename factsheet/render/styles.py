"""The stylesheets a handout is printed with beyond its layout's own: the theme, its fonts, the page geometry of
the layout on the chosen paper, and what the edition adds (CMYK colours and bleed for the shop).

Everything is CSS text generated from data (the theme, the layout and edition tables), never fetched by URL.
"""

from __future__ import annotations

from factsheet.press.editions import CMYK_PROFILE, Edition
from factsheet.press.geometry import card_cut_marks, card_slots, trifold_panels
from factsheet.press.layouts import PAPERS, POINTS_PER_INCH, Layout, PaperName
from factsheet.sheet.model import THEME_COLOURS, Theme
from factsheet.translate.languages import Language


def theme_css(theme: Theme, edition: Edition) -> str:
    """The theme as CSS custom properties: its colours, and the roles the stylesheets paint with them."""
    if edition.cmyk:
        colours = {name: _device_cmyk(theme.cmyk_of(name)) for name in THEME_COLOURS}
    else:
        colours = {name: str(getattr(theme, name)) for name in THEME_COLOURS}
    roles = _roles(theme.header_fill, mixes=not edition.cmyk)
    roles["draft"] = "device-cmyk(0 0 0 0.5)" if edition.cmyk else _halfway(theme.ink, theme.paper)
    return ":root {" + "".join(f" --{name}: {value};" for name, value in {**colours, **roles}.items()) + " }"


def _halfway(first: str, second: str) -> str:
    """The colour halfway between two #rrggbb colours: the DRAFT mark's mid grey, which shows lighter on the
    dark band, darker on the paper and duller on the red call to action. Worked out here, not with
    color-mix(), with which WeasyPrint drops the mark's border and its opacity."""
    channels = (round((int(first[i : i + 2], 16) + int(second[i : i + 2], 16)) / 2) for i in (1, 3, 5))
    return "#" + "".join(f"{channel:02x}" for channel in channels)


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


def edition_css(edition: Edition, paper: PaperName) -> tuple[str, ...]:
    """Stylesheets an edition adds after the layout's: for bleed, its size, the CMYK profile and shop.css."""
    if not edition.bleed:
        return ()
    from factsheet.resources import TEMPLATES_DIR

    bleed = f"{PAPERS[paper].bleed_inches:.4f}in"
    return (
        f"@color-profile device-cmyk {{ src: url({CMYK_PROFILE}); components: cyan, magenta, yellow, black; }}\n"
        f"@page {{ bleed: {bleed}; }}\n:root {{ --bleed: {bleed}; }}",
        (TEMPLATES_DIR / "shop.css").read_text(encoding="utf-8"),
    )


def _device_cmyk(mix: tuple[int, int, int, int]) -> str:
    return "device-cmyk(" + " ".join(f"{value / 100:g}" for value in mix) + ")"


def paper_css(layout: Layout, paper: PaperName, *, mirrored: bool = False) -> str:
    """The page size rule for the layout on the chosen paper family, and its panel or card geometry
    (`mirrored` for a right-to-left language: see geometry.trifold_panels)."""
    css = f"@page {{ size: {layout.page_css(paper)}; }}"
    qr_inches = layout.qr_inches()
    if qr_inches is not None:
        css += f"\n.qr img {{ width: {qr_inches:.3f}in; height: {qr_inches:.3f}in; }}"
    if layout.cards is not None:
        css += "".join(card_css(layout, paper))
    if layout.panels is not None:
        height = layout.page_points(paper)[1] / POINTS_PER_INCH
        css += f"\n.spread {{ height: {height:.4f}in; }}"
        for name, (left, width) in trifold_panels(layout, paper, mirrored=mirrored).items():
            css += f"\n.panel.{name} {{ left: {left:.4f}in; width: {width:.4f}in; height: {height:.4f}in; }}"
        if mirrored:
            css += "\n.cover::before { left: var(--fill-edge, 0.25in); right: 0.0625in; }"
            css += "\n.panel.cover { padding-right: 0.3625in; padding-left: var(--cover-edge-pad); }"
            css += "\n.cover-call { right: 0.3625in; left: var(--cover-edge-pad); }"
    return css


def card_css(layout: Layout, paper: PaperName) -> list[str]:
    """Where each card and each cut mark sits on the card sheets (see geometry.card_slots)."""
    assert layout.cards is not None
    rules = []
    for side in ("front", "back"):
        for number, (left, top) in enumerate(card_slots(layout.cards, paper, back=side == "back"), start=1):
            rules.append(f"\n.{side} .card:nth-of-type({number}) {{ left: {left:.4f}in; top: {top:.4f}in; }}")
    for number, (left, top, width, height) in enumerate(card_cut_marks(layout.cards, paper), start=1):
        rules.append(
            f"\n.cut:nth-of-type({number}) {{ left: {left:.4f}in; top: {top:.4f}in; "
            f"width: {width:.4f}in; height: {height:.4f}in; }}"
        )
    return rules


def bundled_family(family: str) -> str:
    """The name a bundled script font is declared under. Not its own: a machine with the same family installed
    (Debian's fonts-noto-core has Noto Naskh Arabic) would otherwise have fontconfig pick either file, and a
    text shaped with one font and embedded with the other prints the wrong glyphs. Letters and spaces only:
    the name reaches the PDF's BaseFont, where brackets would end the name and break the file."""
    return f"{family} factsheet"


def language_css(printed_in: Language, also_fonts: tuple[str, ...] = ()) -> str:
    """What the language's script needs beyond the layout: its bundled fonts and `also_fonts` (those of a
    quoted source's language; only the fonts used, so an English handout loads no Arabic or CJK font), room
    between lines for tall scripts (Nastaliq ink runs far above and below its line), hyphenation where Pyphen
    has the language (none where it has not; English keeps the layouts' own setting), Korean words kept whole
    (WeasyPrint ignores `word-break: keep-all`, so words arrive wrapped in `.kw` spans), and a size for the
    script's own runs (`.sc` spans) so that they look as large as the Latin beside them. Each rule is scoped
    with :lang(), so an English side of a bilingual sheet and a quote's English original keep the layout's
    own settings."""
    from factsheet.sheet.coverage import bundled_families

    rules = []
    for file_name, family in bundled_families().items():
        if family in (*printed_in.fonts, *also_fonts):
            weight = 700 if "Bold" in file_name else 400
            rules.append(
                f'@font-face {{ font-family: "{bundled_family(family)}"; font-weight: {weight}; font-style: normal; '
                f'src: url("fonts/{file_name}"); }}'
            )
    strings = printed_in.strings

    def rule(selectors: str, declarations: str) -> None:
        scoped = ", ".join(f":lang({printed_in.code}) {selector.strip()}" for selector in selectors.split(","))
        rules.append(f"{scoped} {{ {declarations} }}")

    if strings.line_height is not None:
        body, display = strings.line_height, strings.display_line_height
        rule(".section p, li, .label, figcaption, footer", f"line-height: {body:g} !important;")
        rule("h1, h2, .subtitle, .quote blockquote p, .cover-call", f"line-height: {display:g} !important;")
        rule(".number", "line-height: 1.1 !important;")
        if strings.small_print_line_height is not None:
            rule("footer, footer li", f"line-height: {strings.small_print_line_height:g} !important;")
    if strings.hyphenate is True:
        rule("p, li, .section p", "hyphens: auto; hyphenate-limit-chars: 6 3 3;")
        others = f"[lang]:not(:lang({printed_in.code}))"
        unhyphenated = f"a, .url, .contact, .speaker, .endnotes, .organisations, bdi, .nh, {others}"
        rule(unhyphenated, "hyphens: manual !important;")
    elif strings.hyphenate is False:
        rule("*", "hyphens: manual !important;")
    if strings.keep_words:
        rules.append(".kw { white-space: nowrap; }")
    if strings.script_scale is not None:
        rules.append(f".sc {{ font-size: {strings.script_scale:g}em; }}")
    if printed_in.fonts:
        rule(".quote blockquote p", "font-style: normal;")
    return "\n".join(rules)
