"""Every layout in every language: the example builds in all seven layouts in each of its nine translations
(the layouts take the longer text the way a designer would: see tests/produce/test_fitting.py), each PDF says
its language (the bilingual sheet says English, its front's; its back is tagged with the translation's), and
each script's own rules hold on the page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2
import pytest

from factsheet.pipeline import BuildRequest, build
from factsheet.press.editions import HOME
from factsheet.press.layouts import LAYOUTS
from factsheet.press.text_extent import text_beyond_bounds
from factsheet.render.segment import WORD_JOINER, keep_han_words
from factsheet.resources import EXAMPLE_SHEET

LANGUAGES = ("es", "zh-Hant", "ru", "bn", "ht", "ko", "ar", "ur", "fr", "pl")
HAS_PDFTOTEXT = subprocess.run(["which", "pdftotext"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def every_output(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    output = tmp_path_factory.mktemp("every")
    request = BuildRequest(papers=("letter",), layouts=tuple(LAYOUTS), languages=LANGUAGES)
    built = build(EXAMPLE_SHEET, request, output_dir=output)
    found = {}
    for path in built.paths:
        code = next(code for code in sorted(LANGUAGES, key=len, reverse=True) if f"banthescan-{code}-" in path.name)
        layout = next((name for name in LAYOUTS if f"-{name}-" in path.name), "onepager")
        found[code, layout] = path
    return found


def test_every_layout_builds_in_every_language_and_says_its_language(every_output: dict[tuple[str, str], Path]) -> None:
    assert set(every_output) == {(code, layout) for code in LANGUAGES for layout in LAYOUTS}
    for (code, layout), path in every_output.items():
        with pikepdf.open(path) as document:
            expected = "en" if LAYOUTS[layout].bilingual else code
            assert str(document.Root.Lang) == expected, path.name


def test_a_chinese_headline_breaks_between_words(every_output: dict[tuple[str, str], Path]) -> None:
    marked = keep_han_words("禁止紐約警方使用人臉辨識")
    assert marked.split(WORD_JOINER) == ["禁", "止紐", "約警", "方使", "用人", "臉辨", "識"]
    between_words = {0, 2, 4, 6, 8, 10, 12}
    document = pypdfium2.PdfDocument(every_output["zh-Hant", "trifold"])
    text = document[0].get_textpage().get_text_range()
    lines = [line.strip() for line in text.splitlines() if re.fullmatch(r"[\u4e00-\u9fff]+", line.strip())]
    title = "禁止紐約警方使用人臉辨識"
    headline = [line for line in lines if title.startswith(line) or title.endswith(line)]
    assert len(headline) >= 2, lines
    assert all(len(line) in between_words for line in headline if title.startswith(line))


def test_the_korean_cover_line_stays_inside_its_panel(every_output: dict[tuple[str, str], Path]) -> None:
    pdf = every_output["ko", "trifold"]
    folds = LAYOUTS["trifold"].fold_lines("letter")
    assert text_beyond_bounds(pdf.read_bytes(), pdf, [(0.0, 0.0, 792.0, 612.0)] * 2, HOME, folds) == []


@pytest.mark.skipif(not HAS_PDFTOTEXT, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("code", ["ar", "ur"])
def test_endnote_marks_keep_their_order_in_right_to_left_text(
    every_output: dict[tuple[str, str], Path], code: str
) -> None:
    pdf = every_output[code, "trifold"]
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "¹,²,³,⁴" in text and "⁴,³,²,¹" not in text


@pytest.mark.skipif(not HAS_PDFTOTEXT, reason="needs pdftotext (poppler-utils)")
def test_bengali_copies_out_as_written(every_output: dict[tuple[str, str], Path]) -> None:
    """Pre-base vowel signs drawn before their consonant read back in their written order (/ActualText)."""
    from babel.messages.pofile import read_po

    with (EXAMPLE_SHEET.parent / "translations" / "bn.po").open("rb") as po:
        story = next(message.string for message in read_po(po) if message.context == "sections[0].text")
    pdf = every_output["bn", "trifold"]
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True).stdout
    flowing = " ".join(text.replace("\u2060", "").split())
    first_sentence = story.split("।")[0]
    assert " ".join(first_sentence.split()) in flowing
