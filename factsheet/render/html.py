"""Fill a layout template with a verified sheet: the HTML and the stylesheets WeasyPrint will print.

Autoescape is on for every template (never keyed on the file name) and undefined names fail loudly, so a
quote can never inject markup and a template typo can never silently drop a paragraph. Every word the
template prints comes from the sheet or from the language's strings table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from factsheet.errors import FactsheetError
from factsheet.press.editions import HOME, Edition
from factsheet.press.layouts import DEFAULT_LAYOUT, LAYOUTS, Layout, PaperName
from factsheet.reading import read_regular
from factsheet.render.breaks import LINE_BREAK_FILTERS
from factsheet.render.columns import halves
from factsheet.render.qr import qr_svg_data_uri
from factsheet.render.scripts import mark_script_runs
from factsheet.render.styles import bundled_family, edition_css, language_css, paper_css, theme_css
from factsheet.render.templates import OutputTooLargeError, make_environment, render_template
from factsheet.resources import TEMPLATES_DIR
from factsheet.sheet.assets import NamedFiles
from factsheet.sheet.load import text_fields
from factsheet.sheet.model import CallToAction, Citation, Sheet
from factsheet.sheet.validate import LocatedSheet, cited_sources
from factsheet.translate.apply import translated_action, translated_sheet
from factsheet.translate.languages import Language, language, quoted_fonts
from factsheet.verify.sources import Source

if TYPE_CHECKING:
    from factsheet.translate.catalog import Translation
    from factsheet.verify.signoff import CoalitionSignoff

MAX_CAMPAIGN_CSS_BYTES = 1_000_000
MAX_SHEET_TEXT = 100_000
"""More text than any handout holds (a two-sided sheet prints a few thousand words): past it, a template whose
output is too large is blamed on the sheet."""
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class RenderedHtml:
    """A filled template and the stylesheets that go with it, all as strings (never fetched by URL)."""

    html: str
    stylesheets: tuple[str, ...]
    base_url: str
    layout: Layout = LAYOUTS[DEFAULT_LAYOUT]
    label: str = ""
    """What messages about fitting the page call it, when it is not a handout in `layout` (a job ticket)."""
    pages: int | None = None
    translated_into: str = ""
    """The language a translation prints in ('Spanish'), for messages: a translation that does not fit is
    the translation's to shorten."""
    sheet_file: str = ""
    """The sheet the `data-at` line numbers on its elements refer to (see sheet_line), for fit errors that
    name the element which runs over."""

    @property
    def name(self) -> str:
        """What it is called in messages: the layout's name, or its label."""
        return self.label or self.layout.name


def render_html(
    located: LocatedSheet,
    sources: Mapping[str, Source],
    files: NamedFiles,
    *,
    paper: PaperName = "letter",
    layout: Layout = LAYOUTS[DEFAULT_LAYOUT],
    edition: Edition = HOME,
    draft: bool = False,
    campaign_templates: Path | None = None,
    action: CallToAction | None = None,
    row: Mapping[str, str] | None = None,
    printed: Mapping[int, str] | None = None,
    translation: Translation | None = None,
    checked_by: Sequence[CoalitionSignoff] = (),
) -> RenderedHtml:
    """Render the layout's template for the sheet on the given paper; `draft` adds the unverified mark to every
    page; the edition picks the colours and bleed. `files` are the checked files the sheet names (logo, fonts).

    A campaign's own `templates/` folder, when given, comes first: its templates replace built-in ones of
    the same name and run in the sandbox, and its `<layout>.css` comes after every built-in stylesheet.
    A mail-merge variant passes its filled-in `action` and its CSV `row` (both reach the template). `printed`
    holds quotes as the misquote gate says they print (an edge cut gains its ellipsis), by index. A
    `translation` prints the sheet in its language, each quote's verified original beside its translation."""
    printed_sheet = as_printed(located.sheet, printed or {})
    source_language = language(located.sheet.language, located.yaml.locate(("language",)))
    sheet, originals = printed_sheet, dict[int, str]()
    if translation is not None:
        sheet, originals = translated_sheet(printed_sheet, translation)
    printed_in = translation.language if translation is not None else source_language
    also_fonts = quoted_fonts(located, sources)
    folders = [campaign_templates, TEMPLATES_DIR] if campaign_templates else [TEMPLATES_DIR]
    environment = make_environment(
        folders,
        sandboxed=campaign_templates is not None,
        filters={"superscript": superscript, "halves": halves, **LINE_BREAK_FILTERS},
    )
    logo = located.sheet.logo or located.sheet.theme.logo
    common = {
        "paper": paper,
        "draft": draft,
        "row": dict(row or {}),
        "original_language": source_language.code,
        "source_strings": source_language.strings,
        "direction_of": direction_of,
        "logo_uri": files.logo.as_uri() if files.logo else "",
        "logo_alt": logo.alt if logo else "",
        "checked_by": [
            (entry.organisation, entry.person, dt.date.fromisoformat(entry.at[:10])) for entry in checked_by
        ],
    }

    def side(shown: Sheet, side_language: Language, side_translation: Translation | None) -> dict[str, Any]:
        """What the templates print in one language: its texts, labels, dates, endnotes and call to action."""
        shown = shown_content(shown, layout)
        side_action = translated_action(action, shown, located.sheet, row) if side_translation else action
        side_action = side_action or shown.action
        numbers = endnote_numbers(shown)
        pages = pages_cited(shown)
        quote_originals = originals if side_translation is not None else {}
        strings = side_language.strings
        return {
            **common,
            "sheet": shown,
            "strings": strings,
            "language_code": side_language.code,
            "direction": side_language.direction,
            "endnotes": [(number, sources[source_id]) for source_id, number in numbers.items()],
            "refs": lambda citations: _refs(citations, numbers),
            "ref": lambda source_id: numbers[source_id],
            "pages_of": lambda source_id: pages.get(source_id, []),
            "format_date": lambda date: format_date(date, side_language),
            "original": lambda quote: quote_originals.get(id(quote), ""),
            "at": lambda item: sheet_line(located, shown, item),
            "translated_from": strings.translated_from.format(language=source_language.name_in(side_language)),
            "unreviewed": side_translation is not None and not side_translation.reviewed,
            "action": side_action,
            "qr_code": qr_svg_data_uri(side_action.url, shown.theme, cmyk=edition.cmyk),
        }

    try:
        if layout.bilingual and translation is not None:
            sides = [side(printed_sheet, source_language, None), side(sheet, printed_in, translation)]
            faces = [Markup(render_template(environment, f"{layout.template}-side.html", face)) for face in sides]
            html = render_template(
                environment, f"{layout.template}.html", {**sides[0], "sides": list(zip(sides, faces, strict=True))}
            )
        else:
            html = render_template(environment, f"{layout.template}.html", side(sheet, printed_in, translation))
        html = mark_script_runs(html, printed_in)
    except OutputTooLargeError as error:
        raise _blame_the_sheet(located) or error from None
    stylesheets = [(TEMPLATES_DIR / name).read_text(encoding="utf-8") for name in ("base.css", f"{layout.name}.css")]
    stylesheets += [theme_css(sheet.theme, edition), theme_fonts_css(located, files, printed_in, also_fonts)]
    mirrored = layout.mirrored(printed_in.direction)
    stylesheets += [language_css(printed_in, also_fonts), paper_css(layout, paper, mirrored=mirrored)]
    stylesheets += edition_css(edition, paper)
    campaign_css = campaign_templates / f"{layout.name}.css" if campaign_templates else None
    if campaign_css is not None and campaign_css.is_file():
        stylesheets.append(read_regular(campaign_css, MAX_CAMPAIGN_CSS_BYTES).decode("utf-8", errors="replace"))
    return RenderedHtml(
        html=html,
        stylesheets=tuple(stylesheets),
        base_url=TEMPLATES_DIR.as_uri() + "/",
        layout=layout,
        pages=layout.pages,
        translated_into=translation.language.name if translation is not None else "",
        sheet_file=str(located.yaml.file),
    )


def theme_fonts_css(
    located: LocatedSheet, files: NamedFiles, printed_in: Language, also_fonts: tuple[str, ...] = ()
) -> str:
    """@font-face rules for the fonts a theme brings, and the families it picks for text and headings (Inter
    and Inter Display, bundled, unless the theme says otherwise), followed by the bundled fonts of the
    language's script (the same stack the glyph check checks)."""
    theme = located.sheet.theme
    rules = []
    for index, font in enumerate(theme.fonts):
        path = files.fonts[index]
        family = font.family.replace('"', "")
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {font.weight}; font-style: {font.style}; '
            f'src: url("{path.as_uri()}"); }}'
        )
    for variable, family in (("body-font", theme.body_font), ("display-font", theme.display_font)):
        names = (family.replace('"', ""), "Inter", *map(bundled_family, (*printed_in.fonts, *also_fonts)))
        stack = ", ".join(f'"{name}"' for name in dict.fromkeys(names))
        rules.append(f":root {{ --{variable}: {stack}, sans-serif; }}")
    return "\n".join(rules)


def _blame_the_sheet(located: LocatedSheet) -> FactsheetError | None:
    """When the sheet's own text is what makes the handout too large, the error belongs at its longest field."""
    texts = list(text_fields(located.yaml.data))
    total = sum(len(text) for _path, text in texts)
    if total < MAX_SHEET_TEXT or not texts:
        return None
    path, longest = max(texts, key=lambda item: len(item[1]))
    return FactsheetError.at(
        located.yaml.locate(path),
        f"the sheet holds {total:,} characters of text, too much to print (this field alone {len(longest):,})",
        "a handout holds a few thousand words at most: shorten the longest fields",
    )


def as_printed(sheet: Sheet, printed: Mapping[int, str]) -> Sheet:
    """The sheet with each quote's text as the gate verified it prints."""
    if not printed:
        return sheet
    quotes = [
        quote.model_copy(update={"text": printed.get(index, quote.text)}) for index, quote in enumerate(sheet.quotes)
    ]
    return sheet.model_copy(update={"quotes": quotes})


def sheet_line(located: LocatedSheet, shown: Sheet, item: object) -> str:
    """The line of the sheet where `item` (a quote, fact, section or demand the template prints, or the name
    of a field such as 'title') is written, for the element's `data-at`; '' when it is not the sheet's."""
    if isinstance(item, str):
        return str(located.yaml.locate((item,)).line or "")
    for part in ("facts", "quotes", "sections", "demands"):
        for index, candidate in enumerate(getattr(shown, part)):
            if candidate is item:
                return str(located.yaml.locate((part, index)).line or "")
    return ""


def shown_content(sheet: Sheet, layout: Layout) -> Sheet:
    """The part of the sheet a layout shows: small layouts take the first sections and quotes only, and
    their endnotes then list only the sources those parts cite."""
    if not layout.shows:
        return sheet
    return sheet.model_copy(update={part: getattr(sheet, part)[:count] for part, count in layout.shows.items()})


def endnote_numbers(sheet: Sheet) -> dict[str, int]:
    """Sources numbered in the order they are first cited, as a reader meets them."""
    numbers: dict[str, int] = {}
    for _path, source_id in cited_sources(sheet):
        numbers.setdefault(source_id, len(numbers) + 1)
    return numbers


def pages_cited(sheet: Sheet) -> dict[str, list[int]]:
    """The pages of each report the sheet's citations name, in order, for the endnote to print."""
    pages: dict[str, set[int]] = {}
    for field_name in ("facts", "sections", "demands"):
        for item in getattr(sheet, field_name):
            for citation in item.cite:
                if citation.page is not None:
                    pages.setdefault(citation.source, set()).add(citation.page)
    return {source_id: sorted(numbers) for source_id, numbers in pages.items()}


def direction_of(text: str) -> str:
    """'rtl' or 'ltr' by the text's first strongly directional character (the Unicode bidi rule `dir=auto`
    follows, which WeasyPrint does not): a name or hashtag keeps its own direction inside the other's text."""
    import unicodedata

    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def format_date(date: dt.date, printed_in: Language) -> str:
    """A date in the language's own long format from CLDR (Babel), without relying on the machine's locale;
    a strings table with `date_format` and `months` writes it itself (where CLDR has no long format)."""
    strings = printed_in.strings
    if strings.date_format and strings.months:
        return strings.date_format.format(day=date.day, month=strings.months[date.month - 1], year=date.year)
    from babel.dates import format_date as cldr_date

    return str(cldr_date(date, "long", locale=printed_in.locale))


def _refs(citations: Sequence[Citation], numbers: Mapping[str, int]) -> list[int]:
    return sorted({numbers[citation.source] for citation in citations})


def superscript(number: int) -> str:
    """A number in Unicode superscript digits, for endnote marks that survive copy and paste."""
    return str(number).translate(SUPERSCRIPT_DIGITS)
