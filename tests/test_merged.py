"""The merged print file of a mail merge (#30): the shared page stored once, one font per face, each record
pixel-equal to its own PDF, and for a print shop a PDF/VT-1 document part per row with the row's values."""

from __future__ import annotations

import csv
from io import BytesIO
from pathlib import Path

import pikepdf
import pypdf
import pypdfium2
import pytest
from PIL import ImageChops, ImageStat

from factsheet.pipeline import build
from factsheet.press.document_parts import SHARED, read_back
from factsheet.resources import EXAMPLE_SHEET

ROWS = EXAMPLE_SHEET.parent / "merge-example.csv"


def rendered(pdf: bytes, index: int) -> object:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[index].render(scale=100 / 72).to_pil().convert("RGB")
    finally:
        document.close()


@pytest.fixture(scope="module", params=["shop", None])
def merge(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], str]:
    folder = tmp_path_factory.mktemp("merge")
    result = build(EXAMPLE_SHEET, merge=ROWS, combine=True, edition=request.param, output_dir=folder)
    merged = next(path for path in result.paths if "-merged-" in path.name)
    variants = [path for path in result.paths if path != merged]
    return merged, variants, request.param or "home"


def test_each_record_of_the_merged_file_prints_as_its_own_pdf(merge: tuple[Path, list[Path], str]) -> None:
    merged, variants, _edition = merge
    data = merged.read_bytes()
    assert len(variants) == 3
    for index, variant in enumerate(variants):
        alone = variant.read_bytes()
        difference = ImageChops.difference(rendered(data, index), rendered(alone, 0))  # type: ignore[arg-type]
        assert ImageStat.Stat(difference).mean == [0.0, 0.0, 0.0], f"record {index + 1} differs from its PDF"
        ours = pypdf.PdfReader(BytesIO(data)).pages[index].extract_text()
        theirs = pypdf.PdfReader(BytesIO(alone)).pages[0].extract_text()
        assert sorted(ours.splitlines()) == sorted(theirs.splitlines()), (
            "the same text (the record's part is drawn last)"
        )


def test_the_shared_page_and_each_face_are_stored_once(merge: tuple[Path, list[Path], str]) -> None:
    merged, variants, _edition = merge
    pages, forms, _parts = read_back(merged.read_bytes())
    assert (pages, forms) == (3, 1)
    with pikepdf.open(merged) as document:
        form_streams = [
            obj for obj in document.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form"
        ]
        font_files = [
            obj
            for obj in document.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"
        ]
        assert len(form_streams) == 1
        assert all(SHARED in page.Resources.XObject for page in document.pages)
    with pikepdf.open(variants[0]) as one:
        faces = {str(font.BaseFont) for font in one.pages[0].Resources.Font.values()}
    assert len(font_files) == len(faces), "one font per face, not one per record"
    assert merged.stat().st_size < 1.2 * variants[0].stat().st_size


def test_a_print_shops_merged_file_is_pdf_vt_with_a_part_per_row(merge: tuple[Path, list[Path], str]) -> None:
    merged, _variants, edition = merge
    _pages, _forms, parts = read_back(merged.read_bytes())
    if edition != "shop":
        assert parts == []
        return
    with ROWS.open(encoding="utf-8") as rows:
        assert parts == list(csv.DictReader(rows))
    with pikepdf.open(merged) as document:
        nodes = list(document.Root.DPartRoot.DPartRootNode.DParts[0])
        assert [page.DPart.objgen for page in document.pages] == [node.objgen for node in nodes]
        assert [node.Start.objgen for node in nodes] == [page.objgen for page in document.pages]
        with document.open_metadata() as metadata:
            assert metadata.get("pdfvtid:GTS_PDFVTVersion") == "PDF/VT-1"
        assert "/OutputIntents" in document.Root
