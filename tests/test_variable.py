"""Variable-data rendering of mail merges: each variant composed into its batch's shared page must show exactly
what a plain render of it shows, be a complete tagged PDF, and come out the same whichever row the shared page
was made from. Variants that change more than the call to action are printed in full, and say so."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pypdfium2
from PIL import Image, ImageChops

from factsheet.batch.plan import BuildRequest
from factsheet.pipeline import build, check
from factsheet.press.editions import SHOP
from factsheet.produce import document
from factsheet.produce.document import render_document
from factsheet.render import variable
from factsheet.render.variable import regions
from factsheet.resources import TEMPLATES_DIR
from factsheet.sheet.merge import merge_variants

HEADER = "district,name,phone,event_date,event_place,url\n"
MEMBER = "Example Member (EXAMPLE DATA)"
LONGER = "Example Member 2 (EXAMPLE DATA)"
"""Wider than `MEMBER` by enough to wrap the call to action onto one more line (Inter's digits are not all one
width), yet short enough that the page still fits."""


def write_rows(folder: Path, names: list[str]) -> Path:
    """Merge rows as labelled example data (invented names, 555-01xx numbers)."""
    lines = [
        f"EXAMPLE District {n},{name},212-555-01{n:02d},EXAMPLE date,EXAMPLE venue,https://example.org/d-{n}\n"
        for n, name in enumerate(names, start=1)
    ]
    path = folder / "rows.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def pixels(pdf: bytes) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    return document[0].render(scale=2).to_pil().convert("L")


def largest_difference(first: bytes, second: bytes) -> int:
    """The largest grey-level difference of any pixel between two one-page PDFs rendered at 144 dpi."""
    one, other = pixels(first), pixels(second)
    assert one.size == other.size
    _low, high = ImageChops.difference(one, other).getextrema()
    return int(high)


def plain(campaign: Path, rows: Path, index: int, **options: object) -> bytes:
    """The variant printed whole, the way a single build prints a handout (no shared page)."""
    checked = check(campaign)
    found = merge_variants(checked.located, rows, None, checked.located.yaml.locate(()))[index]
    pdf, _pages, note, _scale, _warnings = render_document(
        checked, action=found.action, row=found.row.values, isolate=False, **options
    )
    assert note == ""
    return pdf


def test_composed_variants_show_what_a_plain_render_shows(campaign: Path, tmp_path: Path) -> None:
    rows = write_rows(campaign.parent, [MEMBER] * 5)
    notes: list[str] = []
    result = build(
        campaign,
        BuildRequest(papers=("letter",), merge=rows, jobs=2),
        output_dir=tmp_path / "out",
        progress=lambda report, done, total: notes.append(report.note),
    )
    assert len(result.paths) == 5 and notes == [""] * 5
    for index, path in enumerate(sorted(result.paths, key=lambda p: int(re.findall(r"\d+", p.name)[-1]))):
        composed, whole = path.read_bytes(), plain(campaign, rows, index)
        assert largest_difference(composed, whole) <= 16
        assert pypdf.PdfReader(io.BytesIO(composed)).pages[0].extract_text() == (
            pypdf.PdfReader(io.BytesIO(whole)).pages[0].extract_text()
        )
        assert_tagged(composed)
        with pikepdf.open(io.BytesIO(composed)) as document:
            links = [str(a.A.URI) for a in document.pages[0].Annots if "/A" in a and "/URI" in a.A]
            assert f"https://example.org/d-{index + 1}" in links
            with document.open_outline() as outline:
                titles = [str(item.title) for item in walk(outline.root)]
            assert f"Call {MEMBER}" in titles


def walk(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from walk(item.children)


def assert_tagged(pdf: bytes) -> None:
    """Every piece of marked content on the page belongs to exactly one structure element, and every link to
    its element: the structure tree covers what the page draws."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        content = (
            b"".join(part.read_bytes() for part in page.obj.Contents)
            if isinstance(page.obj.Contents, pikepdf.Array)
            else page.obj.Contents.read_bytes()
        )
        drawn = [int(mcid) for mcid in re.findall(rb"<</MCID (\d+)>>", content)]
        assert len(drawn) == len(set(drawn)), "a marked-content number appears twice on the page"
        numbers = document.Root.StructTreeRoot.ParentTree.Nums
        mapping = dict(zip(list(numbers)[::2], list(numbers)[1::2], strict=True))
        page_entries = mapping[int(page.obj.StructParents)]
        for mcid in drawn:
            assert mcid < len(page_entries) and isinstance(page_entries[mcid], pikepdf.Dictionary)
        for annotation in page.obj.get("/Annots", []):
            assert isinstance(mapping[int(annotation.StructParent)], pikepdf.Dictionary)


def test_the_output_does_not_depend_on_which_row_made_the_shared_page(campaign: Path) -> None:
    rows = write_rows(campaign.parent, [MEMBER] * 4)
    checked = check(campaign)
    found = merge_variants(checked.located, rows, None, checked.located.yaml.locate(()))
    outputs = []
    for first in (0, 2):
        variable._BASES.clear()
        document._VARIANT_SCALES.clear()
        render_document(checked, action=found[first].action, row=found[first].row.values, isolate=False, batch="t")
        pdf, _pages, note, _scale, _warnings = render_document(
            checked, action=found[3].action, row=found[3].row.values, isolate=False, batch="t"
        )
        assert note == ""
        outputs.append(pdf)
    assert outputs[0] == outputs[1]


def test_a_batch_is_byte_identical_whatever_the_number_of_workers(campaign: Path, tmp_path: Path) -> None:
    rows = write_rows(campaign.parent, [MEMBER] * 4)
    builds = []
    for workers in (1, 2):
        result = build(
            campaign, BuildRequest(papers=("a4",), merge=rows, jobs=workers), output_dir=tmp_path / str(workers)
        )
        builds.append({path.name: path.read_bytes() for path in result.paths})
    assert builds[0] == builds[1]


def test_a_shop_variant_is_composed_and_shares_the_colour_profile(campaign: Path) -> None:
    rows = write_rows(campaign.parent, [MEMBER] * 3)
    checked = check(campaign)
    found = merge_variants(checked.located, rows, None, checked.located.yaml.locate(()))
    variable._BASES.clear()
    for variant in found:
        composed, _pages, note, _scale, _warnings = render_document(
            checked, action=variant.action, row=variant.row.values, edition=SHOP, isolate=False, batch="shop"
        )
        assert note == ""
    whole = plain(campaign, rows, 2, edition=SHOP)
    assert largest_difference(composed, whole) <= 16
    with pikepdf.open(io.BytesIO(composed)) as document:
        profiles = [
            obj
            for obj in document.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Type") != "/ObjStm" and "/N" in obj
        ]
        assert len(profiles) == 1, "the CMYK profile is embedded once"


def test_a_row_whose_call_to_action_wraps_differently_gets_its_own_shared_page(campaign: Path, tmp_path: Path) -> None:
    rows = write_rows(campaign.parent, ["Example Member 1 (EXAMPLE DATA)", LONGER, LONGER])
    notes: dict[str, str] = {}
    result = build(
        campaign,
        BuildRequest(papers=("letter",), merge=rows, jobs=1),
        output_dir=tmp_path / "out",
        progress=lambda report, done, total: notes.update({report.path.name: report.note}),
    )
    assert set(notes.values()) == {""}
    for index, name in enumerate(("-1-letter.pdf", "-2-letter.pdf", "-3-letter.pdf")):
        path = next(path for path in result.paths if path.name.endswith(name))
        assert largest_difference(path.read_bytes(), plain(campaign, rows, index)) <= 16


def test_a_template_that_prints_the_row_elsewhere_is_printed_in_full(campaign: Path, tmp_path: Path) -> None:
    rows = write_rows(campaign.parent, [MEMBER, MEMBER])
    templates = campaign.parent / "templates"
    templates.mkdir()
    builtin = TEMPLATES_DIR / "onepager.html"
    text = builtin.read_text(encoding="utf-8").replace(
        "{{ parts.document_start() }}", "{{ parts.document_start() }}<!-- {{ row.district }} -->"
    )
    (templates / "onepager.html").write_text(text, encoding="utf-8")
    notes: list[str] = []
    build(
        campaign,
        BuildRequest(papers=("letter",), merge=rows, jobs=1),
        output_dir=tmp_path / "out",
        progress=lambda report, done, total: notes.append(report.note),
    )
    assert any("changes more than its call to action" in note for note in notes)


def test_split_finds_the_one_variable_region_and_its_end() -> None:
    html = '<body><div><section class="a" data-variable><section>x</section><p>y</p></section></div></body>'
    split = regions.split_html(html)
    assert split is not None
    assert split.content == "<section>x</section><p>y</p>"
    assert split.after == "</section></div></body>"
    assert regions.split_html(html.replace("<div>", '<div data-variable="">')) is None
    assert regions.split_html("<body><p>none</p></body>") is None
    fragment = regions.fragment_html(split, "<p>z</p>")
    assert fragment == (
        '<body><div data-fragment-chain><section class="a" data-variable><p>z</p></section></div></body></html>'
    )
