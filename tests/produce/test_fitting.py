"""A translation runs longer than its English: a layout takes it the way a designer would, in its smallest type
first, then with the fallback steps its table declares (fewer quotes, then fewer sections), saying what it left
out; English content that does not fit is still refused, with what to shorten."""

from __future__ import annotations

import itertools
from pathlib import Path

from pypdf import PdfReader

from factsheet.pipeline import BuildRequest, build
from factsheet.press.layouts import LAYOUTS
from factsheet.resources import EXAMPLE_SHEET


def test_a_spanish_one_pager_leaves_out_quotes_and_sections_and_says_so(tmp_path: Path) -> None:
    request = BuildRequest(papers=("letter",), layouts=("onepager",), languages=("es",))
    built = build(EXAMPLE_SHEET, request, output_dir=tmp_path)
    (pdf,) = built.paths
    (page,) = PdfReader(pdf).pages
    text = " ".join(page.extract_text().split())
    (warning,) = [w for w in built.render_warnings if "to fit the onepager layout" in w.message]
    assert warning.location.file.endswith("es.po") and warning.severity == "warning"
    shown = warning.message.removeprefix("to fit the onepager layout, the Spanish translation prints ")
    counts = {part.split()[-1]: int(part.split()[2]) for part in shown.split(" and ")}
    assert set(counts) <= {"quotes", "sections"} and counts
    speakers = ["Albert Fox Cahn", "Michael Kleinman", "Brad Hoylman", "Bill de Blasio", "Derrick Ingram"]
    quotes = counts.get("quotes", 5)
    assert all(name in text for name in speakers[:quotes])
    assert not any(name in text.split("En sus palabras")[-1] for name in speakers[quotes:])


def test_each_fallback_step_shows_less_than_the_one_before() -> None:
    for layout in LAYOUTS.values():
        steps = [layout, *layout.shortened()]
        for before, after in itertools.pairwise(steps):
            assert all(after.shows[part] <= before.shows.get(part, 999) for part in after.shows), layout.name
            assert after.shows != before.shows, layout.name


def test_the_mail_merge_takes_the_translation_the_same_way(tmp_path: Path) -> None:
    """`factsheet build --lang es` builds the example's declared outputs, its mail merge included: each
    variant shows what the Spanish one-pager alone shows, and the warning says what was left out."""
    request = BuildRequest(languages=("es",))
    built = build(EXAMPLE_SHEET, request, output_dir=tmp_path)
    variants = [path for path in built.paths if "-district-" in path.name]
    alone = next(path for path in built.paths if path.name == "banthescan-es-letter.pdf")
    assert len(variants) == 3
    speakers = ["Albert Fox Cahn", "Michael Kleinman", "Brad Hoylman", "Bill de Blasio", "Derrick Ingram"]
    plain = " ".join(PdfReader(alone).pages[0].extract_text().split())
    for variant in variants:
        (page,) = PdfReader(variant).pages
        text = " ".join(page.extract_text().split())
        assert [name in text for name in speakers] == [name in plain for name in speakers], variant.name
    assert any("to fit the onepager layout" in warning.message for warning in built.render_warnings)
