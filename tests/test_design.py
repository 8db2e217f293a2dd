"""Design rules a printed handout must keep: where lines may break, the smallest printed size, solid fills
inside what a home printer prints and off the folds, a poster's QR code sized for its distance, and the
warning for a page left sparse. Each is checked on real renders and read back from the PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from markupsafe import Markup
from pypdf import PdfReader

from factsheet.batch.plan import BuildRequest
from factsheet.errors import FactsheetError
from factsheet.pipeline import build
from factsheet.press.layouts import LAYOUTS
from factsheet.press.pdf_walk import Text, walk_page
from factsheet.render.breaks import headline, running_text, web_address
from factsheet.resources import EXAMPLE_SHEET

MARK = Markup('<span class="ref">¹</span>')


def test_a_web_address_breaks_only_after_a_slash() -> None:
    """Every address printed (the call to action's, the endnotes'); a slug too long for a column keeps its
    hyphens breakable."""
    printed = web_address("https://example.org/placeholder-campaign-link")
    assert printed == "example.org/placeholder-\u2060campaign-\u2060link"
    assert printed.replace("\u2060", "") == "example.org/placeholder-campaign-link"
    slug = "https://example.org/2021/03/nypd-used-facial-recognition-to-track-down-black-lives-matter-activist"
    endnote = web_address(slug, keep_scheme=True)
    assert (
        endnote == "https://example.org/2021/03/nypd-used-facial-recognition-to-track-down-black-lives-matter-activist"
    )
    assert web_address("https://example.org/take-action/sign-up") == "example.org/take-\u2060action/sign-\u2060up"


def test_a_headline_never_ends_on_one_word() -> None:
    assert headline("Ban police facial recognition in New York") == "Ban police facial recognition in New\u00a0York"


def test_marks_names_and_numbers_stay_with_their_words() -> None:
    """No-break spaces and word joiners, not markup: WeasyPrint may break at the edge of an inline element."""
    assert running_text("searches run with technology from Clearview AI", MARK) == (
        'searches run with technology from Clearview\u00a0AI\u2060<span class="ref">¹</span>'
    )
    assert running_text("it processed 9,850 requests in 2019") == "it processed 9,850\u00a0requests in 2019"
    assert running_text("Tom & Jerry <b>") == "Tom &amp; Jerry &lt;b&gt;"


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
