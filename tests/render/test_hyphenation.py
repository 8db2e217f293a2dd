"""Hyphenation only for words of the language being set: never inside a web address, an e-mail address, a name
or text in another language, and never leaving fewer than three letters on either side."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pytest

from factsheet.errors import Location
from factsheet.pipeline import BuildRequest, build
from factsheet.render.scripts import mark_script_runs
from factsheet.resources import EXAMPLE_SHEET
from factsheet.translate.languages import language

HYPHEN = "\u2010"


def test_names_addresses_and_links_are_marked_to_stay_whole_in_a_hyphenated_language() -> None:
    spanish = language("es", Location.of(Path("sheet.yaml")))
    html = (
        '<html><body><p>en Hell’s Kitchen, su cuenta de Instagram. Escriba a a@b.org o <a href="https://x.org/a">'
        "x.org/a</a> hoy</p></body></html>"
    )
    marked = mark_script_runs(html, spanish)
    assert '<span class="nh">Kitchen,</span>' in marked and '<span class="nh">Instagram.</span>' in marked
    assert '<span class="nh">a@b.org</span>' in marked and '<a href="https://x.org/a">x.org/a</a>' in marked
    assert '<span class="nh">cuenta' not in marked
    assert mark_script_runs(html, language("en", Location.of(Path("sheet.yaml")))) == html, "English keeps its own"


@pytest.mark.skipif(subprocess.run(["which", "pdftotext"], capture_output=True).returncode, reason="no pdftotext")
def test_spanish_handouts_hyphenate_only_spanish_words(tmp_path: Path) -> None:
    request = BuildRequest(papers=("letter",), layouts=("trifold", "twosided"), languages=("es",))
    ends = []
    for pdf in build(EXAMPLE_SHEET, request, output_dir=tmp_path).paths:
        lines = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.splitlines()
        ends += [(line, after) for line, after in itertools.pairwise(lines) if line.endswith(HYPHEN)]
    assert ends, "Spanish running text is hyphenated"
    for line, after in ends:
        before = re.findall(r"\S+", line)[-1].removesuffix(HYPHEN)
        rest = re.match(r"\w+", after)
        assert before[:1].islower() and "/" not in before and "@" not in before, (line, after)
        assert len(before) >= 3 and rest is not None and len(rest.group(0)) >= 3, (line, after)
