"""Design rules a printed handout must keep: where lines may break, the smallest printed size, solid fills
inside what a home printer prints and off the folds, a poster's QR code sized for its distance, and the
warning for a page left sparse. Each is checked on real renders and read back from the PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from markupsafe import Markup
from pypdf import PdfReader

from factsheet.batch.plan import BuildRequest
from factsheet.errors import FactsheetError
from factsheet.pipeline import build
from factsheet.press.layouts import LAYOUTS
from factsheet.press.pdf_walk import Fill, Text, walk_page
from factsheet.render.breaks import headline, running_text, web_address
from factsheet.render.html import RenderedHtml
from factsheet.render.pdf import render_pdf
from factsheet.resources import EXAMPLE_SHEET, TEMPLATES_DIR

MARK = Markup('<span class="ref">¹</span>')


def test_a_web_address_is_marked_to_break_only_where_chicago_allows() -> None:
    printed = web_address("https://example.org/take-action/sign_up?a=b#x")
    assert printed == (
        "example\u200b.\u2060org\u200b/\u2060take\u200b-\u2060action\u200b/\u2060sign\u200b_\u2060up"
        "\u200b?\u2060a\u200b=\u200bb\u200b#\u2060x"
    )
    assert web_address("https://example.org/a", keep_scheme=True).startswith("https://example\u200b.")


@pytest.mark.parametrize("width", [1.1, 1.6, 2.3])
def test_a_long_web_address_breaks_before_its_marks_and_copies_out_whole(width: float) -> None:
    """Set in a narrow column, no line of a slug ends in a hyphen (or a full stop or a slash), and the text
    read back (pdftotext, pypdf and PDFium) is the address, each line starting where the last one stopped."""
    url = "https://gothamist.com/news/nypd-used-facial-recognition-unit-in-siege-of-black-lives-matter-activists"
    body = f'<p style="width: {width}in; font: 10pt Inter; hyphens: manual"><a href="{url}">{web_address(url)}</a></p>'
    html = f'<html lang="en"><head><title>t</title><style>{FONT_FACE}</style></head><body>{body}</body></html>'
    pdf = render_pdf(
        RenderedHtml(html, (), TEMPLATES_DIR.as_uri() + "/"),
        allowed_roots=(TEMPLATES_DIR,),
        origin=TEMPLATES_DIR / "sheet.yaml",
        isolate=False,
    )
    printed = url.split("://")[1]
    document = pypdfium2.PdfDocument(pdf)
    lines = [line.strip() for line in document[0].get_textpage().get_text_range().splitlines() if line.strip()]
    assert len(lines) > 2
    assert "".join(lines) == printed
    assert not any(line.endswith(("-", ".", "/")) for line in lines[:-1]), lines
    assert "".join(PdfReader(BytesIO(pdf)).pages[0].extract_text().split()) == printed


FONT_FACE = '@font-face { font-family: Inter; src: url("fonts/Inter-Regular.otf"); }'


def test_a_headline_never_ends_on_one_word() -> None:
    assert headline("Ban police facial recognition in New York") == "Ban police facial recognition in New\u00a0York"


def test_marks_names_and_numbers_stay_with_their_words() -> None:
    """No-break spaces and word joiners, not markup: WeasyPrint may break at the edge of an inline element."""
    assert running_text("searches run with technology from Clearview AI", MARK) == (
        'searches run with technology from Clearview\u00a0AI\u2060<span class="ref">¹</span>'
    )
    assert running_text("it processed 9,850 requests in 2019") == "it processed 9,850\u00a0requests in 2019"
    assert running_text("Tom & Jerry <b>") == "Tom &amp; Jerry &lt;b&gt;"
    assert "Senate Bill\u00a0579, and" in running_text("back Senate Bill 579, and bring this sheet along")


def test_a_script_without_spaces_is_not_glued_whole() -> None:
    """Chinese is one "word" to a space-splitting rule: only its last two characters and the mark are joined."""
    printed = running_text("紐約市警察局在2019年處理了9,850次臉部辨識請求", MARK)
    assert printed == '紐約市警察局在2019年處理了9,850次臉部辨識請\u2060求\u2060<span class="ref">¹</span>'


def test_the_call_to_action_keeps_its_lines_full(tmp_path: Path) -> None:
    """On the A4 trifold's back panel, markup that kept words together made WeasyPrint end the first line of
    the call to action after one word; the text now reads in full lines."""
    (path,) = build(EXAMPLE_SHEET, BuildRequest(papers=("a4",), layouts=("trifold",)), output_dir=tmp_path).paths
    lines = PdfReader(path).pages[0].extract_text().splitlines()
    ask = next(line for line in lines if line.startswith("Ask"))
    assert len(ask.split()) > 3, lines


def campaign_css(campaign: Path, layout: str, css: str) -> None:
    folder = campaign.parent / "templates"
    folder.mkdir(exist_ok=True)
    (folder / f"{layout}.css").write_text(css, encoding="utf-8")


def build_problems(campaign: Path, tmp_path: Path, layout: str, *, shop: bool = False) -> list[str]:
    request = BuildRequest(papers=("letter",), layouts=(layout,), edition="shop" if shop else None)  # type: ignore[arg-type]
    with pytest.raises(FactsheetError) as caught:
        build(campaign, request, output_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists(), "nothing is written when preflight refuses a page"
    return [problem.message for problem in caught.value.problems]


def test_preflight_refuses_text_under_the_minimum(campaign: Path, tmp_path: Path) -> None:
    campaign_css(campaign, "onepager", "footer { font-size: 5pt; }")
    assert build_problems(campaign, tmp_path, "onepager") == ["text is printed at 5.0 pt, under the 6.5 pt minimum"]


def test_preflight_refuses_a_home_fill_running_off_the_page(campaign: Path, tmp_path: Path) -> None:
    """A home printer leaves the sheet's outer 0.25 in white: a fill meant to reach the edge gets a frame."""
    campaign_css(campaign, "onepager", ".band { margin: -0.4in -0.4in 0; }")
    assert build_problems(campaign, tmp_path, "onepager") == ["a solid fill runs to 0.00 in from the page edge"]


def test_preflight_refuses_a_fill_ending_on_a_fold(campaign: Path, tmp_path: Path) -> None:
    campaign_css(campaign, "trifold", ".cover::before { inset-inline-start: 0; }")
    (message,) = build_problems(campaign, tmp_path, "trifold")
    assert re.fullmatch(r"a solid fill ends 0\.00 in from the fold at \d\.\d\d in", message)


def test_the_print_shop_edition_runs_the_cover_into_the_bleed(tmp_path: Path) -> None:
    request = BuildRequest(papers=("letter",), layouts=("trifold", "card"), edition="shop")
    assert len(build(EXAMPLE_SHEET, request, output_dir=tmp_path).built) == 2


@pytest.mark.parametrize(("edition", "language"), [("home", None), ("shop", None), ("home", "ar")])
def test_the_tri_fold_cover_text_is_centred_on_its_fill(edition: str, language: str | None, tmp_path: Path) -> None:
    """The accent rule under the headline spans the cover's text column: it sits as far inside the dark fill
    (as seen: a fill running into the bleed is seen up to the trim) on the fold's side as on the edge's."""
    request = BuildRequest(
        papers=("letter",), layouts=("trifold",), edition=edition, languages=(language,) if language else ()
    )
    (path,) = build(EXAMPLE_SHEET, request, output_dir=tmp_path).paths
    with pikepdf.open(path) as document:
        page = document.pages[0]
        trim = [float(value) for value in page.obj.get("/TrimBox", page.obj.MediaBox)]
        fills = [event for event in walk_page(page) if isinstance(event, Fill) and _inked(event)]
    dark = max(fills, key=lambda fill: (fill.box[2] - fill.box[0]) * (fill.box[3] - fill.box[1]))
    left, right = max(dark.box[0], trim[0]), min(dark.box[2], trim[2])
    rules = [f.box for f in fills if 2 < f.box[3] - f.box[1] < 8 and left <= f.box[0] and f.box[2] <= right]
    (rule,) = [box for box in rules if box[2] - box[0] > 0.6 * (right - left)]
    assert abs((rule[0] - left) - (right - rule[2])) < 0.03 * 72, (rule, left, right)


def _inked(fill: Fill) -> bool:
    if fill.fill_space == "DeviceCMYK":
        return any(value > 0 for value in fill.fill)
    return min(fill.fill or (1.0,)) < 0.999


def test_the_poster_qr_code_is_sized_to_scan_from_two_metres(tmp_path: Path) -> None:
    (path,) = build(EXAMPLE_SHEET, BuildRequest(papers=("letter",), layouts=("poster",)), output_dir=tmp_path).paths
    inches = LAYOUTS["poster"].qr_inches()
    assert inches is not None and 3.0 < inches < 3.3
    with pikepdf.open(path) as document:
        sizes = [event.size for event in walk_page(document.pages[0]) if isinstance(event, Text)]
    assert max(sizes) > 100, "the headline or the figure is set over 100 pt"


def test_a_sparse_sheet_gets_a_warning_naming_the_page(
    edit_sheet: Callable[[str, str], Path], campaign: Path, tmp_path: Path
) -> None:
    text = campaign.read_text(encoding="utf-8")
    sections = re.search(r"\nsections:\n(?:[ -].*\n|\n)*", text)
    assert sections is not None
    edit_sheet(sections.group(0), "\n")
    built = build(campaign, BuildRequest(papers=("letter",), layouts=("twosided",)), output_dir=tmp_path)
    sparse = [problem.message for problem in built.warnings if "empty" in problem.message]
    assert len(sparse) == 1
    assert re.fullmatch(
        r"page 1 of the twosided layout on letter is \d\d% empty, even in the largest type the layout allows",
        sparse[0],
    )


def test_the_example_passes_preflight_and_is_not_sparse_on_any_layout(tmp_path: Path) -> None:
    """Preflight reads every text's size and every fill back from each PDF; none is sparse."""
    request = BuildRequest(papers=("letter", "a4"), layouts=tuple(name for name in LAYOUTS if name != "bilingual"))
    built = build(EXAMPLE_SHEET, request, output_dir=tmp_path)  # type: ignore[arg-type]
    assert [problem.message for problem in built.warnings if "empty" in problem.message] == []


def test_a_headline_with_a_short_last_line_is_balanced(tmp_path: Path) -> None:
    """On the two-sided sheet the title broke "Ban police facial recognition in / New York"; narrowed by
    measurement (WeasyPrint has no text-wrap: balance), its two lines come out about even."""
    (path,) = build(EXAMPLE_SHEET, BuildRequest(papers=("letter",), layouts=("twosided",)), output_dir=tmp_path).paths
    lines = [line.replace("\u00a0", " ") for line in PdfReader(path).pages[0].extract_text().splitlines()]
    start = lines.index("#BantheScan")
    assert lines[start + 1] == "Ban police facial"
    assert lines[start + 2].startswith("recognition in New York")


def test_two_column_splits_balance_whole_items_in_reading_order() -> None:
    from factsheet.render.columns import halves
    from factsheet.sheet.model import Quote, Section

    def section(size: int) -> Section:
        return Section(heading="Heading", text="word " * size, cite=[])

    left, right = halves([section(100), section(40), section(40), section(30)])
    assert [len(item.text.split()) for item in left] == [100] and len(right) == 3
    left, right = halves([section(50), section(50), section(50), section(50)])
    assert (len(left), len(right)) == (2, 2)
    assert halves([section(10)]) == [[section(10)], []]
    quotes = [Quote(text="words " * 20, speaker="A", role="B", source="s") for _ in range(5)]
    assert [len(half) for half in halves(quotes)] == [3, 2], "on a tie the first column is the longer"


def test_the_two_sided_back_reads_its_quotes_in_order(tmp_path: Path) -> None:
    result = build(EXAMPLE_SHEET, BuildRequest(layouts=("twosided",), papers=("letter",)), output_dir=tmp_path)
    back = " ".join(PdfReader(result.outputs[0].path).pages[1].extract_text().split())
    speakers = ["Albert Fox Cahn", "Michael Kleinman", "Brad Hoylman", "Bill de Blasio", "Derrick Ingram"]
    positions = [back.replace("\xa0", " ").index(speaker) for speaker in speakers]
    assert positions == sorted(positions)


@pytest.mark.parametrize("language", [None, "ar"])
def test_the_two_sided_blocks_never_overlap_in_either_direction(language: str | None) -> None:
    """Laid out without the fit check (the Arabic runs long), no section, quote, demand list or call overlaps
    another on any page: right-to-left float rules once stacked the back's demands over its quotes."""
    import weasyprint

    from factsheet.pipeline import check
    from factsheet.press.editions import HOME
    from factsheet.produce.document import sheet_html

    checked = check(EXAMPLE_SHEET, languages=("ar",))
    layout = LAYOUTS["twosided"]
    rendered = sheet_html(checked, layout=layout, paper="letter", edition=HOME, draft=True, language=language)
    stylesheets = [weasyprint.CSS(string=text, base_url=rendered.base_url) for text in rendered.stylesheets]
    document = weasyprint.HTML(string=rendered.html, base_url=rendered.base_url).render(stylesheets=stylesheets)
    assert not overlapping_blocks(document)


def overlapping_blocks(document: object) -> list[str]:
    """Every pair of content blocks (sections, quotes, key figures, demands, calls) laid over each other."""
    blocks = ("section", "quote", "figure", "demands", "front-call", "action")
    found = []
    for number, page in enumerate(document.pages, start=1):  # type: ignore[attr-defined]
        boxes = [
            (box.element.get("class"), box.position_x, box.position_y, box.width, box.height)
            for box in page._page_box.descendants()
            if type(box).__name__ == "BlockBox" and box.element is not None and box.element.get("class") in blocks
        ]
        for index, (name, x, y, width, height) in enumerate(boxes):
            for other, ox, oy, other_width, other_height in boxes[index + 1 :]:
                gap = 0.5
                apart = (
                    x + width <= ox + gap
                    or ox + other_width <= x + gap
                    or y + height <= oy + gap
                    or oy + other_height <= y + gap
                )
                if not apart:
                    found.append(f"page {number}: {name} at {x:.0f},{y:.0f} overlaps {other} at {ox:.0f},{oy:.0f}")
    return found


@pytest.mark.parametrize("layout", ["halfpage", "trifold", "onepager", "poster", "card"])
def test_no_block_overlaps_another_in_arabic(layout: str) -> None:
    """The same check for the other layouts in the right-to-left translation: the half-page flyer's quotes
    once sat on top of its demands the same way."""
    import weasyprint

    from factsheet.pipeline import check
    from factsheet.press.editions import HOME
    from factsheet.produce.document import sheet_html

    checked = check(EXAMPLE_SHEET, languages=("ar",))
    rendered = sheet_html(checked, layout=LAYOUTS[layout], paper="letter", edition=HOME, draft=True, language="ar")
    stylesheets = [weasyprint.CSS(string=text, base_url=rendered.base_url) for text in rendered.stylesheets]
    document = weasyprint.HTML(string=rendered.html, base_url=rendered.base_url).render(stylesheets=stylesheets)
    assert not overlapping_blocks(document)
