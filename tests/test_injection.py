"""Hostile text in every field of a sheet: shown literally, never interpreted, never a crash.

Sheets travel between volunteers and partner groups. Markup in any text field must print as the characters
typed: no attachment, no file link, no fetched resource. And no text at all may crash the tool: the only
exception allowed out is factsheet's own user error.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build, check
from factsheet.render.html import render_html
from factsheet.render.pdf import render_pdf
from factsheet.resources import EXAMPLE_SHEET, TEMPLATES_DIR

PAYLOAD = (
    '<link rel="attachment" href="file:///etc/passwd"><img src="file:///etc/hostname">'
    "<style>@import url(file:///etc/passwd); body{display:none}</style>{{ 7*7 }}</p>"
)
NOT_FREE_TEXT = {"slug", "language", "as_of", "source", "url", "website", "ink", "accent", "paper", "tint"}


def text_fields(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every free-text value in the sheet data (identifiers, dates, addresses, colours excepted)."""
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in text_fields(value, (*path, key))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in text_fields(value, (*path, index))]
    return [path] if isinstance(data, str) and path[-1] not in NOT_FREE_TEXT and "outputs" not in path else []


def set_at(data: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


EXAMPLE_DATA = yaml.safe_load(EXAMPLE_SHEET.read_text(encoding="utf-8"))
FIELDS = text_fields(EXAMPLE_DATA)


def write_campaign(folder: Path, data: Any) -> Path:
    shutil.copytree(EXAMPLE_SHEET.parent, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("output"))
    sheet = folder / "sheet.yaml"
    sheet.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return sheet


def test_there_are_many_text_fields() -> None:
    assert len(FIELDS) > 40


def test_markup_in_every_field_prints_literally(tmp_path: Path) -> None:
    """Rendered with the page limit lifted: this much text cannot fit one page, and that is not the point."""
    data = yaml.safe_load(EXAMPLE_SHEET.read_text(encoding="utf-8"))
    for path in FIELDS:
        set_at(data, path, PAYLOAD)
    sheet = write_campaign(tmp_path / "campaign", data)
    checked = check(sheet)
    rendered = render_html(checked.located, checked.sources, checked.files, draft=True)
    pdf = tmp_path / "markup.pdf"
    pdf.write_bytes(
        render_pdf(
            replace(rendered, pages=None),
            allowed_roots=(TEMPLATES_DIR, sheet.parent),
            origin=sheet,
        )
    )
    reader = PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "<link rel=" in text.replace("\n", "") and "{{ 7*7 }}" in text.replace("\n", "")
    assert reader.attachments == {}
    raw = pdf.read_bytes()
    assert b"/EmbeddedFile" not in raw and b"root:" not in raw
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            assert annotation.get("/Subtype") == "/Link"
            assert not str(annotation["/A"].get("/URI", "")).startswith("file:")


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fields")


@settings(max_examples=150, deadline=None)
@given(field=st.sampled_from(FIELDS), value=st.text(max_size=200))
def test_any_text_in_any_field_gives_a_result_or_a_user_error(
    fuzz_root: Path, field: tuple[Any, ...], value: str
) -> None:
    data = yaml.safe_load(EXAMPLE_SHEET.read_text(encoding="utf-8"))
    set_at(data, field, value)
    folder = Path(tempfile.mkdtemp(dir=fuzz_root))
    try:
        result = check(write_campaign(folder, data))
        rendered = render_html(result.located, result.sources, result.files)
    except FactsheetError as error:
        assert error.problems
    else:
        assert "<script" not in rendered.html.lower(), "text from the sheet is escaped, never markup"
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("a\u202eb", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("bell\u0007", "U+0007 unnamed character"),
        ("esc\u001b[31m", "U+001B unnamed character"),
        ("n\u200bot", "U+200B ZERO WIDTH SPACE"),
        ("soft\u00adhyphen", "U+00AD SOFT HYPHEN"),
    ],
)
def test_invisible_control_characters_are_refused_with_their_line(value: str, code: str, tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE_SHEET.read_text(encoding="utf-8"))
    data["subtitle"] = value
    sheet = write_campaign(tmp_path / "campaign", data)
    with pytest.raises(FactsheetError) as caught:
        build(sheet, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.message == (
        f"'subtitle' contains an invisible character ({code}): it prints as nothing but changes what the text says"
    )
    assert problem.location.line == 2
    assert not (tmp_path / "out").exists()
