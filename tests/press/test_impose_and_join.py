"""Two-up imposition and joining PDFs (press/impose.py, press/concatenate.py) on PDFs made here, without
rendering: each keeps what a print shop and a screen reader rely on."""

from __future__ import annotations

from io import BytesIO

import pikepdf

from factsheet.pdf_matrix import page_content
from factsheet.press.concatenate import concatenate, page_count
from factsheet.press.impose import two_up
from factsheet.press.layouts import PAPERS


def flyer(pages: int = 1, *, tagged: bool = False, width: float = 396, height: float = 612) -> bytes:
    document = pikepdf.new()
    for number in range(pages):
        document.add_blank_page(page_size=(width, height))
        content = f"0 0 1 rg 10 10 {50 + number} 50 re f".encode()
        document.pages[-1].contents_add(pikepdf.Stream(document, content))
    if tagged:
        document.Root.StructTreeRoot = document.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        document.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        for page in document.pages:
            page.obj.StructParents = 0
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_two_up_puts_the_flyer_twice_side_by_side_on_the_landscape_sheet() -> None:
    sheet = PAPERS["letter"].sheet.points
    with pikepdf.open(BytesIO(two_up(flyer(), sheet))) as imposed:
        (page,) = imposed.pages
        assert [float(value) for value in page.mediabox] == [0, 0, max(sheet), min(sheet)]
        content = page_content(page)
    assert content.count(b"10 10 50 50 re") == 2, "the flyer is drawn twice"
    middle, height = f"{max(sheet) / 2:g}", f"{min(sheet):g}"
    assert f"[ 4 3 ] 0 d\n{middle} 0 m\n{middle} {height} l\nS".encode() in content, "a dashed cut line between"
    placed = [line for line in content.split(b"\n") if line.endswith(b" cm")]
    assert placed == [b"1 0.0 0.0 1 0.0 0.0 cm", b"1 0.0 0.0 1 396 0.0 cm"], "each copy on its half of the sheet"


def test_joined_pdfs_keep_every_page_in_order_and_drop_the_tag_trees() -> None:
    joined = concatenate([flyer(2, tagged=True), flyer(1, tagged=True)])
    assert page_count(joined) == 3
    with pikepdf.open(BytesIO(joined)) as document:
        assert "/StructTreeRoot" not in document.Root and "/MarkInfo" not in document.Root
        assert all("/StructParents" not in page.obj for page in document.pages)
        widths = [page_content(page).split()[-4] for page in document.pages]
    assert widths == [b"50", b"51", b"50"]
