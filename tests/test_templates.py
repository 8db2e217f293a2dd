"""A campaign's own templates: they replace built-ins by name, and run in a sandbox that holds.

Each hostile template must end in a user error naming the template file and line, with nothing written.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build
from factsheet.resources import TEMPLATES_DIR
from tests.conftest import line_of


def with_template(campaign: Path, html: str, css: str | None = None) -> Path:
    folder = campaign.parent / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "onepager.html").write_text(html, encoding="utf-8")
    if css is not None:
        (folder / "onepager.css").write_text(css, encoding="utf-8")
    return folder


def refused(campaign: Path, tmp_path: Path) -> str:
    output = tmp_path / "out"
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",)), output_dir=output)
    assert not output.exists()
    (problem,) = caught.value.problems
    return f"{str(problem.location).rsplit('/', 1)[-1]}: {problem.message}"


def test_a_campaign_template_replaces_the_built_in_one(campaign: Path, tmp_path: Path) -> None:
    with_template(campaign, "<html lang='en'><title>{{ sheet.title }}</title><p>Ours: {{ sheet.tag }}</p></html>")
    (pdf,) = build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out").paths
    assert "Ours: #BantheScan" in PdfReader(pdf).pages[0].extract_text()


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<p>\n{{ cycler.__init__.__globals__.os }}</p>",
            "onepager.html:2: template error: access to attribute '__init__' of 'type' object is unsafe.",
        ),
        (
            "{{ ''.__class__.__mro__ }}",
            "onepager.html:1: template error: access to attribute '__class__' of 'str' object is unsafe.",
        ),
        (
            "{{ ('{0.__init__.__globals__}'|attr('format'))(cycler) }}",
            "onepager.html:1: template error: access to attribute '__init__' of 'type' object is unsafe.",
        ),
        ("<p>\n\n{{ sheet.title|safe }}</p>", "onepager.html:3: template syntax: No filter named 'safe'."),
        (
            "<p>{{ sheet.titel }}</p>",
            "onepager.html:1: template error: 'factsheet.sheet.model.Sheet object' has no attribute 'titel'",
        ),
        (
            "{{ 'x' * 50000000 }}",
            "onepager.html:1: template error: the template makes a text larger than factsheet allows",
        ),
        (
            "{% for i in range(99999) %}{{ sheet.title }}{% endfor %}",
            "onepager.html:1: template error: the template's output is larger than 2,000,000 characters",
        ),
        (
            "{% include '../../../etc/passwd' %}",
            "onepager.html:1: template not found: ../../../etc/passwd (template names are plain file names such as "
            "'card.html')",
        ),
    ],
    ids=["globals", "class-mro", "attr-format", "safe", "undefined", "string-bomb", "output-cap", "traversal"],
)
def test_hostile_templates_are_refused_with_their_line(
    campaign: Path, tmp_path: Path, html: str, expected: str
) -> None:
    with_template(campaign, html)
    assert refused(campaign, tmp_path) == expected


def test_symlink_out_of_the_template_folder_is_refused(campaign: Path, tmp_path: Path) -> None:
    folder = with_template(campaign, "{% include 'evil.html' %}")
    (folder / "evil.html").symlink_to("/etc/passwd")
    assert refused(campaign, tmp_path).endswith("template error: evil.html is a link to a file outside templates/")


@pytest.mark.parametrize(
    "reference",
    [
        '<link rel="attachment" href="file:///etc/passwd">',
        '<a rel="attachment" href="file:///etc/passwd">x</a>',
        '<img src="http://127.0.0.1:9/pixel.png" alt="">',
        '<img src="../../../../../../etc/hostname" alt="">',
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="file:///etc/passwd"/></svg>',
        '<img alt="" src="data:image/svg+xml;utf8,&lt;svg xmlns=%22http://www.w3.org/2000/svg%22&gt;'
        '&lt;image href=%22file:///etc/hostname%22 width=%221%22 height=%221%22/&gt;&lt;/svg&gt;">',
    ],
    ids=["link-attachment", "a-attachment", "http", "relative-escape", "svg-image", "svg-in-data-uri"],
)
def test_template_references_outside_the_campaign_stop_the_build(
    campaign: Path, tmp_path: Path, reference: str
) -> None:
    with_template(campaign, f"<html><body><p>x</p>{reference}</body></html>")
    assert "the handout refers to a file factsheet will not read" in refused(campaign, tmp_path)


@pytest.mark.parametrize(
    "css",
    [
        '@import url("file:///etc/passwd");',
        "@font-face { font-family: X; src: url(http://127.0.0.1:9/x.ttf); } p { font-family: X; }",
        "body { background: url(file:///etc/hostname); }",
    ],
    ids=["import", "font-face-http", "background-file"],
)
def test_campaign_css_references_outside_stop_the_build(campaign: Path, tmp_path: Path, css: str) -> None:
    with_template(campaign, "<html><body><p>{{ sheet.title }}</p></body></html>", css=css)
    assert "the handout refers to a file factsheet will not read" in refused(campaign, tmp_path)


def test_a_theme_brings_its_own_font_and_logo(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    """Fonts from the campaign folder are embedded under their family name; a family the theme does not have
    and a file that is not a font are errors with their line."""
    campaign = edit_sheet(
        "keywords: [",
        "theme:\n  fonts:\n    - {family: Campaign Sans, file: fonts/campaign.otf}\n  body_font: Campaign Sans\n"
        "  logo: {file: logo.svg, alt: A square (test logo)}\nkeywords: [",
    )
    (campaign.parent / "fonts").mkdir()
    shutil.copy(TEMPLATES_DIR / "fonts" / "Inter-Italic.otf", campaign.parent / "fonts" / "campaign.otf")
    (campaign.parent / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>',
        encoding="utf-8",
    )
    (pdf,) = build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out").paths
    with pikepdf.open(pdf) as document:
        names = {str(font.BaseFont).split("+")[-1] for font in document.pages[0].Resources.Font.values()}
        alts = [str(obj.Alt) for obj in document.objects if isinstance(obj, pikepdf.Dictionary) and "/Alt" in obj]
    assert "A square (test logo)" in alts, "the theme's logo is in the PDF with its alt text"
    assert "Campaign-Sans" in names and "Inter" not in names
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(text.replace("body_font: Campaign Sans", "body_font: Campaign Serif"), encoding="utf-8")
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "bad")
    (problem,) = caught.value.problems
    assert (
        problem.message
        == "'theme' names no font family 'Campaign Serif' (there are: Inter, Inter Display, Campaign Sans)"
    )
    campaign.write_text(text.replace("fonts/campaign.otf", "logo.svg"), encoding="utf-8")
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "bad")
    (problem,) = caught.value.problems
    assert problem.message == "'logo.svg' is not an OpenType, TrueType or WOFF font"
    assert problem.location.line == line_of(campaign, "file: logo.svg}")
